/** Where the app a benchmark boots in-process keeps its data. */
export interface AppEnvironment {
  databaseUrl: string;
  redisUrl: string;
  /** Prefix of every Redis key the app writes, so that the run can delete its own keys at the end. */
  redisPrefix: string;
}

/**
 * Sets the environment of the app a benchmark boots in-process: its database and Redis, a fixed JWT secret, no
 * logs, and no Meilisearch (the search module then binds the PostgreSQL adapter). The app reads its environment
 * when its modules load: call this first, and import the app's modules after.
 */
export function setAppEnvironment({ databaseUrl, redisUrl, redisPrefix }: AppEnvironment): void {
  Object.assign(process.env, {
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    REDIS_PREFIX: redisPrefix,
    JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0123456789',
    LOG_LEVEL: 'silent',
  });
  delete process.env.MEILI_URL;
}
