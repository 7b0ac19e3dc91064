import type { FieldViolation } from '../errors/app-error';
import { utcOffsetSeconds } from '../scheduling/agenda-time-zone';

/** A session window or a break, as local wall-clock times of the event's time zone ("09:00"). */
export interface TimeRange {
  start: string;
  end: string;
}

export interface EventWindow extends TimeRange {
  /** Shown to people, e.g. "Morning"; defaults to "Session n". */
  name?: string | null;
}

export interface EventDay {
  /** ISO date, "2027-03-18". */
  date: string;
  windows: readonly EventWindow[];
  /** Pauses inside the windows (coffee, lunch): no meeting is planned then. */
  breaks?: readonly TimeRange[] | null;
}

export interface EventCalendar {
  /** IANA time zone, e.g. Europe/Rome. */
  timeZone: string;
  slotMinutes: number;
  days: readonly EventDay[];
}

/** One slot of the event, in chronological order. */
export interface PlannedSlot {
  index: number;
  /** The window it belongs to (0, 1, ... over all days, chronologically): idle gaps are counted within one. */
  session: number;
  sessionName: string;
  start: Date;
  end: Date;
}

export const EVENT_LIMITS = { days: 14, windowsPerDay: 6, breaksPerDay: 10, slots: 400, slotMinutesMin: 5, slotMinutesMax: 240 } as const;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

function validDate(date: string): boolean {
  if (!DATE.test(date)) return false;
  const parsed = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === date;
}

/** Whether the runtime knows the IANA zone (Intl throws a RangeError for an unknown one). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: zone });
    return zone.length > 0;
  } catch {
    return false;
  }
}

/**
 * The instant of a local wall-clock time in a zone. Two passes settle the offset across a DST change; a time that
 * does not exist (skipped by a spring-forward) lands after the gap.
 */
export function zonedTimeToUtc(date: string, time: string, zone: string): Date {
  const local = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)), Number(time.slice(0, 2)), Number(time.slice(3, 5)));
  let guess = local - utcOffsetSeconds(new Date(local), zone) * 1000;
  guess = local - utcOffsetSeconds(new Date(guess), zone) * 1000;
  return new Date(guess);
}

