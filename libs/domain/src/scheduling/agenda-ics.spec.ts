import ICAL from 'ical.js';
import { AppError } from '../errors/app-error';
import { agendaToIcs, escapeIcsText, foldIcsLine } from './agenda-ics';
import type { AgendaEvent, AgendaMeeting, AgendaParticipant } from './agenda.types';

// Every expected instant below is written out by hand (from the published EU, US, Japanese and Australian rules),
// so the checks do not lean on the Intl code under test; ical.js, an independent parser, reads the files.

const NOW = new Date('2026-02-01T10:00:00Z');
const acme: AgendaParticipant = { id: 'org-acme', name: 'Acme Bio' };
const fund: AgendaParticipant = { id: 'org-fund', name: 'Lombardy Ventures' };
const irccs: AgendaParticipant = { id: 'org-irccs', name: 'IRCCS San Raffaele' };

function eventIn(timeZone: string, overrides: Partial<AgendaEvent> = {}): AgendaEvent {
  return { id: 'ev-1', name: 'Meet in Italy for Life Sciences', timeZone, venue: null, ...overrides };
}

let nextId = 1;
function meeting(startIso: string, minutes: number, table: number, participants: AgendaParticipant[], overrides: Partial<AgendaMeeting> = {}): AgendaMeeting {
  const start = new Date(startIso);
  return { id: `m-${nextId++}`, start, end: new Date(start.getTime() + minutes * 60_000), table, participants, ...overrides };
}

function parse(ics: string): ICAL.Component {
  return new ICAL.Component(ICAL.parse(ics) as unknown[]);
}

function vevents(ics: string): ICAL.Event[] {
  return parse(ics)
    .getAllSubcomponents('vevent')
    .map((c) => new ICAL.Event(c));
}

const utcIso = (t: ICAL.Time) => new Date(t.toUnixTime() * 1000).toISOString();

/** Physical lines of the file (the trailing CRLF leaves one empty string). */
const physicalLines = (ics: string) => ics.split('\r\n').slice(0, -1);

