import type { INestApplication } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import type { Response } from 'supertest';
import { loadEnv, QueueName, RescoreStatusService, ScoringConfigService, SearchDocumentSource } from '@hub/core';
import { FITTING_COMPANY, FITTING_FUND, matchRecords, rescoreCompleted, scoringSettled } from '../support/matching-fixtures';
import { createRequest, decide, expectError, expectStatus } from '../support/meeting-requests-support';
import { RedisServer } from '../support/redis-server';
import { pick, populate, POPULATION_TAGS, type PopulationSize } from '../support/scoring-population';
import { SmtpSink } from '../support/smtp-sink';
import { bearer, TestContext, type TestUser } from '../support/test-app';
import { eventually, GiveUp, startTestWorker } from '../support/test-worker';
import { WorkerProcess } from '../support/worker-process';

/**
 * Faults (production readiness): Redis stopped, and frozen, under a running api and worker; the built worker killed
 * with SIGKILL in the middle of indexing a few thousand profiles, and in the middle of incremental scoring.
 */

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const outboxCount = async (ctx: TestContext): Promise<number> => (await ctx.dataSource.query(`SELECT count(*)::int AS n FROM outbox_events`))[0].n;

/** A 503 with the usual error body, naming Redis. */
function expectRedisUnavailable(res: Response): void {
  expectError(res, 503, 'SERVICE_UNAVAILABLE');
  expect(res.body.message).toMatch(/redis/i);
}

// ───────────────────────────────────────── Redis down ─────────────────────────────────────────

/** Longest a request may take before the test calls it hung: a safety net, not a timing assertion. */
const HUNG_MS = 15_000;

