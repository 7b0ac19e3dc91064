import { OnWorkerEvent, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger, Optional } from '@nestjs/common';
import { UnrecoverableError, type Job } from 'bullmq';
import { AppError, ErrorCode } from '@hub/domain';
import { JobMetrics, OutageLog, type JobName } from '@hub/core';

export type JobHandler = (job: Job) => Promise<unknown>;

/**
 * Times a job may be taken over from a worker that stopped renewing its lock (killed, or frozen) before BullMQ
 * fails it. BullMQ's default, 1, fails a job whose worker is killed twice, and its document or matches then stay
 * stale until the next edit; these jobs reload their state and are idempotent, so running one again is harmless.
 */
const MAX_STALLED_TAKEOVERS = 5;

/**
 * Lock and stalled-job check of queues whose jobs take well under a second (indexing a document, rescoring an
 * organisation). BullMQ's defaults (a 30 s lock, a check every 30 s) leave a killed worker's jobs, and every job
 * deduplicated behind them, waiting a minute or more; a 10 s lock, renewed every 5 s, outlives any pause of these
 * jobs (the longest, a worker's first load of every profile for scoring, takes a second or two for thousands), and
 * another worker takes the jobs over within about 15 s.
 */
export const SHORT_JOB_LOCKS = { lockDuration: 10_000, stalledInterval: 5_000, maxStalledCount: MAX_STALLED_TAKEOVERS } as const;

/** Client-side errors cannot succeed on a retry: they are failed at once and kept for staff to see. */
const PERMANENT_CODES = new Set<string>([ErrorCode.ValidationFailed, ErrorCode.NotFound]);

/**
 * A BullMQ processor that dispatches by job name. Each processor declares its handlers in one map, which the
 * worker checks at boot against the JobName enum.
 */
export abstract class JobProcessor extends WorkerHost {
  abstract readonly handlers: Partial<Record<JobName, JobHandler>>;
  private readonly logger = new Logger(this.constructor.name);
  private readonly outage = new OutageLog(this.logger, 'queue connection');
  /** Duration and outcome of every attempt, for /metrics (property-injected, so subclasses' constructors stay as they are). */
  @Optional() @Inject(JobMetrics) private readonly metrics?: JobMetrics;

  /** Redis went away: BullMQ reconnects by itself; say so once per outage instead of once per attempt. */
  @OnWorkerEvent('error')
  onWorkerError(error: Error): void {
    this.outage.error(error);
  }

  @OnWorkerEvent('ready')
  onWorkerReady(): void {
    this.outage.recovered();
  }

  async process(job: Job): Promise<unknown> {
    const done = this.metrics?.start(job);
    try {
      const result = await this.run(job);
      done?.('completed');
      return result;
    } catch (error) {
      done?.('failed');
      throw error;
    }
  }

  private async run(job: Job): Promise<unknown> {
    const handler = this.handlers[job.name as JobName];
    if (!handler) throw new UnrecoverableError(`no handler for job ${job.name} on this queue`);
    try {
      return await handler(job);
    } catch (error) {
      if (error instanceof AppError && PERMANENT_CODES.has(error.code)) throw new UnrecoverableError(`${error.code}: ${error.message}`);
      throw error;
    }
  }
}
