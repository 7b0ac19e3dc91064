import fc from 'fast-check';
import { scheduleStats, scheduleViolations } from './schedule-validation';
import { solveSchedule } from './scheduler';
import type { ScheduleResult, SchedulingMeeting, SchedulingParticipant, SchedulingProblem } from './scheduling.types';

const FAST = { iterations: 3000, timeLimitMs: 60_000, seed: 7 };

const person = (id: string, extra: Partial<SchedulingParticipant> = {}): SchedulingParticipant => ({
  id,
  available: null,
  maxMeetings: 10,
  minMeetings: 0,
  ...extra,
});
const meeting = (id: string, participants: string[], extra: Partial<SchedulingMeeting> = {}): SchedulingMeeting => ({
  id,
  participants,
  priority: 1,
  allowedSlots: null,
  fixed: null,
  ...extra,
});
const oneSession = (n: number) => Array.from({ length: n }, (_, index) => ({ index, session: 0 }));
const slotOf = (result: ScheduleResult, id: string) => result.placements.find((p) => p.meetingId === id)?.slot;
const reasonOf = (result: ScheduleResult, id: string) => result.unscheduled.find((u) => u.meetingId === id)?.reason;

describe('solveSchedule on instances with a known optimum', () => {
  it('keeps the two most valuable meetings of a triangle that fits in two slots', () => {
    // Any two of the three meetings share a participant, so each slot holds one: the optimum is ab + bc = 5.
    const problem: SchedulingProblem = {
      slots: oneSession(2),
      tables: 3,
      participants: [person('a'), person('b'), person('c')],
      meetings: [meeting('ab', ['a', 'b'], { priority: 3 }), meeting('bc', ['b', 'c'], { priority: 2 }), meeting('ac', ['a', 'c'], { priority: 1 })],
      hostTables: false,
    };
    const result = solveSchedule(problem, FAST);
    expect(result.stats.scheduledPriority).toBe(5);
    expect(reasonOf(result, 'ac')).toBe('no_room');
  });

  it('moves a placed meeting to make room for one that has a single possible slot', () => {
    // The greedy places ac first (higher priority) in slot 0; ab can only be in slot 0, so ac must move.
    const problem: SchedulingProblem = {
      slots: oneSession(2),
      tables: 2,
      participants: [person('a'), person('b', { available: [0] }), person('c')],
      meetings: [meeting('ac', ['a', 'c'], { priority: 2 }), meeting('ab', ['a', 'b'], { priority: 1 })],
      hostTables: false,
    };
    const result = solveSchedule(problem, FAST);
    expect(result.placements.map((p) => [p.meetingId, p.slot])).toEqual([
      ['ab', 0],
      ['ac', 1],
    ]);
  });

  it('solves a chain where every meeting must shift to fit a new one', () => {
    // A path f-a-b-c-d-e over 2 slots: af and de are pinned to slot 0, so the path alternates 0,1,0,1,0 in one way only.
    const problem: SchedulingProblem = {
      slots: oneSession(2),
      tables: 4,
      participants: [person('a'), person('b'), person('c'), person('d'), person('e', { available: [0] }), person('f', { available: [0] })],
      meetings: [
        meeting('ab', ['a', 'b']),
        meeting('bc', ['b', 'c']),
        meeting('cd', ['c', 'd']),
        meeting('de', ['d', 'e']),
        meeting('af', ['a', 'f']),
      ],
      hostTables: false,
    };
    const result = solveSchedule(problem, FAST);
    expect(result.stats.scheduled).toBe(5);
    expect(scheduleViolations(problem, result.placements)).toEqual([]);
  });

  it('gives a popular participant’s last place to the one who has no other meeting (fair coverage)', () => {
    // h can take one meeting. v1 also meets k; v2 meets only h. Same priority either way; only h–v2 leaves
    // nobody below target.
    const problem: SchedulingProblem = {
      slots: oneSession(2),
      tables: 2,
      participants: [
        person('h', { maxMeetings: 1, minMeetings: 1 }),
        person('k', { minMeetings: 1 }),
        person('v1', { minMeetings: 1 }),
        person('v2', { minMeetings: 1 }),
      ],
      meetings: [meeting('h-v1', ['h', 'v1']), meeting('h-v2', ['h', 'v2']), meeting('k-v1', ['k', 'v1'])],
      hostTables: false,
    };
    const result = solveSchedule(problem, FAST);
    expect(result.stats.scheduledPriority).toBe(2);
    expect(result.stats.coverageDeficit).toBe(0);
    expect(slotOf(result, 'h-v2')).toBeDefined();
    expect(reasonOf(result, 'h-v1')).toBe('participant_full');
  });

  it('never trades priority for coverage', () => {
    const problem: SchedulingProblem = {
      slots: oneSession(1),
      tables: 1,
      participants: [person('a'), person('b'), person('c', { minMeetings: 1 }), person('d', { minMeetings: 1 })],
      meetings: [meeting('ab', ['a', 'b'], { priority: 2 }), meeting('cd', ['c', 'd'], { priority: 1 })],
      hostTables: false,
    };
    const result = solveSchedule(problem, FAST);
    expect(result.placements).toEqual([{ meetingId: 'ab', slot: 0, table: 0 }]);
    expect(result.stats.participantsBelowTarget).toBe(2);
  });

  it('packs each agenda without gaps when it can', () => {
    // a meets b (only slot 0 or 4), c and d (anywhere): the compact agendas are 0-1-2 or 2-3-4.
    const problem: SchedulingProblem = {
      slots: oneSession(5),
      tables: 2,
      participants: [person('a'), person('b', { available: [0, 4] }), person('c'), person('d')],
      meetings: [meeting('ab', ['a', 'b']), meeting('ac', ['a', 'c']), meeting('ad', ['a', 'd'])],
      hostTables: false,
    };
    const result = solveSchedule(problem, { ...FAST, iterations: 20_000 });
    expect(result.stats.scheduled).toBe(3);
    expect(result.stats.idleSlots).toBe(0);
    const slots = result.placements.map((p) => p.slot).sort((x, y) => x - y);
    expect([[0, 1, 2], [2, 3, 4]]).toContainEqual(slots);
  });

  it('counts idle gaps within a session only: a lunch break is not a gap', () => {
    const problem: SchedulingProblem = {
      slots: [0, 1, 2, 3].map((index) => ({ index, session: index < 2 ? 0 : 1 })),
      tables: 1,
      participants: [person('a'), person('b', { available: [0, 3] }), person('c', { available: [0, 3] })],
      meetings: [meeting('ab', ['a', 'b']), meeting('ac', ['a', 'c'])],
      hostTables: false,
    };
    const result = solveSchedule(problem, FAST);
    expect(result.stats.scheduled).toBe(2);
    expect(result.stats.idleSlots).toBe(0);
  });

  it('keeps fixed meetings where they are and reports those that collide or lost their slot', () => {
    const problem: SchedulingProblem = {
      slots: oneSession(3),
      tables: 2,
      participants: [person('a'), person('b'), person('c', { available: [0, 1] }), person('d')],
      meetings: [
        meeting('ab', ['a', 'b'], { fixed: { slot: 2, table: 1 } }),
        meeting('ab2', ['a', 'd'], { fixed: { slot: 2, table: 0 } }), // a is already in ab at slot 2
        meeting('cd', ['c', 'd'], { fixed: { slot: 2, table: 0 } }), // c is not available in slot 2
        meeting('bd', ['b', 'd'], { fixed: { slot: 1, table: 5 } }), // no table 5
        meeting('ac', ['a', 'c']),
      ],
      hostTables: false,
    };
    const result = solveSchedule(problem, FAST);
    expect(result.placements).toContainEqual({ meetingId: 'ab', slot: 2, table: 1 });
    expect(reasonOf(result, 'ab2')).toBe('fixed_conflict');
    expect(reasonOf(result, 'cd')).toBe('fixed_conflict');
    expect(reasonOf(result, 'bd')).toBe('fixed_conflict');
    expect([0, 1]).toContain(slotOf(result, 'ac'));
    expect(scheduleViolations(problem, result.placements)).toEqual([]);
  });

  it('seats each host at one table across its meetings', () => {
    const visitors = ['v1', 'v2', 'v3', 'v4', 'v5', 'v6'];
    const problem: SchedulingProblem = {
      slots: oneSession(3),
      tables: 3,
      participants: [person('h1', { host: true }), person('h2', { host: true }), ...visitors.map((v) => person(v))],
      meetings: [
        ...visitors.slice(0, 3).map((v) => meeting(`h1-${v}`, ['h1', v])),
        ...visitors.slice(3).map((v) => meeting(`h2-${v}`, ['h2', v])),
        meeting('v1-v4', ['v1', 'v4']),
        meeting('v2-v5', ['v2', 'v5']),
      ],
      hostTables: true,
    };
    const result = solveSchedule(problem, FAST);
    expect(result.stats.scheduled).toBe(8);
    expect(result.stats.hostsMoved).toBe(0);
    const tablesOf = (host: string) => new Set(result.placements.filter((p) => p.meetingId.startsWith(`${host}-`)).map((p) => p.table));
    expect(tablesOf('h1').size).toBe(1);
    expect(tablesOf('h2').size).toBe(1);
    expect(tablesOf('h1')).not.toEqual(tablesOf('h2'));
  });

  it('says why a meeting is unscheduled', () => {
    const problem: SchedulingProblem = {
      slots: oneSession(2),
      tables: 1,
      participants: [person('a', { available: [0] }), person('b', { available: [1] }), person('c', { maxMeetings: 1 }), person('d'), person('e')],
      meetings: [
        meeting('ab', ['a', 'b']),
        meeting('cd', ['c', 'd'], { priority: 2 }),
        meeting('ce', ['c', 'e']),
        meeting('de', ['d', 'e'], { allowedSlots: [] }),
      ],
      hostTables: false,
    };
    const result = solveSchedule(problem, FAST);
    expect(reasonOf(result, 'ab')).toBe('no_common_slot');
    expect(reasonOf(result, 'de')).toBe('no_common_slot');
    expect(reasonOf(result, 'ce')).toBe('participant_full');
    expect(slotOf(result, 'cd')).toBeDefined();
  });

  it('reports progress up to 1', () => {
    const fractions: number[] = [];
    const problem: SchedulingProblem = {
      slots: oneSession(4),
      tables: 2,
      participants: [person('a'), person('b'), person('c')],
      meetings: [meeting('ab', ['a', 'b']), meeting('bc', ['b', 'c']), meeting('ac', ['a', 'c'])],
      hostTables: false,
    };
    solveSchedule(problem, { ...FAST, onProgress: (f) => fractions.push(f) });
    expect(fractions.length).toBeGreaterThan(1);
    expect(fractions[fractions.length - 1]).toBe(1);
    expect([...fractions].sort((x, y) => x - y)).toEqual(fractions);
  });

  it('refuses a malformed problem', () => {
    const base: SchedulingProblem = { slots: oneSession(1), tables: 1, participants: [person('a')], meetings: [meeting('ab', ['a', 'b'])], hostTables: false };
    expect(() => solveSchedule(base)).toThrow('meeting ab names unknown participant b');
    expect(() => solveSchedule({ ...base, slots: [{ index: 1, session: 0 }], meetings: [] })).toThrow('slots must be numbered 0..0');
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Property tests on random instances.

const problems = (maxSlots: number, maxMeetings: number, withFixed: boolean): fc.Arbitrary<SchedulingProblem> => fc
  .record({
    S: fc.integer({ min: 1, max: maxSlots }),
    sessions: fc.integer({ min: 1, max: 2 }),
    T: fc.integer({ min: 1, max: 4 }),
    P: fc.integer({ min: 2, max: 8 }),
    hostTables: fc.boolean(),
    M: fc.integer({ min: 0, max: maxMeetings }),
  })
  .chain(({ S, sessions, T, P, hostTables, M }) => {
    const slotSet = fc.option(fc.uniqueArray(fc.integer({ min: 0, max: S - 1 }), { maxLength: S }), { freq: 2 });
    const participant = fc.record({
      available: slotSet,
      maxMeetings: fc.integer({ min: 0, max: S + 1 }),
      minMeetings: fc.integer({ min: 0, max: 3 }),
      host: fc.boolean(),
    });
    const meetingArb = fc.record({
      participants: fc.uniqueArray(fc.integer({ min: 0, max: P - 1 }), { minLength: 2, maxLength: Math.min(3, P) }),
      priority: fc.integer({ min: 1, max: 4 }),
      allowedSlots: fc.option(fc.uniqueArray(fc.integer({ min: 0, max: S - 1 }), { maxLength: S }), { freq: 3 }),
      fixed: withFixed
        ? fc.option(fc.record({ slot: fc.integer({ min: 0, max: S - 1 }), table: fc.integer({ min: 0, max: T }) }), { freq: 6 })
        : fc.constant(null),
    });
    return fc.record({
      participants: fc.array(participant, { minLength: P, maxLength: P }),
      meetings: fc.array(meetingArb, { minLength: M, maxLength: M }),
    }).map(({ participants, meetings }) => ({
      slots: Array.from({ length: S }, (_, index) => ({ index, session: Math.floor((index * sessions) / S) })),
      tables: T,
      participants: participants.map((p, i) => ({ id: `p${i}`, ...p })),
      meetings: meetings.map((m, i) => ({ id: `m${i}`, ...m, participants: m.participants.map((p) => `p${p}`) })),
      hostTables,
    }));
  });
const problemArbitrary = problems(7, 24, true);

/** Whether meeting m could be added as is: some allowed, available slot with its participants free, below their cap, and a table free. */
function insertable(problem: SchedulingProblem, result: ScheduleResult, id: string): boolean {
  const m = problem.meetings.find((x) => x.id === id) as SchedulingMeeting;
  const placedById = new Map(problem.meetings.map((x) => [x.id, x]));
  const count = new Map<string, number>();
  const busy = new Set<string>();
  const perSlot = new Map<number, number>();
  for (const placement of result.placements) {
    perSlot.set(placement.slot, (perSlot.get(placement.slot) ?? 0) + 1);
    for (const p of placedById.get(placement.meetingId)?.participants ?? []) {
      count.set(p, (count.get(p) ?? 0) + 1);
      busy.add(`${p}|${placement.slot}`);
    }
  }
  return problem.slots.some(({ index: s }) => {
    if (m.allowedSlots && !m.allowedSlots.includes(s)) return false;
    if ((perSlot.get(s) ?? 0) >= problem.tables) return false;
    return m.participants.every((id) => {
      const p = problem.participants.find((x) => x.id === id) as SchedulingParticipant;
      return (!p.available || p.available.includes(s)) && !busy.has(`${id}|${s}`) && (count.get(id) ?? 0) < p.maxMeetings;
    });
  });
}

describe('solveSchedule properties', () => {
  it('never breaks a hard rule, accounts for every meeting once, keeps fixed meetings, and leaves nothing insertable', () => {
    fc.assert(
      fc.property(problemArbitrary, fc.integer({ min: 0, max: 1000 }), (problem, seed) => {
        const result = solveSchedule(problem, { ...FAST, iterations: 2000, seed });
        expect(scheduleViolations(problem, result.placements)).toEqual([]);
        const ids = [...result.placements.map((p) => p.meetingId), ...result.unscheduled.map((u) => u.meetingId)].sort();
        expect(ids).toEqual(problem.meetings.map((m) => m.id).sort());
        for (const m of problem.meetings) {
          const placement = result.placements.find((p) => p.meetingId === m.id);
          if (m.fixed) {
            if (placement) expect(placement).toEqual({ meetingId: m.id, slot: m.fixed.slot, table: m.fixed.table });
            else expect(reasonOf(result, m.id)).toBe('fixed_conflict');
          } else expect(reasonOf(result, m.id)).not.toBe('fixed_conflict');
        }
        for (const u of result.unscheduled) {
          if (u.reason === 'fixed_conflict') continue;
          expect(insertable(problem, result, u.meetingId)).toBe(false);
        }
        const { wallMs, ...stats } = result.stats;
        const { wallMs: _ignored, ...expected } = scheduleStats(problem, result.placements, wallMs);
        expect(stats).toEqual(expected);
      }),
      { numRuns: 300, seed: 424242 },
    );
  });

  it('gives the same schedule for the same seed', () => {
    fc.assert(
      fc.property(problemArbitrary, fc.integer({ min: 0, max: 1000 }), (problem, seed) => {
        const a = solveSchedule(problem, { ...FAST, iterations: 2000, seed });
        const b = solveSchedule(problem, { ...FAST, iterations: 2000, seed });
        expect(b.placements).toEqual(a.placements);
        expect(b.unscheduled).toEqual(a.unscheduled);
      }),
      { numRuns: 100, seed: 4242 },
    );
  });

  it('reaches the optimum total priority on tiny instances (checked by exhaustive search)', () => {
    const tiny = problems(3, 6, false);
    fc.assert(
      fc.property(tiny, (problem) => {
        const result = solveSchedule(problem, { ...FAST, iterations: 2000 });
        expect(result.stats.scheduledPriority).toBe(bruteForcePriority(problem));
      }),
      { numRuns: 200, seed: 99 },
    );
  });
});

/** The best total priority by trying every slot (or none) for every meeting; tables only as a per-slot capacity. */
function bruteForcePriority(problem: SchedulingProblem): number {
  const S = problem.slots.length;
  let best = 0;
  const choice: number[] = [];
  const visit = (i: number) => {
    if (i === problem.meetings.length) {
      const placements = choice.flatMap((s, m) => (s < 0 ? [] : [{ meetingId: problem.meetings[m].id, slot: s, table: 0 }]));
      // Tables are interchangeable: give each meeting of a slot its own.
      const used = new Map<number, number>();
      for (const placement of placements) {
        placement.table = used.get(placement.slot) ?? 0;
        used.set(placement.slot, placement.table + 1);
      }
      if (scheduleViolations(problem, placements).length === 0) {
        best = Math.max(best, placements.reduce((sum, p) => sum + (problem.meetings.find((m) => m.id === p.meetingId)?.priority ?? 0), 0));
      }
      return;
    }
    for (let s = -1; s < S; s++) {
      choice[i] = s;
      visit(i + 1);
    }
  };
  visit(0);
  return best;
}
