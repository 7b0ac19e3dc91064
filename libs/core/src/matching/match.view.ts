import type { DeclineReason, MatchArea, MatchReason, OrganisationType } from '@hub/domain';

export type MatchReviewDecision = 'shortlisted' | 'declined';

/** The viewing organisation's own decision on a match: never shown to the counterpart or anyone else. */
export interface MatchReview {
  decision: MatchReviewDecision;
  /** Why it was declined; null for a shortlist. */
  reason: DeclineReason | null;
  reviewedAt: string;
}

/** The other party of a match, as the caller sees it: public fields only. */
export interface MatchCounterpart {
  type: OrganisationType;
  id: string;
  name: string;
  /** The company's pitch, the fund's thesis, the research centre's description (cut to 280 characters). */
  pitch: string | null;
}

export interface MatchView {
  id: string;
  area: MatchArea;
  score: number;
  /** Factors that contributed, largest first; they add up to the score. */
  reasons: MatchReason[];
  counterpart: MatchCounterpart;
  technologyOfferId?: string;
  technologyOfferTitle?: string;
  configVersion: number;
  computedAt: string;
  /** The viewing organisation's review (for staff reading a list: the listed organisation's). */
  review: MatchReview | null;
}

export interface MatchPage {
  items: MatchView[];
  total: number;
  limit: number;
  offset: number;
}
