/**
 * A participant's agenda as an iCalendar file (RFC 5545) that Outlook, Google Calendar and Apple Calendar import:
 * one VEVENT per meeting, in the event's own time zone (with its VTIMEZONE), so that a delegate flying in from
 * another zone still sees "09:30" as the organisers printed it.
 */
import type { Language } from '../taxonomy/taxonomy.types';
import type { AgendaEvent, AgendaIcsOptions, AgendaMeeting, AgendaParticipant } from './agenda.types';
import { resolveTimeZone, zonedDateTime } from './agenda-time-zone';
import { formatLocalDateTime, vtimezoneLines } from './agenda-vtimezone';

export const DEFAULT_AGENDA_PRODUCT_ID = '-//Lombardia Life Sciences Hub//Hub Match//EN';

const CRLF = '\r\n';
/** RFC 5545 §3.1: lines SHOULD NOT be longer than 75 octets, excluding the line break. */
const MAX_LINE_OCTETS = 75;

const LABELS: Record<Language, { meetingWith: (names: string) => string; meeting: string; table: (n: number) => string; with: string; where: string; id: string }> = {
  en: { meetingWith: (names) => `Meeting with ${names}`, meeting: 'Meeting', table: (n) => `Table ${n}`, with: 'With', where: 'Where', id: 'Meeting id' },
  it: { meetingWith: (names) => `Incontro con ${names}`, meeting: 'Incontro', table: (n) => `Tavolo ${n}`, with: 'Con', where: 'Dove', id: 'Id incontro' },
};

/**
 * A TEXT value (RFC 5545 §3.3.11): backslash, semicolon and comma escaped, every line break as `\n`. Other control
 * characters are not allowed in TEXT at all, so they are dropped rather than producing a file parsers reject.
 */
export function escapeIcsText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n')
    .replace(/[\u0000-\u0008\u000B-\u001F\u007F]/g, '');
}

function utf8Length(codePoint: number): number {
  if (codePoint < 0x80) return 1;
  if (codePoint < 0x800) return 2;
  if (codePoint < 0x10000) return 3;
  return 4;
}

/**
 * Folds one content line at 75 octets (RFC 5545 §3.1): the continuation lines start with a space, which counts
 * towards their 75. Octets, not characters: "Università" is longer in UTF-8 than it looks, and a break is never
 * put inside a character's bytes (iterating code points also keeps surrogate pairs together).
 */
export function foldIcsLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = utf8Length(char.codePointAt(0) as number);
    if (octets + size > MAX_LINE_OCTETS) {
      parts.push(current);
      current = ' ';
      octets = 1;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join(CRLF);
}

/** `20260325T083000Z`. */
function formatUtcDateTime(instant: Date): string {
  const iso = instant.toISOString();
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}T${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
}

/** A parameter value is quoted when it holds `:;,` (RFC 5545 §3.2); a DQUOTE cannot appear in one at all. */
function paramValue(value: string): string {
  const clean = value.replace(/"/g, '');
  return /[:;,]/.test(clean) ? `"${clean}"` : clean;
}

const isLink = (value: string) => /^https?:\/\/\S+$/i.test(value);

/** A meeting with an unreadable or inverted time is a bug upstream; exporting it would hide that. */
export function assertAgendaMeeting(meeting: AgendaMeeting): void {
  const start = meeting.start.getTime();
  const end = meeting.end.getTime();
  if (Number.isNaN(start) || Number.isNaN(end)) throw new RangeError(`meeting ${meeting.id} has an invalid start or end`);
  if (end <= start) throw new RangeError(`meeting ${meeting.id} ends before it starts`);
}

/** Chronological, then by table and id, so that the same schedule always gives the same file. */
export function compareAgendaMeetings(a: AgendaMeeting, b: AgendaMeeting): number {
  return a.start.getTime() - b.start.getTime() || a.table - b.table || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Where a meeting happens, in words: the room link or label if there is one, else "Table 7" (plus the venue). */
export function meetingLocation(event: AgendaEvent, meeting: AgendaMeeting, language: Language = 'en'): string {
  const label = meeting.tableLabel?.trim();
  if (label && isLink(label)) return label;
  const place = label || LABELS[language].table(meeting.table);
  const venue = event.venue?.trim();
  return venue ? `${place}, ${venue}` : place;
}

/**
 * The agenda of `participant`: every meeting of `meetings` it takes part in (others are ignored, so the caller may
 * pass the whole schedule). Output is deterministic for the same input and `options.now`.
 */
export function agendaToIcs(event: AgendaEvent, participant: AgendaParticipant, meetings: readonly AgendaMeeting[], options: AgendaIcsOptions): string {
  const tzid = resolveTimeZone(event.timeZone);
  const language = options.language ?? 'en';
  const labels = LABELS[language];
  const mine = meetings.filter((m) => m.participants.some((p) => p.id === participant.id));
  mine.forEach(assertAgendaMeeting);
  mine.sort(compareAgendaMeetings);

  // The VTIMEZONE must cover every meeting; an empty agenda still names its zone (X-WR-TIMEZONE), so cover today.
  const years = (mine.length > 0 ? mine.flatMap((m) => [m.start, m.end]) : [options.now]).map((d) => zonedDateTime(d, tzid).year);
  const dtstamp = formatUtcDateTime(options.now);

  const lines: string[] = [
    'BEGIN:VCALENDAR',
    `PRODID:${options.productId ?? DEFAULT_AGENDA_PRODUCT_ID}`,
    'VERSION:2.0',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeIcsText(`${event.name} – ${participant.name}`)}`,
    `X-WR-TIMEZONE:${tzid}`,
    ...vtimezoneLines(tzid, Math.min(...years), Math.max(...years)),
  ];

  for (const meeting of mine) {
    const counterparts = meeting.participants.filter((p) => p.id !== participant.id).map((p) => p.name);
    const location = meetingLocation(event, meeting, language);
    const description = [
      event.name,
      ...(counterparts.length > 0 ? [`${labels.with}: ${counterparts.join(', ')}`] : []),
      `${labels.where}: ${location}`,
      `${labels.id}: ${meeting.id}`,
    ].join('\n');
    const label = meeting.tableLabel?.trim();
    lines.push(
      'BEGIN:VEVENT',
      // The same meeting has the same UID in both participants' files and across re-exports: clients update it.
      `UID:${meeting.id}@hubmatch`,
      `DTSTAMP:${dtstamp}`,
      `DTSTART;TZID=${paramValue(tzid)}:${formatLocalDateTime(zonedDateTime(meeting.start, tzid))}`,
      `DTEND;TZID=${paramValue(tzid)}:${formatLocalDateTime(zonedDateTime(meeting.end, tzid))}`,
      `SUMMARY:${escapeIcsText(counterparts.length > 0 ? labels.meetingWith(counterparts.join(', ')) : labels.meeting)}`,
      `LOCATION:${escapeIcsText(location)}`,
      `DESCRIPTION:${escapeIcsText(description)}`,
      ...(label && isLink(label) ? [`URL:${label}`] : []),
      `SEQUENCE:${options.sequence ?? 0}`,
      'STATUS:CONFIRMED',
      'TRANSP:OPAQUE',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldIcsLine).join(CRLF) + CRLF;
}