describe('Redis down under a running api and worker', () => {
  let redis: RedisServer;
  let sink: SmtpSink;
  let ctx: TestContext;
  let worker: INestApplication | null = null;
  let env: { redisUrl: string; redisPrefix: string };

  beforeAll(async () => {
    redis = await RedisServer.start();
    sink = await SmtpSink.start();
    // The api and the worker on a Redis of this test's own, which it stops, freezes and starts again.
    env = { redisUrl: redis.url, redisPrefix: `${loadEnv().redisPrefix}:redis-down` };
    ctx = await TestContext.create(env);
  });
  beforeEach(async () => {
    await ctx.truncate();
    sink.messages.length = 0;
    worker = await startTestWorker({ ...env, notifications: { ...loadEnv().notifications, smtpUrl: sink.url } });
  });
  afterEach(async () => {
    // A failed test may have left Redis down: the worker cannot close without it.
    redis.resume();
    if (!redis.running) await redis.start();
    await worker?.close();
    worker = null;
  });
  afterAll(async () => {
    await ctx?.close();
    await sink?.stop();
    await redis?.stop();
  });

  /** Requests that fail, rather than wait, once HUNG_MS is over: a hang is reported as such (a safety net only). */
  const anyone = {
    get: (path: string) => ctx.http.get(path).timeout(HUNG_MS),
    post: (path: string, body: object) => ctx.http.post(path).timeout(HUNG_MS).send(body),
  };
  const as = (user: TestUser) => ({
    get: (path: string) => anyone.get(path).set(...bearer(user)),
    post: (path: string, body: object = {}) => anyone.post(path, body).set(...bearer(user)),
    patch: (path: string, body: object) => ctx.http.patch(path).timeout(HUNG_MS).set(...bearer(user)).send(body),
  });
  const indexed = (): Promise<Array<{ type: string; name: string }>> => ctx.dataSource.query(`SELECT type, name FROM search_documents ORDER BY name`);
  const counterparts = async (user: TestUser): Promise<string[]> => {
    const res = await as(user).get('/api/v1/matches');
    expectStatus(res, 200);
    return res.body.items.map((item: { counterpart: { name: string } }) => item.counterpart.name);
  };
  /** Once Redis answers again, without a restart of api or worker: ready, every outbox row delivered, these indexed. */
  const caughtUp = async (documents: Array<{ type: string; name: string }>) => {
    await eventually(async () => expectStatus(await anyone.get('/ready'), 200), 15_000);
    await eventually(async () => {
      expect(await outboxCount(ctx)).toBe(0);
      expect(await indexed()).toEqual(documents);
    }, 20_000);
  };
  /** Creates a profile through the api as its future member, who then belongs to it. */
  const createProfile = async (owner: TestUser, path: string, body: object): Promise<{ id: string; version: number }> => {
    const res = await as(owner).post(path, { visibilityConsent: true, ...body });
    expectStatus(res, 201);
    owner.organisationId = res.body.id;
    owner.principal.organisationId = res.body.id;
    return res.body;
  };
  /** Staff, an investor with no fund yet, and a founder whose company is saved, indexed and out of the outbox. */
  const parties = async (companyName: string) => {
    const founder = await ctx.newUser('company');
    const investor = await ctx.newUser('investor');
    const staff = await ctx.newUser('staff');
    const company = await createProfile(founder, '/api/v1/companies', { name: companyName, ...FITTING_COMPANY });
    await eventually(async () => {
      expect(await indexed()).toEqual([{ type: 'company', name: companyName }]);
      expect(await outboxCount(ctx)).toBe(0);
    });
    return { founder, investor, staff, company };
  };

  it('answers reads and keeps writes in the outbox while Redis is stopped, names it where it is needed, and delivers everything once it is back', async () => {
    const { founder, investor, staff, company } = await parties('Cellula Therapeutics');

    await redis.stop();
    let requestId: string;
    let runId: string;
    try {
      const down = await eventually(async () => {
        const res = await anyone.get('/ready');
        expect(res.status).toBe(503);
        return res;
      });
      expect(down.body).toEqual({ statusCode: 503, code: 'SERVICE_UNAVAILABLE', message: 'not ready: redis down' });

      // Reads come from PostgreSQL and answer as usual; so does the liveness probe.
      expectStatus(await anyone.get('/health'), 200);
      const profile = await as(founder).get(`/api/v1/companies/${company.id}`);
      expectStatus(profile, 200);
      expect(profile.body.name).toBe('Cellula Therapeutics');
      const found = await as(founder).get('/api/v1/search').query({ q: 'Cellula' });
      expectStatus(found, 200);
      expect(found.body.hits.map((hit: { name: string }) => hit.name)).toEqual(['Cellula Therapeutics']);
      expect(await counterparts(founder)).toEqual([]);
      // The login throttle counts attempts in Redis: unreachable, it lets logins through rather than lock everyone out.
      const login = await anyone.post('/api/v1/auth/login', { email: founder.email, password: 'correct-horse-battery' });
      expectStatus(login, 200);
      expect(login.body.accessToken).toEqual(expect.any(String));

      // Writes commit together with their outbox rows: a fund created then renamed, a meeting request sent and
      // accepted, a full rescore requested.
      const fund = await createProfile(investor, '/api/v1/funds', { name: 'Navigli Cell Ventures', ...FITTING_FUND });
      expectStatus(await as(investor).patch(`/api/v1/funds/${fund.id}`, { version: fund.version, name: 'Navigli Cell Ventures II' }), 200);
      const created = await createRequest(() => ctx.http, investor, { toOrganisationId: company.id, area: 'venture_capital' });
      expectStatus(created, 201);
      requestId = created.body.request.id;
      expectStatus(await decide(() => ctx.http, founder, requestId, 'accept'), 200);
      const rescore = await as(staff).post('/api/v1/scoring/rescores');
      expectStatus(rescore, 202);
      runId = rescore.body.runId;

      // What reads queue state in Redis answers a 503 naming it, at once, rather than waiting for Redis.
      expectRedisUnavailable(await as(staff).get(`/api/v1/scoring/rescores/${runId}`));
      expectRedisUnavailable(await as(staff).get('/api/v1/admin/overview'));
      expectRedisUnavailable(await as(staff).get('/admin/queues/api/queues'));

      // The worker's relay tries every 100 ms, in vain: after ten tries every row is still kept, nothing delivered.
      await sleep(1000);
      expect((await ctx.dataSource.query(`SELECT topic FROM outbox_events ORDER BY id`)).map((r: { topic: string }) => r.topic)).toEqual([
        'document.changed',
        'document.changed',
        'meeting_request.created',
        'meeting_request.accepted',
        'scoring.rescore',
      ]);
      expect(await indexed()).toEqual([{ type: 'company', name: 'Cellula Therapeutics' }]);
      expect(sink.messages).toEqual([]);
    } finally {
      await redis.start();
    }

    // Redis is back, empty. The fund is indexed with its latest name.
    await caughtUp([
      { type: 'company', name: 'Cellula Therapeutics' },
      { type: 'fund', name: 'Navigli Cell Ventures II' },
    ]);
    // Scored: the match appears on both sides.
    await eventually(async () => {
      expect(await counterparts(investor)).toEqual(['Cellula Therapeutics']);
      expect(await counterparts(founder)).toEqual(['Navigli Cell Ventures II']);
    }, 20_000);
    // Mailed, each once: the request's receiver when it was sent, its sender when it was accepted.
    const messageId = (kind: string, user: TestUser) => `<${requestId}.${kind}.${user.id}@hubmatch.local>`;
    await eventually(async () => expect(sink.messages.map((m) => m.messageId).sort()).toEqual([messageId('accepted', investor), messageId('new_request', founder)].sort()), 20_000);
    expect(await ctx.dataSource.query(`SELECT kind, user_id, status FROM notification_deliveries ORDER BY kind`)).toEqual([
      { kind: 'accepted', user_id: investor.id, status: 'sent' },
      { kind: 'new_request', user_id: founder.id, status: 'sent' },
    ]);
    // The rescore requested meanwhile ran, and what reads the queues answers again.
    expect((await rescoreCompleted(ctx, staff, runId)).result).toEqual({ venture_capital: 1, tech_transfer: 0 });
    const overview = await as(staff).get('/api/v1/admin/overview');
    expectStatus(overview, 200);
    expect(overview.body.outboxBacklog).toBe(0);
    expectStatus(await as(staff).get('/admin/queues/api/queues'), 200);
  }, 60_000);

  it('answers within a bounded time while Redis is frozen (connections open, nothing answered), and catches up when it thaws', async () => {
    const { founder, investor, staff, company } = await parties('Frozen Bio');
    // A finished rescore whose status is in Redis.
    const done = await as(staff).post('/api/v1/scoring/rescores');
    expectStatus(done, 202);
    await rescoreCompleted(ctx, staff, done.body.runId);

    redis.pause();
    try {
      // Every connection stays open and every command waits: only the api's own deadlines end these requests
      // (HUNG_MS would report a hang).
      const [ready, login, status, overview, dashboard, profile, fund] = await Promise.all([
        anyone.get('/ready'),
        anyone.post('/api/v1/auth/login', { email: founder.email, password: 'correct-horse-battery' }),
        as(staff).get(`/api/v1/scoring/rescores/${done.body.runId}`),
        as(staff).get('/api/v1/admin/overview'),
        as(staff).get('/admin/queues/api/queues'),
        as(founder).get(`/api/v1/companies/${company.id}`),
        as(investor).post('/api/v1/funds', { name: 'Thawed Capital', visibilityConsent: true, ...FITTING_FUND }),
      ]);
      expect(ready.body).toEqual({ statusCode: 503, code: 'SERVICE_UNAVAILABLE', message: 'not ready: redis down' });
      expectStatus(login, 200);
      for (const res of [status, overview, dashboard]) {
        expectRedisUnavailable(res);
        expect(res.body.message).toMatch(/did not answer within \d+ ms/);
      }
      expectStatus(profile, 200);
      expectStatus(fund, 201);
      expect(await outboxCount(ctx)).toBeGreaterThan(0);
    } finally {
      redis.resume();
    }

    await caughtUp([
      { type: 'company', name: 'Frozen Bio' },
      { type: 'fund', name: 'Thawed Capital' },
    ]);
    expect((await as(staff).get(`/api/v1/scoring/rescores/${done.body.runId}`)).body.state).toBe('completed');
  }, 60_000);
});

