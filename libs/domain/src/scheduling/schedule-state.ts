import type { ScheduleModel } from './schedule-model';

/**
 * The solver's mutable assignment of meetings to slots, with the objective kept up to date on every change
 * (priority placed, coverage deficit, idle slots) and a journal, so a compound move can be tried and undone
 * cheaply. Tables are not tracked here: a slot holds at most T meetings, and any T meetings of a slot can be given
 * distinct tables afterwards (fixed meetings keep theirs, the others take the rest).
 */
export class ScheduleState {
  readonly slotOf: Int32Array;
  /** Meeting index holding participant p in slot s at [p * S + s], or -1. */
  readonly busy: Int32Array;
  /** Meetings in each slot (fixed ones included). */
  readonly load: Int32Array;
  readonly count: Int32Array;
  /** Idle slots of participant p in session k at [p * K + k]. */
  readonly idle: Int32Array;
  /** The meetings of slot s at [s * T .. s * T + load[s]). */
  readonly members: Int32Array;
  readonly memberPos: Int32Array;
  priority = 0;
  deficit = 0;
  idleTotal = 0;
  /** Pairs (meeting, slot it was in before the change, -1 = unplaced). */
  readonly journal: number[] = [];

  constructor(private readonly model: ScheduleModel) {
    const { S, P, M, T, K } = model;
    this.slotOf = new Int32Array(M).fill(-1);
    this.busy = new Int32Array(P * S).fill(-1);
    this.load = new Int32Array(S);
    this.count = new Int32Array(P);
    this.idle = new Int32Array(P * K);
    this.members = new Int32Array(S * T);
    this.memberPos = new Int32Array(M).fill(-1);
    for (let p = 0; p < P; p++) this.deficit += model.minMeetings[p];
  }

  /** Whether m can go to slot s as things stand: allowed, participants free and below their cap, a table free. */
  canPlace(m: number, s: number): boolean {
    const { S, T } = this.model;
    if (this.model.candidateMask[m * S + s] === 0 || this.load[s] >= T) return false;
    for (const p of this.model.parts[m]) {
      if (this.busy[p * S + s] !== -1 || this.count[p] >= this.model.maxMeetings[p]) return false;
    }
    return true;
  }

  place(m: number, s: number): void {
    this.journal.push(m, -1);
    this.placeRaw(m, s);
  }

  unplace(m: number): void {
    this.journal.push(m, this.slotOf[m]);
    this.unplaceRaw(m);
  }

  /** Undoes every change journalled after `mark`. */
  rollback(mark: number): void {
    const journal = this.journal;
    while (journal.length > mark) {
      const previous = journal.pop() as number;
      const m = journal.pop() as number;
      if (this.slotOf[m] >= 0) this.unplaceRaw(m);
      if (previous >= 0) this.placeRaw(m, previous);
    }
  }

  /** Forgets the journal: the changes made so far are kept. */
  commit(): void {
    this.journal.length = 0;
  }

  /** Idle slots participant p would have in s's session if s were busy too (s must be free for p). */
  idleIfAdded(p: number, s: number): number {
    return this.sessionIdle(p, this.model.sessionOf[s], s);
  }

  idleOf(p: number, s: number): number {
    return this.idle[p * this.model.K + this.model.sessionOf[s]];
  }

  private placeRaw(m: number, s: number): void {
    const { S, T, K } = this.model;
    this.slotOf[m] = s;
    const position = this.load[s]++;
    this.members[s * T + position] = m;
    this.memberPos[m] = position;
    this.priority += this.model.priority[m];
    const k = this.model.sessionOf[s];
    for (const p of this.model.parts[m]) {
      this.busy[p * S + s] = m;
      if (this.count[p] < this.model.minMeetings[p]) this.deficit--;
      this.count[p]++;
      this.refreshIdle(p, k, K);
    }
  }

  private unplaceRaw(m: number): void {
    const { S, T, K } = this.model;
    const s = this.slotOf[m];
    this.slotOf[m] = -1;
    const last = this.members[s * T + this.load[s] - 1];
    const position = this.memberPos[m];
    this.members[s * T + position] = last;
    this.memberPos[last] = position;
    this.memberPos[m] = -1;
    this.load[s]--;
    this.priority -= this.model.priority[m];
    const k = this.model.sessionOf[s];
    for (const p of this.model.parts[m]) {
      this.busy[p * S + s] = -1;
      this.count[p]--;
      if (this.count[p] < this.model.minMeetings[p]) this.deficit++;
      this.refreshIdle(p, k, K);
    }
  }

  private refreshIdle(p: number, k: number, K: number): void {
    const value = this.sessionIdle(p, k, -1);
    this.idleTotal += value - this.idle[p * K + k];
    this.idle[p * K + k] = value;
  }

  /** Empty slots between p's first and last meeting of session k, counting slot `extra` as busy. */
  private sessionIdle(p: number, k: number, extra: number): number {
    const slots = this.model.sessionSlots[k];
    const row = p * this.model.S;
    let first = -1;
    let last = -1;
    let busyCount = 0;
    for (let i = 0; i < slots.length; i++) {
      const s = slots[i];
      if (this.busy[row + s] !== -1 || s === extra) {
        if (first < 0) first = i;
        last = i;
        busyCount++;
      }
    }
    return first < 0 ? 0 : last - first + 1 - busyCount;
  }
}
