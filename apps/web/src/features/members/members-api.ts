import { api } from '../../api/api-client';
import type { ProfileType } from './members-logic';

/** The API shapes the member screens read (a subset of each view). */
export interface TaxonomyTerm {
  code: string;
  parent: string | null;
  labels: { en: string; it: string };
}
export interface Taxonomy {
  version: string;
  sectors: TaxonomyTerm[];
  therapeuticAreas: TaxonomyTerm[];
  modalities: TaxonomyTerm[];
}
export type TaxonomyDimension = 'sectors' | 'therapeuticAreas' | 'modalities';
/** Company stages, in order (as the API's enumeration). */
export const STAGES: string[] = ['pre_seed', 'seed', 'series_a', 'series_b', 'series_c_plus', 'growth'];
export const DIMENSIONS: TaxonomyDimension[] = ['sectors', 'therapeuticAreas', 'modalities'];

export type Profile = Record<string, unknown> & { id: string; name: string; version: number };

export interface Reason {
  factor: string;
  label: string;
  contribution: number;
}
export type Area = 'venture_capital' | 'tech_transfer';
export type DeclineReason = 'stage' | 'ticket' | 'area' | 'timing' | 'other';
export const DECLINE_REASONS: DeclineReason[] = ['stage', 'ticket', 'area', 'timing', 'other'];

export interface Match {
  id: string;
  area: Area;
  score: number;
  reasons: Reason[];
  counterpart: { type: ProfileType; id: string; name: string; pitch: string | null };
  technologyOfferTitle?: string;
  review: { decision: 'shortlisted' | 'declined'; reason: string | null; reviewedAt: string } | null;
}
export interface Quota {
  limit: number;
  used: number;
  remaining: number;
}
export interface MeetingRequest {
  id: string;
  area: Area;
  status: 'pending' | 'accepted' | 'declined' | 'withdrawn' | 'expired';
  direction: 'incoming' | 'outgoing' | null;
  from: { type: ProfileType; id: string; name: string };
  to: { type: ProfileType; id: string; name: string };
  message: string | null;
  score: number | null;
  reasons: Reason[];
  createdAt: string;
  expiresAt: string;
  declineReason?: DeclineReason | null;
}
export interface SearchHit {
  type: ProfileType | 'technology_offer';
  id: string;
  organisationId: string;
  name: string;
  snippet: string | null;
}
export type FacetName = 'type' | 'sectors' | 'therapeuticAreas' | 'modalities' | 'stages' | 'country' | 'trl';
export interface SearchResult {
  hits: SearchHit[];
  facets: Partial<Record<FacetName, Record<string, number>>>;
  total: number;
  totalExact: boolean;
}
export interface EventSummary {
  id: string;
  name: string;
  timeZone: string;
  days: Array<{ date: string }>;
  publishedVersion: number | null;
}
export interface Agenda {
  version: number;
  published: boolean;
  meetings: Array<{ id: string; start: string; end: string; table: number; roomLink: string | null; participants: Array<{ id: string; organisationId: string; name: string }> }>;
}

/** The profile collection of each organisation type. */
export const PROFILE_PATH: Record<ProfileType, string> = {
  company: '/api/v1/companies',
  fund: '/api/v1/funds',
  research_centre: '/api/v1/research-centres',
};

let taxonomy: Promise<Taxonomy> | null = null;
/** The taxonomy, fetched once per page load (it is public and versioned). */
export function loadTaxonomy(): Promise<Taxonomy> {
  taxonomy ??= api<Taxonomy>('GET', '/api/v1/taxonomy').catch((e) => {
    taxonomy = null;
    throw e;
  });
  return taxonomy;
}

/** Query string from the defined, non-empty values. */
export function query(params: Record<string, string | number | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}
