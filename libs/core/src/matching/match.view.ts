import type { MatchArea, MatchReason, OrganisationType } from '@hub/domain';

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
}

export interface MatchPage {
  items: MatchView[];
  total: number;
  limit: number;
  offset: number;
}
