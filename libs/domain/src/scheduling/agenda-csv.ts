/**
 * The schedule as spreadsheets for organisers: one CSV of the whole event, and one sheet per table to print and
 * leave on it. Times are local to the event's time zone, because that is what the room's clocks show.
 *
 * Files are RFC 4180 (CRLF rows, cells quoted when they hold a quote, comma or line break) and safe to open in a
 * spreadsheet: organisation names come from users, and a name starting with `=` would otherwise run as a formula
 * (CSV injection), so such cells get a leading apostrophe.
 */
import type { AgendaCsvOptions, AgendaEvent, AgendaMeeting, TableSheet, TableSheetSlot } from './agenda.types';
import { assertAgendaMeeting, compareAgendaMeetings, meetingLocation } from './agenda-ics';
import { resolveTimeZone, zonedDateTime, type LocalDateTime } from './agenda-time-zone';

const CRLF = '\r\n';
const BOM = '\uFEFF';

export const EVENT_SCHEDULE_CSV_HEADER = ['date', 'start', 'end', 'table', 'room', 'participants', 'meeting_id'] as const;
export const TABLE_SHEET_CSV_HEADER = ['date', 'start', 'end', 'participants', 'meeting_id'] as const;

/** Names inside one cell are separated as list cells are in the platform's CSV imports. */
const LIST_SEPARATOR = '; ';

/**
 * Characters that make Excel, LibreOffice or Google Sheets read a cell as a formula (OWASP's list, tab and carriage
 * return included because some programs strip them before looking at the next character).
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell: guarded against formula injection, then quoted per RFC 4180 if it needs it. */
export function csvCell(value: string | number): string {
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csvText(rows: ReadonlyArray<ReadonlyArray<string | number>>, options: AgendaCsvOptions): string {
  const body = rows.map((row) => row.map(csvCell).join(',') + CRLF).join('');
  return options.bom ? BOM + body : body;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const localDate = (t: LocalDateTime) => `${pad(t.year, 4)}-${pad(t.month)}-${pad(t.day)}`;
const localTime = (t: LocalDateTime) => `${pad(t.hour)}:${pad(t.minute)}`;

function sortedMeetings(meetings: readonly AgendaMeeting[]): AgendaMeeting[] {
  meetings.forEach(assertAgendaMeeting);
  return [...meetings].sort(compareAgendaMeetings);
}

function slotOf(meeting: AgendaMeeting, timeZone: string): TableSheetSlot {
  const start = zonedDateTime(meeting.start, timeZone);
  return {
    meetingId: meeting.id,
    date: localDate(start),
    start: localTime(start),
    end: localTime(zonedDateTime(meeting.end, timeZone)),
    participants: meeting.participants.map((p) => p.name),
  };
}

/**
 * Every meeting of the event, one row each in time order (then by table), with the header
 * `date,start,end,table,room,participants,meeting_id`. `room` is the table's label or virtual room link, when set.
 */
export function eventScheduleToCsv(event: AgendaEvent, meetings: readonly AgendaMeeting[], options: AgendaCsvOptions = {}): string {
  const timeZone = resolveTimeZone(event.timeZone);
  const rows = sortedMeetings(meetings).map((meeting) => {
    const slot = slotOf(meeting, timeZone);
    return [slot.date, slot.start, slot.end, meeting.table, meeting.tableLabel?.trim() ?? '', slot.participants.join(LIST_SEPARATOR), meeting.id];
  });
  return csvText([EVENT_SCHEDULE_CSV_HEADER, ...rows], options);
}

/** One sheet per table that has meetings, by table number; each lists its meetings in time order. */
export function tableSheets(event: AgendaEvent, meetings: readonly AgendaMeeting[], options: AgendaCsvOptions = {}): TableSheet[] {
  const timeZone = resolveTimeZone(event.timeZone);
  const byTable = new Map<number, AgendaMeeting[]>();
  for (const meeting of sortedMeetings(meetings)) byTable.set(meeting.table, [...(byTable.get(meeting.table) ?? []), meeting]);
  return [...byTable.entries()]
    .sort(([a], [b]) => a - b)
    .map(([table, tableMeetings]) => {
      const slots = tableMeetings.map((m) => slotOf(m, timeZone));
      const rows = slots.map((s) => [s.date, s.start, s.end, s.participants.join(LIST_SEPARATOR), s.meetingId]);
      // The sheet's title is the place without the venue: the sheet already lies on the table at the venue.
      const label = meetingLocation({ ...event, venue: null }, tableMeetings[0]);
      return { table, label, slots, csv: csvText([TABLE_SHEET_CSV_HEADER, ...rows], options) };
    });
}
