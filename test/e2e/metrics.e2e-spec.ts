import { getQueueToken } from '@nestjs/bullmq';
import type { INestApplication } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { JobName, QueueName, SearchResultCache } from '@hub/core';
import { TestContext, bearer } from '../support/test-app';
import { eventually, startTestWorker } from '../support/test-worker';

/** One sample of the Prometheus text exposition format. */
interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** Parses the text exposition format (version 0.0.4): `name{label="value",...} number`, comments skipped. */
function parseExposition(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim() || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})?\s+(\S+)(\s+\d+)?$/.exec(line);
    if (!match) throw new Error(`not a sample line: ${line}`);
    const labels: Record<string, string> = {};
    const labelText = match[3] ?? '';
    const labelPattern = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)",?/g;
    let consumed = 0;
    for (let m = labelPattern.exec(labelText); m; m = labelPattern.exec(labelText)) {
      labels[m[1]] = m[2].replace(/\\n/g, '\n').replace(/\\"/g, '"').replace(/\\\\/g, '\\');
      consumed += m[0].length;
    }
    if (consumed !== labelText.length) throw new Error(`unreadable labels: ${line}`);
    const value = match[4] === '+Inf' ? Infinity : match[4] === '-Inf' ? -Infinity : Number(match[4]);
    // prom-client writes NaN as `Nan`; Prometheus reads any case.
    if (Number.isNaN(value) && !/^nan$/i.test(match[4])) throw new Error(`unreadable value: ${line}`);
    samples.push({ name: match[1], labels, value });
  }
  return samples;
}

