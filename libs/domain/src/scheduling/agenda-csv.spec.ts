import { parse } from 'csv-parse/sync';
import { csvCell, eventScheduleToCsv, tableSheets } from './agenda-csv';
import type { AgendaEvent, AgendaMeeting, AgendaParticipant } from './agenda.types';

const rome: AgendaEvent = { id: 'ev-1', name: 'Meet in Italy for Life Sciences', timeZone: 'Europe/Rome', venue: 'MiCo Milano' };
const acme: AgendaParticipant = { id: 'org-acme', name: 'Acme Bio' };
const fund: AgendaParticipant = { id: 'org-fund', name: 'Lombardy Ventures' };
const irccs: AgendaParticipant = { id: 'org-irccs', name: 'IRCCS San Raffaele' };

function meeting(id: string, startIso: string, minutes: number, table: number, participants: AgendaParticipant[], tableLabel?: string): AgendaMeeting {
  const start = new Date(startIso);
  return { id, start, end: new Date(start.getTime() + minutes * 60_000), table, participants, tableLabel };
}

/** Parsed with csv-parse in strict RFC 4180 mode, so a quoting mistake fails the parse instead of shifting cells. */
function read(csv: string): string[][] {
  return parse(csv, { bom: true, relax_quotes: false, relax_column_count: false, record_delimiter: '\r\n' }) as string[][];
}

describe('eventScheduleToCsv', () => {
  it('writes one row per meeting in time order, with dates and times local to the event zone', () => {
    const csv = eventScheduleToCsv(rome, [
      meeting('m-3', '2026-03-30T07:30:00Z', 30, 2, [acme, irccs]), // Monday 09:30 CEST
      meeting('m-2', '2026-03-27T08:30:00Z', 30, 7, [fund, irccs]), // Friday 09:30 CET, table 7
      meeting('m-1', '2026-03-27T08:30:00Z', 30, 3, [acme, fund]), // same time, table 3 comes first
      meeting('m-4', '2026-03-28T22:45:00Z', 30, 1, [acme, fund]), // 23:45 CET local, ending after midnight
    ]);
    expect(read(csv)).toEqual([
      ['date', 'start', 'end', 'table', 'room', 'participants', 'meeting_id'],
      ['2026-03-27', '09:30', '10:00', '3', '', 'Acme Bio; Lombardy Ventures', 'm-1'],
      ['2026-03-27', '09:30', '10:00', '7', '', 'Lombardy Ventures; IRCCS San Raffaele', 'm-2'],
      ['2026-03-28', '23:45', '00:15', '1', '', 'Acme Bio; Lombardy Ventures', 'm-4'],
      ['2026-03-30', '09:30', '10:00', '2', '', 'Acme Bio; IRCCS San Raffaele', 'm-3'],
    ]);
  });

  it('uses the event zone, not the machine’s: the same instants in New York', () => {
    const csv = eventScheduleToCsv({ ...rome, timeZone: 'America/New_York' }, [meeting('m-1', '2026-03-27T13:30:00Z', 30, 1, [acme, fund])]);
    expect(read(csv)[1].slice(0, 3)).toEqual(['2026-03-27', '09:30', '10:00']);
  });

  it('ends every record with CRLF and adds a BOM only when asked', () => {
    const meetings = [meeting('m-1', '2026-05-20T07:30:00Z', 30, 1, [acme, fund])];
    const plain = eventScheduleToCsv(rome, meetings);
    expect(plain.startsWith('date,')).toBe(true);
    expect(plain).toBe('date,start,end,table,room,participants,meeting_id\r\n2026-05-20,09:30,10:00,1,,Acme Bio; Lombardy Ventures,m-1\r\n');
    const withBom = eventScheduleToCsv(rome, meetings, { bom: true });
    expect(withBom).toBe(`\uFEFF${plain}`);
    expect(read(withBom)).toEqual(read(plain));
  });

  it('quotes cells with quotes, commas and line breaks, and they read back unchanged', () => {
    const odd: AgendaParticipant = { id: 'org-odd', name: 'Bio "Nova", S.r.l.\nDivisione\r\nNord' };
    const csv = eventScheduleToCsv(rome, [meeting('m-1', '2026-05-20T07:30:00Z', 30, 4, [odd, fund], 'Sala "A", piano 1')]);
    expect(csv).toContain('"Bio ""Nova"", S.r.l.\nDivisione\r\nNord; Lombardy Ventures"');
    const [, row] = read(csv);
    expect(row[4]).toBe('Sala "A", piano 1');
    expect(row[5]).toBe('Bio "Nova", S.r.l.\nDivisione\r\nNord; Lombardy Ventures');
    expect(row).toHaveLength(7);
  });

  it('guards against formula injection: cells starting with = + - @ get a leading apostrophe', () => {
    const attackers = ['=HYPERLINK("http://x.example","click")', '+39 Bio', '-1+1', '@SUM(A1)'].map((name, i) => ({ id: `org-${i}`, name }));
    const csv = eventScheduleToCsv(
      rome,
      attackers.map((a, i) => meeting(`m-${i}`, `2026-05-20T${String(7 + i).padStart(2, '0')}:00:00Z`, 30, 1, [a, fund])),
    );
    const cells = read(csv)
      .slice(1)
      .map((row) => row[5]);
    expect(cells).toEqual([
      `'=HYPERLINK("http://x.example","click"); Lombardy Ventures`,
      "'+39 Bio; Lombardy Ventures",
      "'-1+1; Lombardy Ventures",
      "'@SUM(A1); Lombardy Ventures",
    ]);
    expect(csvCell('\tcmd')).toBe("'\tcmd");
    expect(csvCell('Acme = Bio')).toBe('Acme = Bio');
    expect(csvCell(7)).toBe('7');
  });

  it('writes just the header for an event without meetings, and refuses inverted meetings', () => {
    expect(read(eventScheduleToCsv(rome, []))).toEqual([['date', 'start', 'end', 'table', 'room', 'participants', 'meeting_id']]);
    const m = meeting('m-1', '2026-05-20T07:30:00Z', 30, 1, [acme, fund]);
    expect(() => eventScheduleToCsv(rome, [{ ...m, end: new Date(m.start.getTime() - 1) }])).toThrow(/ends before it starts/);
  });
});

