/** The typed, defaulted configuration every module injects (never `process.env` directly). */
export abstract class EnvData {
  abstract readonly nodeEnv: 'development' | 'test' | 'production';
  abstract readonly databaseUrl: string;
  abstract readonly redisUrl: string;
  abstract readonly redisPrefix: string;
  abstract readonly meili: { url: string; masterKey: string; index: string } | null;
  /** Fallback poll interval of the outbox relay; notifications make it react sooner. */
  abstract readonly outboxPollMs: number;
  /** Companies per chunk job of a full rescore. */
  abstract readonly rescoreChunkSize: number;
  /** Open outgoing requests per organisation, and days before a pending request expires. */
  abstract readonly meetingRequests: { quota: number; ttlDays: number };
  /**
   * E-mail notifications: the SMTP server (null: mail disabled, deliveries recorded as skipped), the From, and how
   * many hours before a pending request's expiry its receiver is reminded.
   */
  abstract readonly notifications: { smtpUrl: string | null; mailFrom: string; reminderHours: number };
  /** Access tokens (short-lived JWTs) and the refresh tokens of their sessions. */
  abstract readonly jwt: { secret: string; ttlSeconds: number; refreshTtlDays: number };
  /** Days a declined, withdrawn or expired meeting request is kept before the worker purges it. */
  abstract readonly retention: { closedRequestDays: number };
  /**
   * Reuse of PostgreSQL search results: seconds an entry lives (0: no cache), entries per process, and seconds a
   * change to the index may take to empty the cache (0: at once).
   */
  abstract readonly searchCache: { seconds: number; entries: number; staleSeconds: number };
  abstract readonly apiPort: number;
  abstract readonly workerPort: number;
  abstract readonly logLevel: string;
  abstract readonly bodyLimit: string;
  abstract readonly loginRateLimit: { limit: number; windowSeconds: number };
  abstract readonly corsOrigin: string | null;
  /** Bearer token required by `/metrics`; null: public like /health. */
  abstract readonly metricsToken: string | null;
}