// ───────────────────────────────────────── the built worker killed ─────────────────────────────────────────

/**
 * A few thousand companies, and few enough funds and offers that every pair reaching the minimum score is kept
 * (no organisation has more than maxPerOrganisation candidates): incremental scoring then has a single right
 * answer whatever the order its jobs run in, which a full rescore of the same data also gives.
 */
const SIZE: PopulationSize = { companies: 3000, funds: 20, centres: 5, offersPerCentre: 4 };
const DOCUMENTS = SIZE.companies + SIZE.funds + SIZE.centres + SIZE.centres * SIZE.offersPerCentre;

describe('the built worker killed with SIGKILL', () => {
  let ctx: TestContext;
  const workers: WorkerProcess[] = [];

  beforeAll(async () => {
    ctx = await TestContext.create();
  });
  beforeEach(async () => {
    await ctx.truncate();
  });
  afterEach(async () => {
    for (const worker of workers.splice(0)) await worker.kill();
  });
  afterAll(() => ctx?.close());

  const startWorker = async () => {
    const worker = await WorkerProcess.start({ OUTBOX_POLL_MS: '100' });
    workers.push(worker);
    return worker;
  };
  const queue = (name: QueueName) => ctx.app.get<Queue>(getQueueToken(name), { strict: false });
  const count = async (sql: string): Promise<number> => (await ctx.dataSource.query(sql))[0].n;
  /** The number after "Company ", "Fund " or "Offer " in a name: the profile's position in the population. */
  const nth = (column: string) => `split_part(${column}, ' ', 2)::int`;

  it('indexes every organisation exactly once, with its latest content, when the worker is killed in the middle of indexing', async () => {
    await populate(ctx, SIZE);
    expect(await outboxCount(ctx)).toBe(DOCUMENTS);
    const indexedCount = () => count(`SELECT count(*)::int AS n FROM search_documents`);

    const first = await startWorker();
    await eventually(async () => expect(await indexedCount()).toBeGreaterThanOrEqual(300), 30_000, 10);
    // Renamed while they are being indexed: a document's job may have run already, be running, or be waiting.
    await ctx.dataSource.query(`UPDATE companies SET name = name || ' renamed', version = version + 1 WHERE ${nth('name')} % 5 = 0`);
    await eventually(
      async () => {
        const n = await indexedCount();
        if (n >= DOCUMENTS) throw new GiveUp(`indexing finished (${n} documents) before the worker could be killed`);
        expect(n).toBeGreaterThanOrEqual(DOCUMENTS / 3);
      },
      30_000,
      10,
    );
    await first.kill('SIGKILL');
    expect(await indexedCount()).toBeLessThan(DOCUMENTS);

    // While no worker runs: more renames, and companies deleted, wait in the outbox.
    await ctx.dataSource.query(`UPDATE companies SET name = name || ' again', version = version + 1 WHERE ${nth('name')} % 7 = 0`);
    await ctx.dataSource.query(`DELETE FROM organisations WHERE id IN (SELECT id FROM companies WHERE ${nth('name')} % 100 = 1)`);
    expect(await outboxCount(ctx)).toBeGreaterThan(0);

    await startWorker();
    const search = queue(QueueName.Search);
    await eventually(
      async () => {
        expect(await outboxCount(ctx)).toBe(0);
        // The killed worker's jobs count as active until a stalled-job check hands them on.
        expect(await search.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'failed')).toEqual({ waiting: 0, active: 0, delayed: 0, prioritized: 0, failed: 0 });
      },
      50_000,
      250,
    );
    const expected: Array<{ id: string; type: string; name: string; body: string; trl: number | null }> = [];
    for await (const batch of ctx.app.get(SearchDocumentSource).all()) for (const d of batch) expected.push({ id: d.id, type: d.type, name: d.name, body: d.body, trl: d.trl });
    expected.sort((a, b) => (a.id < b.id ? -1 : 1));
    expect(expected).toHaveLength(DOCUMENTS - SIZE.companies / 100);
    const actual = await ctx.dataSource.query(`SELECT id, type, name, body, trl FROM search_documents ORDER BY id`);
    expect(actual).toEqual(expected);
  }, 90_000);

  it('ends with the matches of an uninterrupted computation when the worker is killed in the middle of incremental scoring', async () => {
    await populate(ctx, SIZE);
    // No per-profile job for the population itself: its matches come from a full rescore.
    await ctx.dataSource.query(`DELETE FROM outbox_events`);
    const first = await startWorker();
    const fullRescore = async () => {
      const runId = await ctx.dataSource.transaction((manager) => ScoringConfigService.requestRescore(manager));
      await eventually(
        async () => {
          const status = await ctx.app.get(RescoreStatusService).status(runId);
          if (status.state === 'failed') throw new GiveUp(`rescore failed: ${status.failedReason}`);
          expect(status.state).toBe('completed');
        },
        30_000,
        200,
      );
    };
    await fullRescore();
    const before = await matchRecords(ctx);
    expect(before.length).toBeGreaterThan(SIZE.companies);

    // Edits of what scoring compares but not of the words it weighs (whose statistics a worker fits when it loads
    // every profile): the restarted worker and a full rescore then score with the statistics the first worker had.
    const { areas, stages, sectors } = POPULATION_TAGS;
    await ctx.dataSource.query(
      `UPDATE companies SET stage = ${pick(stages, `${nth('name')} + 1`)}, trl = 1 + (trl + 4) % 9, therapeutic_areas = ARRAY[${pick(areas, nth('name'))}],
              version = version + 1
        WHERE ${nth('name')} % 6 = 0`,
    );
    await ctx.dataSource.query(`UPDATE funds SET sectors = ARRAY[${pick(sectors, nth('name'))}], stages = ARRAY['seed', 'series_a'], version = version + 1 WHERE ${nth('name')} % 2 = 0`);
    await ctx.dataSource.query(`UPDATE technology_offers SET trl = 1 + (trl + 4) % 9, therapeutic_areas = ARRAY[${pick(areas, nth('title'))}], version = version + 1 WHERE ${nth('title')} % 2 = 0`);
    const scoring = queue(QueueName.Scoring);

    // Killed once some organisations are rescored and many are still waiting.
    await eventually(
      async () => {
        const c = await scoring.getJobCounts('completed', 'waiting', 'active');
        if ((await outboxCount(ctx)) === 0 && c.waiting + c.active === 0) throw new GiveUp(`scoring finished before the worker could be killed: ${JSON.stringify(c)}`);
        expect(c.completed).toBeGreaterThanOrEqual(50);
        expect(c.waiting).toBeGreaterThanOrEqual(200);
      },
      30_000,
      10,
    );
    await first.kill('SIGKILL');

    await startWorker();
    await scoringSettled(ctx, ctx.app, 50_000);
    // The jobs the kill interrupted were handed on and run again (all of this test's jobs are still listed).
    expect((await scoring.getJobs(['completed'], 0, -1)).filter((job) => job.stalledCounter > 0).length).toBeGreaterThan(0);
    const incremental = await matchRecords(ctx);
    expect(incremental).not.toEqual(before);
    // The reference: every match computed afresh from the same data in one uninterrupted run.
    await fullRescore();
    expect(await matchRecords(ctx)).toEqual(incremental);
    expect(await count(`SELECT count(*)::int AS n FROM (SELECT 1 FROM matches GROUP BY area, company_id, coalesce(fund_id, technology_offer_id) HAVING count(*) > 1) d`)).toBe(0);
  }, 120_000);
});
