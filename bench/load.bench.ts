/**
 * Load (issue 8): the BUILT api and worker (dist/apps/api/src/main.js, dist/apps/worker/src/main.js, children of
 * this process) on a scratch database of their own and a Redis key prefix of their own, seeded with 5,000
 * companies, 500 funds and 200 research centres with technology offers; the search index rebuilt by the built CLI
 * (`reindex`); matches scored by a full rescore requested through the API as staff; members and tokens for some
 * organisations (logged in through the API). Then an open-loop load generator in this process
 * (bench/support/open-loop.ts: request i sent at start + i / rate, over keep-alive connections) for 30 s each:
 *
 *   matches    GET /api/v1/matches (companies' and funds' members, both areas, pages)
 *   search     GET /api/v1/search?q=... (varied queries: English, Italian, typos, prefixes, facets, pages)
 *   profiles   GET /api/v1/companies/:id (any of the 5,000, by members of other organisations)
 *   mixed      the three above at random, 40 / 25 / 35 %
 *   search while profiles change
 *              the search phase again while companies' members edit their profiles through the API (GET, then
 *              PATCH of the description with the version read) at BENCH_EDIT_RATE (2) a second: each edit is
 *              re-indexed by the worker and empties every api process's search result cache
 *   writes     POST /api/v1/meeting-requests {matchId}: companies' members, each request on another match, the
 *              senders taken in turn so that none comes near its quota of open requests
 *
 * and prints requests/s, p50/p95/p99 latency (from each request's scheduled time to its response's end, so a server
 * that falls behind shows up as longer latency, not as fewer requests), errors (non-2xx, connection errors,
 * timeouts, unanswered) and the CPU seconds the api, the worker, this database's PostgreSQL backends, this process
 * (the generator) and everything else on the machine used in each phase.
 * Targets: reads p99 < 50 ms at 300 requests/s, zero errors.
 *
 *   npm run build (once; the benchmark never builds), then: npm run bench:load
 *
 * Needs PostgreSQL (BENCH_ADMIN_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres) and Redis
 * (BENCH_REDIS_URL, default redis://127.0.0.1:6379). Knobs: BENCH_COMPANIES (5000), BENCH_FUNDS (500),
 * BENCH_CENTRES (200), BENCH_OFFERS (1000), BENCH_READ_RATE (300), BENCH_WRITE_RATE (50), BENCH_EDIT_RATE (2), BENCH_DURATION (30 s),
 * BENCH_CONNECTIONS (64, the most open at once, per api process), BENCH_API_PROCESSES (1: api processes, taken in turn),
 * BENCH_API_LOG_LEVEL (warn: no line per request), BENCH_SEED. KEEP_DB=1 keeps the database. The api's own variables pass
 * through: SEARCH_CACHE_SECONDS=0 measures search without its result cache (each phase prints the cache's hits).
 * BENCH_SEED_ONLY=1 stops once the database is seeded, indexed, scored and has its members (no phase runs) and keeps
 * it: a database at bench size to EXPLAIN the api's queries on, without seeding again for each try.
 * The api and worker are stopped, the Redis keys deleted and the database dropped at the end, also on failure.
 */
import 'reflect-metadata';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { resolve } from 'node:path';
import { Client } from 'pg';
import { startApi, type ApiProcess } from './support/api-process';
import { benchServices } from './support/bench-services';
import { bulkInsert } from './support/bulk-insert';
import { PROFILE_COLUMN_TYPES } from './support/profile-column-types';
import { summarise } from './support/latency-stats';
import { printTable } from './support/print-table';
import { deleteRedisKeys } from './support/redis-keys';
import { runBench } from './support/run-bench';
import { createScratchDatabase } from './support/scratch-database';
import { runOpenLoop } from './support/open-loop';
import { generatePopulation } from './support/scoring-population';
import { seededRandom, type SeededRandom } from './support/seeded-random';
import { processCpuSeconds, startWorkers } from './support/worker-processes';

