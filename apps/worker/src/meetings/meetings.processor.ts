import { Processor } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { JobName, MeetingRequestsService, QueueName } from '@hub/core';
import { JobHandler, JobProcessor } from '../jobs/job-processor';

/** From the outbox: the request whose deadline the job waits for. */
export interface ExpireMeetingRequestJobData {
  type: 'meeting_request';
  id: string;
}

@Processor(QueueName.Meetings, { concurrency: 4 })
export class MeetingsProcessor extends JobProcessor {
  readonly handlers: Partial<Record<JobName, JobHandler>> = {
    [JobName.ExpireMeetingRequest]: (job: Job<ExpireMeetingRequestJobData>) => this.expire(job.data.id),
  };

  constructor(private readonly requests: MeetingRequestsService) {
    super();
  }

  /** Re-read at the deadline: an answered request, or a re-delivered job, changes nothing. */
  private async expire(id: string): Promise<{ expired: boolean }> {
    return { expired: await this.requests.expire(id) };
  }
}
