import type { SchedulingProblem } from './scheduling.types';

/**
 * A scheduling problem compiled to dense indexes and typed arrays: the solver's inner loops run millions of times
 * on large events, so they must not touch maps or strings.
 */
export interface ScheduleModel {
  /** Slots, participants, meetings, tables, sessions. */
  S: number;
  P: number;
  M: number;
  T: number;
  K: number;
  /** Dense session number (0..K-1) of each slot. */
  sessionOf: Int32Array;
  /** Each session's slots, chronological. */
  sessionSlots: Int32Array[];
  maxMeetings: Int32Array;
  minMeetings: Int32Array;
  host: Uint8Array;
  /** Each meeting's participant indexes. */
  parts: Int32Array[];
  /** Each participant's meeting indexes. */
  meetingsOf: Int32Array[];
  priority: Float64Array;
  /** Slots a meeting may take: allowed by the meeting and available to all its participants. */
  candidates: Int32Array[];
  /** candidates as a mask, M × S. */
  candidateMask: Uint8Array;
  fixed: Uint8Array;
  fixedSlot: Int32Array;
  fixedTable: Int32Array;
}

/** Compiles a problem; throws on a malformed one (unknown participant, duplicate id, slots not numbered 0..S-1). */
export function compileSchedule(problem: SchedulingProblem): ScheduleModel {
  const S = problem.slots.length;
  const P = problem.participants.length;
  const M = problem.meetings.length;
  const T = Math.max(0, Math.floor(problem.tables));
  const ordered = [...problem.slots].sort((a, b) => a.index - b.index);
  ordered.forEach((slot, i) => {
    if (slot.index !== i) throw new Error(`slots must be numbered 0..${S - 1}; found ${slot.index} at position ${i}`);
  });
  // Sessions renumbered densely in chronological order of their first slot; a session split by another is still
  // one session (idle gaps are counted between its slots in order).
  const sessionIds = new Map<number, number>();
  const sessionOf = new Int32Array(S);
  const sessionLists: number[][] = [];
  for (const slot of ordered) {
    let k = sessionIds.get(slot.session);
    if (k === undefined) {
      k = sessionLists.length;
      sessionIds.set(slot.session, k);
      sessionLists.push([]);
    }
    sessionOf[slot.index] = k;
    sessionLists[k].push(slot.index);
  }

  const participantIndex = new Map<string, number>();
  const maxMeetings = new Int32Array(P);
  const minMeetings = new Int32Array(P);
  const host = new Uint8Array(P);
  const available = new Uint8Array(P * S);
  problem.participants.forEach((participant, p) => {
    if (participantIndex.has(participant.id)) throw new Error(`duplicate participant ${participant.id}`);
    participantIndex.set(participant.id, p);
    maxMeetings[p] = Math.max(0, Math.floor(participant.maxMeetings));
    minMeetings[p] = Math.max(0, Math.floor(participant.minMeetings));
    host[p] = participant.host ? 1 : 0;
    if (participant.available === null) available.fill(1, p * S, (p + 1) * S);
    else for (const s of participant.available) if (Number.isInteger(s) && s >= 0 && s < S) available[p * S + s] = 1;
  });

  const meetingIds = new Set<string>();
  const parts: Int32Array[] = [];
  const meetingLists: number[][] = Array.from({ length: P }, () => []);
  const priority = new Float64Array(M);
  const candidates: Int32Array[] = [];
  const candidateMask = new Uint8Array(M * S);
  const fixed = new Uint8Array(M);
  const fixedSlot = new Int32Array(M).fill(-1);
  const fixedTable = new Int32Array(M).fill(-1);
  problem.meetings.forEach((meeting, m) => {
    if (meetingIds.has(meeting.id)) throw new Error(`duplicate meeting ${meeting.id}`);
    meetingIds.add(meeting.id);
    const indexes = [...new Set(meeting.participants)].map((id) => {
      const p = participantIndex.get(id);
      if (p === undefined) throw new Error(`meeting ${meeting.id} names unknown participant ${id}`);
      return p;
    });
    parts.push(Int32Array.from(indexes));
    for (const p of indexes) meetingLists[p].push(m);
    priority[m] = meeting.priority;
    const allowed = new Uint8Array(S);
    if (meeting.allowedSlots === null) allowed.fill(1);
    else for (const s of meeting.allowedSlots) if (Number.isInteger(s) && s >= 0 && s < S) allowed[s] = 1;
    const list: number[] = [];
    for (let s = 0; s < S; s++) {
      if (allowed[s] && indexes.every((p) => available[p * S + s] === 1)) {
        list.push(s);
        candidateMask[m * S + s] = 1;
      }
    }
    candidates.push(Int32Array.from(list));
    if (meeting.fixed) {
      fixed[m] = 1;
      fixedSlot[m] = meeting.fixed.slot;
      fixedTable[m] = meeting.fixed.table;
    }
  });

  return {
    S,
    P,
    M,
    T,
    K: sessionLists.length,
    sessionOf,
    sessionSlots: sessionLists.map((list) => Int32Array.from(list)),
    maxMeetings,
    minMeetings,
    host,
    parts,
    meetingsOf: meetingLists.map((list) => Int32Array.from(list)),
    priority,
    candidates,
    candidateMask,
    fixed,
    fixedSlot,
    fixedTable,
  };
}