const { adminUrl: ADMIN_URL, redisUrl: REDIS_URL } = benchServices();
const num = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const SIZES = {
  companies: num('BENCH_COMPANIES', 5_000),
  funds: num('BENCH_FUNDS', 500),
  centres: num('BENCH_CENTRES', 200),
  offers: num('BENCH_OFFERS', 1_000),
};
const READ_RATE = num('BENCH_READ_RATE', 300);
const WRITE_RATE = num('BENCH_WRITE_RATE', 50);
const EDIT_RATE = num('BENCH_EDIT_RATE', 2);
const DURATION_S = num('BENCH_DURATION', 30);
const CONNECTIONS = num('BENCH_CONNECTIONS', 64);
const API_PROCESSES = num('BENCH_API_PROCESSES', 1);
const SEED = num('BENCH_SEED', 20261208);
const API_LOG_LEVEL = process.env.BENCH_API_LOG_LEVEL ?? 'warn';
const SEED_ONLY = process.env.BENCH_SEED_ONLY === '1';
const KEEP_DB = process.env.KEEP_DB === '1' || SEED_ONLY;
const TARGET_P99_MS = 50;
/** A phase "ran at" its rate when it answered at least this share of it. */
const RATE_TOLERANCE = 0.95;
const RESCORE_TIMEOUT_MS = 10 * 60_000;
/** Members (with tokens) per organisation type. */
const MEMBERS = { company: 300, fund: 100, research_centre: 20 };
/** Most meeting requests one sender makes during the write phase (the quota is 10 open ones). */
const REQUESTS_PER_SENDER = 6;
const PASSWORD = 'load-bench-password-1';

const API_SCRIPT = resolve(__dirname, '..', 'dist/apps/api/src/main.js');
const WORKER_SCRIPT = resolve(__dirname, '..', 'dist/apps/worker/src/main.js');
const CLI_SCRIPT = resolve(__dirname, '..', 'dist/apps/cli/src/main.js');

const stamp = `${Date.now()}`;
const DB_NAME = `hubmatch_bench_load_${stamp}`;
const REDIS_PREFIX = `hubbench:load:${stamp}`;

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const ms = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '—');
const sleep = (t: number) => new Promise((r) => setTimeout(r, t));
const loadAverage = () => os.loadavg().map((l) => l.toFixed(2)).join(' ');


/** Search queries as people type them (English, Italian, typos, prefixes, acronyms, places), and facet filters. */
const SEARCH_TEXTS = [
  'oncology', 'oncologia', 'medical devices', 'dispositivi medici', 'cell therapy', 'terapia cellulare', 'CAR-T', 'gene therapy', 'terapia genica',
  'cardiolgy', 'immunoterapy', 'neuro', 'cardio', 'diagnostica', 'liquid biopsy', 'biopsia liquida', 'wearable', 'digital health', 'telemedicina',
  'vaccine', 'vaccini', 'mRNA', 'monoclonal antibodies', 'anticorpi', 'small molecule', 'rare diseases', 'malattie rare', 'dermatology',
  'cell therapy milano', 'medtech pavia', 'biotech', 'IVD', 'imaging', 'AI diagnosis', 'software', 'precision medicine', 'genomica', 'Humanitas',
  'San Raffaele', 'Mario Negri', 'drug discovery', 'scoperta di farmaci', 'early diagnosis', 'diagnosi precoce', 'home monitoring', 'ortho',
];
const SEARCH_FILTERS = [
  '', '', '', '', '&type=company', '&type=fund', '&type=research_centre', '&type=technology_offer', '&sectors=biotech', '&sectors=medtech',
  '&therapeuticAreas=oncology', '&modalities=cell_therapy', '&stages=seed', '&country=IT', '&trlMin=4&trlMax=7', '&page=2', '&pageSize=50',
];

function searchPath(r: SeededRandom): string {
  const filter = r.pick(SEARCH_FILTERS);
  // Now and then a facets-only search (no text).
  if (r.chance(0.08) && filter !== '') return `/api/v1/search?${filter.slice(1)}`;
  return `/api/v1/search?q=${encodeURIComponent(r.pick(SEARCH_TEXTS))}${filter}`;
}

interface Member {
  organisationId: string;
  type: 'company' | 'fund' | 'research_centre';
  token: string;
}

interface Target {
  method: 'GET' | 'POST';
  path: string;
  token: string;
  body?: string;
}

