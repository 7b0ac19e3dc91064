import { compileSchedule, type ScheduleModel } from './schedule-model';
import { ScheduleState } from './schedule-state';
import { scheduleStats } from './schedule-validation';
import { assignTables } from './table-assignment';
import type { Placement, ScheduleResult, SchedulingProblem, SolveOptions, UnscheduledReason } from './scheduling.types';

/** Default wall-clock cap of the improvement phases; the result is valid whenever they stop. */
export const DEFAULT_SCHEDULER_TIME_LIMIT_MS = 10_000;
/** Default local-search moves per meeting to schedule (the deterministic budget; the time limit only caps it). */
const MOVES_PER_MEETING = 400;
const MIN_MOVES = 1_000_000;
/** Nodes one ejection-chain search may visit before giving up on a meeting. */
const CHAIN_BUDGET = 600;
const CHAIN_DEPTH = 3;
/**
 * Share of annealing moves aimed at a participant's gap. Aimed moves pay off when the clock cuts the search short
 * (large events); random ones explore better on tight forums. A quarter was the best compromise measured.
 */
const GAP_MOVE_SHARE = 0.25;
/** Largest group a Kempe-chain move swaps between two slots. */
const KEMPE_LIMIT = 40;

/**
 * Schedules meetings into slots and tables. Objective, lexicographic: (1) total priority of the scheduled
 * meetings, (2) coverage deficit (meetings missing to reach each participant's minMeetings), (3) idle slots inside
 * each participant's sessions, (4) with host tables, hosts kept at one table.
 *
 * Phases: fixed meetings are placed as given (those breaking a hard rule are reported `fixed_conflict`); a greedy
 * places the others, highest priority first and, among equals, those of participants with the fewest meetings
 * (fair coverage: their few chances must not go to a popular participant's tenth meeting); ejection chains then
 * insert unplaced meetings by moving placed ones to other slots, and replacements trade a placed meeting for an
 * unplaced one when the objective improves; simulated annealing compacts the agendas without ever losing priority
 * or coverage, with Kempe-chain moves (a meeting changes slot and the meetings in its way swap the other way; half
 * of them aimed at a participant's gap) and, now and then, another try at unplaced meetings (replacements of equal
 * value included, as plateau moves); a last pass inserts anything that fits as is (maximality); tables are then
 * given per slot (hosts at a home table: with no more hosts than tables and no fixed meeting in the way, no host
 * ever changes table, so objective 4 needs no search).
 *
 * The search has a deterministic move budget (`iterations`); with the same seed the result is the same unless
 * `timeLimitMs` stops it first. Every hard rule holds whenever it stops.
 */
export function solveSchedule(problem: SchedulingProblem, options: SolveOptions = {}): ScheduleResult {
  const started = Date.now();
  const deadline = started + (options.timeLimitMs ?? DEFAULT_SCHEDULER_TIME_LIMIT_MS);
  const model = compileSchedule(problem);
  const solver = new Solver(model, options.seed ?? 1, deadline, options.onProgress);
  const fixedConflicts = solver.placeFixed();
  solver.construct();
  solver.progress(0.15);
  solver.repair(0.15, 0.35);
  solver.anneal(options.iterations ?? Math.max(MIN_MOVES, MOVES_PER_MEETING * model.M), 0.35, 0.98);
  solver.fillMaximal();
  const tableOf = assignTables(model, solver.state.slotOf, problem.hostTables);

  const placements: Placement[] = [];
  const unscheduled: ScheduleResult['unscheduled'] = [];
  const { slotOf, count } = solver.state;
  for (let m = 0; m < model.M; m++) {
    const id = problem.meetings[m].id;
    if (slotOf[m] >= 0) {
      placements.push({ meetingId: id, slot: slotOf[m], table: tableOf[m] });
      continue;
    }
    let reason: UnscheduledReason;
    if (fixedConflicts.has(m)) reason = 'fixed_conflict';
    else if (model.candidates[m].length === 0) reason = 'no_common_slot';
    else if (model.parts[m].some((p) => count[p] >= model.maxMeetings[p])) reason = 'participant_full';
    else reason = 'no_room';
    unscheduled.push({ meetingId: id, reason });
  }
  placements.sort((a, b) => a.slot - b.slot || a.table - b.table);
  solver.progress(1);
  return { placements, unscheduled, stats: scheduleStats(problem, placements, Date.now() - started) };
}