/** The value of the one sample with this name whose labels include these (0 when absent: a counter not yet moved). */
function valueOf(samples: Sample[], name: string, labels: Record<string, string>): number {
  const found = samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  if (found.length > 1) throw new Error(`${found.length} samples of ${name} match ${JSON.stringify(labels)}`);
  return found[0]?.value ?? 0;
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/** Every label value is bounded: no uuid, no long number, no query string. */
function expectNoIdInLabels(samples: Sample[]): void {
  const offending = samples.flatMap((s) => Object.values(s.labels).filter((v) => UUID.test(v) || /\d{5,}/.test(v) || v.includes('?')).map((v) => `${s.name}: ${v}`));
  expect(offending).toEqual([]);
}

/** A histogram series is consistent: cumulative buckets never decrease and the +Inf bucket equals the count. */
function expectConsistentHistogram(samples: Sample[], name: string, labels: Record<string, string>): void {
  const buckets = samples
    .filter((s) => s.name === `${name}_bucket` && Object.entries(labels).every(([k, v]) => s.labels[k] === v))
    .map((s) => ({ le: s.labels.le === '+Inf' ? Infinity : Number(s.labels.le), value: s.value }))
    .sort((a, b) => a.le - b.le);
  expect(buckets.length).toBeGreaterThan(3);
  for (let i = 1; i < buckets.length; i++) expect(buckets[i].value).toBeGreaterThanOrEqual(buckets[i - 1].value);
  expect(buckets[buckets.length - 1]).toEqual({ le: Infinity, value: valueOf(samples, `${name}_count`, labels) });
  expect(valueOf(samples, `${name}_sum`, labels)).toBeGreaterThanOrEqual(0);
}

describe('/metrics (Prometheus) on the api and the worker', () => {
  let ctx: TestContext;
  let worker: INestApplication;

  const scrape = async (app: 'api' | 'worker'): Promise<Sample[]> => {
    const res = await (app === 'api' ? ctx.http : request(worker.getHttpServer())).get('/metrics').expect(200);
    expect(res.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
    return parseExposition(res.text);
  };

  beforeAll(async () => {
    ctx = await TestContext.create();
    await ctx.truncate();
    worker = await startTestWorker();
  });
  afterAll(async () => {
    await worker?.close();
    await ctx?.close();
  });

  it('api: request latency by method, route template and status class, plus default process metrics', async () => {
    const owner = await ctx.newUser('company');
    const company = await ctx.newCompany(owner);
    const route = '/api/v1/companies/:id';
    const before = await scrape('api');
    const ok = { method: 'GET', route, status_class: '2xx' };
    const clientError = { method: 'GET', route, status_class: '4xx' };
    const okBefore = valueOf(before, 'hub_http_request_duration_seconds_count', ok);
    const errorsBefore = valueOf(before, 'hub_http_request_duration_seconds_count', clientError);

    await ctx.http.get(`/api/v1/companies/${company.id}`).set(...bearer(owner)).expect(200);
    await ctx.http.get(`/api/v1/companies/${company.id}`).set(...bearer(owner)).expect(200);
    await ctx.http.get(`/api/v1/companies/${randomUUID()}`).set(...bearer(owner)).expect(404);
    await ctx.http.get(`/api/v1/companies/${company.id}`).expect(401);
    await ctx.http.get(`/api/v1/companies/not-an-id`).set(...bearer(owner)).expect(400);
    await ctx.http.post('/api/v1/auth/login').send({ email: owner.email, password: 'wrong-password-1' }).expect(401);
    await ctx.http.get(`/api/v1/no-such-route/${company.id}`).set(...bearer(owner)).expect(404);

    const after = await scrape('api');
    expect(valueOf(after, 'hub_http_request_duration_seconds_count', ok) - okBefore).toBe(2);
    expect(valueOf(after, 'hub_http_request_duration_seconds_count', clientError) - errorsBefore).toBe(3);
    expect(valueOf(after, 'hub_http_request_duration_seconds_count', { method: 'POST', route: '/api/v1/auth/login', status_class: '4xx' })).toBeGreaterThanOrEqual(1);
    expect(valueOf(after, 'hub_http_request_duration_seconds_count', { method: 'GET', route: 'unmatched', status_class: '4xx' })).toBeGreaterThanOrEqual(1);
    // The previous scrape is itself a request with its own route.
    expect(valueOf(after, 'hub_http_request_duration_seconds_count', { method: 'GET', route: '/metrics', status_class: '2xx' })).toBeGreaterThanOrEqual(1);
    expectConsistentHistogram(after, 'hub_http_request_duration_seconds', ok);

    const routes = new Set(after.filter((s) => s.name === 'hub_http_request_duration_seconds_count').map((s) => s.labels.route));
    for (const r of routes) expect(r).not.toContain(company.id);
    expect(after.some((s) => s.name === 'process_cpu_user_seconds_total')).toBe(true);
    expect(after.some((s) => s.name === 'nodejs_heap_size_used_bytes')).toBe(true);
    expect(after.some((s) => s.name === 'nodejs_eventloop_lag_seconds')).toBe(true);
    expectNoIdInLabels(after);
  });

  it('api: search result cache lookups by result (hit, miss, bypassed) and the entries it holds', async () => {
    const member = await ctx.newUser('investor');
    const search = () => ctx.http.get('/api/v1/search?q=cardiology').set(...bearer(member)).expect(200);
    await search(); // the first search opens the cache's listening connection
    await eventually(async () => expect(ctx.app.get(SearchResultCache).active).toBe(true));
    const lookups = (samples: Sample[], result: string) => valueOf(samples, 'hub_search_cache_lookups_total', { result });
    const before = await scrape('api');
    // The worker may still be indexing an earlier test's profile, which empties the cache: search until a repeat hits.
    let searches = 0;
    const after = await eventually(async () => {
      await search();
      searches++;
      const now = await scrape('api');
      expect(lookups(now, 'hit') - lookups(before, 'hit')).toBeGreaterThanOrEqual(1);
      return now;
    });
    expect(lookups(after, 'miss') + lookups(after, 'hit') - lookups(before, 'miss') - lookups(before, 'hit')).toBe(searches);
    expect(valueOf(after, 'hub_search_cache_entries', {})).toBeGreaterThanOrEqual(1);
  });

  it('worker: job duration and completed/failed counts per queue and job name', async () => {
    const before = await scrape('worker');
    const indexed = { queue: QueueName.Search, job: JobName.IndexDocument };
    const completedBefore = valueOf(before, 'hub_jobs_completed_total', indexed);

    // A new company goes through the outbox to the search and scoring queues.
    const company = await ctx.newCompany(undefined, { pitch: 'Metrics fixture' });
    await eventually(async () => {
      const samples = await scrape('worker');
      expect(valueOf(samples, 'hub_jobs_completed_total', indexed)).toBeGreaterThan(completedBefore);
      expect(valueOf(samples, 'hub_jobs_completed_total', { queue: QueueName.Scoring, job: JobName.ScoreOrganisation })).toBeGreaterThanOrEqual(1);
    }, 15_000);

    // A job the search queue has no handler for fails at once (unrecoverable): one failed attempt.
    const search = worker.get<Queue>(getQueueToken(QueueName.Search), { strict: false });
    await search.add(JobName.ScoreOrganisation, { organisationId: company.id }, { attempts: 1 });
    const failed = { queue: QueueName.Search, job: JobName.ScoreOrganisation };
    const samples = await eventually(async () => {
      const s = await scrape('worker');
      expect(valueOf(s, 'hub_jobs_failed_total', failed)).toBe(1);
      return s;
    });
    expect(valueOf(samples, 'hub_jobs_completed_total', failed)).toBe(0);
    expect(valueOf(samples, 'hub_job_duration_seconds_count', { ...failed, status: 'failed' })).toBe(1);
    const indexedDone = valueOf(samples, 'hub_jobs_completed_total', indexed);
    expect(valueOf(samples, 'hub_job_duration_seconds_count', { ...indexed, status: 'completed' })).toBe(indexedDone);
    expectConsistentHistogram(samples, 'hub_job_duration_seconds', { ...indexed, status: 'completed' });
    expect(samples.some((s) => s.name === 'process_resident_memory_bytes')).toBe(true);
    expectNoIdInLabels(samples);
  });

  it('api and worker: queue depth per queue and state, read from BullMQ at scrape time', async () => {
    const meetings = worker.get<Queue>(getQueueToken(QueueName.Meetings), { strict: false });
    const depth = (samples: Sample[], queue: QueueName, state: string) => valueOf(samples, 'hub_queue_jobs', { queue, state });
    const before = await scrape('api');
    const job = await meetings.add(JobName.ExpireMeetingRequest, { meetingRequestId: randomUUID() }, { delay: 3_600_000 });
    try {
      for (const app of ['api', 'worker'] as const) {
        const samples = await scrape(app);
        for (const queue of Object.values(QueueName)) {
          for (const state of ['waiting', 'active', 'delayed', 'failed']) {
            expect(samples.filter((s) => s.name === 'hub_queue_jobs' && s.labels.queue === queue && s.labels.state === state)).toHaveLength(1);
          }
        }
        expect(valueOf(samples, 'hub_queue_depth_read_errors_total', {})).toBe(0);
        expect(depth(samples, QueueName.Meetings, 'delayed')).toBe(depth(before, QueueName.Meetings, 'delayed') + 1);
        // The failed job of the previous test is kept for staff to see.
        expect(depth(samples, QueueName.Search, 'failed')).toBe(1);
        expectNoIdInLabels(samples);
      }
    } finally {
      await job.remove();
    }
    expect(depth(await scrape('api'), QueueName.Meetings, 'delayed')).toBe(depth(before, QueueName.Meetings, 'delayed'));
  });

  it('with METRICS_TOKEN set, /metrics answers only its bearer token', async () => {
    const token = 'metrics-token-0123456789';
    const guarded = await startTestWorker({ metricsToken: token });
    try {
      const http = () => request(guarded.getHttpServer());
      const denied = await http().get('/metrics').expect(401);
      expect(denied.body).toMatchObject({ statusCode: 401, code: 'UNAUTHENTICATED' });
      await http().get('/metrics').set('authorization', 'Bearer metrics-token-0123456788').expect(401);
      const res = await http().get('/metrics').set('authorization', `Bearer ${token}`).expect(200);
      expect(res.text).toContain('# TYPE hub_queue_jobs gauge');
      await http().get('/health').expect(200);
    } finally {
      await guarded.close();
    }
  });
});
