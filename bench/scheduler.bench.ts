/**
 * Benchmark of the meeting scheduler (issue 6), in memory.
 *
 * Generated events (bench/support/scheduling-instances.ts): small (20 participants, 60 meetings, 8 slots), medium
 * (300, 2,000, 16) and large (1,500, 10,000, 24), with tables short of the demand, availability holes and meetings
 * restricted to a session. Small and medium are compared with the exact optimum of the same model solved by HiGHS
 * (bench/support/scheduling-milp.ts): priority first, then the coverage deficit with priority held, then (small
 * only) idle slots with both held; large against upper bounds on priority (the degree bound and the LP relaxation).
 *
 * B2B forums shaped like the published benchmark (Bofill et al., CP 2014 / JAIR 2022): every meeting mandatory,
 * objective fewest idle slots; compared with the best idle count and proven lower bound HiGHS reaches in its time
 * limit.
 *
 *   npm run bench:scheduler
 *
 * Seeded and deterministic (BENCH_SEED). BENCH_MILP_SECONDS caps each HiGHS stage (default 60); BENCH_SKIP_MILP=1
 * runs the scheduler only.
 */
import { scheduleViolations, solveSchedule, type ScheduleResult, type SchedulingProblem } from '@hub/domain';
import { printTable } from './support/print-table';
import { runBench } from './support/run-bench';
import { b2bForumEvent, generatedEvent, type B2bForumSpec } from './support/scheduling-instances';
import { degreeBound, solveMilp, type MilpResult } from './support/scheduling-milp';

const SEED = Number(process.env.BENCH_SEED ?? 20261122);
const MILP_SECONDS = Number(process.env.BENCH_MILP_SECONDS ?? 60);
const SKIP_MILP = process.env.BENCH_SKIP_MILP === '1';
const LARGE_TIME_LIMIT_MS = 8_000;

const GENERATED = [
  { name: 'small-1', participants: 20, meetings: 60, slots: 8, tables: 6, seed: SEED + 1 },
  { name: 'small-2', participants: 20, meetings: 60, slots: 8, tables: 8, seed: SEED + 2 },
  { name: 'small-3', participants: 20, meetings: 60, slots: 8, tables: 5, seed: SEED + 3 },
  { name: 'medium', participants: 300, meetings: 2000, slots: 16, tables: 110, seed: SEED + 4 },
  { name: 'large', participants: 1500, meetings: 10000, slots: 24, tables: 380, seed: SEED + 5 },
] as const;

const FORUMS: B2bForumSpec[] = [
  { name: 'b2b-40', participants: 40, meetings: 125, slots: 8, sessions: 1, tables: 16, seed: SEED + 11 },
  { name: 'b2b-45', participants: 45, meetings: 150, slots: 10, sessions: 1, tables: 18, seed: SEED + 12 },
  { name: 'b2b-55', participants: 55, meetings: 180, slots: 12, sessions: 2, tables: 20, seed: SEED + 13 },
  { name: 'b2b-60', participants: 60, meetings: 210, slots: 14, sessions: 2, tables: 15, seed: SEED + 14 },
  { name: 'b2b-70', participants: 70, meetings: 250, slots: 18, sessions: 2, tables: 12, seed: SEED + 15 },
  { name: 'b2b-80', participants: 80, meetings: 300, slots: 22, sessions: 2, tables: 30, seed: SEED + 16 },
];