/** Objective snapshot, compared lexicographically. */
interface Score {
  priority: number;
  deficit: number;
  idle: number;
}

class Solver {
  readonly state: ScheduleState;
  private readonly random: () => number;
  /** Meetings moved by the ejection chain being explored (a chain never moves one twice). */
  private readonly inChain: Uint8Array;
  private budget = 0;
  private readonly epsilon: number;
  private lastProgress = -1;
  private readonly group: number[] = [];
  /** The move gapMove chose. */
  private moveMeeting = -1;
  private moveSlot = -1;

  constructor(
    private readonly model: ScheduleModel,
    seed: number,
    private readonly deadline: number,
    private readonly onProgress?: (fraction: number) => void,
  ) {
    this.state = new ScheduleState(model);
    this.random = mulberry32(seed);
    this.inChain = new Uint8Array(model.M);
    let maxPriority = 0;
    for (let m = 0; m < model.M; m++) maxPriority = Math.max(maxPriority, Math.abs(model.priority[m]));
    // Priorities are sums of floats: differences below this are rounding, not a better schedule.
    this.epsilon = 1e-9 * Math.max(1, maxPriority);
  }

  progress(fraction: number): void {
    if (!this.onProgress || fraction - this.lastProgress < 0.01) return;
    this.lastProgress = fraction;
    this.onProgress(Math.min(1, fraction));
  }

  /** Places fixed meetings in input order; returns those that break a hard rule as given (they stay unplaced). */
  placeFixed(): Set<number> {
    const { model, state } = this;
    const conflicts = new Set<number>();
    const tableTaken = new Set<number>();
    for (let m = 0; m < model.M; m++) {
      if (!model.fixed[m]) continue;
      const s = model.fixedSlot[m];
      const table = model.fixedTable[m];
      const valid =
        Number.isInteger(s) &&
        s >= 0 &&
        s < model.S &&
        Number.isInteger(table) &&
        table >= 0 &&
        table < model.T &&
        !tableTaken.has(s * model.T + table) &&
        state.canPlace(m, s);
      if (!valid) {
        conflicts.add(m);
        continue;
      }
      tableTaken.add(s * model.T + table);
      state.place(m, s);
    }
    state.commit();
    return conflicts;
  }

  /** Greedy: by priority, then for the neediest participants, each meeting into its most compact free slot. */
  construct(): void {
    const { state } = this;
    for (const m of this.insertionOrder()) {
      if (state.slotOf[m] >= 0) continue;
      const s = this.bestDirectSlot(m);
      if (s >= 0) state.place(m, s);
    }
    state.commit();
  }

  /** Inserts unplaced meetings through ejection chains, then by replacement, until a pass changes nothing. */
  repair(from: number, to: number): void {
    const order = this.insertionOrder();
    for (let pass = 0; pass < 4; pass++) {
      let improved = false;
      for (let i = 0; i < order.length; i++) {
        if ((i & 63) === 0) {
          if (Date.now() > this.deadline) return;
          this.progress(from + ((to - from) * (pass + i / order.length)) / 4);
        }
        const m = order[i];
        if (this.state.slotOf[m] >= 0 || this.model.fixed[m]) continue;
        if (this.insertByChain(m) || this.insertByReplacement(m)) improved = true;
        this.state.commit();
      }
      if (!improved) break;
    }
  }

