import type { CollaborationType, CompanyKind, LookingFor, Stage } from '../profile/profile.enums';

/** The two areas the platform matches in. */
export const MATCH_AREAS = ['venture_capital', 'tech_transfer'] as const;
export type MatchArea = (typeof MATCH_AREAS)[number];

interface Tagged {
  id: string;
  sectors: readonly string[];
  therapeuticAreas: readonly string[];
  modalities: readonly string[];
}

/** What scoring reads of a company (confidential fields included: scoring runs server-side, reasons carry no values). */
export interface CompanyInput extends Tagged {
  kind: CompanyKind;
  country: string;
  stage: Stage | null;
  trl: number | null;
  fundingSoughtEur: number | null;
  lookingFor: readonly LookingFor[];
  /** Pitch and description. */
  text: string;
  technologyNeeds: string | null;
}

export interface FundInput extends Tagged {
  active: boolean;
  stages: readonly Stage[];
  ticketMinEur: number | null;
  ticketMaxEur: number | null;
  /** ISO country codes, `EU`, `WORLD`; empty means anywhere. */
  geographies: readonly string[];
  /** Thesis (and manager). */
  text: string;
}

export interface OfferInput extends Tagged {
  researchCentreId: string;
  trl: number | null;
  collaborationTypes: readonly CollaborationType[];
  /** Title and description. */
  text: string;
}

/** One factor of a score, for people: `contribution` is in score points, and the reasons add up to the score. */
export interface MatchReason {
  factor: string;
  label: string;
  contribution: number;
}

/** Why a pair is not a match at all. */
export interface Exclusion {
  rule: string;
  label: string;
}

export type MatchExplanation =
  | { excluded: false; score: number; reasons: MatchReason[] }
  | { excluded: true; score: 0; exclusions: Exclusion[] };
