import type { INestApplication } from '@nestjs/common';
import { loadEnv } from '@hub/core';
import { RedisServer } from '../support/redis-server';
import { bearer, TestContext } from '../support/test-app';
import { eventually, startTestWorker } from '../support/test-worker';

/**
 * The transactional outbox across a Redis outage: the worker's queues live on a redis-server of this test's
 * own, which is killed and restarted; the profile committed meanwhile still reaches the index and is scored.
 */
describe('outbox during a Redis outage', () => {
  let ctx: TestContext;
  let redis: RedisServer;
  let worker: INestApplication;

  beforeAll(async () => {
    ctx = await TestContext.create();
    await ctx.truncate();
    redis = await RedisServer.start();
    worker = await startTestWorker({ redisUrl: redis.url, redisPrefix: `${loadEnv().redisPrefix}:outage` });
  });
  afterAll(async () => {
    await worker?.close();
    await redis?.stop();
    await ctx?.close();
  });

  const outbox = async () => (await ctx.dataSource.query(`SELECT count(*)::int AS n FROM outbox_events`))[0].n as number;
  const indexed = async () => (await ctx.dataSource.query(`SELECT name FROM search_documents ORDER BY name`)).map((r: { name: string }) => r.name);

  it('keeps writes in the outbox while Redis is down and delivers them once it is back', async () => {
    const owner = await ctx.newUser('company');
    await ctx.http.post('/api/v1/companies').set(...bearer(owner)).send({ visibilityConsent: true, name: 'Before Outage', kind: 'startup', country: 'IT' }).expect(201);
    await eventually(async () => expect(await indexed()).toEqual(['Before Outage']));

    await redis.stop();
    const other = await ctx.newUser('investor');
    // The api does not need the worker's Redis to save a profile: the write and its outbox row commit together.
    await ctx.http.post('/api/v1/funds').set(...bearer(other)).send({ visibilityConsent: true, name: 'During Outage', country: 'IT' }).expect(201);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await outbox()).toBe(1);
    expect(await indexed()).toEqual(['Before Outage']);

    await redis.start();
    await eventually(async () => expect(await indexed()).toEqual(['Before Outage', 'During Outage']), 20_000);
    expect(await outbox()).toBe(0);
    // The fund saved during the outage is scored too: its match with the company appears.
    await eventually(async () => {
      const rows = await ctx.dataSource.query(`SELECT f.name FROM matches m JOIN funds f ON f.id = m.fund_id`);
      expect(rows).toEqual([{ name: 'During Outage' }]);
    }, 20_000);
  }, 40_000);
});
