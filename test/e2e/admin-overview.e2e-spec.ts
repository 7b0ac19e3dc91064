import { getQueueToken } from '@nestjs/bullmq';
import { Worker, type Job, type Queue } from 'bullmq';
import { JobName, QueueName } from '@hub/core';
import { bearer, TestContext, type TestUser } from '../support/test-app';
import { expectError } from '../support/meeting-requests-support';

describe("staff's overview: counts, outbox backlog, queue health and recent failures", () => {
  let ctx: TestContext;
  let staff: TestUser;

  beforeAll(async () => {
    ctx = await TestContext.create();
  });
  beforeEach(async () => {
    await ctx.truncate();
    staff = await ctx.newUser('staff');
  });
  afterAll(() => ctx.close());

  it('counts what the platform holds and shows each queue with its latest failures; staff only', async () => {
    const founder = await ctx.newUser('company');
    await ctx.newCompany(founder, { name: 'Alpha Bio' });
    await ctx.newFund(undefined, { name: 'Fondo Uno' });
    // A failed job, as the worker would leave it after its last attempt.
    const queue = ctx.app.get<Queue>(getQueueToken(QueueName.Search), { strict: false });
    const added = await queue.add(JobName.IndexDocument, { type: 'company', id: 'x' }, { attempts: 1 });
    const taker = new Worker(queue.name, null, { connection: queue.opts.connection, prefix: queue.opts.prefix, autorun: false });
    try {
      const job = (await taker.getNextJob('test-token')) as Job;
      expect(job.id).toBe(added.id);
      await job.moveToFailed(new Error('index unreachable'), 'test-token', false);
    } finally {
      await taker.close();
    }
    const job = added;

    const res = await ctx.http.get('/api/v1/admin/overview').set(...bearer(staff)).expect(200);
    expect(res.body).toMatchObject({
      organisations: { company: 1, fund: 1, research_centre: 0 },
      technologyOffers: 0,
      matches: 0,
      meetingRequests: { pending: 0, accepted: 0 },
      events: 0,
    });
    // Each profile write left an outbox row (no worker runs here).
    expect(res.body.outboxBacklog).toBe(2);
    expect(res.body.queues.map((q: { name: string }) => q.name).sort()).toEqual(Object.values(QueueName).sort());
    expect(res.body.queues.find((q: { name: string }) => q.name === QueueName.Search)).toMatchObject({ failed: 1 });
    expect(res.body.recentFailures).toEqual([{ queue: QueueName.Search, job: JobName.IndexDocument, id: job.id, reason: 'index unreachable', attempts: expect.any(Number), at: expect.any(String) }]);

    expectError(await ctx.http.get('/api/v1/admin/overview').set(...bearer(founder)), 403, 'FORBIDDEN');
    expectError(await ctx.http.get('/api/v1/admin/overview'), 401, 'UNAUTHENTICATED');
  });
});
