import { Processor } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { JobName, MeetingProposalRunsService, QueueName, type ProposalRunOutcome } from '@hub/core';
import { AppError } from '@hub/domain';
import { JobHandler, JobProcessor } from '../jobs/job-processor';

/** From the outbox: the run staff started. */
export interface ProposeMeetingsJobData {
  type: 'meeting_proposal_run';
  id: string;
}

/** A run reads every match in one transaction (and runs take a lock anyway): one at a time per worker process. */
@Processor(QueueName.MeetingProposals, { concurrency: 1 })
export class MeetingProposalsProcessor extends JobProcessor {
  readonly handlers: Partial<Record<JobName, JobHandler>> = {
    [JobName.ProposeMeetings]: (job: Job<ProposeMeetingsJobData>) => this.propose(job),
  };

  constructor(private readonly runs: MeetingProposalRunsService) {
    super();
  }

  /** Idempotent: a re-delivered job finds its run done and returns. */
  private async propose(job: Job<ProposeMeetingsJobData>): Promise<ProposalRunOutcome> {
    try {
      return await this.runs.execute(job.data.id);
    } catch (error) {
      // On the last attempt the run records its failure, so staff polling it are not left at `requested`. An
      // unknown run (an AppError) has no row to mark.
      const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      if (lastAttempt && !(error instanceof AppError)) await this.runs.markFailed(job.data.id, error instanceof Error ? error.message : String(error));
      throw error;
    }
  }
}
