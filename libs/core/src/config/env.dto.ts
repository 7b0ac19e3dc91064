import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUrl, Matches, Max, Min, MinLength, ValidateIf } from 'class-validator';

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));

/**
 * Environment variables, validated once at boot (api, worker and cli alike).
 * A missing or malformed variable stops the process with a message naming it.
 */
export class EnvDto {
  @IsOptional()
  @IsIn(['development', 'test', 'production'])
  NODE_ENV?: string;

  @IsString()
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL!: string;

  @IsString()
  @Matches(/^rediss?:\/\//, { message: 'REDIS_URL must be a redis:// URL' })
  REDIS_URL!: string;

  /** Namespace for every Redis key and queue of this deployment (tests give each run its own). */
  @IsOptional()
  @Matches(/^[A-Za-z0-9:_-]{1,64}$/, { message: 'REDIS_PREFIX may hold letters, digits, colon, dash and underscore (max 64)' })
  REDIS_PREFIX?: string;

  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true }, { message: 'MEILI_URL must be an http(s) URL' })
  MEILI_URL?: string;

  /** Only needed when Meilisearch is used: the key is meaningless without its URL. */
  @ValidateIf((env: EnvDto) => !!env.MEILI_URL)
  @IsString()
  @IsNotEmpty({ message: 'MEILI_MASTER_KEY is required when MEILI_URL is set' })
  MEILI_MASTER_KEY?: string;

  /** The Meilisearch index holding every document (tests use one per run). */
  @ValidateIf((env: EnvDto) => !!env.MEILI_URL && env.MEILI_INDEX !== undefined)
  @Matches(/^[A-Za-z0-9_-]{1,100}$/, { message: 'MEILI_INDEX may hold letters, digits, dash and underscore (max 100)' })
  MEILI_INDEX?: string;

  /** Companies per chunk job of a full rescore. */
  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'RESCORE_CHUNK_SIZE must be an integer' })
  @Min(1, { message: 'RESCORE_CHUNK_SIZE must be at least 1' })
  @Max(100000, { message: 'RESCORE_CHUNK_SIZE must be at most 100000' })
  RESCORE_CHUNK_SIZE?: number;

  /** Open (pending) outgoing meeting requests an organisation may have at once. */
  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'MEETING_REQUEST_QUOTA must be an integer' })
  @Min(1, { message: 'MEETING_REQUEST_QUOTA must be at least 1' })
  @Max(1000, { message: 'MEETING_REQUEST_QUOTA must be at most 1000' })
  MEETING_REQUEST_QUOTA?: number;

  /** Days a meeting request stays pending before it expires. */
  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'MEETING_REQUEST_TTL_DAYS must be an integer' })
  @Min(1, { message: 'MEETING_REQUEST_TTL_DAYS must be at least 1' })
  @Max(365, { message: 'MEETING_REQUEST_TTL_DAYS must be at most 365' })
  MEETING_REQUEST_TTL_DAYS?: number;

  /** Hours before a pending request's expiry at which its receiver is reminded (no reminder if the TTL is shorter). */
  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'MEETING_REQUEST_REMINDER_HOURS must be an integer' })
  @Min(1, { message: 'MEETING_REQUEST_REMINDER_HOURS must be at least 1' })
  @Max(8760, { message: 'MEETING_REQUEST_REMINDER_HOURS must be at most 8760' })
  MEETING_REQUEST_REMINDER_HOURS?: number;

  /** The SMTP server the worker sends notifications through; without it, mail is disabled (and logged as such). */
  @IsOptional()
  @Matches(/^smtps?:\/\/[^\s/?#]+(\/[^\s]*)?$/, { message: 'SMTP_URL must be an smtp:// or smtps:// URL, such as smtp://127.0.0.1:2525' })
  SMTP_URL?: string;

  /** The From of every notification, an address or `Name <address>`; its domain also names the Message-IDs. */
  @IsOptional()
  @Matches(/^([^<>\r\n]*<[^<>\s@]+@[^<>\s@]+>|[^<>\s@]+@[^<>\s@]+)$/, { message: 'MAIL_FROM must be an address or Name <address>' })
  MAIL_FROM?: string;

  /** How often the worker's outbox relay polls when no notification arrived, in milliseconds. */
  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'OUTBOX_POLL_MS must be an integer' })
  @Min(50, { message: 'OUTBOX_POLL_MS must be at least 50' })
  @Max(60000, { message: 'OUTBOX_POLL_MS must be at most 60000' })
  OUTBOX_POLL_MS?: number;

  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET!: string;

  /** Lifetime of an access token; short, because a stolen one works until it expires unless its session is revoked. */
  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'JWT_TTL_SECONDS must be an integer' })
  @Min(60, { message: 'JWT_TTL_SECONDS must be at least 60' })
  @Max(86_400, { message: 'JWT_TTL_SECONDS must be at most 86400' })
  JWT_TTL_SECONDS?: number;

  /** Lifetime of a session's refresh token (a login lasts this long without a password). */
  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'REFRESH_TTL_DAYS must be an integer' })
  @Min(1, { message: 'REFRESH_TTL_DAYS must be at least 1' })
  @Max(365, { message: 'REFRESH_TTL_DAYS must be at most 365' })
  REFRESH_TTL_DAYS?: number;

  /** Days declined, withdrawn and expired meeting requests are kept before they are purged (GDPR storage limitation). */
  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'REQUEST_RETENTION_DAYS must be an integer' })
  @Min(1, { message: 'REQUEST_RETENTION_DAYS must be at least 1' })
  @Max(3650, { message: 'REQUEST_RETENTION_DAYS must be at most 3650' })
  REQUEST_RETENTION_DAYS?: number;

  /**
   * Seconds a PostgreSQL search result is reused for the same query (0: never). Every change to the index clears
   * the cache (NOTIFY at commit, then SEARCH_CACHE_STALE_SECONDS), so this only bounds how long a result lives without one.
   */
  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'SEARCH_CACHE_SECONDS must be an integer' })
  @Min(0, { message: 'SEARCH_CACHE_SECONDS must be at least 0' })
  @Max(3600, { message: 'SEARCH_CACHE_SECONDS must be at most 3600' })
  SEARCH_CACHE_SECONDS?: number;

  /**
   * Seconds after a change to the search index at which the api processes' caches are emptied (0: at once). Changes
   * in between share one clear: a steady stream of edits no longer empties the cache at every edit.
   */
  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'SEARCH_CACHE_STALE_SECONDS must be an integer' })
  @Min(0, { message: 'SEARCH_CACHE_STALE_SECONDS must be at least 0' })
  @Max(60, { message: 'SEARCH_CACHE_STALE_SECONDS must be at most 60' })
  SEARCH_CACHE_STALE_SECONDS?: number;

  /** Search results kept per api process (the least recently used one goes first); about 10 kB each. */
  @IsOptional()
  @Transform(toInt)
  @IsInt({ message: 'SEARCH_CACHE_ENTRIES must be an integer' })
  @Min(1, { message: 'SEARCH_CACHE_ENTRIES must be at least 1' })
  @Max(100_000, { message: 'SEARCH_CACHE_ENTRIES must be at most 100000' })
  SEARCH_CACHE_ENTRIES?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65_535)
  PORT?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65_535)
  WORKER_PORT?: number;

  @IsOptional()
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL?: string;

  @IsOptional()
  @Matches(/^\d+(kb|mb)$/, { message: 'BODY_LIMIT must look like 512kb or 1mb' })
  BODY_LIMIT?: string;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_RATE_LIMIT?: number;

  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_RATE_WINDOW_SECONDS?: number;

  @IsOptional()
  @IsString()
  CORS_ORIGIN?: string;

  /** When set, `/metrics` (api and worker) answers only `Authorization: Bearer <METRICS_TOKEN>`; otherwise it is public. */
  @IsOptional()
  @Matches(/^\S{16,256}$/, { message: 'METRICS_TOKEN must be 16 to 256 characters without spaces' })
  METRICS_TOKEN?: string;
}
