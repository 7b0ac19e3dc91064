import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { QueueName, RescoreStatusService, ScoringConfigService, type RescoreStatus } from '@hub/core';
import { TestContext } from '../support/test-app';
import { eventually, GiveUp } from '../support/test-worker';
import { WorkerProcess } from '../support/worker-process';

/**
 * A full rescore survives its worker being killed: the built worker runs in its own process, is killed with
 * SIGKILL in the middle of the run, and a fresh worker finishes it. The matches must be exactly those of an
 * uninterrupted run, with no duplicates.
 */
const COMPANIES = 3000;
const FUNDS = 300;
const CENTRES = 30;
const OFFERS_PER_CENTRE = 10;
/** Small chunks: the run has 30 of them, so it can be caught in the middle. */
const CHUNK = 100;

describe('full rescore interrupted by a killed worker', () => {
  let ctx: TestContext;
  const workers: WorkerProcess[] = [];

  beforeAll(async () => {
    ctx = await TestContext.create();
    await ctx.truncate();
    await populate(ctx);
  }, 120_000);
  afterAll(async () => {
    for (const worker of workers) await worker.kill();
    await ctx.truncate();
    await ctx.close();
  });

  const startWorker = async () => {
    const worker = await WorkerProcess.start({ RESCORE_CHUNK_SIZE: String(CHUNK), OUTBOX_POLL_MS: '100' });
    workers.push(worker);
    return worker;
  };
  const requestRescore = () => ctx.dataSource.transaction((manager) => ScoringConfigService.requestRescore(manager));
  const status = async (runId: string): Promise<RescoreStatus> => {
    const s = await ctx.app.get(RescoreStatusService).status(runId);
    if (s.state === 'failed') {
      const queue = ctx.app.get<Queue>(getQueueToken(QueueName.Rescore), { strict: false });
      const failed = await queue.getJobs(['failed'], 0, 5);
      const reasons = failed.map((job) => `${job.id}: ${job.failedReason}\n${(job.stacktrace ?? []).join('\n')}`).join('\n');
      throw new GiveUp(`rescore ${runId} failed: ${s.failedReason}\n${reasons}\n${workers.map((w) => w.log).join('\n')}`);
    }
    return s;
  };
  const snapshot = async () =>
    ctx.dataSource.query(
      `SELECT area, company_id, fund_id, research_centre_id, technology_offer_id, score, contributions
         FROM matches ORDER BY area, company_id, coalesce(fund_id, technology_offer_id)`,
    );

  it('finishes with exactly the matches of an uninterrupted run', async () => {
    const first = await startWorker();
    const uninterrupted = await requestRescore();
    const done = await eventually(async () => {
      const s = await status(uninterrupted);
      expect(s.state).toBe('completed');
      return s;
    }, 120_000, 200);
    expect(done.chunks).toEqual({ done: COMPANIES / CHUNK, total: COMPANIES / CHUNK });
    const expected = await snapshot();
    expect(expected.length).toBeGreaterThan(COMPANIES);
    await first.kill();

    await ctx.dataSource.query(`DELETE FROM matches`);
    const second = await startWorker();
    const interrupted = await requestRescore();
    // Killed once a few chunks are done and the run is still going.
    const atKill = await eventually(async () => {
      const s = await status(interrupted);
      expect(s.state).toBe('running');
      expect(s.chunks.done).toBeGreaterThanOrEqual(3);
      return s;
    }, 60_000, 20);
    await second.kill('SIGKILL');
    expect(atKill.chunks.done).toBeLessThan(atKill.chunks.total);

    await startWorker();
    const finished = await eventually(async () => {
      const s = await status(interrupted);
      expect(s.state).toBe('completed');
      return s;
    }, 120_000, 500);
    expect(finished.chunks).toEqual({ done: COMPANIES / CHUNK, total: COMPANIES / CHUNK });
    const actual = await snapshot();
    expect(actual).toEqual(expected);
    const [{ duplicates }] = await ctx.dataSource.query(
      `SELECT count(*)::int AS duplicates FROM (SELECT 1 FROM matches GROUP BY area, company_id, coalesce(fund_id, technology_offer_id) HAVING count(*) > 1) d`,
    );
    expect(duplicates).toBe(0);
    const [{ leftovers }] = await ctx.dataSource.query(`SELECT count(*)::int AS leftovers FROM match_candidates`);
    expect(leftovers).toBe(0);
  }, 300_000);
});