interface CpuSnapshot {
  api: number;
  worker: number;
  postgres: number;
  bench: number;
  /** Busy CPU seconds of the whole machine (every core), from /proc/stat. */
  machine: number;
}

/** Busy (non-idle, non-iowait) CPU seconds of the whole machine so far, from /proc/stat. */
function machineBusySeconds(): number {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    const total = fields.slice(0, 8).reduce((a, b) => a + b, 0);
    return (total - fields[3] - fields[4]) / 100;
  } catch {
    return Number.NaN;
  }
}

interface PhaseResult {
  name: string;
  description: string;
  kind: 'read' | 'write';
  rate: number;
  durationS: number;
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  errors: number;
  statuses: Record<string, number>;
  firstFailures: string[];
  cpu: CpuSnapshot;
  /** Share of the phase's searches answered by the api's search result cache (none: no search in the phase). */
  searchCacheHits?: number;
}

runBench(async (cleanup) => {
  console.log(
    `Hub Match load benchmark — node ${process.version}, ${os.cpus().length} CPU cores, load average ${loadAverage()}, seed ${SEED}; ` +
      `${READ_RATE} reads/s, ${WRITE_RATE} writes/s, ${DURATION_S} s per phase, open loop, ${API_PROCESSES} api process(es), at most ${CONNECTIONS} connections each`,
  );
  const r = seededRandom(SEED);
  const population = generatePopulation(r, SIZES);

  // ---- Database: scratch, migrated, bulk-seeded
  cleanup.add(`could not clean Redis keys ${REDIS_PREFIX}*:`, () => deleteRedisKeys(REDIS_URL, REDIS_PREFIX));
  const database = await createScratchDatabase(DB_NAME, ADMIN_URL);
  cleanup.add(`could not drop ${DB_NAME}:`, async () => {
    if (KEEP_DB) console.log(`KEEP_DB=1: kept ${database.url}`);
    else await database.drop();
  });
  const appEnv: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: database.url,
    REDIS_URL,
    REDIS_PREFIX,
    JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0123456789',
    LOG_LEVEL: API_LOG_LEVEL,
    NODE_ENV: 'production',
    // The benchmark logs its members in from one address, hundreds of times.
    LOGIN_RATE_LIMIT: '1000000',
    // Tokens are taken once, before the phases: an hour outlasts the whole run (the default is 15 minutes).
    JWT_TTL_SECONDS: '3600',
  };
  delete appEnv.MEILI_URL;
  delete appEnv.SMTP_URL;
  delete appEnv.PORT;
  delete appEnv.WORKER_PORT;
  // The migrations load the app's modules, which read the environment.
  Object.assign(process.env, { DATABASE_URL: database.url, REDIS_URL, REDIS_PREFIX, JWT_SECRET: appEnv.JWT_SECRET, LOG_LEVEL: 'silent' });
  delete process.env.MEILI_URL;
  await database.migrate();

  const db = new Client({ connectionString: database.url });
  await db.connect();
  cleanup.add('closing the bench connection failed:', () => db.end());
  let started = performance.now();
  const organisations = [
    ...population.companies.map((c) => ({ id: c.id, type: 'company' })),
    ...population.funds.map((f) => ({ id: f.id, type: 'fund' })),
    ...population.centres.map((c) => ({ id: c.id, type: 'research_centre' })),
  ];
  const query = (sql: string, params: unknown[]) => db.query(sql, params);
  await db.query('BEGIN');
  await bulkInsert(query, 'organisations', PROFILE_COLUMN_TYPES.organisations, organisations);
  // Every generated organisation has consented to be shown (otherwise it is neither indexed nor scored).
  await db.query(`UPDATE organisations SET visibility_consent_at = now()`);
  await bulkInsert(query, 'companies', PROFILE_COLUMN_TYPES.companies, population.companies);
  await bulkInsert(query, 'funds', PROFILE_COLUMN_TYPES.funds, population.funds);
  await bulkInsert(query, 'research_centres', PROFILE_COLUMN_TYPES.research_centres, population.centres);
  await bulkInsert(query, 'technology_offers', PROFILE_COLUMN_TYPES.technology_offers, population.offers);
  await db.query('COMMIT');
  // The insert triggers wrote an outbox row per profile: the reindex and the full rescore below do that work at once.
  const { rows: deleted } = await db.query(`WITH d AS (DELETE FROM outbox_events RETURNING 1) SELECT count(*)::int AS n FROM d`);
  await db.query(`VACUUM (ANALYZE) organisations, companies, funds, research_centres, technology_offers, outbox_events`);
  console.log(
    `seeded ${DB_NAME}: ${fmt(SIZES.companies)} companies, ${fmt(SIZES.funds)} funds, ${fmt(SIZES.centres)} research centres with ${fmt(SIZES.offers)} technology offers ` +
      `in ${(performance.now() - started).toFixed(0)} ms (deleted the ${fmt(deleted[0].n)} outbox rows the inserts wrote)`,
  );

  // ---- Search index: the built CLI's reindex
  started = performance.now();
  const reindexOut = await new Promise<string>((done, fail) => {
    const child = spawn(process.execPath, [CLI_SCRIPT, 'reindex'], { env: { ...appEnv, LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('error', fail);
    child.on('exit', (code) => (code === 0 ? done(out.trim()) : fail(new Error(`cli reindex exited ${code}:\n${out}\n${err.slice(-2000)}`))));
  });
  console.log(`search index: ${reindexOut.split('\n').pop()} (${(performance.now() - started).toFixed(0)} ms with the CLI's start)`);

  // ---- api and worker, built, as children
  started = performance.now();
  const workers = await startWorkers(WORKER_SCRIPT, 1, appEnv);
  cleanup.add('stopping the worker failed:', () => workers.stop());
  const worker = workers.workers[0];
  // Several api processes stand for what a deployment puts behind its load balancer; the generator takes them in turn.
  const apis: ApiProcess[] = [];
  for (let i = 0; i < API_PROCESSES; i++) {
    const proc = await startApi(API_SCRIPT, appEnv);
    apis.push(proc);
    cleanup.add('stopping the api failed:', () => proc.stop());
  }
  const api = apis[0];
  console.log(`api (${apis.map((a) => `pid ${a.pid}, port ${a.port}`).join('; ')}) and worker (pid ${worker.pid}) ready in ${(performance.now() - started).toFixed(0)} ms; REDIS_PREFIX ${REDIS_PREFIX}`);
  const base = api.baseUrl;
  const call = async (method: string, path: string, token?: string, body?: object) => {
    const res = await fetch(base + path, {
      method,
      headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 500)}`);
    return text ? JSON.parse(text) : null;
  };

  // ---- Accounts: one password hash (argon2id, as the api makes them) for every seeded member
  const { hash } = await import('@node-rs/argon2');
  const passwordHash = await hash(PASSWORD, { algorithm: 2 });
  await db.query(`INSERT INTO users (email, password_hash, role) VALUES ('load-staff@example.test', $1, 'staff')`, [passwordHash]);
  const login = async (email: string) => (await call('POST', '/api/v1/auth/login', undefined, { email, password: PASSWORD })).accessToken as string;
  const staffToken = await login('load-staff@example.test');

  // ---- Matches: a full rescore requested through the API as staff
  started = performance.now();
  const workerCpuBefore = worker.cpuSeconds();
  const { runId } = await call('POST', '/api/v1/scoring/rescores', staffToken, {});
  let status: { state: string; chunks: { done: number; total: number }; result?: Record<string, number>; failedReason?: string };
  for (;;) {
    status = await call('GET', `/api/v1/scoring/rescores/${runId}`, staffToken);
    if (status.state === 'completed' || status.state === 'failed') break;
    if (worker.exited()) throw new Error(`the worker died during the rescore:\n${worker.output()}`);
    if (performance.now() - started > RESCORE_TIMEOUT_MS) throw new Error(`rescore ${runId} not done after ${RESCORE_TIMEOUT_MS} ms: ${JSON.stringify(status)}`);
    await sleep(250);
  }
  if (status.state === 'failed') throw new Error(`rescore failed: ${status.failedReason}\n${worker.output()}`);
  await db.query(`VACUUM (ANALYZE) matches`);
  const { rows: matchCounts } = await db.query(`SELECT area, count(*)::int AS n FROM matches GROUP BY area ORDER BY area`);
  console.log(
    `full rescore through the API: ${((performance.now() - started) / 1000).toFixed(1)} s (${status.chunks.total} chunks, worker CPU ${(worker.cpuSeconds() - workerCpuBefore).toFixed(1)} s); ` +
      `matches: ${matchCounts.map((m: { area: string; n: number }) => `${m.area} ${fmt(m.n)}`).join(', ')}`,
  );

  // ---- Members: organisations with the most matches (companies: venture-capital matches, to request meetings on)
  const pickOrganisations = async (sql: string, n: number) => (await db.query(sql, [n])).rows.map((row: { id: string }) => row.id);
  const memberOrgs = {
    company: await pickOrganisations(
      `SELECT company_id AS id FROM matches WHERE area = 'venture_capital' GROUP BY company_id HAVING count(*) >= ${REQUESTS_PER_SENDER} ORDER BY random() LIMIT $1`,
      MEMBERS.company,
    ),
    fund: await pickOrganisations(`SELECT fund_id AS id FROM matches WHERE fund_id IS NOT NULL GROUP BY fund_id ORDER BY random() LIMIT $1`, MEMBERS.fund),
    research_centre: await pickOrganisations(
      `SELECT research_centre_id AS id FROM matches WHERE research_centre_id IS NOT NULL GROUP BY research_centre_id ORDER BY random() LIMIT $1`,
      MEMBERS.research_centre,
    ),
  };
  const role = { company: 'company', fund: 'investor', research_centre: 'research_centre' } as const;
  const members: Member[] = [];
  started = performance.now();
  for (const type of ['company', 'fund', 'research_centre'] as const) {
    const ids = memberOrgs[type];
    await db.query(
      `WITH u AS (
         INSERT INTO users (email, password_hash, role)
         SELECT 'load-' || o || '@example.test', $2, $3 FROM unnest($1::uuid[]) AS o
         RETURNING id, email)
       INSERT INTO memberships (organisation_id, user_id) SELECT substring(u.email from 6 for 36)::uuid, u.id FROM u`,
      [ids, passwordHash, role[type]],
    );
    // Logged in through the API, four at a time (argon2 verification is the slow part).
    for (let i = 0; i < ids.length; i += 4) {
      const tokens = await Promise.all(ids.slice(i, i + 4).map((id) => login(`load-${id}@example.test`)));
      tokens.forEach((token, j) => members.push({ organisationId: ids[i + j], type, token }));
    }
  }
  console.log(
    `members logged in through the API: ${members.filter((m) => m.type === 'company').length} companies, ${members.filter((m) => m.type === 'fund').length} funds, ` +
      `${members.filter((m) => m.type === 'research_centre').length} research centres in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  if (SEED_ONLY) return;
  const matchReaders = members.filter((m) => m.type !== 'research_centre');
  const companyIds = population.companies.map((c) => c.id);

  // ---- Request generators
  const rr = seededRandom(SEED + 1);
  const matchesTarget = (): Target => {
    const m = rr.pick(matchReaders);
    const area = rr.chance(0.5) ? '' : m.type === 'fund' || rr.chance(0.6) ? '&area=venture_capital' : '&area=tech_transfer';
    const offset = rr.chance(0.2) ? '&offset=20' : '';
    return { method: 'GET', path: `/api/v1/matches?limit=20${area}${offset}`, token: m.token };
  };
  const searchTarget = (): Target => ({ method: 'GET', path: searchPath(rr), token: rr.pick(members).token });
  const profileTarget = (): Target => ({ method: 'GET', path: `/api/v1/companies/${rr.pick(companyIds)}`, token: rr.pick(members).token });
  const mixedTarget = (): Target => {
    const x = rr.next();
    return x < 0.4 ? matchesTarget() : x < 0.65 ? searchTarget() : profileTarget();
  };
  // Writes: each sender's venture-capital matches, senders in turn (one request each per round).
  const senders = members.filter((m) => m.type === 'company');
  const { rows: senderMatches } = await db.query(
    `SELECT company_id, id FROM (
       SELECT company_id, id, row_number() OVER (PARTITION BY company_id ORDER BY score DESC) AS rank
         FROM matches WHERE area = 'venture_capital' AND company_id = ANY($1::uuid[])) x
      WHERE rank <= $2 ORDER BY rank, company_id`,
    [senders.map((s) => s.organisationId), REQUESTS_PER_SENDER],
  );
  const tokenOf = new Map(senders.map((s) => [s.organisationId, s.token]));
  const writes: Target[] = senderMatches.map((row: { company_id: string; id: string }) => ({
    method: 'POST' as const,
    path: '/api/v1/meeting-requests',
    token: tokenOf.get(row.company_id) as string,
    body: JSON.stringify({ matchId: row.id, message: 'We would like to meet at the hub day (load benchmark).' }),
  }));
  let nextWrite = 0;
  const writeTarget = (): Target | null => (nextWrite < writes.length ? writes[nextWrite++] : null);
  const writesNeeded = Math.ceil(WRITE_RATE * DURATION_S * 1.05);
  if (writes.length < writesNeeded) console.log(`note: only ${writes.length} distinct meeting requests available for ~${writesNeeded} writes; the rest would repeat (409)`);

  // Profile edits beside a phase: members of companies change their description through the API, one company after
  // another, at EDIT_RATE a second (each GET for the version, then the PATCH).
  const editors = members.filter((m) => m.type === 'company');
  let nextEditor = 0;
  const profileEdits = () => {
    let timer: NodeJS.Timeout | null = null;
    const inFlight: Array<Promise<void>> = [];
    const outcome = { ok: 0, failed: [] as string[] };
    const edit = async (member: Member, n: number) => {
      const base = apis[n % apis.length].baseUrl;
      const headers = { authorization: `Bearer ${member.token}`, 'content-type': 'application/json' };
      const path = `/api/v1/companies/${member.organisationId}`;
      try {
        const current = (await fetch(`${base}${path}`, { headers }).then((r) => r.json())) as { version: number; description: string | null };
        const description = `${(current.description ?? '').replace(/ Updated at the hub day \(\d+\)\.$/, '')} Updated at the hub day (${n}).`;
        const res = await fetch(`${base}${path}`, { method: 'PATCH', headers, body: JSON.stringify({ version: current.version, description }) });
        if (res.ok) outcome.ok++;
        else outcome.failed.push(`${res.status} ${(await res.text()).slice(0, 200)}`);
      } catch (error) {
        outcome.failed.push(String(error));
      }
    };
    return {
      start() {
        let n = 0;
        timer = setInterval(() => inFlight.push(edit(editors[nextEditor++ % editors.length], n++)), 1000 / EDIT_RATE);
      },
      async stop() {
        if (timer) clearInterval(timer);
        await Promise.all(inFlight);
        return `profile edits through the API: ${outcome.ok} saved, ${outcome.failed.length} failed${outcome.failed.length ? ` (first: ${outcome.failed[0]})` : ''}`;
      },
    };
  };

  // ---- CPU accounting
  const backendCpu = new Map<number, number>();
  const cpuSnapshot = async (): Promise<CpuSnapshot> => {
    const { rows } = await db.query(`SELECT pid FROM pg_stat_activity WHERE datname = current_database()`);
    for (const { pid } of rows as Array<{ pid: number }>) {
      const cpu = processCpuSeconds(pid);
      if (!Number.isNaN(cpu)) backendCpu.set(pid, cpu);
    }
    const own = process.cpuUsage();
    return {
      api: apis.reduce((sum, a) => sum + a.cpuSeconds(), 0),
      worker: worker.cpuSeconds(),
      postgres: [...backendCpu.values()].reduce((a, b) => a + b, 0),
      bench: (own.user + own.system) / 1e6,
      machine: machineBusySeconds(),
    };
  };

  // ---- One phase: an open-loop generator at a fixed rate (see bench/support/open-loop.ts for why not autocannon)
  /** The api processes' search result cache lookups so far (hub_search_cache_lookups_total in /metrics), summed. */
  const cacheLookups = async (): Promise<{ hit: number; miss: number; bypassed: number }> => {
    const sum = { hit: 0, miss: 0, bypassed: 0 };
    for (const a of apis) {
      const text = await fetch(`${a.baseUrl}/metrics`).then((r) => r.text());
      for (const m of text.matchAll(/^hub_search_cache_lookups_total\{result="(hit|miss|bypassed)"\} (\d+)/gm)) sum[m[1] as keyof typeof sum] += Number(m[2]);
    }
    return sum;
  };

  const runPhase = async (
    name: string,
    description: string,
    kind: 'read' | 'write',
    rate: number,
    durationS: number,
    next: () => Target | null,
    background?: { start(): void; stop(): Promise<string> },
  ): Promise<PhaseResult> => {
    const lookupsBefore = await cacheLookups();
    const before = await cpuSnapshot();
    background?.start();
    const loop = await runOpenLoop({
      baseUrls: apis.map((a) => a.baseUrl),
      rate,
      durationS,
      maxConnections: CONNECTIONS,
      timeoutMs: 10_000,
      next: () => {
        const target = next() ?? { method: 'GET' as const, path: '/health', token: '' };
        return {
          method: target.method,
          path: target.path,
          headers: { authorization: `Bearer ${target.token}`, ...(target.body ? { 'content-type': 'application/json' } : {}) },
          body: target.body ? String(target.body) : undefined,
        };
      },
    });
    const backgroundSummary = await background?.stop();
    const { latencies, statuses, firstFailures } = loop;
    const socketErrors = loop.errors;
    const after = await cpuSnapshot();
    const lookupsAfter = await cacheLookups();
    const stats = summarise(latencies);
    const non2xx = Object.entries(statuses).reduce((sum, [code, n]) => (code.startsWith('2') ? sum : sum + n), 0);
    const errors = non2xx + loop.errors + loop.unfinished;
    const phase: PhaseResult = {
      name,
      description,
      kind,
      rate,
      durationS,
      requests: latencies.length,
      rps: latencies.length / durationS,
      p50: stats.p50,
      p95: stats.p95,
      p99: stats.p99,
      max: stats.max,
      errors,
      statuses,
      firstFailures,
      cpu: {
        api: after.api - before.api,
        worker: after.worker - before.worker,
        postgres: after.postgres - before.postgres,
        bench: after.bench - before.bench,
        machine: after.machine - before.machine,
      },
    };
    const c = phase.cpu;
    console.log(
      `  ${name}: ${fmt(phase.requests)} responses (${phase.rps.toFixed(1)}/s of ${rate}/s), p50 ${ms(phase.p50)} p95 ${ms(phase.p95)} p99 ${ms(phase.p99)} max ${ms(phase.max)} ms, ` +
        `statuses ${JSON.stringify(statuses)}, connection errors and timeouts ${socketErrors}, unanswered ${loop.unfinished}; ` +
        `CPU s: api ${c.api.toFixed(1)}, worker ${c.worker.toFixed(1)}, PostgreSQL ${c.postgres.toFixed(1)}, load generator ${c.bench.toFixed(1)}, ` +
        `whole machine ${c.machine.toFixed(1)} of ${(durationS * os.cpus().length).toFixed(0)}; load average ${loadAverage()}`,
    );
    const cache = { hit: lookupsAfter.hit - lookupsBefore.hit, miss: lookupsAfter.miss - lookupsBefore.miss, bypassed: lookupsAfter.bypassed - lookupsBefore.bypassed };
    const searches = cache.hit + cache.miss + cache.bypassed;
    if (searches > 0) {
      phase.searchCacheHits = cache.hit / searches;
      console.log(`    search result cache: ${fmt(cache.hit)} hits, ${fmt(cache.miss)} misses, ${fmt(cache.bypassed)} bypassed of ${fmt(searches)} searches`);
    }
    if (backgroundSummary) console.log(`    ${backgroundSummary}`);
    for (const failure of firstFailures) console.log(`    ${failure}`);
    for (const a of apis) if (a.exited()) throw new Error(`an api process died:\n${a.output()}`);
    await idle();
    if (worker.exited()) throw new Error(`the worker died:\n${worker.output()}`);
    return phase;
  };

  /**
   * Between phases: wait until every api process answers /ready (a PostgreSQL and a Redis round trip) quickly five
   * times in a row, so a phase that fell behind (its requests still queued in the api, waiting for PostgreSQL,
   * after the client gave up on them) does not slow the next one. /health would not do: it needs no connection.
   */
  const idle = async () => {
    let quick = 0;
    for (let i = 0; i < 1200 && quick < 5; i++) {
      const t = performance.now();
      await Promise.all(apis.map((a) => fetch(`${a.baseUrl}/ready`).then((r) => r.text())));
      quick = performance.now() - t < 20 ? quick + 1 : 0;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };

  console.log('');
  console.log(`== warm-up (not counted): mixed reads at 100/s for 10 s ==`);
  await runPhase('warm-up', 'mixed reads', 'read', 100, 10, mixedTarget);
  console.log('');
  console.log(`== phases: ${DURATION_S} s each ==`);
  const phases: PhaseResult[] = [];
  phases.push(await runPhase('matches', 'GET /api/v1/matches', 'read', READ_RATE, DURATION_S, matchesTarget));
  phases.push(await runPhase('search', 'GET /api/v1/search?q=…', 'read', READ_RATE, DURATION_S, searchTarget));
  phases.push(await runPhase('profiles', 'GET /api/v1/companies/:id', 'read', READ_RATE, DURATION_S, profileTarget));
  phases.push(await runPhase('mixed', '40 % matches, 25 % search, 35 % profiles', 'read', READ_RATE, DURATION_S, mixedTarget));
  phases.push(
    await runPhase('search+edits', `search, ${EDIT_RATE} profile edits/s beside`, 'read', READ_RATE, DURATION_S, searchTarget, EDIT_RATE > 0 ? profileEdits() : undefined),
  );
  phases.push(await runPhase('writes', 'POST /api/v1/meeting-requests', 'write', WRITE_RATE, DURATION_S, writeTarget));
  const { rows: created } = await db.query(`SELECT count(*)::int AS n, count(DISTINCT from_organisation_id)::int AS senders FROM meeting_requests`).catch(() => ({ rows: [{ n: NaN, senders: NaN }] }));
  console.log(`meeting requests in the database after the write phase: ${fmt(created[0].n)} from ${fmt(created[0].senders)} organisations`);

  // ---- Report
  console.log('');
  printTable(
    ['phase', 'workload', 'rate/s', 'req/s', 'requests', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'errors', 'search cache hits', 'api CPU', 'PG CPU', 'worker CPU', 'generator CPU', 'machine CPU'],
    phases.map((p) => {
      const pct = (s: number) => `${((100 * s) / p.durationS).toFixed(0)}%`;
      return [
        p.name, p.description, String(p.rate), p.rps.toFixed(1), fmt(p.requests), ms(p.p50), ms(p.p95), ms(p.p99), ms(p.max), String(p.errors),
        p.searchCacheHits === undefined ? '' : `${(100 * p.searchCacheHits).toFixed(0)}%`,
        pct(p.cpu.api), pct(p.cpu.postgres), pct(p.cpu.worker), pct(p.cpu.bench), `${pct(p.cpu.machine)} of ${os.cpus().length * 100}%`,
      ];
    }),
  );
  console.log('(CPU: share of one core over the phase; "machine" is every process on the machine, other work included)');
  console.log('');
  const verdicts: string[][] = [];
  for (const p of phases) {
    if (p.kind === 'read') {
      const atRate = p.rps >= p.rate * RATE_TOLERANCE;
      verdicts.push([
        `${p.name}: p99 < ${TARGET_P99_MS} ms at ${p.rate} req/s`,
        atRate && p.p99 < TARGET_P99_MS ? 'MET' : 'MISSED',
        `p99 ${ms(p.p99)} ms at ${p.rps.toFixed(1)} req/s${atRate ? '' : ` (below ${RATE_TOLERANCE * 100}% of the rate)`}`,
      ]);
    }
    verdicts.push([`${p.name}: zero errors`, p.errors === 0 ? 'MET' : 'MISSED', `${p.errors} errors of ${fmt(p.requests)}`]);
  }
  printTable(['target', 'result', 'measured'], verdicts);
});
