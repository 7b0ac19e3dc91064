import type { MatchArea, MatchReason, ProposalCoverage } from '@hub/domain';
import type { MeetingParty } from './meeting-request.view';

export type MeetingProposalStatus = 'open' | 'accepted' | 'dismissed';
export type MeetingProposalDecision = 'confirmed' | 'dismissed';

/** A proposal as one of its organisations (or staff, for one of them) sees it. */
export interface MeetingProposalView {
  id: string;
  area: MatchArea;
  status: MeetingProposalStatus;
  /** The other organisation: public name only. */
  counterpart: MeetingParty;
  /** The match's score and top reasons when the proposal was made: why the platform proposes it. */
  score: number;
  reasons: MatchReason[];
  matchId: string | null;
  technologyOfferId: string | null;
  technologyOfferTitle: string | null;
  /** The viewing organisation's own decision; the other side's is never shown to it. */
  decision: MeetingProposalDecision | null;
  /** Staff only: the other side's decision. */
  counterpartDecision?: MeetingProposalDecision | null;
  /** The accepted meeting request, once both confirmed. */
  requestId: string | null;
  runId: string;
  createdAt: string;
}

export interface MeetingProposalPage {
  items: MeetingProposalView[];
  total: number;
  limit: number;
  offset: number;
}

export type MeetingProposalRunStatus = 'requested' | 'completed' | 'failed';

export interface MeetingProposalRunOptions {
  maxPerOrganisation: number;
  maxRank: number;
}

/** What a finished run records: counts, then the coverage by organisation type. */
export interface MeetingProposalRunStats extends ProposalCoverage {
  /** Reciprocal pairs open to the run (after every exclusion). */
  candidates: number;
  /** Proposals this run made. */
  proposed: number;
  /** Open proposals of earlier runs, which counted against the caps. */
  carriedOver: number;
}

export interface MeetingProposalRunView {
  runId: string;
  status: MeetingProposalRunStatus;
  options: MeetingProposalRunOptions;
  /** Events come with the scheduling issue: always null until then (every run is global). */
  eventId: string | null;
  requestedAt: string;
  completedAt: string | null;
  failedReason: string | null;
  coverage: MeetingProposalRunStats | null;
}