  /**
   * Simulated annealing on idle slots with Kempe-chain moves (see kempeSwap; half of them aimed at a gap). Moves
   * that lose priority or coverage are never taken; moves that add idle slots are taken with a probability that
   * falls with the temperature. The best schedule seen is kept.
   */
  anneal(iterations: number, from: number, to: number): void {
    const { model, state } = this;
    const movable: number[] = [];
    for (let m = 0; m < model.M; m++) if (!model.fixed[m] && model.candidates[m].length > 0) movable.push(m);
    if (movable.length === 0 || this.isOptimal()) return;

    let best = this.score();
    let currentIsBest = true;
    const bestSlots = new Int32Array(model.M);
    const startTemperature = 1.5;
    const endTemperature = 0.05;
    let temperature = startTemperature;
    const annealStart = Date.now();

    for (let it = 0; it < iterations; it++) {
      if ((it & 1023) === 0) {
        const now = Date.now();
        if (now > this.deadline) break;
        if (currentIsBest && this.isOptimal()) break;
        // Cool by moves done or by time used, whichever is further: a search stopped by the clock still ends cold.
        const done = Math.max(it / iterations, (now - annealStart) / Math.max(1, this.deadline - annealStart));
        temperature = startTemperature * Math.pow(endTemperature / startTemperature, done);
        this.progress(from + (to - from) * done);
      }
      const m = movable[Math.floor(this.random() * movable.length)];
      const before = this.score();
      const from0 = state.slotOf[m];
      if (from0 < 0) {
        // An unplaced meeting: now and then try to bring it in again (moves may have opened room); the repair phase
        // already tried each one, so this is kept rare to leave the time to compaction.
        // Besides strict improvements, a replacement of equal priority and coverage is a plateau move: it changes
        // which meetings are in and may open the way to a better exchange later.
        if ((it & 15) !== 0) continue;
        if (!this.insertByChain(m) && !this.insertByReplacement(m, temperature)) continue;
        const after = this.score();
        if (this.better(after, best)) {
          best = after;
          currentIsBest = true;
        } else if (this.better(best, after) && currentIsBest) {
          this.snapshotBeforeLastMove(bestSlots);
          currentIsBest = false;
        }
        state.commit();
        continue;
      }
      // Some moves aim at a gap: the meeting at either end of an agenda with idle slots goes into one of them.
      // The others take a random meeting to a random slot of its own.
      let subject = m;
      let to0: number;
      if (this.random() < GAP_MOVE_SHARE) {
        if (!this.gapMove()) continue;
        subject = this.moveMeeting;
        to0 = this.moveSlot;
      } else {
        const candidates = model.candidates[m];
        if (candidates.length < 2) continue;
        to0 = candidates[Math.floor(this.random() * candidates.length)];
      }
      const subjectFrom = state.slotOf[subject];
      if (to0 === subjectFrom || model.candidateMask[subject * model.S + to0] === 0) continue;
      const mark = state.journal.length;
      if (!this.kempeSwap(subject, subjectFrom, to0)) continue;
      const after = this.score();
      const dPriority = after.priority - before.priority;
      let accept: boolean;
      if (dPriority < -this.epsilon || (Math.abs(dPriority) <= this.epsilon && after.deficit > before.deficit)) accept = false;
      else if (dPriority > this.epsilon || after.deficit < before.deficit || after.idle <= before.idle) accept = true;
      else accept = this.random() < Math.exp((before.idle - after.idle) / temperature);
      if (!accept) {
        state.rollback(mark);
        continue;
      }
      if (this.better(after, best)) {
        best = after;
        currentIsBest = true;
      } else if (this.better(best, after) && currentIsBest) {
        // Leaving the best schedule seen: keep a copy of it (the move is undone on the copy's behalf).
        this.snapshotBeforeLastMove(bestSlots);
        currentIsBest = false;
      }
      state.commit();
    }
    if (!currentIsBest) this.restore(bestSlots);
    state.commit();
  }

  /** Last pass: any unplaced meeting that fits as is goes in (no feasible slot and table is left unused). */
  fillMaximal(): void {
    const { state } = this;
    for (const m of this.insertionOrder()) {
      if (state.slotOf[m] >= 0 || this.model.fixed[m]) continue;
      const s = this.bestDirectSlot(m);
      if (s >= 0) state.place(m, s);
    }
    state.commit();
  }