describe('tableSheets', () => {
  const meetings = [
    meeting('m-5', '2026-05-20T09:00:00Z', 30, 2, [acme, irccs]),
    meeting('m-1', '2026-05-20T07:30:00Z', 30, 7, [acme, fund]),
    meeting('m-2', '2026-05-20T08:00:00Z', 30, 2, [fund, irccs]),
    meeting('m-3', '2026-05-20T08:00:00Z', 30, 12, [acme, { id: 'org-x', name: '=cmd|calc' }], 'https://meet.example.org/room-12'),
    meeting('m-4', '2026-05-20T07:30:00Z', 30, 2, [irccs, { id: 'org-y', name: 'Beta, Inc.' }]),
  ];

  it('gives one sheet per table, by table number, each with its meetings in time order', () => {
    const sheets = tableSheets(rome, meetings);
    expect(sheets.map((s) => [s.table, s.label, s.slots.map((slot) => slot.meetingId)])).toEqual([
      [2, 'Table 2', ['m-4', 'm-2', 'm-5']],
      [7, 'Table 7', ['m-1']],
      [12, 'https://meet.example.org/room-12', ['m-3']],
    ]);
    expect(sheets[0].slots[0]).toEqual({ meetingId: 'm-4', date: '2026-05-20', start: '09:30', end: '10:00', participants: ['IRCCS San Raffaele', 'Beta, Inc.'] });
  });

  it('writes each sheet as RFC 4180 CSV with the same quoting and injection guard', () => {
    const sheets = tableSheets(rome, meetings, { bom: true });
    expect(sheets[0].csv.startsWith('\uFEFFdate,start,end,participants,meeting_id\r\n')).toBe(true);
    expect(read(sheets[0].csv)).toEqual([
      ['date', 'start', 'end', 'participants', 'meeting_id'],
      ['2026-05-20', '09:30', '10:00', 'IRCCS San Raffaele; Beta, Inc.', 'm-4'],
      ['2026-05-20', '10:00', '10:30', 'Lombardy Ventures; IRCCS San Raffaele', 'm-2'],
      ['2026-05-20', '11:00', '11:30', 'Acme Bio; IRCCS San Raffaele', 'm-5'],
    ]);
    expect(read(sheets[2].csv)[1][3]).toBe('Acme Bio; =cmd|calc');
    expect(tableSheets(rome, [meeting('m-9', '2026-05-20T07:30:00Z', 30, 1, [{ id: 'org-x', name: '=cmd|calc' }, acme])])[0].csv).toContain("\r\n2026-05-20,09:30,10:00,'=cmd|calc; Acme Bio,m-9\r\n");
  });

  it('returns no sheets for an event without meetings', () => {
    expect(tableSheets(rome, [])).toEqual([]);
  });
});
