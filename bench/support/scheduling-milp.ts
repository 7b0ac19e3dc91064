import type { SchedulingProblem } from '@hub/domain';

/**
 * The scheduler's model as a MILP in CPLEX LP format, solved by HiGHS (the `highs` package, WebAssembly), to
 * measure the solver against exact optima and bounds. Tables reduce to a capacity per slot (any T meetings of a
 * slot can take distinct tables), so the slot model below is exact for objectives 1–3.
 *
 *   x[m,s] ∈ {0,1}  meeting m in slot s, for the slots m allows where all its participants are available
 *   Σ_s x[m,s] ≤ 1 (= 1 when every meeting must be placed)       Σ_m∋p x[m,s] ≤ 1          Σ_m x[m,s] ≤ tables
 *   Σ_m∋p,s x[m,s] ≤ maxMeetings(p)                              d[p] ≥ minMeetings(p) − Σ_m∋p,s x[m,s], d ≥ 0
 *   idle: f[p,i] ≥ f[p,i−1], f[p,i] ≥ y[p,i] (started), l[p,i] ≥ l[p,i+1], l[p,i] ≥ y[p,i] (not yet finished),
 *         g[p,i] ≥ f[p,i] + l[p,i] − 1 − y[p,i], over each session's slots i, y[p,i] = Σ_m∋p x[m,i]; idle = Σ g
 *
 * Lexicographic objectives are solved in stages: priority, then deficit with priority held at its optimum, then
 * idle slots with both held.
 */
export type MilpObjective = 'priority' | 'deficit' | 'idle';

export interface MilpStage {
  objective: MilpObjective;
  /** Hold total priority at least this (from an earlier stage). */
  minPriority?: number;
  /** Hold the coverage deficit at most this. */
  maxDeficit?: number;
  /** Every meeting must be placed (the B2B benchmark's rule). */
  placeAll?: boolean;
  /** Solve the LP relaxation instead (an upper bound on priority). */
  relax?: boolean;
}

export interface MilpResult {
  status: string;
  /** Best solution found (null without one). */
  objective: number | null;
  /** Proven bound: an upper bound when maximising, a lower bound when minimising. */
  bound: number | null;
  seconds: number;
  columns: number;
  rows: number;
}

interface HighsModel {
  options: { set(values: Readonly<Record<string, number | string | boolean>>): unknown };
  info: { get(name: string): number | bigint };
  run(): { modelStatus: number };
  getObjectiveValue(): number;
  dispose(): void;
}
interface HighsRuntime {
  createModel(source: { format: 'lp'; data: string }): HighsModel;
  constants: { modelStatus: Record<string, number> };
}

let runtime: Promise<HighsRuntime> | undefined;
function loadHighs(): Promise<HighsRuntime> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  runtime ??= (require('highs') as () => Promise<HighsRuntime>)();
  return runtime;
}