  /**
   * A move towards compactness: a random participant with an idle slot, the meeting at the start or end of that
   * session's agenda, and one of the empty slots inside it (in moveMeeting and moveSlot). False when the sample
   * found no participant with a gap.
   */
  private gapMove(): boolean {
    const { model, state } = this;
    const { S, K } = model;
    for (let attempt = 0; attempt < 4; attempt++) {
      const p = Math.floor(this.random() * model.P);
      const k = Math.floor(this.random() * K);
      if (state.idle[p * K + k] === 0) continue;
      const slots = model.sessionSlots[k];
      let first = -1;
      let last = -1;
      for (let i = 0; i < slots.length; i++) {
        if (state.busy[p * S + slots[i]] !== -1) {
          if (first < 0) first = i;
          last = i;
        }
      }
      const gaps: number[] = [];
      for (let i = first + 1; i < last; i++) if (state.busy[p * S + slots[i]] === -1) gaps.push(slots[i]);
      if (gaps.length === 0) continue;
      const mover = state.busy[p * S + (this.random() < 0.5 ? slots[first] : slots[last])];
      if (model.fixed[mover]) continue;
      this.moveMeeting = mover;
      this.moveSlot = gaps[Math.floor(this.random() * gaps.length)];
      return true;
    }
    return false;
  }

  /**
   * Kempe-chain move: m goes from slot a to slot b, the meetings holding its participants in b go to a, the
   * meetings holding theirs in a go to b, and so on; the closed group swaps slots. A lone meeting is a plain
   * relocation, two a swap. Returns false (nothing changed) when a member is fixed or cannot take its new slot,
   * a slot would exceed its tables, or the group is too large to be worth it.
   */
  private kempeSwap(m: number, a: number, b: number): boolean {
    const { model, state } = this;
    const { S, T } = model;
    const group = this.group;
    group.length = 0;
    group.push(m);
    this.inChain[m] = 1;
    let ok = true;
    let fromA = 0;
    for (let i = 0; i < group.length && ok; i++) {
      const q = group[i];
      const side = state.slotOf[q];
      const other = side === a ? b : a;
      if (side === a) fromA++;
      if (model.fixed[q] || model.candidateMask[q * S + other] === 0 || group.length > KEMPE_LIMIT) {
        ok = false;
        break;
      }
      for (const p of model.parts[q]) {
        const holder = state.busy[p * S + other];
        if (holder !== -1 && !this.inChain[holder]) {
          this.inChain[holder] = 1;
          group.push(holder);
        }
      }
    }
    for (const q of group) this.inChain[q] = 0;
    if (!ok) return false;
    const fromB = group.length - fromA;
    if (state.load[a] - fromA + fromB > T || state.load[b] - fromB + fromA > T) return false;
    const targets = group.map((q) => (state.slotOf[q] === a ? b : a));
    for (const q of group) state.unplace(q);
    group.forEach((q, i) => state.place(q, targets[i]));
    return true;
  }

  /** Copies the schedule as it was before the uncommitted changes into `target`, and keeps the changes. */
  private snapshotBeforeLastMove(target: Int32Array): void {
    const { state } = this;
    const touched: number[] = [];
    for (let i = 0; i < state.journal.length; i += 2) if (!touched.includes(state.journal[i])) touched.push(state.journal[i]);
    const finalSlots = touched.map((m) => state.slotOf[m]);
    state.rollback(0);
    target.set(state.slotOf);
    for (const m of touched) if (state.slotOf[m] >= 0) state.unplace(m);
    touched.forEach((m, i) => {
      if (finalSlots[i] >= 0) state.place(m, finalSlots[i]);
    });
  }

  private restore(slots: Int32Array): void {
    const { model, state } = this;
    for (let m = 0; m < model.M; m++) if (!model.fixed[m] && state.slotOf[m] >= 0) state.unplace(m);
    for (let m = 0; m < model.M; m++) if (!model.fixed[m] && slots[m] >= 0) state.place(m, slots[m]);
    state.commit();
  }

  private score(): Score {
    return { priority: this.state.priority, deficit: this.state.deficit, idle: this.state.idleTotal };
  }

  private better(a: Score, b: Score): boolean {
    const d = a.priority - b.priority;
    if (d > this.epsilon) return true;
    if (d < -this.epsilon) return false;
    if (a.deficit !== b.deficit) return a.deficit < b.deficit;
    return a.idle < b.idle;
  }

  /** Nothing left to gain: every meeting that has a slot is placed, nobody below target, no idle slot. */
  private isOptimal(): boolean {
    const { model, state } = this;
    if (state.idleTotal > 0 || state.deficit > 0) return false;
    for (let m = 0; m < model.M; m++) if (state.slotOf[m] < 0 && model.candidates[m].length > 0 && !model.fixed[m]) return false;
    return true;
  }

