/** Where a benchmark finds its services. */
export interface BenchServices {
  /** PostgreSQL, as a user that may create databases: BENCH_ADMIN_DATABASE_URL, default the local postgres database. */
  adminUrl: string;
  /** Redis: BENCH_REDIS_URL, default the local server. */
  redisUrl: string;
}

/** Reads the services a benchmark needs from `env`, with local defaults. */
export function benchServices(env: NodeJS.ProcessEnv = process.env): BenchServices {
  return {
    adminUrl: env.BENCH_ADMIN_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    redisUrl: env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379',
  };
}