export function schedulingLp(problem: SchedulingProblem, stage: MilpStage): { text: string; columns: number; rows: number } {
  const S = problem.slots.length;
  const available = new Map(problem.participants.map((p) => [p.id, p.available ? new Set(p.available) : null]));
  const participantOf = new Map(problem.participants.map((p) => [p.id, p]));
  const columns: string[] = [];
  const objective: string[] = [];
  const rows: string[] = [];
  /** Terms x[m,s] of participant p in slot s, and of p overall. */
  const atSlot = new Map<string, string[]>();
  const ofParticipant = new Map<string, string[]>();
  const bySlot: string[][] = Array.from({ length: S }, () => []);
  const priorityTerms: string[] = [];

  problem.meetings.forEach((meeting, m) => {
    if (meeting.fixed) throw new Error('the MILP comparison does not model fixed meetings');
    const allowed = meeting.allowedSlots ? new Set(meeting.allowedSlots) : null;
    const own: string[] = [];
    for (let s = 0; s < S; s++) {
      if (allowed && !allowed.has(s)) continue;
      if (!meeting.participants.every((id) => available.get(id)?.has(s) ?? true)) continue;
      const x = `x${m}_${s}`;
      columns.push(x);
      own.push(x);
      bySlot[s].push(x);
      priorityTerms.push(`${meeting.priority} ${x}`);
      for (const id of meeting.participants) {
        push(atSlot, `${id}|${s}`, x);
        push(ofParticipant, id, x);
      }
    }
    if (own.length > 0) rows.push(`${sum(own)} ${stage.placeAll ? '=' : '<='} 1`);
    else if (stage.placeAll) throw new Error(`meeting ${meeting.id} has no slot`);
  });
  for (const terms of atSlot.values()) if (terms.length > 1) rows.push(`${sum(terms)} <= 1`);
  for (const [id, terms] of ofParticipant) {
    const max = participantOf.get(id)?.maxMeetings ?? 0;
    if (terms.length > max) rows.push(`${sum(terms)} <= ${max}`);
  }
  for (const terms of bySlot) if (terms.length > problem.tables) rows.push(`${sum(terms)} <= ${problem.tables}`);
  if (stage.minPriority !== undefined) rows.push(`${priorityTerms.join(' + ')} >= ${stage.minPriority - 1e-6}`);

  const continuous: string[] = [];
  if (stage.objective === 'deficit' || stage.maxDeficit !== undefined) {
    const deficits: string[] = [];
    problem.participants.forEach((participant, p) => {
      if (participant.minMeetings <= 0) return;
      const d = `d${p}`;
      continuous.push(`0 <= ${d} <= ${participant.minMeetings}`);
      deficits.push(d);
      const terms = ofParticipant.get(participant.id) ?? [];
      rows.push(`${d}${terms.length > 0 ? ` + ${sum(terms)}` : ''} >= ${participant.minMeetings}`);
    });
    if (stage.maxDeficit !== undefined && deficits.length > 0) rows.push(`${sum(deficits)} <= ${stage.maxDeficit + 1e-6}`);
    if (stage.objective === 'deficit') objective.push(...deficits);
  }
  if (stage.objective === 'idle') {
    const sessions = new Map<number, number[]>();
    for (const slot of [...problem.slots].sort((a, b) => a.index - b.index)) push(sessions, slot.session, slot.index);
    problem.participants.forEach((participant, p) => {
      for (const [k, slots] of sessions) {
        const busy = slots.map((s) => atSlot.get(`${participant.id}|${s}`) ?? []);
        if (busy.filter((terms) => terms.length > 0).length < 2) continue;
        slots.forEach((_, i) => {
          const f = `f${p}_${k}_${i}`;
          const l = `l${p}_${k}_${i}`;
          const g = `g${p}_${k}_${i}`;
          continuous.push(`0 <= ${f} <= 1`, `0 <= ${l} <= 1`, `0 <= ${g} <= 1`);
          const y = busy[i];
          if (y.length > 0) {
            rows.push(`${f} - ${y.join(' - ')} >= 0`, `${l} - ${y.join(' - ')} >= 0`);
            rows.push(`${g} - ${f} - ${l} + ${sum(y)} >= -1`);
          } else rows.push(`${g} - ${f} - ${l} >= -1`);
          if (i > 0) rows.push(`${f} - f${p}_${k}_${i - 1} >= 0`);
          if (i + 1 < slots.length) rows.push(`${l} - l${p}_${k}_${i + 1} >= 0`);
          objective.push(g);
        });
      }
    });
  }

  const lines: string[] = [];
  lines.push(stage.objective === 'priority' ? 'Maximize' : 'Minimize');
  const objectiveTerms = stage.objective === 'priority' ? priorityTerms : objective;
  lines.push(` obj: ${objectiveTerms.length > 0 ? wrap(objectiveTerms.join(' + ')) : '0 x_none'}`);
  lines.push('Subject To');
  rows.forEach((row, i) => lines.push(` r${i}: ${wrap(row)}`));
  lines.push('Bounds');
  for (const bound of continuous) lines.push(` ${bound}`);
  if (stage.relax) for (const x of columns) lines.push(` 0 <= ${x} <= 1`);
  else {
    lines.push('Binary');
    for (let i = 0; i < columns.length; i += 20) lines.push(` ${columns.slice(i, i + 20).join(' ')}`);
  }
  if (objectiveTerms.length === 0) lines.push(' x_none = 0');
  lines.push('End');
  return { text: lines.join('\n'), columns: columns.length + continuous.length, rows: rows.length };
}