/** A deterministic population, written with bulk SQL; its outbox rows are dropped so no per-profile job runs. */
async function populate(ctx: TestContext): Promise<void> {
  const q = (sql: string, params: unknown[] = []) => ctx.dataSource.query(sql, params);
  const pick = (list: string[], expr: string) => `(ARRAY[${list.map((v) => `'${v}'`).join(',')}])[1 + (${expr}) % ${list.length}]`;
  const areas = ['oncology', 'cardiology', 'neurology', 'immunology', 'rare_diseases', 'respiratory'];
  const modalities = ['car_t', 'cell_therapy', 'small_molecule', 'monoclonal_antibody', 'medical_device', 'diagnostic_assay', 'mrna'];
  const sectors = ['biotech', 'medtech', 'pharma', 'diagnostics', 'digital_health'];
  const stages = ['pre_seed', 'seed', 'series_a', 'series_b'];
  const words = ['therapy', 'tumour', 'cuore', 'sensore', 'anticorpo', 'platform', 'diagnosi', 'cellule', 'immune', 'respiro'];
  const uuid = (kind: number) => `('00000000-0000-4000-8${kind}00-' || lpad(to_hex(g), 12, '0'))::uuid`;
  await q(`INSERT INTO organisations (id, type, visibility_consent_at) SELECT ${uuid(1)}, 'company', now() FROM generate_series(1, ${COMPANIES}) g`);
  await q(
    `INSERT INTO companies (id, name, kind, country, stage, trl, funding_sought_eur, looking_for, pitch, sectors, therapeutic_areas, modalities, technology_needs)
     SELECT ${uuid(1)}, 'Company ' || g, 'startup', CASE WHEN g % 7 = 0 THEN 'CH' ELSE 'IT' END, ${pick(stages, 'g')}, 1 + g % 9,
            (250000 * (1 + g % 20))::bigint,
            CASE WHEN g % 3 = 0 THEN ARRAY['investment', 'licensing_in'] WHEN g % 3 = 1 THEN ARRAY['investment'] ELSE ARRAY['rd_partnership'] END,
            ${pick(words, 'g')} || ' ' || ${pick(words, 'g / 3')} || ' ' || ${pick(words, 'g / 7')},
            ARRAY[${pick(sectors, 'g')}], ARRAY[${pick(areas, 'g / 2')}], ARRAY[${pick(modalities, 'g / 5')}],
            ${pick(words, 'g / 11')} || ' ' || ${pick(words, 'g / 13')}
       FROM generate_series(1, ${COMPANIES}) g`,
  );
  await q(`INSERT INTO organisations (id, type, visibility_consent_at) SELECT ${uuid(2)}, 'fund', now() FROM generate_series(1, ${FUNDS}) g`);
  await q(
    `INSERT INTO funds (id, name, country, thesis, stages, ticket_min_eur, ticket_max_eur, geographies, sectors, therapeutic_areas, modalities, active)
     SELECT ${uuid(2)}, 'Fund ' || g, 'IT', ${pick(words, 'g')} || ' ' || ${pick(words, 'g / 2')},
            ARRAY[${pick(stages, 'g')}, ${pick(stages, 'g + 1')}], 200000 * (1 + g % 5), 2000000 * (1 + g % 5),
            CASE WHEN g % 4 = 0 THEN ARRAY['IT'] ELSE ARRAY['EU'] END,
            ARRAY[${pick(sectors, 'g / 2')}], ARRAY[${pick(areas, 'g')}], ARRAY[${pick(modalities, 'g / 3')}], g % 10 <> 0
       FROM generate_series(1, ${FUNDS}) g`,
  );
  await q(`INSERT INTO organisations (id, type, visibility_consent_at) SELECT ${uuid(3)}, 'research_centre', now() FROM generate_series(1, ${CENTRES}) g`);
  await q(`INSERT INTO research_centres (id, name, kind, country) SELECT ${uuid(3)}, 'Centre ' || g, 'irccs', 'IT' FROM generate_series(1, ${CENTRES}) g`);
  await q(
    `INSERT INTO technology_offers (id, research_centre_id, title, description, trl, collaboration_types, sectors, therapeutic_areas, modalities)
     SELECT ${uuid(4)}, ('00000000-0000-4000-8300-' || lpad(to_hex(1 + g % ${CENTRES}), 12, '0'))::uuid, 'Offer ' || g,
            ${pick(words, 'g')} || ' ' || ${pick(words, 'g / 5')}, 1 + g % 9,
            ARRAY[CASE WHEN g % 2 = 0 THEN 'licensing' ELSE 'co_development' END],
            ARRAY[${pick(sectors, 'g / 3')}], ARRAY[${pick(areas, 'g / 4')}], ARRAY[${pick(modalities, 'g')}]
       FROM generate_series(1, ${CENTRES * OFFERS_PER_CENTRE}) g`,
  );
  await q(`DELETE FROM outbox_events`);
}
