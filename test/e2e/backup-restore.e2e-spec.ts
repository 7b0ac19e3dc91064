import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@hub/core';
import { TestContext, bearer } from '../support/test-app';
import { databaseUrl, withAdmin } from '../support/test-database';

const root = join(__dirname, '..', '..');

/** `npm run backup` / `npm run restore` as a user runs them (the scripts behind them), on this worker's database. */
function run(script: 'backup' | 'restore', args: string[], env: NodeJS.ProcessEnv = process.env) {
  return spawnSync('bash', [join(root, 'scripts', `${script}.sh`), ...args], { cwd: root, env, encoding: 'utf8', timeout: 120_000 });
}

/** Key tables whose every row is compared (checksum of the rows' text, in a stable order). */
const KEY_TABLES = ['users', 'organisations', 'companies', 'funds', 'research_centres', 'technology_offers', 'memberships', 'search_documents', 'outbox_events', 'scoring_configs', 'migrations'];

interface Snapshot {
  counts: Record<string, number>;
  checksums: Record<string, string>;
}

async function snapshot(dataSource: DataSource): Promise<Snapshot> {
  const tables: Array<{ tablename: string }> = await dataSource.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`);
  const counts: Record<string, number> = {};
  for (const { tablename } of tables) {
    const [{ n }] = await dataSource.query(`SELECT count(*)::int AS n FROM "${tablename}"`);
    counts[tablename] = n;
  }
  const checksums: Record<string, string> = {};
  for (const table of KEY_TABLES) {
    if (!(table in counts)) throw new Error(`no table ${table}: update KEY_TABLES`);
    const [{ sum }] = await dataSource.query(`SELECT md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) AS sum FROM "${table}" t`);
    checksums[table] = sum;
  }
  return { counts, checksums };
}

async function withDatabase<T>(url: string, use: (dataSource: DataSource) => Promise<T>): Promise<T> {
  const dataSource = new DataSource(dataSourceOptions(url, { poolSize: 1, applicationName: 'backup-restore-test' }));
  await dataSource.initialize();
  try {
    return await use(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

describe('npm run backup / npm run restore', () => {
  let ctx: TestContext;
  let dir: string;
  // Named like the run's other databases, so global teardown drops it even if this file is killed.
  const restoredName = `hubmatch_test_${process.env.HUB_TEST_RUN_ID ?? 'adhoc'}_w${process.env.JEST_WORKER_ID ?? '1'}_restored`;
  const restoredUrl = databaseUrl(restoredName);
  const dropRestored = () => withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS "${restoredName}" WITH (FORCE)`));

  beforeAll(async () => {
    ctx = await TestContext.create();
    await ctx.truncate();
    await dropRestored();
    dir = mkdtempSync(join(tmpdir(), 'hubmatch-backup-'));
  });
  afterAll(async () => {
    await dropRestored();
    rmSync(dir, { recursive: true, force: true });
    await ctx?.close();
  });

  it('restores a backup into a fresh database with the same rows, and the restored database needs no migration', async () => {
    // Data through the API and the factories (real services: outbox rows, memberships, triggers).
    const founder = await ctx.newUser('company');
    await ctx.http
      .post('/api/v1/companies')
      .set(...bearer(founder))
      .send({ visibilityConsent: true, name: 'Backup Bio S.r.l.', kind: 'startup', country: 'IT', pitch: 'Cell therapy for rare disease — àèìòù', sectors: ['biotech'] })
      .expect(201);
    const investor = await ctx.newUser('investor');
    await ctx.newFund(investor, { name: 'Backup Ventures' });
    const centre = await ctx.newResearchCentre(await ctx.newUser('research_centre'));
    await ctx.newTechnologyOffer(centre.id, { title: 'Restorable offer' });
    await ctx.newCompany(undefined, { name: 'Second "quoted" company' });
    const original = await snapshot(ctx.dataSource);
    expect(original.counts.companies).toBe(2);
    expect(original.counts.users).toBe(3);
    expect(original.counts.outbox_events).toBeGreaterThan(0);
    expect(original.counts.memberships).toBe(3);

    const file = join(dir, 'nested', 'hubmatch.dump');
    const backup = run('backup', [file]);
    expect(backup.stderr).toBe('');
    expect(backup.status).toBe(0);
    expect(backup.stdout).toContain(`backup written to ${file}`);
    expect(statSync(file).size).toBeGreaterThan(1000);
    expect(existsSync(`${file}.partial`)).toBe(false);

    const restore = run('restore', [file, restoredUrl]);
    expect(restore.stderr).toBe('');
    expect(restore.status).toBe(0);
    expect(restore.stdout).toContain(`creating database ${restoredName}`);

    await withDatabase(restoredUrl, async (restored) => {
      expect(await snapshot(restored)).toEqual(original);
      // Every migration of this code base is recorded as applied: nothing pending.
      expect(await restored.showMigrations()).toBe(false);
      expect(await restored.runMigrations({ transaction: 'each' })).toEqual([]);
      // The triggers came back too: a new profile row writes its outbox row.
      const before = (await snapshot(restored)).counts.outbox_events;
      await restored.query(`UPDATE companies SET pitch = 'changed after restore' WHERE name = 'Backup Bio S.r.l.'`);
      expect((await snapshot(restored)).counts.outbox_events).toBeGreaterThan(before);
    });

    // Restoring again over an existing, changed database brings back the backup's state exactly.
    const again = run('restore', [file, restoredUrl]);
    expect(again.status).toBe(0);
    expect(again.stdout).not.toContain('creating database');
    await withDatabase(restoredUrl, async (restored) => expect(await snapshot(restored)).toEqual(original));
  });

  it('names the backup by its time under backups/ by default, and refuses bad arguments', () => {
    const before = new Set(existsSync(join(root, 'backups')) ? readdirSync(join(root, 'backups')) : []);
    const backup = run('backup', []);
    expect(backup.status).toBe(0);
    const created = readdirSync(join(root, 'backups')).filter((f) => !before.has(f));
    try {
      expect(created).toEqual([expect.stringMatching(/^hubmatch-\d{8}T\d{6}Z\.dump$/)]);
    } finally {
      for (const f of created) rmSync(join(root, 'backups', f));
    }

    const { DATABASE_URL: _unused, ...withoutUrl } = process.env;
    expect(run('backup', [], withoutUrl).status).toBe(2);
    expect(run('restore', []).status).toBe(2);
    const missing = run('restore', [join(dir, 'missing.dump'), restoredUrl]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('no such file');
    const junk = join(dir, 'junk.dump');
    writeFileSync(junk, 'not a dump');
    const refused = run('restore', [junk, restoredUrl]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('not a pg_dump custom-format archive');
  });
});