describe('agendaToIcs: calendar structure', () => {
  const ics = agendaToIcs(eventIn('Europe/Rome'), acme, [meeting('2026-05-20T07:30:00Z', 30, 7, [acme, fund])], { now: NOW });
  const calendar = parse(ics);

  it('writes the VCALENDAR properties RFC 5545 and calendar clients expect', () => {
    expect(calendar.name).toBe('vcalendar');
    expect(calendar.getFirstPropertyValue('prodid')).toBe('-//Lombardia Life Sciences Hub//Hub Match//EN');
    expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
    expect(calendar.getFirstPropertyValue('calscale')).toBe('GREGORIAN');
    expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH');
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('Meet in Italy for Life Sciences – Acme Bio');
    expect(calendar.getFirstPropertyValue('x-wr-timezone')).toBe('Europe/Rome');
    expect(agendaToIcs(eventIn('Europe/Rome'), acme, [], { now: NOW, productId: '-//Test//X//EN' })).toContain('\r\nPRODID:-//Test//X//EN\r\n');
  });

  it('uses CRLF line endings only, ending with one', () => {
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('stamps each VEVENT with the generation time in UTC', () => {
    const [event] = vevents(ics);
    const dtstamp = event.component.getFirstPropertyValue('dtstamp') as ICAL.Time;
    expect(dtstamp.zone.tzid).toBe('UTC');
    expect(utcIso(dtstamp)).toBe('2026-02-01T10:00:00.000Z');
    expect(ics).toContain('\r\nDTSTAMP:20260201T100000Z\r\n');
  });

  it('defines the event zone in a VTIMEZONE that the meeting times refer to', () => {
    const zones = calendar.getAllSubcomponents('vtimezone');
    expect(zones).toHaveLength(1);
    expect(zones[0].getFirstPropertyValue('tzid')).toBe('Europe/Rome');
    const [event] = vevents(ics);
    expect(event.startDate.zone.tzid).toBe('Europe/Rome');
    expect(ics).toContain('\r\nDTSTART;TZID=Europe/Rome:20260520T093000\r\n');
    expect(ics).toContain('\r\nDTEND;TZID=Europe/Rome:20260520T100000\r\n');
  });
});

describe('agendaToIcs: times through the VTIMEZONE, read by ical.js', () => {
  function startsAndEnds(timeZone: string, meetings: AgendaMeeting[]) {
    const events = vevents(agendaToIcs(eventIn(timeZone), acme, meetings, { now: NOW }));
    for (const event of events) {
      // A TZID ical.js could not resolve in the file would silently become floating time.
      expect(event.startDate.zone.tzid).toBe(timeZone);
      expect(event.endDate.zone.tzid).toBe(timeZone);
    }
    return events.map((e) => ({ local: e.startDate.toString(), start: utcIso(e.startDate), end: utcIso(e.endDate) }));
  }

  it('Europe/Rome across the March change to summer time (29 March 2026)', () => {
    const got = startsAndEnds('Europe/Rome', [
      meeting('2026-03-27T08:30:00Z', 30, 1, [acme, fund]), // Friday 09:30 CET (+01)
      meeting('2026-03-29T07:00:00Z', 30, 1, [acme, fund]), // Sunday 09:00 CEST, hours after the change
      meeting('2026-03-30T07:30:00Z', 30, 1, [acme, fund]), // Monday 09:30 CEST (+02)
    ]);
    expect(got).toEqual([
      { local: '2026-03-27T09:30:00', start: '2026-03-27T08:30:00.000Z', end: '2026-03-27T09:00:00.000Z' },
      { local: '2026-03-29T09:00:00', start: '2026-03-29T07:00:00.000Z', end: '2026-03-29T07:30:00.000Z' },
      { local: '2026-03-30T09:30:00', start: '2026-03-30T07:30:00.000Z', end: '2026-03-30T08:00:00.000Z' },
    ]);
  });

  it('Europe/Rome across the October change back (25 October 2026)', () => {
    const got = startsAndEnds('Europe/Rome', [
      meeting('2026-10-23T08:00:00Z', 20, 3, [acme, fund]), // 10:00 CEST
      meeting('2026-10-26T09:00:00Z', 20, 3, [acme, fund]), // 10:00 CET
    ]);
    expect(got).toEqual([
      { local: '2026-10-23T10:00:00', start: '2026-10-23T08:00:00.000Z', end: '2026-10-23T08:20:00.000Z' },
      { local: '2026-10-26T10:00:00', start: '2026-10-26T09:00:00.000Z', end: '2026-10-26T09:20:00.000Z' },
    ]);
  });

  it('Europe/Rome: the VTIMEZONE has yearly STANDARD and DAYLIGHT rules with the right offsets', () => {
    const zone = parse(agendaToIcs(eventIn('Europe/Rome'), acme, [meeting('2026-06-10T08:00:00Z', 30, 1, [acme, fund])], { now: NOW })).getFirstSubcomponent('vtimezone') as ICAL.Component;
    const daylight = zone.getFirstSubcomponent('daylight') as ICAL.Component;
    const standard = zone.getFirstSubcomponent('standard') as ICAL.Component;
    expect(daylight.getFirstPropertyValue('tzoffsetfrom')?.toString()).toBe('+01:00');
    expect(daylight.getFirstPropertyValue('tzoffsetto')?.toString()).toBe('+02:00');
    expect(daylight.getFirstPropertyValue('rrule')?.toString()).toBe('FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU');
    expect(standard.getFirstPropertyValue('tzoffsetto')?.toString()).toBe('+01:00');
    expect(standard.getFirstPropertyValue('rrule')?.toString()).toBe('FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU');
    expect(daylight.getFirstPropertyValue('tzname')).toBe('CEST');
    expect(standard.getFirstPropertyValue('tzname')).toBe('CET');
  });

  it('America/New_York, whose summer time starts on the second Sunday of March (8 March 2026)', () => {
    const got = startsAndEnds('America/New_York', [meeting('2026-03-06T14:00:00Z', 30, 1, [acme, fund]), meeting('2026-03-09T13:00:00Z', 30, 1, [acme, fund])]);
    expect(got.map((g) => [g.local, g.start])).toEqual([
      ['2026-03-06T09:00:00', '2026-03-06T14:00:00.000Z'],
      ['2026-03-09T09:00:00', '2026-03-09T13:00:00.000Z'],
    ]);
  });

  it('Australia/Sydney, in the southern hemisphere (summer time over the new year)', () => {
    const got = startsAndEnds('Australia/Sydney', [meeting('2026-01-14T22:00:00Z', 30, 1, [acme, fund]), meeting('2026-07-14T23:00:00Z', 30, 1, [acme, fund])]);
    expect(got.map((g) => [g.local, g.start])).toEqual([
      ['2026-01-15T09:00:00', '2026-01-14T22:00:00.000Z'], // AEDT +11
      ['2026-07-15T09:00:00', '2026-07-14T23:00:00.000Z'], // AEST +10
    ]);
  });

  it('a zone without summer time gets a single STANDARD observance (Asia/Tokyo, UTC, Asia/Kolkata at +05:30)', () => {
    for (const [timeZone, startIso, local] of [
      ['Asia/Tokyo', '2026-03-29T00:30:00Z', '2026-03-29T09:30:00'],
      ['UTC', '2026-10-25T09:30:00Z', '2026-10-25T09:30:00'],
      ['Asia/Kolkata', '2026-07-01T04:00:00Z', '2026-07-01T09:30:00'],
    ] as const) {
      const ics = agendaToIcs(eventIn(timeZone), acme, [meeting(startIso, 30, 1, [acme, fund])], { now: NOW });
      const zone = parse(ics).getFirstSubcomponent('vtimezone') as ICAL.Component;
      expect(zone.getAllSubcomponents('standard')).toHaveLength(1);
      expect(zone.getAllSubcomponents('daylight')).toHaveLength(0);
      expect(startsAndEnds(timeZone, [meeting(startIso, 30, 1, [acme, fund])]).map((g) => [g.local, g.start])).toEqual([[local, new Date(startIso).toISOString()]]);
    }
  });

  it('a zone that abolished summer time in the agenda year is described change by change (America/Sao_Paulo, 2019)', () => {
    // Brazil's last summer time ended on 17 February 2019 (-02 → -03); none started in November 2019.
    const ics = agendaToIcs(eventIn('America/Sao_Paulo'), acme, [meeting('2019-02-15T11:00:00Z', 30, 1, [acme, fund]), meeting('2019-12-02T12:00:00Z', 30, 1, [acme, fund])], { now: NOW });
    expect(ics).not.toContain('RRULE');
    expect(ics).toContain('RDATE:20190217T000000');
    expect(startsAndEnds('America/Sao_Paulo', [meeting('2019-02-15T11:00:00Z', 30, 1, [acme, fund]), meeting('2019-12-02T12:00:00Z', 30, 1, [acme, fund])]).map((g) => [g.local, g.start])).toEqual([
      ['2019-02-15T09:00:00', '2019-02-15T11:00:00.000Z'],
      ['2019-12-02T09:00:00', '2019-12-02T12:00:00.000Z'],
    ]);
  });

  it('agrees with the runtime tz database every six hours of the covered years, for zones of every shape', () => {
    // ical.js reads each wall-clock time through our VTIMEZONE alone (the direction a parser takes a DTSTART);
    // Intl is the reference the component was built from. Wall times within three hours of a change are skipped:
    // those in the repeated hour of autumn are ambiguous in iCalendar itself.
    const zones: Array<[string, number]> = [
      ['Europe/Rome', 2026],
      ['Europe/Dublin', 2026],
      ['America/New_York', 2026],
      ['Australia/Sydney', 2026],
      ['Australia/Lord_Howe', 2026], // half-hour summer time
      ['America/Sao_Paulo', 2019],
      ['Africa/Casablanca', 2026], // summer time suspended for Ramadan: irregular dates
      ['Asia/Kathmandu', 2026],
    ];
    for (const [timeZone, year] of zones) {
      const at = `${year}-06-15T08:00:00Z`;
      const zone = new ICAL.Timezone(parse(agendaToIcs(eventIn(timeZone), acme, [meeting(at, 30, 1, [acme, fund])], { now: NOW })).getFirstSubcomponent('vtimezone') as ICAL.Component);
      const format = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
      const wall = (t: number) => {
        const parts = Object.fromEntries(format.formatToParts(new Date(t)).map((p) => [p.type, Number(p.value)]));
        return { year: parts.year, month: parts.month, day: parts.day, hour: parts.hour, minute: parts.minute, second: parts.second };
      };
      const offset = (t: number) => {
        const w = wall(t);
        return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - t;
      };
      const mismatches: string[] = [];
      let checked = 0;
      for (let t = Date.UTC(year, 0, 1, 0, 17); t < Date.UTC(year + 1, 0, 1); t += 6 * 3600 * 1000) {
        if (offset(t - 3 * 3600 * 1000) !== offset(t + 3 * 3600 * 1000)) continue;
        checked++;
        const read = ICAL.Time.fromData({ ...wall(t), isDate: false }, zone).toUnixTime() * 1000;
        if (read !== t) mismatches.push(`${new Date(t).toISOString()} read back as ${new Date(read).toISOString()}`);
      }
      expect(checked).toBeGreaterThan(1400);
      expect({ timeZone, mismatches: mismatches.slice(0, 3) }).toEqual({ timeZone, mismatches: [] });
    }
  });
});

describe('agendaToIcs: meetings', () => {
  it('has one VEVENT per meeting of the participant, in time order, and none of other meetings', () => {
    const meetings = [
      meeting('2026-05-20T09:00:00Z', 30, 2, [acme, irccs]),
      meeting('2026-05-20T07:30:00Z', 30, 7, [fund, acme]),
      meeting('2026-05-20T08:00:00Z', 30, 7, [fund, irccs]), // not Acme's
    ];
    const events = vevents(agendaToIcs(eventIn('Europe/Rome'), acme, meetings, { now: NOW }));
    expect(events.map((e) => e.uid)).toEqual([`${meetings[1].id}@hubmatch`, `${meetings[0].id}@hubmatch`]);
  });

  it('names the counterpart in SUMMARY and the table (with the venue) in LOCATION', () => {
    const [event] = vevents(agendaToIcs(eventIn('Europe/Rome', { venue: 'MiCo Milano' }), acme, [meeting('2026-05-20T07:30:00Z', 30, 7, [acme, fund])], { now: NOW }));
    expect(event.summary).toBe('Meeting with Lombardy Ventures');
    expect(event.location).toBe('Table 7, MiCo Milano');
    expect(event.description).toContain('With: Lombardy Ventures');
    expect(event.description).toContain('Where: Table 7, MiCo Milano');
    // From the fund's side the counterpart is Acme, same table.
    const [other] = vevents(agendaToIcs(eventIn('Europe/Rome'), fund, [meeting('2026-05-20T07:30:00Z', 30, 7, [acme, fund])], { now: NOW }));
    expect(other.summary).toBe('Meeting with Acme Bio');
    expect(other.location).toBe('Table 7');
  });

  it('names every counterpart of a meeting with more than two organisations', () => {
    const [event] = vevents(agendaToIcs(eventIn('Europe/Rome'), acme, [meeting('2026-05-20T07:30:00Z', 30, 4, [acme, fund, irccs])], { now: NOW }));
    expect(event.summary).toBe('Meeting with Lombardy Ventures, IRCCS San Raffaele');
  });

  it('puts a virtual room link in LOCATION and URL, and a room label in place of "Table n"', () => {
    const link = 'https://meet.example.org/hub/room-12?pwd=a,b;c';
    const ics = agendaToIcs(
      eventIn('Europe/Rome', { venue: 'MiCo Milano' }),
      acme,
      [meeting('2026-05-20T07:30:00Z', 30, 12, [acme, fund], { tableLabel: link }), meeting('2026-05-20T08:30:00Z', 30, 3, [acme, irccs], { tableLabel: 'Sala Gialla' })],
      { now: NOW },
    );
    const [virtual, room] = vevents(ics);
    expect(virtual.location).toBe(link);
    expect(virtual.component.getFirstPropertyValue('url')).toBe(link);
    expect(room.location).toBe('Sala Gialla, MiCo Milano');
    expect(room.component.getFirstProperty('url')).toBeNull();
  });

  it('speaks Italian when asked', () => {
    const [event] = vevents(agendaToIcs(eventIn('Europe/Rome'), acme, [meeting('2026-05-20T07:30:00Z', 30, 7, [acme, fund])], { now: NOW, language: 'it' }));
    expect(event.summary).toBe('Incontro con Lombardy Ventures');
    expect(event.location).toBe('Tavolo 7');
  });

  it('keeps UIDs stable: the meeting id, the same in both participants’ files and across exports', () => {
    const m = meeting('2026-05-20T07:30:00Z', 30, 7, [acme, fund], { id: 'b7c1f0a2-uuid' });
    const first = agendaToIcs(eventIn('Europe/Rome'), acme, [m], { now: NOW });
    const later = agendaToIcs(eventIn('Europe/Rome'), acme, [m], { now: new Date('2026-03-01T00:00:00Z'), sequence: 3 });
    const fundSide = agendaToIcs(eventIn('Europe/Rome'), fund, [m], { now: NOW });
    expect(vevents(first)[0].uid).toBe('b7c1f0a2-uuid@hubmatch');
    expect(vevents(later)[0].uid).toBe('b7c1f0a2-uuid@hubmatch');
    expect(vevents(fundSide)[0].uid).toBe('b7c1f0a2-uuid@hubmatch');
    expect(vevents(later)[0].sequence).toBe(3);
    expect(agendaToIcs(eventIn('Europe/Rome'), acme, [m], { now: NOW })).toBe(first);
  });

  it('writes a valid calendar for a participant without meetings', () => {
    const calendar = parse(agendaToIcs(eventIn('Europe/Rome'), acme, [], { now: NOW }));
    expect(calendar.getAllSubcomponents('vevent')).toHaveLength(0);
    expect(calendar.getFirstSubcomponent('vtimezone')?.getFirstPropertyValue('tzid')).toBe('Europe/Rome');
  });
});

describe('agendaToIcs: escaping and folding', () => {
  it('round-trips commas, semicolons, backslashes and line breaks in TEXT values', () => {
    const tricky: AgendaParticipant = { id: 'org-x', name: 'Bio, Pharma; Devices \\ Co.\nDivisione "Nord"\r\nSede 2' };
    const event = eventIn('Europe/Rome', { name: 'Partnering; day, one \\ two', venue: 'Via Roma, 1; Milano' });
    const ics = agendaToIcs(event, acme, [meeting('2026-05-20T07:30:00Z', 30, 7, [acme, tricky])], { now: NOW });
    const [parsed] = vevents(ics);
    expect(parsed.summary).toBe('Meeting with Bio, Pharma; Devices \\ Co.\nDivisione "Nord"\nSede 2');
    expect(parsed.location).toBe('Table 7, Via Roma, 1; Milano');
    expect(parsed.description.split('\n')[0]).toBe('Partnering; day, one \\ two');
    // X- properties are TEXT by default (RFC 5545 §3.8.8.2) and escaped as such; ical.js leaves unknown ones raw.
    expect(parse(ics).getFirstPropertyValue('x-wr-calname')).toBe('Partnering\\; day\\, one \\\\ two – Acme Bio');
    expect(escapeIcsText('a,b;c\\d\ne')).toBe('a\\,b\\;c\\\\d\\ne');
  });

  it('folds long lines at 75 octets, never inside a UTF-8 character, and the parser unfolds them unchanged', () => {
    const longName = 'Università degli Studi di Milano – Dipartimento di Scienze Farmacologiche e Biomolecolari «Rodolfo Paoletti» 🧬 Ricerca Traslazionale àèìòù'.repeat(2);
    const ics = agendaToIcs(eventIn('Europe/Rome'), acme, [meeting('2026-05-20T07:30:00Z', 30, 7, [acme, { id: 'org-unimi', name: longName }])], { now: NOW });
    const lines = physicalLines(ics);
    expect(lines.some((l) => l.startsWith(' '))).toBe(true);
    for (const line of lines) {
      expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
      // A split surrogate pair (half an emoji) would be a lone surrogate at a line edge.
      expect(line).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
    }
    const [event] = vevents(ics);
    expect(event.summary).toBe(`Meeting with ${longName}`);
    expect(event.description).toContain(`With: ${longName}`);
  });

  it('foldIcsLine: 75 octets on the first line, a space and 74 on the next, multi-byte characters kept whole', () => {
    expect(foldIcsLine('x'.repeat(75))).toBe('x'.repeat(75));
    expect(foldIcsLine('x'.repeat(76))).toBe(`${'x'.repeat(75)}\r\n x`);
    expect(foldIcsLine('x'.repeat(75 + 74 + 1))).toBe(`${'x'.repeat(75)}\r\n ${'x'.repeat(74)}\r\n x`);
    // 74 ASCII octets leave one octet: "è" (two octets) moves whole to the next line.
    expect(foldIcsLine(`${'x'.repeat(74)}è`)).toBe(`${'x'.repeat(74)}\r\n è`);
    expect(foldIcsLine(`${'x'.repeat(73)}🧬`)).toBe(`${'x'.repeat(73)}\r\n 🧬`);
  });
});

describe('agendaToIcs: bad input', () => {
  it('refuses an unknown time zone with a validation error naming the field', () => {
    expect(() => agendaToIcs(eventIn('Europe/Atlantis'), acme, [], { now: NOW })).toThrow(AppError);
    try {
      agendaToIcs(eventIn('Europe/Atlantis'), acme, [], { now: NOW });
    } catch (error) {
      expect((error as AppError).violations[0].field).toBe('timeZone');
    }
  });

  it('refuses meetings years apart (bad data) instead of describing decades of time zone rules', () => {
    const early = meeting('2026-05-20T07:30:00Z', 30, 7, [acme, fund]);
    const late = meeting('2046-05-20T07:30:00Z', 30, 7, [acme, fund]);
    expect(() => agendaToIcs(eventIn('Europe/Rome'), acme, [early, late], { now: NOW })).toThrow(RangeError);
  });

  it('refuses a meeting that ends before it starts', () => {
    const m = meeting('2026-05-20T07:30:00Z', 30, 7, [acme, fund]);
    expect(() => agendaToIcs(eventIn('Europe/Rome'), acme, [{ ...m, end: m.start }], { now: NOW })).toThrow(/ends before it starts/);
  });
});
