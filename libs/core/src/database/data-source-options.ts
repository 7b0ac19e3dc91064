import type { DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

/** One definition of the connection for the app, the cli and the test setup; schema only through migrations. */
export function dataSourceOptions(databaseUrl: string, overrides: Partial<{ poolSize: number; applicationName: string }> = {}): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    logging: false,
    poolSize: overrides.poolSize ?? 10,
    applicationName: overrides.applicationName ?? 'hub-match',
    // JIT compilation pays off for long analytical queries, not for ours: measured, it added 45-128 ms to a
    // rescoring job's statements whenever PostgreSQL's cost estimate ran high.
    extra: { connectionTimeoutMillis: 5000, options: '-c jit=off' },
  };
}