/** Solves one stage; `timeLimitSeconds` caps HiGHS, whose proven bound is then reported with the incumbent. */
export async function solveMilp(problem: SchedulingProblem, stage: MilpStage, timeLimitSeconds: number): Promise<MilpResult> {
  const highs = await loadHighs();
  const lp = schedulingLp(problem, stage);
  const started = Date.now();
  const model = highs.createModel({ format: 'lp', data: lp.text });
  try {
    model.options.set({ time_limit: timeLimitSeconds, mip_rel_gap: 1e-6, output_flag: false });
    const { modelStatus } = model.run();
    const codes = highs.constants.modelStatus;
    const status = Object.keys(codes).find((name) => codes[name] === modelStatus) ?? String(modelStatus);
    const hasSolution = modelStatus === codes.optimal || modelStatus === codes.timeLimit;
    let bound: number | null = null;
    if (modelStatus === codes.optimal) bound = model.getObjectiveValue();
    else if (!stage.relax) {
      try {
        bound = Number(model.info.get('mip_dual_bound'));
      } catch {
        bound = null;
      }
    }
    let objective: number | null = hasSolution ? model.getObjectiveValue() : null;
    if (objective !== null && !Number.isFinite(objective)) objective = null;
    return { status, objective, bound, seconds: (Date.now() - started) / 1000, columns: lp.columns, rows: lp.rows };
  } finally {
    model.dispose();
  }
}

/**
 * The degree bound on total priority: the LP relaxation of choosing meetings when each participant can take at
 * most min(its available slots, maxMeetings) and the event at most tables × slots, slots otherwise ignored.
 */
export async function degreeBound(problem: SchedulingProblem): Promise<MilpResult> {
  const highs = await loadHighs();
  const S = problem.slots.length;
  const capacity = new Map(problem.participants.map((p) => [p.id, Math.min(p.available ? p.available.length : S, p.maxMeetings)]));
  const terms = new Map<string, string[]>();
  const all: string[] = [];
  const objective: string[] = [];
  problem.meetings.forEach((meeting, m) => {
    const x = `x${m}`;
    all.push(x);
    objective.push(`${meeting.priority} ${x}`);
    for (const id of meeting.participants) push(terms, id, x);
  });
  const lines = ['Maximize', ` obj: ${wrap(objective.join(' + '))}`, 'Subject To'];
  let r = 0;
  for (const [id, list] of terms) lines.push(` r${r++}: ${wrap(sum(list))} <= ${capacity.get(id) ?? 0}`);
  lines.push(` r${r++}: ${wrap(sum(all))} <= ${problem.tables * S}`, 'Bounds', ...all.map((x) => ` 0 <= ${x} <= 1`), 'End');
  const started = Date.now();
  const model = highs.createModel({ format: 'lp', data: lines.join('\n') });
  try {
    model.options.set({ output_flag: false });
    model.run();
    const value = model.getObjectiveValue();
    return { status: 'optimal', objective: value, bound: value, seconds: (Date.now() - started) / 1000, columns: all.length, rows: r };
  } finally {
    model.dispose();
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function sum(terms: readonly string[]): string {
  return terms.join(' + ');
}

/** LP-format lines kept short: HiGHS reads continued lines, and very long ones are hard to inspect. */
function wrap(text: string): string {
  const words = text.split(' ');
  const out: string[] = [];
  let line = '';
  for (const word of words) {
    if (line.length + word.length > 200) {
      out.push(line);
      line = '';
    }
    line += (line ? ' ' : '') + word;
  }
  out.push(line);
  return out.join('\n   ');
}
