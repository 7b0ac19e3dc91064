import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { QueueName, RescoreStatusService, ScoringConfigService, type RescoreStatus } from '@hub/core';
import { populate } from '../support/scoring-population';
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
    await populate(ctx, { companies: COMPANIES, funds: FUNDS, centres: CENTRES, offersPerCentre: OFFERS_PER_CENTRE });
    // No per-profile job: the full rescore alone computes the matches.
    await ctx.dataSource.query(`DELETE FROM outbox_events`);
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
