import type { ScheduleModel } from './schedule-model';

/**
 * Gives every placed meeting a table, slot by slot: fixed meetings keep theirs; with host tables each host first
 * gets a home table (the table of one of its fixed meetings when it has one; distinct homes while there are enough
 * tables, otherwise shared with hosts whose meetings fall in other slots) and its meetings sit there whenever it is
 * free. The slot assignment already guarantees at most T meetings per slot, so every meeting gets a table.
 */
export function assignTables(model: ScheduleModel, slotOf: Int32Array, hostTables: boolean): Int32Array {
  const { S, P, M, T } = model;
  const tableOf = new Int32Array(M).fill(-1);
  const bySlot: number[][] = Array.from({ length: S }, () => []);
  for (let m = 0; m < M; m++) if (slotOf[m] >= 0) bySlot[slotOf[m]].push(m);

  // Tables taken by fixed meetings, per slot: [s * T + t] = meeting index + 1.
  const fixedAt = new Int32Array(S * T);
  for (let m = 0; m < M; m++) {
    if (model.fixed[m] && slotOf[m] >= 0) {
      tableOf[m] = model.fixedTable[m];
      fixedAt[slotOf[m] * T + model.fixedTable[m]] = m + 1;
    }
  }

  const home = new Int32Array(P).fill(-1);
  if (hostTables && T > 0) chooseHomes(model, slotOf, fixedAt, home);
  const homeTable = new Uint8Array(T);
  for (let p = 0; p < P; p++) if (home[p] >= 0) homeTable[home[p]] = 1;

  const used = new Uint8Array(T);
  for (let s = 0; s < S; s++) {
    used.fill(0);
    const free: number[] = [];
    for (const m of bySlot[s]) if (tableOf[m] >= 0) used[tableOf[m]] = 1;
    for (const m of bySlot[s]) {
      if (tableOf[m] >= 0) continue;
      let table = -1;
      for (const p of model.parts[m]) {
        const h = home[p];
        if (h >= 0 && !used[h]) {
          table = h;
          break;
        }
      }
      if (table >= 0) {
        tableOf[m] = table;
        used[table] = 1;
      } else free.push(m);
    }
    // Meetings without a home table take the lowest free tables, preferring tables that are nobody's home, so that
    // a host's table stays recognisably its own on the floor plan.
    let next = 0;
    let nextShared = 0;
    for (const m of free) {
      while (next < T && (used[next] || homeTable[next])) next++;
      if (next < T) {
        tableOf[m] = next;
        used[next] = 1;
        continue;
      }
      while (nextShared < T && used[nextShared]) nextShared++;
      tableOf[m] = nextShared;
      used[nextShared] = 1;
    }
  }
  return tableOf;
}

/** Home tables for hosts with meetings: fixed tables first, then the busiest hosts pick the least contested table. */
function chooseHomes(model: ScheduleModel, slotOf: Int32Array, fixedAt: Int32Array, home: Int32Array): void {
  const { S, P, T } = model;
  const hostBusy = (p: number): number[] => {
    const slots: number[] = [];
    for (const m of model.meetingsOf[p]) if (slotOf[m] >= 0) slots.push(slotOf[m]);
    return slots;
  };
  // Slots in which each table is already spoken for by a host's home.
  const claimed = new Uint8Array(S * T);
  const claimedBy = new Int32Array(T);
  const claim = (p: number, table: number, slots: readonly number[]) => {
    home[p] = table;
    claimedBy[table]++;
    for (const s of slots) claimed[s * T + table] = 1;
  };
  const hosts: Array<{ p: number; slots: number[] }> = [];
  for (let p = 0; p < P; p++) if (model.host[p]) hosts.push({ p, slots: hostBusy(p) });
  for (const { p, slots } of hosts) {
    for (const m of model.meetingsOf[p]) {
      if (model.fixed[m] && slotOf[m] >= 0 && claimedBy[model.fixedTable[m]] === 0) {
        claim(p, model.fixedTable[m], slots);
        break;
      }
    }
  }
  const rest = hosts.filter(({ p, slots }) => home[p] < 0 && slots.length > 0).sort((a, b) => b.slots.length - a.slots.length || a.p - b.p);
  for (const { p, slots } of rest) {
    let best = -1;
    let bestCost = Infinity;
    for (let t = 0; t < T; t++) {
      let cost = claimedBy[t] * 0.5;
      for (const s of slots) {
        const holder = fixedAt[s * T + t];
        if (claimed[s * T + t] || (holder > 0 && !model.parts[holder - 1].includes(p))) cost += S;
      }
      if (cost < bestCost) {
        bestCost = cost;
        best = t;
      }
    }
    claim(p, best, slots);
  }
}
