import type { DefaultJobOptions } from 'bullmq';

/** Every queue of the platform. */
export enum QueueName {
  Search = 'search',
}

/** Every job of the platform; the worker refuses to start if one has no handler. */
export enum JobName {
  /** Brings one document of the search index in line with PostgreSQL (upsert, or removal when its row is gone). */
  IndexDocument = 'index-document',
}

export const JOB_QUEUE: Record<JobName, QueueName> = {
  [JobName.IndexDocument]: QueueName.Search,
};

/** What each outbox topic sets in motion. */
export const OUTBOX_ROUTES: Record<string, readonly JobName[]> = {
  'document.changed': [JobName.IndexDocument],
};

/** A job is tried this many times before it is kept as failed for staff to see. */
export const RETRY_ATTEMPTS = 10;
/** First retry after 1 s, then 2, 4, 8 s... (about 17 minutes over all attempts): outlives a service restart. */
export const RETRY_BASE_DELAY_MS = 1000;
/** Finished jobs kept for the dashboard, then dropped. */
export const KEEP_COMPLETED = { age: 3600, count: 1000 };
export const KEEP_FAILED = { age: 7 * 24 * 3600 };

export const DEFAULT_JOB_OPTIONS: DefaultJobOptions = {
  attempts: RETRY_ATTEMPTS,
  backoff: { type: 'exponential', delay: RETRY_BASE_DELAY_MS },
  removeOnComplete: KEEP_COMPLETED,
  removeOnFail: KEEP_FAILED,
};

/**
 * The deduplication key of a job about one entity: `${id}-${name}`. Jobs are deduplicated on it with
 * `keepLastIfActive`, which a fixed jobId cannot do: an edit that arrives while the entity's job is running must
 * still be processed after it, or the index would keep the state read before the edit.
 */
export function entityJobKey(entityId: string, name: JobName): string {
  return `${entityId}-${name}`;
}
