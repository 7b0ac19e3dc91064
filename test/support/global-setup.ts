import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../libs/core/src/database/data-source-options';
import { databaseUrl, templateName, withAdmin } from './test-database';

/** Creates and migrates this run's template database; workers clone it (see test-env.ts). */
export default async function globalSetup(): Promise<void> {
  const runId = `${Date.now().toString(36)}${process.pid.toString(36)}`;
  process.env.HUB_TEST_RUN_ID = runId;
  const template = templateName(runId);
  await withAdmin(async (admin) => {
    // Leftovers of runs that were killed before their teardown (older than a day).
    const stale = await admin.query(
      `SELECT datname FROM pg_database WHERE datname LIKE 'hubmatch_test_%' AND (pg_stat_file('base/' || oid || '/PG_VERSION')).modification < now() - interval '1 day'`,
    ).catch(() => ({ rows: [] as Array<{ datname: string }> }));
    for (const { datname } of stale.rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${template}"`);
  });
  const dataSource = new DataSource(dataSourceOptions(databaseUrl(template), { poolSize: 1 }));
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  await dataSource.destroy();
}
