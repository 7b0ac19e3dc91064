import type { DefaultJobOptions } from 'bullmq';

/** Every queue of the platform. */
export enum QueueName {
  Search = 'search',
  /** One organisation's matches after it changed: small jobs, several at once. */
  Scoring = 'scoring',
  /** Full rescores: CPU-bound chunk jobs, one at a time per worker process (add processes to go faster). */
  Rescore = 'rescore',
  /** Meeting-request housekeeping: expiry at the request's deadline. */
  Meetings = 'meetings',
  /** E-mail notifications: slow, failure-prone SMTP kept apart from the other queues' work. */
  Mail = 'mail',
  /** Meeting-proposal runs: one transaction over every match, one at a time per worker process. */
  MeetingProposals = 'meeting-proposals',
  /** Scheduler runs of partnering events: CPU-bound, one at a time per worker process. */
  Scheduling = 'scheduling',
}

/** Flows (a parent job waiting for children): a full rescore's merge waits for its chunks. */
export const RESCORE_FLOW = 'rescore-flow';

/** Every job of the platform; the worker refuses to start if one has no handler. */
export enum JobName {
  /** Brings one document of the search index in line with PostgreSQL (upsert, or removal when its row is gone). */
  IndexDocument = 'index-document',
  /** Recomputes one organisation's matches (a company, fund or research centre; an offer counts for its centre). */
  ScoreOrganisation = 'score-organisation',
  /** Plans a full rescore and starts its flow: one chunk job per slice of companies, then the merge. */
  StartFullRescore = 'start-full-rescore',
  RescoreChunk = 'rescore-chunk',
  MergeRescore = 'merge-rescore',
  /** Marks a meeting request expired at its deadline if nobody answered (a delayed job). */
  ExpireMeetingRequest = 'expire-meeting-request',
  /** E-mails the parties of one meeting-request event (new, accepted, declined, expired), each recipient once. */
  SendNotification = 'send-notification',
  /** Reminds a request's receiver that it expires soon, if still pending then (a delayed job). */
  SendExpiryReminder = 'send-expiry-reminder',
  /** Computes a staff-started run's meeting proposals and its coverage. */
  ProposeMeetings = 'propose-meetings',
  /** E-mails every participant's members that the event's schedule is published, with their meetings. */
  SendAgendas = 'send-agendas',
  /** Solves an event's schedule into the requested version (locked and published meetings stay put). */
  ScheduleEvent = 'schedule-event',
  /** Deletes closed meeting requests and ended sessions past their retention period (a job scheduler repeats it). */
  PurgeExpiredData = 'purge-expired-data',
}

export const JOB_QUEUE: Record<JobName, QueueName> = {
  [JobName.IndexDocument]: QueueName.Search,
  [JobName.ScoreOrganisation]: QueueName.Scoring,
  [JobName.StartFullRescore]: QueueName.Rescore,
  [JobName.RescoreChunk]: QueueName.Rescore,
  [JobName.MergeRescore]: QueueName.Rescore,
  [JobName.ExpireMeetingRequest]: QueueName.Meetings,
  [JobName.SendNotification]: QueueName.Mail,
  [JobName.SendExpiryReminder]: QueueName.Mail,
  [JobName.ProposeMeetings]: QueueName.MeetingProposals,
  [JobName.ScheduleEvent]: QueueName.Scheduling,
  [JobName.SendAgendas]: QueueName.Mail,
  [JobName.PurgeExpiredData]: QueueName.Meetings,
};

/** The job scheduler (BullMQ repeatable job) of the retention purge: one id, so every worker upserts the same one. */
export const RETENTION_SCHEDULER_ID = 'retention-purge';
/** How often the purge runs; the retention period is in days, so a few hours' lag does not matter. */
export const RETENTION_PURGE_EVERY_MS = 6 * 60 * 60 * 1000;

/**
 * A job an outbox row sets in motion, keyed by the row's aggregate, by its organisation, or by the row itself
 * (`event`: every row its own job, never folded into another, as each notification must be sent).
 */
export interface OutboxRoute {
  name: JobName;
  key: 'aggregate' | 'organisation' | 'event';
  /** A payload field holding an ISO time: the job is delayed until then, and not made at all when the field is absent. */
  delayUntil?: string;
}

/** What each outbox topic sets in motion. */
export const OUTBOX_ROUTES: Record<string, readonly OutboxRoute[]> = {
  'document.changed': [
    { name: JobName.IndexDocument, key: 'aggregate' },
    // Ten edits of a fund, or of a research centre's offers, cost one rescoring of that organisation.
    { name: JobName.ScoreOrganisation, key: 'organisation' },
  ],
  // A review or an outcome changes the feedback on the deciding organisation's pairs: rescore it.
  'match_review.changed': [{ name: JobName.ScoreOrganisation, key: 'organisation' }],
  'meeting_outcome.recorded': [{ name: JobName.ScoreOrganisation, key: 'organisation' }],
  'scoring.rescore': [{ name: JobName.StartFullRescore, key: 'aggregate' }],
  'meeting_proposals.run': [{ name: JobName.ProposeMeetings, key: 'aggregate' }],
  'schedule.requested': [{ name: JobName.ScheduleEvent, key: 'aggregate' }],
  'schedule.published': [{ name: JobName.SendAgendas, key: 'event' }],
  'meeting_request.created': [
    { name: JobName.ExpireMeetingRequest, key: 'aggregate', delayUntil: 'expiresAt' },
    { name: JobName.SendNotification, key: 'event' },
    // No `remindAt` when the request's lifetime is shorter than the reminder's lead: no reminder.
    { name: JobName.SendExpiryReminder, key: 'aggregate', delayUntil: 'remindAt' },
  ],
  'meeting_request.accepted': [{ name: JobName.SendNotification, key: 'event' }],
  'meeting_request.declined': [{ name: JobName.SendNotification, key: 'event' }],
  // The issue names no mail for a withdrawal; the reminder and expiry jobs find the request closed and stop.
  'meeting_request.withdrawn': [],
  'meeting_request.expired': [{ name: JobName.SendNotification, key: 'event' }],
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
