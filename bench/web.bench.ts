/**
 * The web app (issue 7): gzipped JS of the first page, and time to first render of the matches page with 500
 * matches, in headless Chromium against the real api on a scratch database.
 *
 *   npm run build (or npm run web:build) first, then: npm run bench:web
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { freePort } from '../test/support/free-port';
import { setAppEnvironment } from './support/app-environment';
import { benchServices } from './support/bench-services';
import { summarise } from './support/latency-stats';
import { printTable } from './support/print-table';
import { deleteRedisKeys } from './support/redis-keys';
import { runBench } from './support/run-bench';
import { createScratchDatabase } from './support/scratch-database';

const WEB = join(process.cwd(), 'dist', 'web');
const MATCHES = 500;
const RUNS = 7;
const TARGET_KB = 250;
const { adminUrl: ADMIN_URL, redisUrl: REDIS_URL } = benchServices();
const RUN_ID = Date.now().toString(36);
const DB_NAME = `hubmatch_bench_web_${RUN_ID}`;
const REDIS_PREFIX = `hubmatch-bench-web-${RUN_ID}`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** The JS a first visit loads: the entry module and what index.html preloads. */
function firstPageJs(): { files: string[]; raw: number; gzipped: number; allJsGzipped: number } {
  const html = readFileSync(join(WEB, 'index.html'), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
  let raw = 0;
  let gzipped = 0;
  for (const file of files) {
    const bytes = readFileSync(join(WEB, file));
    raw += bytes.length;
    gzipped += gzipSync(bytes, { level: 9 }).length;
  }
  const allJsGzipped = readdirSync(join(WEB, 'assets'))
    .filter((f) => f.endsWith('.js'))
    .reduce((sum, f) => sum + gzipSync(readFileSync(join(WEB, 'assets', f)), { level: 9 }).length, 0);
  return { files, raw, gzipped, allJsGzipped };
}

runBench(async (cleanup) => {
  const bundle = firstPageJs();
  console.log(`first page JS: ${bundle.files.join(', ')}: ${kb(bundle.raw)} raw, ${kb(bundle.gzipped)} gzipped (all JS assets: ${kb(bundle.allJsGzipped)} gzipped)`);

  cleanup.add(`could not clean Redis keys ${REDIS_PREFIX}*:`, () => deleteRedisKeys(REDIS_URL, REDIS_PREFIX));
  const database = await createScratchDatabase(DB_NAME, ADMIN_URL);
  cleanup.add(`could not drop ${DB_NAME}:`, () => database.drop());
  setAppEnvironment({ databaseUrl: database.url, redisUrl: REDIS_URL, redisPrefix: REDIS_PREFIX });
  await database.migrate();

  const { NestFactory } = await import('@nestjs/core');
  const { DataSource } = await import('typeorm');
  const { ApiModule } = await import('../apps/api/src/api.module');
  const { configureApp } = await import('../apps/api/src/configure-app');
  const app = await NestFactory.create(ApiModule, { bodyParser: false, logger: false });
  configureApp(app);
  const port = await freePort();
  await app.listen(port, '127.0.0.1');
  cleanup.add('closing the api failed:', () => app.close());
  const base = `http://127.0.0.1:${port}`;

  // An investor with a fund, and 500 companies matched with it (scores 99.9 down to 50.0).
  const json = async (path: string, body: object, token?: string) => {
    const res = await fetch(base + path, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return res.json();
  };
  await json('/api/v1/auth/register', { email: 'bench-investor@example.test', password: 'correct-horse-battery', role: 'investor' });
  const { accessToken } = await json('/api/v1/auth/login', { email: 'bench-investor@example.test', password: 'correct-horse-battery' });
  const fund = await json('/api/v1/funds', { name: 'Bench Fund', country: 'IT' }, accessToken);
  const dataSource = app.get(DataSource);
  await dataSource.query(
    `WITH ids AS (SELECT i, gen_random_uuid() AS id FROM generate_series(1, $1) i),
          o AS (INSERT INTO organisations (id, type, visibility_consent_at) SELECT id, 'company', now() FROM ids),
          c AS (INSERT INTO companies (id, name, kind, country, pitch) SELECT id, 'Bench Company ' || lpad(i::text, 4, '0'), 'startup', 'IT', 'A company of the web benchmark' FROM ids)
     INSERT INTO matches (area, company_id, fund_id, score, contributions, config_version)
     SELECT 'venture_capital', id, $2, 100 - i * 0.1, ARRAY[20, 10, 10, 5, 5, 10, 10, 5, 0, 0]::real[], 1 FROM ids`,
    [MATCHES, fund.id],
  );

  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  cleanup.add('closing the browser failed:', () => browser.close());
  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const context = await browser.newContext({ baseURL: base, locale: 'en-GB' });
    await context.addInitScript((token) => localStorage.setItem('hubmatch.token', token), accessToken);
    const page = await context.newPage();
    await page.goto('/matches');
    // First render: the best match's company name on screen, timed from the navigation's start.
    await page.getByText('Bench Company 0001').first().waitFor({ timeout: 30_000 });
    times.push(await page.evaluate(() => performance.now()));
    await context.close();
  }
  const latency = summarise(times.slice(1)); // the first run warms the server's caches
  printTable(
    ['measure', 'value', 'target', 'result'],
    [
      ['first page JS, gzipped', kb(bundle.gzipped), `< ${TARGET_KB} KB`, bundle.gzipped < TARGET_KB * 1024 ? 'MET' : 'MISSED'],
      ['all JS assets, gzipped', kb(bundle.allJsGzipped), '', ''],
      [`matches page, ${MATCHES} matches: navigation → best match shown, p50 (${RUNS - 1} runs)`, `${latency.p50.toFixed(0)} ms`, '', ''],
      ['  p95 / max', `${latency.p95.toFixed(0)} / ${latency.max.toFixed(0)} ms`, '', ''],
      ['  first (cold) run', `${times[0].toFixed(0)} ms`, '', ''],
    ],
  );
});
