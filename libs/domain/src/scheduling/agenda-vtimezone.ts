/**
 * The VTIMEZONE component (RFC 5545 §3.6.5) of an event's zone, derived from the tz database of the runtime.
 *
 * RFC 5545 asks every TZID used in a file to be defined in it, and clients that do not know the IANA name (or know
 * an outdated rule for it) use this definition to place the meetings. We describe the years the agenda touches:
 * the offset changes found from the start of the year before the first meeting (so the observance in force at
 * the first meeting has an onset) to the end of the last meeting's year.
 *
 * - A zone without changes gets one STANDARD observance.
 * - When each kind of change happens once a year on the same "nth (or last) weekday of a month" at the same wall
 *   time throughout (Europe, North America, Australia today), each gets an open-ended yearly RRULE, which is what
 *   calendar programs themselves write and which keeps later dates right too.
 * - Otherwise (a zone that dropped or adopted summer time in these years, rules tied to other calendars), each
 *   change is listed exactly, by DTSTART and RDATE, after an observance holding the offset from before the first one.
 */
import { resolveTimeZone, timeZoneAbbreviation, utcOffsetSeconds, zoneTransitions, type LocalDateTime, type ZoneTransition } from './agenda-time-zone';

const WEEKDAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'] as const;

/** `+0100`, `-0330`, or with seconds (`+005328`) for the historical offsets that have them. */
export function formatUtcOffset(offsetSeconds: number): string {
  const sign = offsetSeconds < 0 ? '-' : '+';
  const abs = Math.abs(offsetSeconds);
  const pad = (n: number) => String(n).padStart(2, '0');
  const base = `${sign}${pad(Math.floor(abs / 3600))}${pad(Math.floor((abs % 3600) / 60))}`;
  return abs % 60 === 0 ? base : `${base}${pad(abs % 60)}`;
}

