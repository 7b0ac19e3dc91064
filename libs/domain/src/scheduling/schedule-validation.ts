import type { Placement, ScheduleStats, SchedulingProblem } from './scheduling.types';

/**
 * Independent checks of a schedule against a problem. Written plainly with maps, sharing no code with the solver,
 * so that tests and the API can use them to verify what the solver (or a staff member's manual move) produced.
 */

/** Every hard rule a set of placements breaks, one readable message per breach; empty when the schedule is valid. */
export function scheduleViolations(problem: SchedulingProblem, placements: readonly Placement[]): string[] {
  const violations: string[] = [];
  const slotCount = problem.slots.length;
  const meetings = new Map(problem.meetings.map((m) => [m.id, m]));
  const participants = new Map(problem.participants.map((p) => [p.id, p]));
  const seen = new Set<string>();
  const tableUse = new Map<string, string>();
  const participantUse = new Map<string, string>();
  const meetingsOf = new Map<string, number>();

  for (const placement of placements) {
    const meeting = meetings.get(placement.meetingId);
    if (!meeting) {
      violations.push(`placement of unknown meeting ${placement.meetingId}`);
      continue;
    }
    if (seen.has(meeting.id)) {
      violations.push(`meeting ${meeting.id} is placed more than once`);
      continue;
    }
    seen.add(meeting.id);
    const { slot, table } = placement;
    if (!Number.isInteger(slot) || slot < 0 || slot >= slotCount) {
      violations.push(`meeting ${meeting.id} is in slot ${slot}, outside 0..${slotCount - 1}`);
      continue;
    }
    if (!Number.isInteger(table) || table < 0 || table >= problem.tables) {
      violations.push(`meeting ${meeting.id} is at table ${table}, outside 0..${problem.tables - 1}`);
    }
    if (meeting.allowedSlots && !meeting.allowedSlots.includes(slot)) {
      violations.push(`meeting ${meeting.id} is in slot ${slot}, which it does not allow`);
    }
    if (meeting.fixed && (meeting.fixed.slot !== slot || meeting.fixed.table !== table)) {
      violations.push(
        `fixed meeting ${meeting.id} moved from slot ${meeting.fixed.slot} table ${meeting.fixed.table} to slot ${slot} table ${table}`,
      );
    }
    const tableKey = `${slot}|${table}`;
    const atTable = tableUse.get(tableKey);
    if (atTable !== undefined) violations.push(`table ${table} in slot ${slot} holds meetings ${atTable} and ${meeting.id}`);
    else tableUse.set(tableKey, meeting.id);

    for (const participantId of meeting.participants) {
      const participant = participants.get(participantId);
      if (!participant) {
        violations.push(`meeting ${meeting.id} has unknown participant ${participantId}`);
        continue;
      }
      if (participant.available && !participant.available.includes(slot)) {
        violations.push(`participant ${participantId} is not available in slot ${slot} (meeting ${meeting.id})`);
      }
      const key = `${participantId}|${slot}`;
      const other = participantUse.get(key);
      if (other !== undefined) violations.push(`participant ${participantId} is in meetings ${other} and ${meeting.id} in slot ${slot}`);
      else participantUse.set(key, meeting.id);
      meetingsOf.set(participantId, (meetingsOf.get(participantId) ?? 0) + 1);
    }
  }

  for (const [participantId, count] of meetingsOf) {
    const participant = participants.get(participantId);
    if (participant && count > participant.maxMeetings) {
      violations.push(`participant ${participantId} has ${count} meetings, above its maximum of ${participant.maxMeetings}`);
    }
  }

  // A fixed meeting may be left out only when something stops it from standing where it is fixed; leaving out one
  // that fits as is would silently drop a locked meeting.
  for (const meeting of problem.meetings) {
    if (!meeting.fixed || seen.has(meeting.id)) continue;
    const { slot, table } = meeting.fixed;
    const fits =
      Number.isInteger(slot) &&
      slot >= 0 &&
      slot < slotCount &&
      Number.isInteger(table) &&
      table >= 0 &&
      table < problem.tables &&
      (!meeting.allowedSlots || meeting.allowedSlots.includes(slot)) &&
      !tableUse.has(`${slot}|${table}`) &&
      meeting.participants.every((id) => {
        const participant = participants.get(id);
        return (
          participant !== undefined &&
          (!participant.available || participant.available.includes(slot)) &&
          !participantUse.has(`${id}|${slot}`) &&
          (meetingsOf.get(id) ?? 0) < participant.maxMeetings
        );
      });
    if (fits) violations.push(`fixed meeting ${meeting.id} is not placed although nothing stops it`);
  }
  return violations;
}

