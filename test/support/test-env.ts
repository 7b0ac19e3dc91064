import { databaseUrl, workerDatabaseName } from './test-database';

/**
 * Environment of every test file, before any module loads: its worker's database, a Redis key prefix of its own,
 * and fixed secrets. The database itself is cloned lazily by `ensureWorkerDatabase`.
 */
const runId = process.env.HUB_TEST_RUN_ID ?? 'adhoc';
const workerId = process.env.JEST_WORKER_ID ?? '1';
process.env.NODE_ENV = 'test';
process.env.DATABASE_URL = databaseUrl(workerDatabaseName(runId, workerId));
process.env.REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
process.env.REDIS_PREFIX = `hubtest:${runId}:w${workerId}`;
process.env.JWT_SECRET = 'test-secret-test-secret-test-secret-0123456789';
process.env.LOG_LEVEL = process.env.TEST_LOG_LEVEL ?? 'silent';
delete process.env.MEILI_URL;
// Tests search right after the worker indexes: the search cache forgets at each change at once, not 5 s later
// (the delay itself is tested in search-index-postgres.e2e-spec.ts).
process.env.SEARCH_CACHE_STALE_SECONDS = '0';
