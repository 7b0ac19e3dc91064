import { randomUUID } from 'node:crypto';
import { Queue, QueueEvents, Worker, type ConnectionOptions, type Job } from 'bullmq';
import { redisOptionsFromUrl } from '@hub/core';
import { SHORT_JOB_LOCKS } from './job-processor';

/**
 * What SHORT_JOB_LOCKS promise about a job whose worker dies (real Redis, real BullMQ). A worker force-closed in
 * the middle of a job stops renewing its lock and leaves the job active, as a SIGKILLed process does; the next
 * worker's stalled-job check takes it over. The locks are shortened here (the same check, seconds sooner); the
 * number of takeovers is the setting under test.
 */
const FAST = { lockDuration: 1000, stalledInterval: 500 } as const;
// The queue module's cast: BullMQ 6 types its connection option as a client, and accepts ioredis options too.
const connection = redisOptionsFromUrl(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379') as ConnectionOptions;

async function runThroughDeaths(maxStalledCount: number, deaths: number): Promise<{ state: string; calls: number; failedReason?: string }> {
  const name = `stall-${randomUUID()}`;
  const prefix = `${process.env.REDIS_PREFIX ?? 'hubtest'}:stall`;
  const queue = new Queue(name, { connection, prefix });
  const events = new QueueEvents(name, { connection, prefix });
  await events.waitUntilReady();
  let calls = 0;
  let started: (() => void) | null = null;
  try {
    const job = await queue.add('index', {}, { attempts: 1 });
    const settled = new Promise<void>((resolve) => {
      events.on('completed', ({ jobId }) => jobId === job.id && resolve());
      events.on('failed', ({ jobId }) => jobId === job.id && resolve());
    });
    for (let death = 0; death < deaths; death++) {
      const running = new Promise<void>((resolve) => (started = resolve));
      // A handler that never finishes: the worker dies in the middle of it.
      const dying = new Worker(name, () => ((calls++, started?.()), new Promise(() => undefined)), { connection, prefix, ...FAST, maxStalledCount });
      const outcome = await Promise.race([running.then(() => 'running'), settled.then(() => 'settled')]);
      await dying.close(true);
      if (outcome === 'settled') break;
    }
    const healthy = new Worker(name, async () => void calls++, { connection, prefix, ...FAST, maxStalledCount });
    await settled;
    await healthy.close();
    const final = (await queue.getJob(job.id as string)) as Job;
    return { state: await final.getState(), calls, failedReason: final.failedReason };
  } finally {
    await events.close();
    await queue.obliterate({ force: true });
    await queue.close();
  }
}

describe('SHORT_JOB_LOCKS: a job whose worker is killed', () => {
  it(`is taken over and completed after its worker died twice (maxStalledCount ${SHORT_JOB_LOCKS.maxStalledCount})`, async () => {
    const result = await runThroughDeaths(SHORT_JOB_LOCKS.maxStalledCount, 2);
    expect(result).toMatchObject({ state: 'completed', calls: 3 });
  });

  it('would be failed after two deaths with BullMQ’s default of one takeover (why the setting exists)', async () => {
    const result = await runThroughDeaths(1, 2);
    expect(result.state).toBe('failed');
    expect(result.failedReason).toMatch(/stalled/i);
  });
});
