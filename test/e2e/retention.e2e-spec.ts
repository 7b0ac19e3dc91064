import type { INestApplication } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { EnvData, JobName, QueueName, RETENTION_PURGE_EVERY_MS, RETENTION_SCHEDULER_ID, RetentionService } from '@hub/core';
import { TestContext, type TestUser } from '../support/test-app';
import { startTestWorker } from '../support/test-worker';

/**
 * Storage limitation: declined, withdrawn and expired meeting requests are purged REQUEST_RETENTION_DAYS (180 by
 * default) after they closed, with their mail records; accepted ones stay. Ended sessions go after 30 days.
 */
describe('retention purge', () => {
  let ctx: TestContext;
  let company: TestUser;
  let investor: TestUser;
  let companyId: string;
  let fundId: string;
  let otherFundId: string;

  beforeAll(async () => {
    ctx = await TestContext.create();
  });
  afterAll(() => ctx.close());
  beforeEach(async () => {
    await ctx.truncate();
    company = await ctx.newUser('company');
    investor = await ctx.newUser('investor');
    companyId = (await ctx.newCompany(company)).id;
    fundId = (await ctx.newFund(investor)).id;
    otherFundId = (await ctx.newFund()).id;
  });

  /** A request in a given state, closed (or due) `daysAgo` days ago, with a mail record. */
  async function request(status: string, daysAgo: number, name: string, to = fundId): Promise<string> {
    const [row] = await ctx.dataSource.query(
      `INSERT INTO meeting_requests (area, from_organisation_id, to_organisation_id, status, message, decided_at, expires_at, created_at, decline_reason)
       VALUES ('venture_capital', $1, $2, $3, $4,
               CASE WHEN $3 <> 'pending' THEN now() - make_interval(days => $5) END,
               now() - make_interval(days => $5) + CASE WHEN $3 = 'pending' THEN interval '0' ELSE interval '10 days' END,
               now() - make_interval(days => $5 + 14),
               CASE WHEN $3 = 'declined' THEN 'timing' END)
       RETURNING id`,
      [companyId, to, status, name, daysAgo],
    );
    await ctx.dataSource.query(
      `INSERT INTO notification_deliveries (meeting_request_id, kind, user_id, email, language, status, message_id) VALUES ($1, 'new_request', $2, 'x@example.test', 'en', 'sent', $3)`,
      [row.id, investor.id, `<${row.id}@test>`],
    );
    return row.id;
  }

  it('deletes requests that came to nothing past the retention period, with their mail records, and keeps the rest', async () => {
    for (const status of ['declined', 'withdrawn', 'expired']) {
      await request(status, 181, `old ${status}`);
      await request(status, 179, `recent ${status}`);
    }
    await request('pending', 181, 'lapsed pending');
    // One pending request per pair: the open one goes to another fund.
    await request('pending', -5, 'open pending', otherFundId);
    await request('accepted', 400, 'old accepted');

    const result = await ctx.app.get(RetentionService).purge();
    expect(result).toEqual({ meetingRequests: 4, sessions: 0, requestCutoff: expect.any(String) });
    const left = await ctx.dataSource.query(`SELECT message FROM meeting_requests ORDER BY message`);
    expect(left.map((r: { message: string }) => r.message)).toEqual([
      'old accepted',
      'open pending',
      'recent declined',
      'recent expired',
      'recent withdrawn',
    ]);
    expect((await ctx.dataSource.query(`SELECT count(*)::int AS n FROM notification_deliveries`))[0].n).toBe(5);
    // A second run finds nothing more: the job can be re-delivered harmlessly.
    expect(await ctx.app.get(RetentionService).purge()).toMatchObject({ meetingRequests: 0, sessions: 0 });
  });

  it('deletes sessions that ended more than 30 days ago, and keeps open and recently ended ones', async () => {
    await ctx.dataSource.query(
      `INSERT INTO auth_sessions (user_id, refresh_hash, created_at, expires_at, revoked_at, revoked_reason) VALUES
         ($1, 'a', now() - interval '90 days', now() - interval '31 days', NULL, NULL),
         ($1, 'b', now() - interval '90 days', now() + interval '1 day', now() - interval '31 days', 'logout'),
         ($1, 'c', now() - interval '40 days', now() - interval '29 days', NULL, NULL),
         ($1, 'd', now() - interval '10 days', now() + interval '20 days', now() - interval '2 days', 'password_changed')`,
      [company.id],
    );
    const before = (await ctx.dataSource.query(`SELECT count(*)::int AS n FROM auth_sessions`))[0].n;
    expect(await ctx.app.get(RetentionService).purge()).toMatchObject({ meetingRequests: 0, sessions: 2 });
    const left = await ctx.dataSource.query(`SELECT refresh_hash FROM auth_sessions WHERE refresh_hash IN ('a', 'b', 'c', 'd') ORDER BY refresh_hash`);
    expect(left).toEqual([{ refresh_hash: 'c' }, { refresh_hash: 'd' }]);
    // The test users' own open sessions are untouched.
    expect((await ctx.dataSource.query(`SELECT count(*)::int AS n FROM auth_sessions`))[0].n).toBe(before - 2);
  });

  it('follows REQUEST_RETENTION_DAYS', async () => {
    await request('declined', 8, 'eight days');
    await request('declined', 6, 'six days');
    const env = { ...ctx.app.get(EnvData), retention: { closedRequestDays: 7 } } as EnvData;
    expect(await new RetentionService(ctx.dataSource, env).purge()).toMatchObject({ meetingRequests: 1 });
    expect((await ctx.dataSource.query(`SELECT message FROM meeting_requests`)).map((r: { message: string }) => r.message)).toEqual(['six days']);
  });

  it('the worker schedules the purge once, however often it starts, and runs it as a job', async () => {
    let worker: INestApplication | null = await startTestWorker();
    try {
      // The api's handle on the queue: it outlives the workers this test stops and starts.
      const queue = ctx.app.get<Queue>(getQueueToken(QueueName.Meetings), { strict: false });
      const scheduled = async () => {
        for (let i = 0; i < 50; i++) {
          const scheduler = await queue.getJobScheduler(RETENTION_SCHEDULER_ID);
          if (scheduler) return scheduler;
          await new Promise((r) => setTimeout(r, 100));
        }
        return undefined;
      };
      expect(await scheduled()).toMatchObject({ name: JobName.PurgeExpiredData, every: RETENTION_PURGE_EVERY_MS });
      await worker.close();
      worker = await startTestWorker();
      await scheduled();
      expect(await queue.getJobSchedulersCount()).toBe(1);

      await request('expired', 200, 'purged by the job');
      const job = await queue.add(JobName.PurgeExpiredData, {});
      const events = await import('bullmq').then(({ QueueEvents }) => new QueueEvents(QueueName.Meetings, { connection: queue.opts.connection, prefix: queue.opts.prefix }));
      try {
        const returned = await job.waitUntilFinished(events, 15_000);
        expect(returned).toMatchObject({ meetingRequests: 1 });
      } finally {
        await events.close();
      }
    } finally {
      await worker?.close();
    }
  });
});
