import { spawn, spawnSync } from 'node:child_process';
import { freePort } from '../support/free-port';
import { TestContext } from '../support/test-app';
import { builtApp as built } from '../support/worker-process';

/**
 * The built processes, run as a user runs them: the cli, the worker and the api's boot-time configuration check.
 * `npm test` builds first; run `npm run build` before running this file alone.
 */
function runCli(args: string[], env: NodeJS.ProcessEnv = process.env) {
  return spawnSync(process.execPath, [built('cli'), ...args], { env, encoding: 'utf8', timeout: 60_000 });
}

describe('built processes', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    for (const app of ['api', 'worker', 'cli'] as const) {
      built(app); // throws, naming the file, when the build is missing
    }
    ctx = await TestContext.create();
  });
  beforeEach(() => ctx.truncate());
  afterAll(() => ctx.close());

  it('cli migrate reports an up-to-date database', () => {
    const result = runCli(['migrate']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('database is up to date');
  });

  it('cli create-staff makes an account that can log in as staff, and resets its password when re-run', async () => {
    const first = runCli(['create-staff', '--email', 'Chief@Hub.example', '--password', 'first-password-1']);
    expect(first.status).toBe(0);
    expect(first.stdout).toContain('created staff account');
    const second = runCli(['create-staff', '--email', 'chief@hub.example', '--password', 'second-password-2']);
    expect(second.stdout).toContain('updated staff account');
    await ctx.http.post('/api/v1/auth/login').send({ email: 'chief@hub.example', password: 'first-password-1' }).expect(401);
    const login = await ctx.http.post('/api/v1/auth/login').send({ email: 'chief@hub.example', password: 'second-password-2' }).expect(200);
    const me = await ctx.http.get('/api/v1/auth/me').set('authorization', `Bearer ${login.body.accessToken}`).expect(200);
    expect(me.body.role).toBe('staff');
  });

  it('cli create-staff refuses bad arguments with exit code 2', () => {
    const result = runCli(['create-staff', '--email', 'nope', '--password', 'short']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--email');
    expect(result.stderr).toContain('--password');
    expect(runCli(['frobnicate']).status).toBe(2);
  });

  it('cli seed-demo seeds the brochure ecosystem once, however often it runs', async () => {
    expect(runCli(['seed-demo']).status).toBe(0);
    const again = runCli(['seed-demo']);
    expect(again.status).toBe(0);
    const summary = JSON.parse(again.stdout);
    const [counts] = await ctx.dataSource.query(
      `SELECT (SELECT count(*) FROM companies)::int AS companies, (SELECT count(*) FROM funds)::int AS funds,
              (SELECT count(*) FROM research_centres)::int AS centres, (SELECT count(*) FROM research_centres WHERE kind = 'irccs')::int AS irccs`,
    );
    expect(counts).toMatchObject({ companies: summary.companies, funds: summary.funds, centres: summary.researchCentres });
    expect(counts.irccs).toBeGreaterThanOrEqual(8);
    const [{ name }] = await ctx.dataSource.query(`SELECT name FROM research_centres WHERE name ILIKE '%Human Technopole%'`);
    expect(name).toContain('Human Technopole');
    const login = summary.logins.find((l: { role: string }) => l.role === 'investor');
    const res = await ctx.http.post('/api/v1/auth/login').send({ email: login.email, password: login.password }).expect(200);
    const me = await ctx.http.get('/api/v1/auth/me').set('authorization', `Bearer ${res.body.accessToken}`).expect(200);
    expect(me.body.organisationId).toEqual(expect.any(String));
  });

  it('cli reindex rebuilds the search index from PostgreSQL with a progress bar', async () => {
    expect(runCli(['seed-demo']).status).toBe(0);
    await ctx.dataSource.query(`DELETE FROM search_documents`);
    const result = runCli(['reindex']);
    expect(result.status).toBe(0);
    const [{ n }] = await ctx.dataSource.query(
      `SELECT ((SELECT count(*) FROM companies) + (SELECT count(*) FROM funds) + (SELECT count(*) FROM research_centres) + (SELECT count(*) FROM technology_offers))::int AS n`,
    );
    expect(n).toBeGreaterThan(100);
    expect(result.stdout).toMatch(new RegExp(`reindexed ${n} document\\(s\\) into postgresql in \\d+\\.\\d s`));
    expect(result.stderr).toContain(`${n}/${n} documents`);
    const [{ indexed }] = await ctx.dataSource.query(`SELECT count(*)::int AS indexed FROM search_documents`);
    expect(indexed).toBe(n);
  });

  it('the worker starts, reports ready, and shuts down cleanly on SIGTERM', async () => {
    const port = await freePort();
    const worker = spawn(process.execPath, [built('worker')], { env: { ...process.env, WORKER_PORT: String(port), LOG_LEVEL: 'warn' }, stdio: 'pipe' });
    let output = '';
    worker.stdout.on('data', (d) => (output += d));
    worker.stderr.on('data', (d) => (output += d));
    try {
      let ready: { status: string; details: Record<string, { status: string }> } | null = null;
      for (let attempt = 0; attempt < 100 && !ready; attempt++) {
        await new Promise((r) => setTimeout(r, 200));
        ready = await fetch(`http://127.0.0.1:${port}/ready`).then((r) => (r.ok ? (r.json() as Promise<typeof ready>) : null), () => null);
      }
      expect(ready).toMatchObject({ status: 'ok', details: { postgres: { status: 'up' }, redis: { status: 'up' } } });
    } finally {
      const exited = new Promise<number | null>((resolve) => worker.once('exit', resolve));
      worker.kill('SIGTERM');
      expect(await exited).toBe(0);
    }
    expect(output).not.toContain('"level":50');
  });

  it('a process with a bad configuration refuses to start and names each variable', () => {
    const env = { PATH: process.env.PATH, REDIS_URL: 'redis://127.0.0.1:6379', JWT_SECRET: 'short' };
    for (const app of ['api', 'worker'] as const) {
      const result = spawnSync(process.execPath, [built(app)], { env, encoding: 'utf8', timeout: 30_000 });
      expect(result.status).toBe(1);
      expect(result.stderr).toContain('DATABASE_URL is missing');
      expect(result.stderr).toContain('JWT_SECRET must be at least 32 characters');
    }
  });
});
