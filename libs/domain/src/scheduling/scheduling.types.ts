/**
 * The B2B partnering scheduling problem, in the terms the solver works with: slots and tables by index, meetings
 * between participants, each participant's availability and limits. Ids are the caller's (database ids in the
 * platform, generated ones in benchmarks); the solver never interprets them.
 */

/** One time slot of the event, in chronological order. Idle gaps are counted within a session only. */
export interface SchedulingSlot {
  /** 0..S-1, chronological. */
  index: number;
  /** The session (a window such as a morning) the slot belongs to: 0, 1, ... in chronological order. */
  session: number;
}

export interface SchedulingParticipant {
  id: string;
  /** Slot indexes the participant can attend; null = every slot. */
  available: readonly number[] | null;
  /** Hard cap on the participant's meetings. */
  maxMeetings: number;
  /** Fair-coverage target: give the participant at least this many meetings where possible. */
  minMeetings: number;
  /** With host tables: the participant that stays at one table for all its meetings (e.g. an investor). */
  host?: boolean;
}

export interface SchedulingMeeting {
  id: string;
  /** Two (or more) participant ids; all must attend. */
  participants: readonly string[];
  /** Weight in the objective (> 0): match score, mutual interest. */
  priority: number;
  /** Slot indexes the meeting may take (e.g. "afternoon only"); null = any. */
  allowedSlots: readonly number[] | null;
  /** A locked or published meeting: it stays exactly here; the solver only checks it. */
  fixed: { slot: number; table: number } | null;
}

export interface SchedulingProblem {
  slots: readonly SchedulingSlot[];
  /** Tables are numbered 0..tables-1 (the platform shows them from 1). */
  tables: number;
  participants: readonly SchedulingParticipant[];
  meetings: readonly SchedulingMeeting[];
  /** Keep each host participant at one table across its meetings (soft, after the objectives above it). */
  hostTables: boolean;
}

export interface Placement {
  meetingId: string;
  slot: number;
  table: number;
}

/** Why a meeting could not be placed. */
export type UnscheduledReason =
  /** Its participants share no available (and allowed) slot. */
  | 'no_common_slot'
  /** A participant reached maxMeetings. */
  | 'participant_full'
  /** Every common slot is taken (participants busy or no table free). */
  | 'no_room'
  /** A fixed meeting breaks a hard rule (two fixed meetings collide, or the slot became unavailable). */
  | 'fixed_conflict';

export interface ScheduleStats {
  meetings: number;
  scheduled: number;
  totalPriority: number;
  scheduledPriority: number;
  /** Participants with fewer meetings than their minMeetings (and how many meetings they lack in all). */
  participantsBelowTarget: number;
  coverageDeficit: number;
  /** Empty slots between a participant's first and last meeting of a session, summed over participants and sessions. */
  idleSlots: number;
  /** Runs of consecutive idle slots (a gap of 3 empty slots is one run). */
  idleRuns: number;
  /** Host participants seated at more than one table. */
  hostsMoved: number;
  wallMs: number;
}

export interface ScheduleResult {
  placements: Placement[];
  unscheduled: Array<{ meetingId: string; reason: UnscheduledReason }>;
  stats: ScheduleStats;
}

export interface SolveOptions {
  /** Stop improving after this long (the result is always valid). */
  timeLimitMs?: number;
  /** For reproducible local search. */
  seed?: number;
  /**
   * Local-search moves to try (default: 400 per meeting, at least 200,000). The search is deterministic for a seed
   * and this budget; the time limit only stops it earlier.
   */
  iterations?: number;
  /** Called now and then with a fraction 0..1, for a job's progress. */
  onProgress?: (fraction: number) => void;
}