runBench(async () => {
  console.log(`Scheduler benchmark: seed ${SEED}, HiGHS ${SKIP_MILP ? 'skipped' : `≤ ${MILP_SECONDS} s per stage`}\n`);
  const generatedRows: string[][] = [];
  for (const spec of GENERATED) {
    const problem = generatedEvent(spec);
    const large = spec.name === 'large';
    const result = solve(problem, large ? LARGE_TIME_LIMIT_MS : undefined);
    const s = result.stats;
    let reference = '—';
    let gap = '—';
    let deficitReference = '—';
    let idleReference = '—';
    let milpSeconds = 0;
    if (!SKIP_MILP) {
      if (!large) {
        const priority = await solveMilp(problem, { objective: 'priority' }, MILP_SECONDS);
        milpSeconds += priority.seconds;
        reference = describe(priority, 'max');
        gap = gapOf(s.scheduledPriority, priority.bound);
        if (priority.status === 'optimal' && priority.objective !== null) {
          const deficit = await solveMilp(problem, { objective: 'deficit', minPriority: priority.objective }, MILP_SECONDS);
          milpSeconds += deficit.seconds;
          deficitReference = describe(deficit, 'min');
          if (spec.name.startsWith('small') && deficit.status === 'optimal' && deficit.objective !== null) {
            const idle = await solveMilp(
              problem,
              { objective: 'idle', minPriority: priority.objective, maxDeficit: deficit.objective },
              MILP_SECONDS,
            );
            milpSeconds += idle.seconds;
            idleReference = describe(idle, 'min');
          }
        }
      } else {
        const degree = await degreeBound(problem);
        const relaxation = await solveMilp(problem, { objective: 'priority', relax: true }, MILP_SECONDS * 3);
        milpSeconds += degree.seconds + relaxation.seconds;
        const bound = relaxation.status === 'optimal' && relaxation.bound !== null ? Math.min(relaxation.bound, degree.bound ?? Infinity) : degree.bound;
        reference = `≤ ${fmt(bound)} (degree ${fmt(degree.bound)}, LP ${relaxation.status === 'optimal' ? fmt(relaxation.bound) : relaxation.status})`;
        gap = `≤ ${gapOf(s.scheduledPriority, bound)}`;
      }
    }
    console.error(`  ${spec.name}: solver ${s.wallMs} ms, HiGHS ${milpSeconds.toFixed(1)} s`);
    generatedRows.push([
      spec.name,
      `${spec.participants}/${spec.meetings}/${spec.slots}/${spec.tables}`,
      `${s.scheduled}`,
      fmt(s.scheduledPriority),
      reference,
      gap,
      `${s.participantsBelowTarget}`,
      `${s.coverageDeficit}`,
      deficitReference,
      `${s.idleSlots}`,
      idleReference,
      `${s.idleRuns}`,
      `${s.hostsMoved}`,
      `${s.wallMs}`,
      milpSeconds ? milpSeconds.toFixed(1) : '—',
    ]);
  }
  printTable(
    [
      'instance',
      'P/M/S/tables',
      'scheduled',
      'priority',
      'HiGHS priority',
      'gap',
      'below target',
      'deficit',
      'HiGHS deficit',
      'idle slots',
      'HiGHS idle',
      'idle runs',
      'hosts moved',
      'solver ms',
      'HiGHS s',
    ],
    generatedRows,
  );

  console.log('\nB2B forums (Bofill et al. shape): every meeting mandatory, objective fewest idle slots\n');
  const forumRows: string[][] = [];
  for (const spec of FORUMS) {
    const problem = b2bForumEvent(spec);
    const result = solve(problem);
    const s = result.stats;
    let reference = '—';
    let verdict = '—';
    let milpSeconds = 0;
    if (!SKIP_MILP) {
      const idle = await solveMilp(problem, { objective: 'idle', placeAll: true }, MILP_SECONDS);
      milpSeconds = idle.seconds;
      reference = describe(idle, 'min');
      // Idle slots are whole numbers: a proven lower bound b makes any schedule with ⌈b⌉ idle slots optimal.
      const lower = idle.bound === null || !Number.isFinite(idle.bound) ? null : Math.ceil(idle.bound - 1e-6);
      if (lower !== null) verdict = s.idleSlots <= lower ? 'optimal' : `≤ ${s.idleSlots - lower} above`;
    }
    console.error(`  ${spec.name}: solver ${s.wallMs} ms, HiGHS ${milpSeconds.toFixed(1)} s`);
    forumRows.push([
      spec.name,
      `${spec.participants}/${problem.meetings.length}/${spec.slots}/${spec.sessions}/${spec.tables}`,
      s.scheduled === s.meetings ? 'yes' : `no (${s.meetings - s.scheduled} left)`,
      `${s.idleSlots}`,
      `${s.idleRuns}`,
      reference,
      verdict,
      `${s.wallMs}`,
      milpSeconds ? milpSeconds.toFixed(1) : '—',
    ]);
  }
  printTable(
    ['instance', 'P/M/S/sessions/tables', 'all placed', 'idle slots', 'idle runs', 'HiGHS idle', 'solver vs bound', 'solver ms', 'HiGHS s'],
    forumRows,
  );
  console.log(
    '\nHiGHS columns: "= v" proven optimum; "v [b, …]" best found v with proven bound b when the time limit stopped it (an idle' +
      ' count is an integer, so a lower bound of 4.6 proves 5 optimal). gap = (optimum or bound − solver) / optimum.',
  );
});

function solve(problem: SchedulingProblem, timeLimitMs?: number): ScheduleResult {
  const result = solveSchedule(problem, { seed: 1, timeLimitMs });
  const violations = scheduleViolations(problem, result.placements);
  if (violations.length > 0) throw new Error(`the schedule breaks hard rules: ${violations.slice(0, 5).join('; ')}`);
  return result;
}

function describe(result: MilpResult, sense: 'max' | 'min'): string {
  if (result.status === 'optimal' && result.objective !== null) return `= ${fmt(result.objective)}`;
  const best = result.objective === null ? 'none' : fmt(result.objective);
  const bound = result.bound === null || !Number.isFinite(result.bound) ? '?' : fmt(sense === 'min' ? Math.ceil(result.bound - 1e-6) : Math.floor(result.bound + 1e-6));
  return sense === 'min' ? `${best} [≥ ${bound}, ${result.status}]` : `${best} [≤ ${bound}, ${result.status}]`;
}

function gapOf(value: number, reference: number | null): string {
  if (reference === null || !Number.isFinite(reference) || reference <= 0) return '?';
  return `${(((reference - value) / reference) * 100).toFixed(2)}%`;
}

function fmt(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return '?';
  return Number.isInteger(Math.round(value * 1000) / 1000) ? String(Math.round(value)) : value.toFixed(2);
}
