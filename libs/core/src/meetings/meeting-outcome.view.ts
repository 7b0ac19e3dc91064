import type { FollowUpStatus, MeetingOutcome } from '@hub/domain';

/** One side's record of how a meeting went. */
export interface MeetingOutcomeView {
  requestId: string;
  organisationId: string;
  outcome: MeetingOutcome;
  followUp: FollowUpStatus;
  note: string | null;
  recordedAt: string;
}

/** Staff's aggregate view: how accepted meetings went, over both sides' records. */
export interface MeetingOutcomeSummary {
  acceptedMeetings: number;
  /** Meetings for which at least one side recorded an outcome. */
  withOutcome: number;
  /** Records per outcome (each side's record counts). */
  outcomes: Record<MeetingOutcome, number>;
  /** Records per follow-up status. */
  followUps: Record<FollowUpStatus, number>;
  /** Meetings whose two sides disagree on whether it took place. */
  disputed: number;
  byArea: Record<'venture_capital' | 'tech_transfer', { acceptedMeetings: number; tookPlace: number; followedUp: number }>;
}
