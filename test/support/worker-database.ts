import { templateName, withAdmin, workerDatabaseName } from './test-database';

let ready: Promise<void> | null = null;

/** Clones the run's migrated template into this worker's database, once per worker process. */
export function ensureWorkerDatabase(): Promise<void> {
  ready ??= (async () => {
    const runId = process.env.HUB_TEST_RUN_ID ?? 'adhoc';
    const name = workerDatabaseName(runId, process.env.JEST_WORKER_ID ?? '1');
    await withAdmin(async (admin) => {
      const { rowCount } = await admin.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [name]);
      if (!rowCount) await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${templateName(runId)}"`);
    });
  })();
  return ready;
}
