import type { INestApplication } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { EnvData, JobName, QueueName } from '@hub/core';
import { bearer, TestContext } from '../support/test-app';
import { eventually, startTestWorker } from '../support/test-worker';

/**
 * Expiry of unanswered meeting requests: the request's outbox row becomes a BullMQ job delayed until its
 * deadline; at the deadline the worker marks it expired (once) unless it was answered.
 */
describe('meeting request expiry (outbox → delayed job → worker)', () => {
  let ctx: TestContext;
  let worker: INestApplication;

  beforeAll(async () => {
    ctx = await TestContext.create();
  });
  beforeEach(async () => {
    await ctx.truncate();
    worker = await startTestWorker();
  });
  afterEach(() => worker.close());
  afterAll(() => ctx.close());

  const queue = () => worker.get<Queue>(getQueueToken(QueueName.Meetings), { strict: false });
  const pair = async () => {
    const founder = await ctx.newUser('company');
    const company = await ctx.newCompany(founder);
    const investor = await ctx.newUser('investor');
    await ctx.newFund(investor);
    return { founder, company, investor };
  };
  const delayedJob = (requestId: string) =>
    eventually(async () => {
      const jobs = await queue().getJobs(['delayed'], 0, 100);
      const job = jobs.find((j) => j.name === JobName.ExpireMeetingRequest && (j.data as { id: string }).id === requestId);
      expect(job).toBeDefined();
      return job as NonNullable<typeof job>;
    });

  it('schedules the expiry at the deadline and expires an unanswered request once', async () => {
    const { founder, company, investor } = await pair();
    const created = await ctx.http
      .post('/api/v1/meeting-requests')
      .set(...bearer(investor))
      .send({ toOrganisationId: company.id, area: 'venture_capital', message: 'Shall we meet?' })
      .expect(201);
    const id = created.body.request.id as string;
    const job = await delayedJob(id);
    const ttlMs = ctx.app.get(EnvData).meetingRequests.ttlDays * 86_400_000;
    // Delayed until the deadline (give or take the relay's latency).
    expect(job.opts.delay).toBeGreaterThan(ttlMs - 60_000);
    expect(job.opts.delay).toBeLessThanOrEqual(ttlMs);

    // The deadline passes (moved, rather than waited for), and the job comes due.
    await ctx.dataSource.query(`UPDATE meeting_requests SET expires_at = now() - interval '1 second' WHERE id = $1`, [id]);
    await job.promote();
    await eventually(async () => {
      const [row] = await ctx.dataSource.query(`SELECT status, decided_at FROM meeting_requests WHERE id = $1`, [id]);
      expect(row.status).toBe('expired');
      expect(row.decided_at).not.toBeNull();
    });
    const audit = await ctx.dataSource.query(`SELECT action, actor_user_id FROM audit_events WHERE subject_id = $1 ORDER BY id`, [id]);
    expect(audit).toEqual([
      { action: 'meeting_request.created', actor_user_id: investor.id },
      { action: 'meeting_request.expired', actor_user_id: null },
    ]);
    // Both sides see it expired; it can no longer be accepted.
    const seen = await ctx.http.get(`/api/v1/meeting-requests/${id}`).set(...bearer(founder)).expect(200);
    expect(seen.body.status).toBe('expired');
    const late = await ctx.http.post(`/api/v1/meeting-requests/${id}/accept`).set(...bearer(founder)).expect(409);
    expect(late.body.code).toBe('REQUEST_CLOSED');
  });

  it('leaves an answered request alone when its expiry job runs', async () => {
    const { founder, company, investor } = await pair();
    const created = await ctx.http.post('/api/v1/meeting-requests').set(...bearer(investor)).send({ toOrganisationId: company.id, area: 'venture_capital' }).expect(201);
    const id = created.body.request.id as string;
    const job = await delayedJob(id);
    await ctx.http.post(`/api/v1/meeting-requests/${id}/accept`).set(...bearer(founder)).expect(200);
    await ctx.dataSource.query(`UPDATE meeting_requests SET expires_at = now() - interval '1 second' WHERE id = $1`, [id]);
    await job.promote();
    await eventually(async () => expect(await queue().getJobCounts('completed')).toEqual({ completed: 1 }));
    const [row] = await ctx.dataSource.query(`SELECT status FROM meeting_requests WHERE id = $1`, [id]);
    expect(row.status).toBe('accepted');
    const actions = await ctx.dataSource.query(`SELECT action FROM audit_events WHERE subject_id = $1 ORDER BY id`, [id]);
    expect(actions.map((a: { action: string }) => a.action)).toEqual(['meeting_request.created', 'meeting_request.accepted']);
  });
});
