import { idleOfSession, scheduleStats, scheduleViolations } from './schedule-validation';
import type { SchedulingMeeting, SchedulingProblem } from './scheduling.types';

const meeting = (id: string, participants: string[], extra: Partial<SchedulingMeeting> = {}): SchedulingMeeting => ({
  id,
  participants,
  priority: 1,
  allowedSlots: null,
  fixed: null,
  ...extra,
});

/** Four slots in two sessions (0–1 morning, 2–3 afternoon), two tables. */
function problem(meetings: SchedulingMeeting[], overrides: Partial<SchedulingProblem> = {}): SchedulingProblem {
  return {
    slots: [0, 1, 2, 3].map((index) => ({ index, session: index < 2 ? 0 : 1 })),
    tables: 2,
    participants: [
      { id: 'a', available: null, maxMeetings: 3, minMeetings: 2, host: true },
      { id: 'b', available: [0, 1, 2], maxMeetings: 1, minMeetings: 0 },
      { id: 'c', available: null, maxMeetings: 4, minMeetings: 1 },
      { id: 'd', available: null, maxMeetings: 4, minMeetings: 0 },
    ],
    meetings,
    hostTables: true,
    ...overrides,
  };
}

describe('scheduleViolations', () => {
  it('accepts a valid schedule', () => {
    const p = problem([meeting('ab', ['a', 'b']), meeting('cd', ['c', 'd']), meeting('ac', ['a', 'c'])]);
    expect(
      scheduleViolations(p, [
        { meetingId: 'ab', slot: 0, table: 0 },
        { meetingId: 'cd', slot: 0, table: 1 },
        { meetingId: 'ac', slot: 1, table: 0 },
      ]),
    ).toEqual([]);
  });

  it('reports a participant in two meetings in one slot', () => {
    const p = problem([meeting('ac', ['a', 'c']), meeting('cd', ['c', 'd'])]);
    const violations = scheduleViolations(p, [
      { meetingId: 'ac', slot: 2, table: 0 },
      { meetingId: 'cd', slot: 2, table: 1 },
    ]);
    expect(violations).toEqual(['participant c is in meetings ac and cd in slot 2']);
  });

  it('reports a slot a participant is not available in, and one the meeting does not allow', () => {
    const p = problem([meeting('ab', ['a', 'b']), meeting('cd', ['c', 'd'], { allowedSlots: [2, 3] })]);
    const violations = scheduleViolations(p, [
      { meetingId: 'ab', slot: 3, table: 0 },
      { meetingId: 'cd', slot: 0, table: 0 },
    ]);
    expect(violations).toEqual([
      'participant b is not available in slot 3 (meeting ab)',
      'meeting cd is in slot 0, which it does not allow',
    ]);
  });

  it('reports a table used twice in a slot and a table out of range', () => {
    const p = problem([meeting('ab', ['a', 'b']), meeting('cd', ['c', 'd'])]);
    expect(
      scheduleViolations(p, [
        { meetingId: 'ab', slot: 1, table: 1 },
        { meetingId: 'cd', slot: 1, table: 1 },
      ]),
    ).toEqual(['table 1 in slot 1 holds meetings ab and cd']);
    expect(scheduleViolations(p, [{ meetingId: 'cd', slot: 1, table: 2 }])).toEqual(['meeting cd is at table 2, outside 0..1']);
    expect(scheduleViolations(p, [{ meetingId: 'cd', slot: 4, table: 0 }])).toEqual(['meeting cd is in slot 4, outside 0..3']);
  });

  it('reports a participant above its maximum', () => {
    const p = problem([meeting('ab', ['a', 'b']), meeting('bc', ['b', 'c'])]);
    expect(
      scheduleViolations(p, [
        { meetingId: 'ab', slot: 0, table: 0 },
        { meetingId: 'bc', slot: 1, table: 0 },
      ]),
    ).toEqual(['participant b has 2 meetings, above its maximum of 1']);
  });

  it('reports a meeting placed twice and an unknown meeting', () => {
    const p = problem([meeting('cd', ['c', 'd'])]);
    expect(
      scheduleViolations(p, [
        { meetingId: 'cd', slot: 0, table: 0 },
        { meetingId: 'cd', slot: 1, table: 0 },
        { meetingId: 'zz', slot: 1, table: 1 },
      ]),
    ).toEqual(['meeting cd is placed more than once', 'placement of unknown meeting zz']);
  });

  it('reports a fixed meeting moved, or left out although it fits', () => {
    const p = problem([meeting('cd', ['c', 'd'], { fixed: { slot: 2, table: 1 } }), meeting('ac', ['a', 'c'], { fixed: { slot: 3, table: 0 } })]);
    expect(scheduleViolations(p, [{ meetingId: 'cd', slot: 2, table: 0 }])).toEqual([
      'fixed meeting cd moved from slot 2 table 1 to slot 2 table 0',
      'fixed meeting ac is not placed although nothing stops it',
    ]);
  });

  it('accepts a fixed meeting left out when something holds its place', () => {
    const p = problem([meeting('cd', ['c', 'd'], { fixed: { slot: 2, table: 1 } }), meeting('ac', ['a', 'c'], { fixed: { slot: 2, table: 0 } })]);
    expect(scheduleViolations(p, [{ meetingId: 'cd', slot: 2, table: 1 }])).toEqual([]);
  });
});

describe('idleOfSession', () => {
  it('counts empty slots between the first and last busy one, and runs of them', () => {
    expect(idleOfSession([false, true, false, false, true, false, true, false])).toEqual({ idleSlots: 3, idleRuns: 2 });
    expect(idleOfSession([true, true, false])).toEqual({ idleSlots: 0, idleRuns: 0 });
    expect(idleOfSession([false, false])).toEqual({ idleSlots: 0, idleRuns: 0 });
  });
});

describe('scheduleStats', () => {
  it('computes coverage, idle gaps within sessions only, and hosts moved', () => {
    const p = problem(
      [meeting('ab', ['a', 'b'], { priority: 2 }), meeting('ac', ['a', 'c'], { priority: 3 }), meeting('ad', ['a', 'd']), meeting('cd', ['c', 'd'])],
      {
        slots: [0, 1, 2, 3, 4].map((index) => ({ index, session: index < 3 ? 0 : 1 })),
      },
    );
    // a: slots 0 and 2 (one idle slot in the morning), then 3; tables 0, 0, 1 (a host that moved).
    const stats = scheduleStats(
      p,
      [
        { meetingId: 'ab', slot: 0, table: 0 },
        { meetingId: 'ac', slot: 2, table: 0 },
        { meetingId: 'ad', slot: 3, table: 1 },
      ],
      12,
    );
    expect(stats).toEqual({
      meetings: 4,
      scheduled: 3,
      totalPriority: 7,
      scheduledPriority: 6,
      participantsBelowTarget: 0,
      coverageDeficit: 0,
      idleSlots: 1,
      idleRuns: 1,
      hostsMoved: 1,
      wallMs: 12,
    });
  });

  it('counts participants below target and the meetings they lack', () => {
    const p = problem([meeting('ab', ['a', 'b'])]);
    const stats = scheduleStats(p, [{ meetingId: 'ab', slot: 0, table: 0 }], 0);
    // a has 1 of 2, c has 0 of 1.
    expect(stats.participantsBelowTarget).toBe(2);
    expect(stats.coverageDeficit).toBe(2);
  });
});
