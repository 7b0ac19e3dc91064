/** Pure logic of the member screens (no React, no I/O): unit-tested in members-logic.spec.ts. */

export type ProfileType = 'company' | 'fund' | 'research_centre';

/** The wizard's working copy: text inputs as strings, pickers as code lists, switches as booleans. */
export type Draft = Record<string, string | string[] | boolean | undefined>;

/** What makes a profile complete, per type, with each item's weight (the core fields weigh more). */
export const COMPLETENESS_ITEMS: Record<ProfileType, Array<[field: string, weight: number]>> = {
  company: [
    ['name', 2], ['kind', 1], ['country', 1], ['website', 1], ['city', 1], ['pitch', 2], ['description', 2],
    ['sectors', 2], ['therapeuticAreas', 2], ['modalities', 2], ['stage', 2], ['trl', 1], ['fundingSoughtEur', 1], ['lookingFor', 2],
  ],
  fund: [
    ['name', 2], ['country', 1], ['website', 1], ['manager', 1], ['thesis', 2], ['sectors', 2], ['therapeuticAreas', 2],
    ['modalities', 2], ['stages', 2], ['ticketMinEur', 1], ['ticketMaxEur', 1], ['geographies', 1],
  ],
  research_centre: [
    ['name', 2], ['kind', 1], ['country', 1], ['city', 1], ['website', 1], ['description', 2],
    ['sectors', 2], ['therapeuticAreas', 2], ['modalities', 2],
  ],
};

function filled(value: Draft[string]): boolean {
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'string') return value.trim().length > 0;
  return value !== undefined && value !== null;
}

/** The completeness meter: a weighted percentage (0–100, rounded down) and the fields still empty. */
export function completeness(type: ProfileType, draft: Draft): { percent: number; missing: string[] } {
  const items = COMPLETENESS_ITEMS[type];
  let total = 0;
  let done = 0;
  const missing: string[] = [];
  for (const [field, weight] of items) {
    total += weight;
    if (filled(draft[field])) done += weight;
    else missing.push(field);
  }
  return { percent: total === 0 ? 0 : Math.floor((done * 100) / total), missing };
}

export type ScoreBand = 'excellent' | 'good' | 'fair';

/** A match score's band: excellent from 80, good from 60, fair below. */
export function scoreBand(score: number): ScoreBand {
  if (score >= 80) return 'excellent';
  if (score >= 60) return 'good';
  return 'fair';
}

export interface Countdown {
  expired: boolean;
  days: number;
  hours: number;
  minutes: number;
  /** Less than 48 hours left. */
  urgent: boolean;
}

/** Time left until a deadline, in whole days, hours and minutes (rounded down); expired at or past it. */
export function countdown(expiresAt: string | Date, now: Date = new Date()): Countdown {
  const ms = new Date(expiresAt).getTime() - now.getTime();
  if (!(ms > 0)) return { expired: true, days: 0, hours: 0, minutes: 0, urgent: true };
  const totalMinutes = Math.floor(ms / 60_000);
  return {
    expired: false,
    days: Math.floor(totalMinutes / 1440),
    hours: Math.floor((totalMinutes % 1440) / 60),
    minutes: totalMinutes % 60,
    urgent: ms < 48 * 3_600_000,
  };
}

/** The top positive reasons of a match, by contribution, for one line. */
export function topReasons(
  reasons: Array<{ factor?: string; label: string; contribution: number }>,
  count = 3,
  translate: (key: string) => string = (key) => key,
): string[] {
  return reasons
    .filter((r) => r.contribution > 0)
    .sort((a, b) => b.contribution - a.contribution)
    .slice(0, count)
    .map((r) => {
      // The UI language's text for the factor, else the API's (English) label.
      const key = `reason.${r.factor}`;
      const text = r.factor ? translate(key) : key;
      return text === key ? r.label : text;
    });
}

/** A taxonomy dimension as a tree: roots in order, each with its children (parent/child shown in the pickers). */
export function taxonomyTree<T extends { code: string; parent: string | null }>(terms: readonly T[]): Array<{ term: T; children: T[] }> {
  const codes = new Set(terms.map((t) => t.code));
  const roots = terms.filter((t) => !t.parent || !codes.has(t.parent));
  return roots.map((term) => ({ term, children: terms.filter((c) => c.parent === term.code) }));
}

/** The numeric and text fields of each type, to turn a draft into an API body. */
const NUMBER_FIELDS = new Set(['trl', 'fundingSoughtEur', 'ticketMinEur', 'ticketMaxEur', 'fundSizeEur', 'foundedYear', 'employees']);

/**
 * The API body from a draft: empty text omitted on creation and null on update (to clear it), numbers parsed
 * (a non-number is sent as typed, so the API names the field), `geographies` split on commas.
 */
export function draftToBody(draft: Draft, fields: readonly string[], mode: 'create' | 'update'): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const field of fields) {
    const value = draft[field];
    if (value === undefined) continue;
    if (Array.isArray(value) || typeof value === 'boolean') {
      body[field] = value;
      continue;
    }
    const text = value.trim();
    if (field === 'geographies') {
      body[field] = text ? text.split(/[,;\s]+/).filter(Boolean).map((g) => g.toUpperCase()) : [];
      continue;
    }
    if (!text) {
      if (mode === 'update') body[field] = null;
      continue;
    }
    if (NUMBER_FIELDS.has(field)) {
      const n = Number(text);
      body[field] = Number.isFinite(n) ? n : text;
    } else body[field] = field === 'country' ? text.toUpperCase() : text;
  }
  return body;
}