  /** Non-fixed meetings with some slot: priority first, then the neediest participant, then the fewest slots. */
  private insertionOrder(): number[] {
    const { model } = this;
    const demand = new Int32Array(model.P);
    for (let m = 0; m < model.M; m++) if (model.candidates[m].length > 0) for (const p of model.parts[m]) demand[p]++;
    const need = new Int32Array(model.M);
    for (let m = 0; m < model.M; m++) {
      let least = Infinity;
      for (const p of model.parts[m]) least = Math.min(least, demand[p]);
      need[m] = least === Infinity ? 0 : least;
    }
    const order: number[] = [];
    for (let m = 0; m < model.M; m++) if (!model.fixed[m] && model.candidates[m].length > 0) order.push(m);
    return order.sort(
      (a, b) =>
        model.priority[b] - model.priority[a] ||
        need[a] - need[b] ||
        model.candidates[a].length - model.candidates[b].length ||
        a - b,
    );
  }

  /** The free slot where m adds the fewest idle slots (then the emptiest slot), or -1. */
  private bestDirectSlot(m: number): number {
    const { model, state } = this;
    let best = -1;
    let bestCost = Infinity;
    for (const s of model.candidates[m]) {
      if (!state.canPlace(m, s)) continue;
      let cost = 0;
      for (const p of model.parts[m]) cost += state.idleIfAdded(p, s) - state.idleOf(p, s);
      cost = cost * model.T + state.load[s];
      if (cost < bestCost) {
        bestCost = cost;
        best = s;
      }
    }
    return best;
  }

  /** Places m, moving placed meetings along an ejection chain if needed; everything moved stays placed. */
  private insertByChain(m: number): boolean {
    const direct = this.bestDirectSlot(m);
    if (direct >= 0) {
      this.state.place(m, direct);
      this.state.commit();
      return true;
    }
    for (let depth = 1; depth <= CHAIN_DEPTH; depth++) {
      this.budget = CHAIN_BUDGET;
      if (this.chain(m, depth)) {
        this.state.commit();
        return true;
      }
    }
    return false;
  }

  private chain(m: number, depth: number): boolean {
    const { model, state } = this;
    const { S, T } = model;
    if (this.budget-- <= 0) return false;
    const candidates = model.candidates[m];
    for (const s of candidates) {
      if (state.canPlace(m, s)) {
        state.place(m, s);
        return true;
      }
    }
    if (depth === 0) return false;
    for (const p of model.parts[m]) if (state.count[p] >= model.maxMeetings[p]) return false;
    const offset = Math.floor(this.random() * candidates.length);
    const blockers: number[] = [];
    for (let i = 0; i < candidates.length; i++) {
      const s = candidates[(offset + i) % candidates.length];
      blockers.length = 0;
      let stuck = false;
      for (const p of model.parts[m]) {
        const holder = state.busy[p * S + s];
        if (holder === -1 || blockers.includes(holder)) continue;
        if (model.fixed[holder] || this.inChain[holder]) stuck = true;
        blockers.push(holder);
      }
      if (stuck) continue;
      if (state.load[s] - blockers.length >= T) {
        // The slot has no table free: one more meeting must leave it, any that may move.
        const load = state.load[s];
        if (load === 0) continue;
        const start = Math.floor(this.random() * load);
        let victim = -1;
        for (let j = 0; j < load; j++) {
          const candidate = state.members[s * T + ((start + j) % load)];
          if (!model.fixed[candidate] && !this.inChain[candidate] && !blockers.includes(candidate)) {
            victim = candidate;
            break;
          }
        }
        if (victim < 0) continue;
        blockers.push(victim);
      }
      const mark = state.journal.length;
      const ejected = blockers.slice();
      for (const b of ejected) state.unplace(b);
      state.place(m, s);
      this.inChain[m] = 1;
      let ok = true;
      for (const b of ejected) {
        if (!this.chain(b, depth - 1)) {
          ok = false;
          break;
        }
        this.inChain[b] = 1;
      }
      this.inChain[m] = 0;
      for (const b of ejected) this.inChain[b] = 0;
      if (ok) return true;
      state.rollback(mark);
      if (this.budget <= 0) return false;
    }
    return false;
  }

