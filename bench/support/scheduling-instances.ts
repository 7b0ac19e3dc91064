import type { SchedulingMeeting, SchedulingParticipant, SchedulingProblem, SchedulingSlot } from '@hub/domain';
import { seededRandom, type SeededRandom } from './seeded-random';

/**
 * Generated partnering events for the scheduler benchmark.
 *
 * `generatedEvent`: a platform-shaped event. A fifth of the participants are hosts (investors, large companies) of
 * very uneven popularity, so the popular ones receive more requests than their cap and the less known participants
 * depend on a few meetings; most meetings pair a visitor with a host, some pair two visitors. Two sessions, tables
 * a little short of the demand, availability holes (a participant arriving late, leaving early, or missing single
 * slots), 10% of meetings restricted to one session. Priorities 1–3 (mutual interest), so ties are frequent and
 * fair coverage decides among them.
 *
 * `b2bForumEvent`: shaped like the published B2B meeting-scheduling instances (Bofill et al., CP 2014 and JAIR
 * 2022): every meeting is mandatory and must be placed, the objective is compactness. Feasibility is planted: a
 * hidden schedule is drawn first, and forbidden slots and session restrictions are drawn only where they keep
 * that schedule valid, as real forums are feasible by construction (organisers ask for availability first).
 */
export interface GeneratedEventSpec {
  participants: number;
  meetings: number;
  slots: number;
  tables: number;
  seed: number;
}

export function generatedEvent(spec: GeneratedEventSpec): SchedulingProblem {
  const random = seededRandom(spec.seed);
  const slots = sessionSlots(spec.slots, 2);
  const hostCount = Math.max(2, Math.round(spec.participants / 5));
  const maxMeetings = Math.max(2, Math.round(spec.slots * 0.75));
  const minMeetings = Math.max(1, Math.round(spec.slots / 4));
  const participants: SchedulingParticipant[] = [];
  for (let i = 0; i < spec.participants; i++) {
    const host = i < hostCount;
    participants.push({
      id: `${host ? 'h' : 'v'}${i}`,
      available: availability(random, spec.slots),
      maxMeetings: host ? maxMeetings : Math.max(2, maxMeetings - 2),
      minMeetings,
      host,
    });
  }
  // Host popularity ~ 1 / rank^0.8: the first hosts are wanted by many.
  const weights = Array.from({ length: hostCount }, (_, r) => 1 / Math.pow(r + 1, 0.8));
  const total = weights.reduce((a, b) => a + b, 0);
  const pickHost = () => {
    let x = random.next() * total;
    for (let r = 0; r < hostCount; r++) {
      x -= weights[r];
      if (x <= 0) return r;
    }
    return hostCount - 1;
  };
  const meetings: SchedulingMeeting[] = [];
  const pairs = new Set<string>();
  const visitors = spec.participants - hostCount;
  let attempts = 0;
  while (meetings.length < spec.meetings && attempts++ < spec.meetings * 50) {
    const a = hostCount + random.int(0, visitors - 1);
    const b = random.chance(0.85) ? pickHost() : hostCount + random.int(0, visitors - 1);
    if (a === b) continue;
    const key = a < b ? `${a}|${b}` : `${b}|${a}`;
    if (pairs.has(key)) continue;
    pairs.add(key);
    const restricted = random.chance(0.1) ? slots.filter((s) => s.session === random.int(0, 1)).map((s) => s.index) : null;
    meetings.push({
      id: `m${meetings.length}`,
      participants: [participants[a].id, participants[b].id],
      priority: random.pick([1, 1, 1, 2, 2, 3]),
      allowedSlots: restricted,
      fixed: null,
    });
  }
  return { slots, tables: spec.tables, participants, meetings, hostTables: true };
}

export interface B2bForumSpec {
  name: string;
  participants: number;
  meetings: number;
  slots: number;
  sessions: 1 | 2;
  tables: number;
  seed: number;
}