/** Idle slots and runs of idle slots of one participant's busy flags over one session's slots, in order. */
export function idleOfSession(busy: readonly boolean[]): { idleSlots: number; idleRuns: number } {
  let first = -1;
  let last = -1;
  for (let i = 0; i < busy.length; i++) {
    if (busy[i]) {
      if (first < 0) first = i;
      last = i;
    }
  }
  let idleSlots = 0;
  let idleRuns = 0;
  for (let i = first + 1; first >= 0 && i < last; i++) {
    if (!busy[i]) {
      idleSlots++;
      if (busy[i - 1]) idleRuns++;
    }
  }
  return { idleSlots, idleRuns };
}

/**
 * The figures of a schedule: what is placed and its priority, fair coverage, compactness (idle slots between a
 * participant's first and last meeting of each session) and how many host participants change tables.
 */
export function scheduleStats(problem: SchedulingProblem, placements: readonly Placement[], wallMs: number): ScheduleStats {
  const meetings = new Map(problem.meetings.map((m) => [m.id, m]));
  const slotsBySession = new Map<number, number[]>();
  for (const slot of [...problem.slots].sort((a, b) => a.index - b.index)) {
    const list = slotsBySession.get(slot.session) ?? [];
    list.push(slot.index);
    slotsBySession.set(slot.session, list);
  }
  const busySlots = new Map<string, Set<number>>();
  const tablesOf = new Map<string, Set<number>>();
  let scheduledPriority = 0;
  let scheduled = 0;
  const placed = new Set<string>();
  for (const placement of placements) {
    const meeting = meetings.get(placement.meetingId);
    if (!meeting || placed.has(meeting.id)) continue;
    placed.add(meeting.id);
    scheduled++;
    scheduledPriority += meeting.priority;
    for (const id of meeting.participants) {
      const busy = busySlots.get(id) ?? new Set<number>();
      busy.add(placement.slot);
      busySlots.set(id, busy);
      const tables = tablesOf.get(id) ?? new Set<number>();
      tables.add(placement.table);
      tablesOf.set(id, tables);
    }
  }
  let participantsBelowTarget = 0;
  let coverageDeficit = 0;
  let idleSlots = 0;
  let idleRuns = 0;
  let hostsMoved = 0;
  for (const participant of problem.participants) {
    const busy = busySlots.get(participant.id) ?? new Set<number>();
    const lack = participant.minMeetings - busy.size;
    if (lack > 0) {
      participantsBelowTarget++;
      coverageDeficit += lack;
    }
    for (const sessionSlots of slotsBySession.values()) {
      const idle = idleOfSession(sessionSlots.map((s) => busy.has(s)));
      idleSlots += idle.idleSlots;
      idleRuns += idle.idleRuns;
    }
    if (problem.hostTables && participant.host && (tablesOf.get(participant.id)?.size ?? 0) > 1) hostsMoved++;
  }
  return {
    meetings: problem.meetings.length,
    scheduled,
    totalPriority: problem.meetings.reduce((sum, m) => sum + m.priority, 0),
    scheduledPriority,
    participantsBelowTarget,
    coverageDeficit,
    idleSlots,
    idleRuns,
    hostsMoved,
    wallMs,
  };
}