/** `20260329T020000`: a DATE-TIME in local ("floating") form, as onsets and TZID-qualified times are written. */
export function formatLocalDateTime(t: LocalDateTime): string {
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${pad(t.year, 4)}${pad(t.month)}${pad(t.day)}T${pad(t.hour)}${pad(t.minute)}${pad(t.second)}`;
}

interface YearlyRule {
  month: number;
  /** 1..4 = first..fourth, -1 = last. */
  week: number;
  weekday: number;
  time: string;
}

/**
 * The "nth weekday of the month" reading of a transition's date. A day in the month's last seven is read as "last"
 * (that is how the EU and Australian rules are written); the rule is only used if every year in the range agrees.
 */
function yearlyRuleOf(t: LocalDateTime): YearlyRule {
  const daysInMonth = new Date(Date.UTC(t.year, t.month, 0)).getUTCDate();
  const weekday = new Date(Date.UTC(t.year, t.month - 1, t.day)).getUTCDay();
  const week = t.day + 7 > daysInMonth ? -1 : Math.ceil(t.day / 7);
  return { month: t.month, week, weekday, time: `${t.hour}:${t.minute}:${t.second}` };
}

const sameRule = (a: YearlyRule, b: YearlyRule) => a.month === b.month && a.week === b.week && a.weekday === b.weekday && a.time === b.time;

interface Observance {
  kind: 'STANDARD' | 'DAYLIGHT';
  offsetFrom: number;
  offsetTo: number;
  name: string;
  onsets: LocalDateTime[];
  rrule: string | null;
}

function observanceLines(o: Observance): string[] {
  const [first, ...rest] = o.onsets;
  const lines = [`BEGIN:${o.kind}`, `DTSTART:${formatLocalDateTime(first)}`];
  if (o.rrule) lines.push(`RRULE:${o.rrule}`);
  for (const onset of rest) lines.push(`RDATE:${formatLocalDateTime(onset)}`);
  lines.push(`TZOFFSETFROM:${formatUtcOffset(o.offsetFrom)}`, `TZOFFSETTO:${formatUtcOffset(o.offsetTo)}`, `TZNAME:${o.name}`, `END:${o.kind}`);
  return lines;
}

// A summer-time change raises the offset; ending it lowers it. (Zones whose "standard" time is the summer one in
// the tz database, like Europe/Dublin, are still written this way round, as calendar programs do.)
const kindOf = (t: ZoneTransition): Observance['kind'] => (t.offsetTo > t.offsetFrom ? 'DAYLIGHT' : 'STANDARD');

const groupKey = (t: ZoneTransition) => `${kindOf(t)} ${t.offsetFrom} ${t.offsetTo}`;

const CACHE_LIMIT = 64;
const cache = new Map<string, readonly string[]>();
/** An agenda is days long; years apart means bad data, and the scan would take seconds per decade. */
const MAX_YEARS = 10;

/**
 * The unfolded content lines of the VTIMEZONE for `timeZone` covering the local calendar years
 * `firstYear..lastYear` (see the file comment for the shape chosen).
 */
export function vtimezoneLines(timeZone: string, firstYear: number, lastYear: number): string[] {
  const tzid = resolveTimeZone(timeZone);
  if (!(lastYear >= firstYear && lastYear - firstYear < MAX_YEARS)) throw new RangeError(`an agenda cannot span the years ${firstYear} to ${lastYear}`);
  // Exporting every participant's agenda asks for the same component hundreds of times; the scan costs ~10 ms.
  const key = `${tzid} ${firstYear} ${lastYear}`;
  let lines = cache.get(key);
  if (!lines) {
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
    lines = computeVtimezoneLines(tzid, firstYear, lastYear);
    cache.set(key, lines);
  }
  return [...lines];
}

function computeVtimezoneLines(tzid: string, firstYear: number, lastYear: number): string[] {
  const from = new Date(Date.UTC(firstYear - 1, 0, 1));
  const to = new Date(Date.UTC(lastYear + 1, 0, 1));
  const transitions = zoneTransitions(tzid, from, to);
  const header = ['BEGIN:VTIMEZONE', `TZID:${tzid}`, `X-LIC-LOCATION:${tzid}`];

  if (transitions.length === 0) {
    const offset = utcOffsetSeconds(from, tzid);
    const standard: Observance = {
      kind: 'STANDARD',
      offsetFrom: offset,
      offsetTo: offset,
      name: timeZoneAbbreviation(from, tzid),
      onsets: [{ year: 1970, month: 1, day: 1, hour: 0, minute: 0, second: 0 }],
      rrule: null,
    };
    return [...header, ...observanceLines(standard), 'END:VTIMEZONE'];
  }

  const groups = new Map<string, ZoneTransition[]>();
  for (const t of transitions) groups.set(groupKey(t), [...(groups.get(groupKey(t)) ?? []), t]);

  const years: number[] = [];
  for (let year = firstYear - 1; year <= lastYear; year++) years.push(year);
  const yearlyRules = new Map<string, YearlyRule>();
  for (const [key, group] of groups) {
    const rule = yearlyRuleOf(group[0].localBefore);
    const regular =
      group.length === years.length &&
      group.every((t, i) => t.localBefore.year === years[i] && sameRule(yearlyRuleOf(t.localBefore), rule));
    if (!regular) break;
    yearlyRules.set(key, rule);
  }

  const observances: Observance[] = [];
  if (yearlyRules.size === groups.size) {
    for (const [key, group] of groups) {
      const rule = yearlyRules.get(key) as YearlyRule;
      observances.push({
        kind: kindOf(group[0]),
        offsetFrom: group[0].offsetFrom,
        offsetTo: group[0].offsetTo,
        name: timeZoneAbbreviation(group[0].at, tzid),
        onsets: [group[0].localBefore],
        rrule: `FREQ=YEARLY;BYMONTH=${rule.month};BYDAY=${rule.week}${WEEKDAYS[rule.weekday]}`,
      });
    }
  } else {
    // The offset in force before the first change, so the dates before it have an observance too. Its kind is
    // the opposite of the change that ends it.
    const first = transitions[0];
    observances.push({
      kind: kindOf(first) === 'DAYLIGHT' ? 'STANDARD' : 'DAYLIGHT',
      offsetFrom: first.offsetFrom,
      offsetTo: first.offsetFrom,
      name: timeZoneAbbreviation(from, tzid),
      onsets: [{ year: 1970, month: 1, day: 1, hour: 0, minute: 0, second: 0 }],
      rrule: null,
    });
    for (const group of groups.values()) {
      observances.push({
        kind: kindOf(group[0]),
        offsetFrom: group[0].offsetFrom,
        offsetTo: group[0].offsetTo,
        name: timeZoneAbbreviation(group[0].at, tzid),
        onsets: group.map((t) => t.localBefore),
        rrule: null,
      });
    }
  }
  return [...header, ...observances.flatMap(observanceLines), 'END:VTIMEZONE'];
}