export function b2bForumEvent(spec: B2bForumSpec): SchedulingProblem {
  const random = seededRandom(spec.seed);
  const S = spec.slots;
  const slots = sessionSlots(S, spec.sessions);
  const P = spec.participants;
  // Planted schedule: meetings between random pairs (some participants far busier than others, as in real forums),
  // each put in a random slot where both are free and a table is left.
  const busy: boolean[][] = Array.from({ length: P }, () => new Array<boolean>(S).fill(false));
  const load = new Array<number>(S).fill(0);
  const activity = Array.from({ length: P }, () => 0.3 + random.next() * random.next() * 3);
  const totalActivity = activity.reduce((a, b) => a + b, 0);
  const pickParticipant = () => {
    let x = random.next() * totalActivity;
    for (let p = 0; p < P; p++) {
      x -= activity[p];
      if (x <= 0) return p;
    }
    return P - 1;
  };
  const planted: Array<{ a: number; b: number; slot: number }> = [];
  const pairs = new Set<string>();
  let attempts = 0;
  while (planted.length < spec.meetings && attempts++ < spec.meetings * 200) {
    const a = pickParticipant();
    const b = pickParticipant();
    const key = a < b ? `${a}|${b}` : `${b}|${a}`;
    if (a === b || pairs.has(key)) continue;
    const free = slots.filter((s) => !busy[a][s.index] && !busy[b][s.index] && load[s.index] < spec.tables).map((s) => s.index);
    if (free.length === 0) continue;
    const slot = random.pick(free);
    busy[a][slot] = busy[b][slot] = true;
    load[slot]++;
    pairs.add(key);
    planted.push({ a, b, slot });
  }
  const participants: SchedulingParticipant[] = [];
  for (let p = 0; p < P; p++) {
    // Forbidden slots: 0–4 per participant, among those it is free in the planted schedule (a late arrival or an
    // early departure half of the time, scattered slots otherwise).
    const free = slots.map((s) => s.index).filter((s) => !busy[p][s]);
    let forbidden: number[] = [];
    if (random.chance(0.5)) {
      const n = random.int(1, 3);
      const all = slots.map((s) => s.index);
      for (const s of random.chance(0.5) ? all : all.reverse()) {
        if (forbidden.length >= n || busy[p][s]) break;
        forbidden.push(s);
      }
    } else forbidden = random.some(free, 0, 4);
    const blocked = new Set(forbidden);
    participants.push({
      id: `p${p}`,
      available: forbidden.length === 0 ? null : slots.map((s) => s.index).filter((s) => !blocked.has(s)),
      maxMeetings: S,
      minMeetings: 0,
    });
  }
  const meetings: SchedulingMeeting[] = planted.map(({ a, b, slot }, i) => ({
    id: `m${i}`,
    participants: [`p${a}`, `p${b}`],
    priority: 1,
    // A fifth of the meetings restricted to the session of their planted slot ("morning only").
    allowedSlots: spec.sessions === 2 && random.chance(0.2) ? slots.filter((s) => s.session === slots[slot].session).map((s) => s.index) : null,
    fixed: null,
  }));
  return { slots, tables: spec.tables, participants, meetings, hostTables: false };
}

/** S slots in `sessions` sessions of (nearly) equal length. */
function sessionSlots(S: number, sessions: number): SchedulingSlot[] {
  const perSession = Math.ceil(S / sessions);
  return Array.from({ length: S }, (_, index) => ({ index, session: Math.floor(index / perSession) }));
}

/** A participant's availability: everything (60%), late arrival or early departure (25%), or missing slots. */
function availability(random: SeededRandom, S: number): number[] | null {
  const all = Array.from({ length: S }, (_, i) => i);
  const roll = random.next();
  if (roll < 0.6) return null;
  if (roll < 0.85) {
    const cut = random.int(1, Math.max(1, Math.floor(S / 3)));
    return random.chance(0.5) ? all.slice(cut) : all.slice(0, S - cut);
  }
  const missing = new Set(random.some(all, 1, Math.max(1, Math.floor(S / 6))));
  return all.filter((s) => !missing.has(s));
}