/** Every rule an event's calendar must meet; violations name the field path (`days.0.windows.1.end`). */
export function eventCalendarViolations(calendar: EventCalendar): FieldViolation[] {
  const v: FieldViolation[] = [];
  if (!isTimeZone(calendar.timeZone)) v.push({ field: 'timeZone', rule: 'timeZone', message: `timeZone must be an IANA time zone such as Europe/Rome, not "${calendar.timeZone}"` });
  const slot = calendar.slotMinutes;
  if (!Number.isInteger(slot) || slot < EVENT_LIMITS.slotMinutesMin || slot > EVENT_LIMITS.slotMinutesMax) {
    v.push({ field: 'slotMinutes', rule: 'range', message: `slotMinutes must be an integer from ${EVENT_LIMITS.slotMinutesMin} to ${EVENT_LIMITS.slotMinutesMax}` });
    return v;
  }
  if (calendar.days.length === 0 || calendar.days.length > EVENT_LIMITS.days) v.push({ field: 'days', rule: 'count', message: `an event has 1 to ${EVENT_LIMITS.days} days` });
  const seen = new Set<string>();
  calendar.days.forEach((day, d) => {
    const at = `days.${d}`;
    if (!validDate(day.date)) v.push({ field: `${at}.date`, rule: 'date', message: `${at}.date must be a date as YYYY-MM-DD` });
    else if (seen.has(day.date)) v.push({ field: `${at}.date`, rule: 'unique', message: `${day.date} is listed twice` });
    seen.add(day.date);
    if (day.windows.length === 0 || day.windows.length > EVENT_LIMITS.windowsPerDay) {
      v.push({ field: `${at}.windows`, rule: 'count', message: `a day has 1 to ${EVENT_LIMITS.windowsPerDay} session windows` });
    }
    const ranges: Array<{ start: number; end: number; field: string }> = [];
    day.windows.forEach((w, i) => {
      const field = `${at}.windows.${i}`;
      if (!TIME.test(w.start)) return v.push({ field: `${field}.start`, rule: 'time', message: `${field}.start must be a time as HH:MM` });
      if (!TIME.test(w.end)) return v.push({ field: `${field}.end`, rule: 'time', message: `${field}.end must be a time as HH:MM` });
      const start = minutesOf(w.start);
      const end = minutesOf(w.end);
      if (end <= start) return v.push({ field: `${field}.end`, rule: 'afterStart', message: `${field} ends (${w.end}) before it starts (${w.start})` });
      if ((end - start) % slot !== 0) {
        return v.push({ field, rule: 'slotMultiple', message: `${field} lasts ${end - start} minutes, not a multiple of the ${slot}-minute slot` });
      }
      ranges.push({ start, end, field });
    });
    ranges.sort((a, b) => a.start - b.start);
    for (let i = 1; i < ranges.length; i++) {
      if (ranges[i].start < ranges[i - 1].end) v.push({ field: ranges[i].field, rule: 'overlap', message: `${ranges[i].field} overlaps ${ranges[i - 1].field}` });
    }
    const breaks = day.breaks ?? [];
    if (breaks.length > EVENT_LIMITS.breaksPerDay) v.push({ field: `${at}.breaks`, rule: 'count', message: `a day has at most ${EVENT_LIMITS.breaksPerDay} breaks` });
    breaks.forEach((b, i) => {
      const field = `${at}.breaks.${i}`;
      if (!TIME.test(b.start) || !TIME.test(b.end)) return v.push({ field, rule: 'time', message: `${field} needs start and end as HH:MM` });
      const start = minutesOf(b.start);
      const end = minutesOf(b.end);
      if (end <= start) return v.push({ field: `${field}.end`, rule: 'afterStart', message: `${field} ends (${b.end}) before it starts (${b.start})` });
      const window = ranges.find((r) => r.start <= start && end <= r.end);
      if (!window) return v.push({ field, rule: 'insideWindow', message: `${field} (${b.start}–${b.end}) is not inside one session window` });
      if ((start - window.start) % slot !== 0 || (end - start) % slot !== 0) {
        v.push({ field, rule: 'slotGrid', message: `${field} must start and end on the ${slot}-minute slot grid of its window` });
      }
    });
  });
  if (v.length === 0) {
    const count = planSlots(calendar).length;
    if (count > EVENT_LIMITS.slots) v.push({ field: 'days', rule: 'slots', message: `the event would have ${count} slots; at most ${EVENT_LIMITS.slots}` });
    if (count === 0) v.push({ field: 'days', rule: 'slots', message: 'breaks leave no slot for meetings' });
  }
  return v;
}

/** The slots of a valid calendar: each window cut into slots, minus those in a break, chronologically. */
export function planSlots(calendar: EventCalendar): PlannedSlot[] {
  const slots: PlannedSlot[] = [];
  let session = 0;
  const days = [...calendar.days].sort((a, b) => a.date.localeCompare(b.date));
  for (const day of days) {
    const breaks = (day.breaks ?? []).map((b) => ({ start: minutesOf(b.start), end: minutesOf(b.end) }));
    const windows = [...day.windows].sort((a, b) => minutesOf(a.start) - minutesOf(b.start));
    for (const window of windows) {
      const name = window.name?.trim() || `Session ${session + 1}`;
      for (let minute = minutesOf(window.start); minute + calendar.slotMinutes <= minutesOf(window.end); minute += calendar.slotMinutes) {
        const end = minute + calendar.slotMinutes;
        if (breaks.some((b) => minute < b.end && b.start < end)) continue;
        const clock = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
        slots.push({
          index: slots.length,
          session,
          sessionName: name,
          start: zonedTimeToUtc(day.date, clock(minute), calendar.timeZone),
          end: zonedTimeToUtc(day.date, clock(end), calendar.timeZone),
        });
      }
      session++;
    }
  }
  return slots;
}