  /**
   * Places m in place of placed meetings (those holding its participants there, one of a participant at its cap,
   * one if the slot has no table free), re-placing them elsewhere if they fit; kept only if the objective improves:
   * more priority, or the same with less coverage deficit (a popular participant's meeting gives way to one of a
   * participant below target). With a temperature, a change of equal priority and coverage is also kept, with the
   * annealing's probability on idle slots. The changes are left uncommitted for the caller.
   */
  private insertByReplacement(m: number, plateauTemperature?: number): boolean {
    const { model, state } = this;
    const { S, T } = model;
    const before = this.score();
    for (const s of model.candidates[m]) {
      const ejected: number[] = [];
      let stuck = false;
      for (const p of model.parts[m]) {
        const holder = state.busy[p * S + s];
        if (holder === -1 || ejected.includes(holder)) continue;
        if (model.fixed[holder]) stuck = true;
        ejected.push(holder);
      }
      if (stuck) continue;
      const mark = state.journal.length;
      for (const b of ejected) state.unplace(b);
      // A participant at its cap gives up its least valuable meeting: lowest priority, then the one whose other
      // participants have the most meetings to spare.
      for (const p of model.parts[m]) {
        if (state.count[p] < model.maxMeetings[p] || stuck) continue;
        const victim = this.cheapestMeetingOf(p);
        if (victim < 0) stuck = true;
        else {
          state.unplace(victim);
          ejected.push(victim);
        }
      }
      if (!stuck && state.load[s] >= T) {
        const victim = this.cheapestMeetingIn(s);
        if (victim < 0) stuck = true;
        else {
          state.unplace(victim);
          ejected.push(victim);
        }
      }
      if (stuck) {
        state.rollback(mark);
        continue;
      }
      state.place(m, s);
      this.inChain[m] = 1;
      for (const b of ejected) {
        const direct = this.bestDirectSlot(b);
        if (direct >= 0) state.place(b, direct);
        else {
          this.budget = CHAIN_BUDGET / 4;
          this.chain(b, 2);
        }
      }
      this.inChain[m] = 0;
      const after = this.score();
      if (this.better(after, before)) return true;
      if (
        plateauTemperature !== undefined &&
        Math.abs(after.priority - before.priority) <= this.epsilon &&
        after.deficit === before.deficit &&
        this.random() < Math.exp(Math.min(0, before.idle - after.idle - 0.5) / plateauTemperature)
      ) {
        return true;
      }
      state.rollback(mark);
    }
    return false;
  }

  private cheapestMeetingOf(p: number): number {
    const { model, state } = this;
    let best = -1;
    let bestPriority = Infinity;
    let bestSpare = -Infinity;
    for (const q of model.meetingsOf[p]) {
      if (state.slotOf[q] < 0 || model.fixed[q]) continue;
      const spare = this.spareOf(q);
      if (model.priority[q] < bestPriority - this.epsilon || (model.priority[q] <= bestPriority + this.epsilon && spare > bestSpare)) {
        best = q;
        bestPriority = model.priority[q];
        bestSpare = spare;
      }
    }
    return best;
  }

  private cheapestMeetingIn(s: number): number {
    const { model, state } = this;
    let best = -1;
    let bestPriority = Infinity;
    let bestSpare = -Infinity;
    for (let j = 0; j < state.load[s]; j++) {
      const q = state.members[s * model.T + j];
      if (model.fixed[q]) continue;
      const spare = this.spareOf(q);
      if (model.priority[q] < bestPriority - this.epsilon || (model.priority[q] <= bestPriority + this.epsilon && spare > bestSpare)) {
        best = q;
        bestPriority = model.priority[q];
        bestSpare = spare;
      }
    }
    return best;
  }

  /** Meetings q's participants have beyond their targets, at the least: how little losing q hurts coverage. */
  private spareOf(q: number): number {
    let spare = Infinity;
    for (const p of this.model.parts[q]) spare = Math.min(spare, this.state.count[p] - this.model.minMeetings[p]);
    return spare;
  }
}

/** Small seeded generator (mulberry32): reproducible search for a given seed. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
