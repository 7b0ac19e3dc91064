/**
 * Wall-clock times and UTC-offset transitions of an IANA time zone, from the runtime's own tz database through
 * `Intl.DateTimeFormat`. Nothing is hard-coded per zone: an event in New York, Sydney or Kolkata gets its rules the
 * same way as one in Rome, and a tz database update reaches the exports with the Node.js update.
 */
import { AppError } from '../errors/app-error';

/** A time as a clock on the wall shows it (no zone attached). Months count from 1. */
export interface LocalDateTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** A moment when a zone's UTC offset changes, e.g. the start of summer time. Offsets are in seconds east of UTC. */
export interface ZoneTransition {
  /** The first instant with the new offset. */
  at: Date;
  offsetFrom: number;
  offsetTo: number;
  /** The wall-clock time at the transition, on the clock before it changes (how RFC 5545 writes an onset). */
  localBefore: LocalDateTime;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      // h23: some ICU versions print midnight as "24" with hour12: false.
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/**
 * The zone's name as files should carry it. Case is fixed (`europe/rome` → `Europe/Rome`) so that a TZID matches
 * the name calendar clients know; an alias is kept as given, because ICU "canonicalises" current IANA names to
 * retired ones (`Asia/Kolkata` → `Asia/Calcutta`, `Europe/Kyiv` → `Europe/Kiev`). An unknown zone is a validation
 * error naming the field, not a RangeError from deep inside.
 */
export function resolveTimeZone(timeZone: string): string {
  let resolved: string;
  try {
    resolved = new Intl.DateTimeFormat('en-US', { timeZone }).resolvedOptions().timeZone;
  } catch {
    throw AppError.validation([{ field: 'timeZone', rule: 'timeZone', message: `unknown time zone "${timeZone}"` }]);
  }
  return resolved.toLowerCase() === timeZone.toLowerCase() ? resolved : timeZone;
}

function assertValidDate(instant: Date): void {
  if (Number.isNaN(instant.getTime())) throw new RangeError('invalid date');
}

/** The wall-clock time in `timeZone` at `instant` (sub-second parts are dropped). */
export function zonedDateTime(instant: Date, timeZone: string): LocalDateTime {
  assertValidDate(instant);
  const values: Partial<Record<Intl.DateTimeFormatPartTypes, number>> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') values[part.type] = Number(part.value);
  }
  return {
    year: values.year ?? 0,
    month: values.month ?? 1,
    day: values.day ?? 1,
    hour: values.hour ?? 0,
    minute: values.minute ?? 0,
    second: values.second ?? 0,
  };
}

/** Seconds east of UTC in `timeZone` at `instant` (+3600 for Rome in winter, +7200 in summer). */
export function utcOffsetSeconds(instant: Date, timeZone: string): number {
  const local = zonedDateTime(instant, timeZone);
  const wall = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second);
  return Math.round((wall - Math.floor(instant.getTime() / 1000) * 1000) / 1000);
}

/** The local time an offset gives to an instant, by plain arithmetic (used for the clock *before* a transition). */
export function shiftToLocal(instant: Date, offsetSeconds: number): LocalDateTime {
  const shifted = new Date(Math.floor(instant.getTime() / 1000) * 1000 + offsetSeconds * 1000);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
    second: shifted.getUTCSeconds(),
  };
}

// Six hours is far shorter than any gap between two real transitions, so a step never jumps over a pair of them.
const SCAN_STEP_MS = 6 * 3600 * 1000;

/** Every offset change in [from, to), in order, each located to the second by bisection. */
export function zoneTransitions(timeZone: string, from: Date, to: Date): ZoneTransition[] {
  assertValidDate(from);
  assertValidDate(to);
  const transitions: ZoneTransition[] = [];
  let previous = from.getTime();
  let previousOffset = utcOffsetSeconds(from, timeZone);
  while (previous < to.getTime()) {
    const next = Math.min(previous + SCAN_STEP_MS, to.getTime());
    const nextOffset = utcOffsetSeconds(new Date(next), timeZone);
    if (nextOffset !== previousOffset) {
      // Invariant: the offset at lo is the old one, at hi the new one; tz data changes on whole seconds.
      let lo = previous;
      let hi = next;
      while (hi - lo > 1000) {
        const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
        if (utcOffsetSeconds(new Date(mid), timeZone) === previousOffset) lo = mid;
        else hi = mid;
      }
      const at = new Date(hi);
      transitions.push({ at, offsetFrom: previousOffset, offsetTo: nextOffset, localBefore: shiftToLocal(at, previousOffset) });
    }
    previous = next;
    previousOffset = nextOffset;
  }
  return transitions;
}

function formatNumericAbbreviation(offsetSeconds: number): string {
  const sign = offsetSeconds < 0 ? '-' : '+';
  const abs = Math.abs(offsetSeconds);
  const hours = String(Math.floor(abs / 3600)).padStart(2, '0');
  const minutes = Math.floor((abs % 3600) / 60);
  return minutes === 0 ? `${sign}${hours}` : `${sign}${hours}${String(minutes).padStart(2, '0')}`;
}

// ICU prints a zone's abbreviation only in locales where it is in common use: US zones in en-US, European ones in
// en-GB, AEST in en-AU, IST (Dublin and Kolkata) in en-IE and en-IN.
const ABBREVIATION_LOCALES = ['en-US', 'en-GB', 'en-AU', 'en-IE', 'en-IN'];
const abbreviationFormatters = new Map<string, Intl.DateTimeFormat>();

function abbreviationFormatter(locale: string, timeZone: string): Intl.DateTimeFormat {
  const key = `${locale} ${timeZone}`;
  let formatter = abbreviationFormatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'short' });
    abbreviationFormatters.set(key, formatter);
  }
  return formatter;
}

/**
 * The zone's short name at an instant (CET, CEST, EST, AEDT), for TZNAME. Where no locale has one, ICU prints
 * "GMT+9", and we write "+09" instead, as the tz database itself does.
 */
export function timeZoneAbbreviation(instant: Date, timeZone: string): string {
  for (const locale of ABBREVIATION_LOCALES) {
    const name = abbreviationFormatter(locale, timeZone).formatToParts(instant).find((p) => p.type === 'timeZoneName')?.value;
    if (name && !/^(GMT|UTC)[+\-\u2212]/.test(name)) return name;
  }
  return formatNumericAbbreviation(utcOffsetSeconds(instant, timeZone));
}
