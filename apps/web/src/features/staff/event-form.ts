import type { ApiError } from '../../api/api-client';
import type { EventDayInput } from './staff-api';

/** The event builder's state: text as typed, turned into the API's body by toEventBody. */
export interface EventForm {
  name: string;
  timeZone: string;
  slotMinutes: string;
  tables: string;
  maxMeetingsPerParticipant: string;
  minMeetingsPerParticipant: string;
  days: Array<{ date: string; windows: Array<{ start: string; end: string; name: string }>; breaks: Array<{ start: string; end: string }> }>;
}

export function emptyEventForm(): EventForm {
  return {
    name: '',
    timeZone: 'Europe/Rome',
    slotMinutes: '20',
    tables: '4',
    maxMeetingsPerParticipant: '8',
    minMeetingsPerParticipant: '',
    days: [{ date: '', windows: [{ start: '09:00', end: '12:00', name: '' }], breaks: [] }],
  };
}

/** A whole number stays a number; anything else goes as typed so that the API names the field and its rule. */
function numberOrRaw(text: string): number | string {
  return /^\s*-?\d+\s*$/.test(text) ? Number(text) : text;
}

/** The body of POST /api/v1/events: optional fields left out when empty, window names only when given. */
export function toEventBody(form: EventForm): Record<string, unknown> {
  const days: EventDayInput[] = form.days.map((d) => {
    const day: EventDayInput = {
      date: d.date.trim(),
      windows: d.windows.map((w) => (w.name.trim() ? { start: w.start, end: w.end, name: w.name.trim() } : { start: w.start, end: w.end })),
    };
    if (d.breaks.length > 0) day.breaks = d.breaks.map((b) => ({ start: b.start, end: b.end }));
    return day;
  });
  const body: Record<string, unknown> = { name: form.name.trim(), slotMinutes: numberOrRaw(form.slotMinutes), days };
  if (form.timeZone.trim()) body.timeZone = form.timeZone.trim();
  if (form.tables.trim()) body.tables = numberOrRaw(form.tables);
  if (form.maxMeetingsPerParticipant.trim()) body.maxMeetingsPerParticipant = numberOrRaw(form.maxMeetingsPerParticipant);
  if (form.minMeetingsPerParticipant.trim()) body.minMeetingsPerParticipant = numberOrRaw(form.minMeetingsPerParticipant);
  return body;
}

/** Errors for exactly this field or its leaf properties (`days.0.windows.1`, `days.0.windows.1.end`), not deeper lists. */
export function errorsAt(error: ApiError | null, field: string, leafs: string[] = []): string[] {
  if (!error) return [];
  return error.errors.filter((e) => e.field === field || leafs.some((leaf) => e.field === `${field}.${leaf}`)).map((e) => e.message);
}
