import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { EnvDto } from './env.dto';
import { EnvData } from './env-data';

export class EnvValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'EnvValidationError';
  }
}

/** Validates the environment and returns the typed configuration, or throws naming every bad variable. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): EnvData {
  const dto = plainToInstance(EnvDto, { ...source });
  const errors = validateSync(dto, { whitelist: false, forbidUnknownValues: false });
  if (errors.length > 0) {
    throw new EnvValidationError(
      errors.map((e) => {
        const rules = Object.values(e.constraints ?? {}).join(', ');
        return e.value === undefined ? `${e.property} is missing (${rules})` : `${e.property}: ${rules}`;
      }),
    );
  }
  const nodeEnv = (dto.NODE_ENV ?? 'development') as EnvData['nodeEnv'];
  return {
    nodeEnv,
    databaseUrl: dto.DATABASE_URL,
    redisUrl: dto.REDIS_URL,
    redisPrefix: dto.REDIS_PREFIX ?? 'hub',
    meili: dto.MEILI_URL ? { url: dto.MEILI_URL, masterKey: dto.MEILI_MASTER_KEY ?? '', index: dto.MEILI_INDEX ?? 'hub_documents' } : null,
    outboxPollMs: dto.OUTBOX_POLL_MS ?? 1000,
    rescoreChunkSize: dto.RESCORE_CHUNK_SIZE ?? 1000,
    meetingRequests: { quota: dto.MEETING_REQUEST_QUOTA ?? 10, ttlDays: dto.MEETING_REQUEST_TTL_DAYS ?? 14 },
    notifications: { smtpUrl: dto.SMTP_URL ?? null, mailFrom: dto.MAIL_FROM ?? 'Hub Match <no-reply@hubmatch.local>', reminderHours: dto.MEETING_REQUEST_REMINDER_HOURS ?? 48 },
    jwt: { secret: dto.JWT_SECRET, ttlSeconds: dto.JWT_TTL_SECONDS ?? 900, refreshTtlDays: dto.REFRESH_TTL_DAYS ?? 30 },
    retention: { closedRequestDays: dto.REQUEST_RETENTION_DAYS ?? 180 },
    searchCache: { seconds: dto.SEARCH_CACHE_SECONDS ?? 60, entries: dto.SEARCH_CACHE_ENTRIES ?? 2000, staleSeconds: dto.SEARCH_CACHE_STALE_SECONDS ?? 5 },
    apiPort: dto.PORT ?? 3000,
    workerPort: dto.WORKER_PORT ?? 3001,
    logLevel: dto.LOG_LEVEL ?? (nodeEnv === 'test' ? 'silent' : 'info'),
    bodyLimit: dto.BODY_LIMIT ?? '1mb',
    loginRateLimit: { limit: dto.LOGIN_RATE_LIMIT ?? 10, windowSeconds: dto.LOGIN_RATE_WINDOW_SECONDS ?? 60 },
    corsOrigin: dto.CORS_ORIGIN ?? null,
    metricsToken: dto.METRICS_TOKEN || null,
  };
}
