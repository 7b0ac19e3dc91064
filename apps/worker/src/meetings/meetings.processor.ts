import { InjectQueue, Processor } from '@nestjs/bullmq';
import { Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { JobName, MeetingRequestsService, QueueName, RETENTION_PURGE_EVERY_MS, RETENTION_SCHEDULER_ID, RetentionService, type RetentionPurgeResult } from '@hub/core';
import { JobHandler, JobProcessor } from '../jobs/job-processor';

/** From the outbox: the request whose deadline the job waits for. */
export interface ExpireMeetingRequestJobData {
  type: 'meeting_request';
  id: string;
}

/** The retention purge needs no data: it reads the clock and the configured retention period. */
export type PurgeExpiredDataJobData = Record<string, never>;

@Processor(QueueName.Meetings, { concurrency: 4 })
export class MeetingsProcessor extends JobProcessor implements OnApplicationBootstrap {
  private readonly log = new Logger(MeetingsProcessor.name);
  readonly handlers: Partial<Record<JobName, JobHandler>> = {
    [JobName.ExpireMeetingRequest]: (job: Job<ExpireMeetingRequestJobData>) => this.expire(job.data.id),
    [JobName.PurgeExpiredData]: (): Promise<RetentionPurgeResult> => this.retention.purge(),
  };

  constructor(
    private readonly requests: MeetingRequestsService,
    private readonly retention: RetentionService,
    @InjectQueue(QueueName.Meetings) private readonly queue: Queue,
  ) {
    super();
  }

  /**
   * Every worker upserts the same scheduler (one id): however many run, the purge is scheduled once, and a
   * changed interval replaces the old one. Not awaited: with Redis away at boot, the command waits for the
   * reconnection instead of holding up the worker's start.
   */
  onApplicationBootstrap(): void {
    this.queue
      .upsertJobScheduler(RETENTION_SCHEDULER_ID, { every: RETENTION_PURGE_EVERY_MS }, { name: JobName.PurgeExpiredData, data: {} })
      .catch((error: Error) => this.log.warn(`retention purge not scheduled: ${error.message}`));
  }

  /** Re-read at the deadline: an answered request, or a re-delivered job, changes nothing. */
  private async expire(id: string): Promise<{ expired: boolean }> {
    return { expired: await this.requests.expire(id) };
  }
}
