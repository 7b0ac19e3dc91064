import { Processor } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { JobName, QueueName, ScheduleRunner } from '@hub/core';
import { AppError } from '@hub/domain';
import { JobHandler, JobProcessor } from '../jobs/job-processor';

/** From the outbox: the schedule version staff asked for. */
export interface ScheduleEventJobData {
  type: 'schedule_version';
  id: string;
}

/** The solver is CPU-bound: one run at a time per worker process (add processes for more). */
@Processor(QueueName.Scheduling, { concurrency: 1, lockDuration: 60_000 })
export class SchedulingProcessor extends JobProcessor {
  readonly handlers: Partial<Record<JobName, JobHandler>> = {
    [JobName.ScheduleEvent]: (job: Job<ScheduleEventJobData>) => this.schedule(job),
  };

  constructor(private readonly runner: ScheduleRunner) {
    super();
  }

  /** Idempotent: a re-delivered job finds its version finished and returns. */
  private async schedule(job: Job<ScheduleEventJobData>) {
    try {
      return await this.runner.run(job.data.id, async (fraction) => {
        await job.updateProgress(Math.round(fraction * 100));
        await this.runner.progress(job.data.id, fraction);
      });
    } catch (error) {
      // On the last attempt the version records why, so staff are not left looking at `running`.
      const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      if (lastAttempt && !(error instanceof AppError)) await this.runner.fail(job.data.id, error instanceof Error ? error.message : String(error));
      throw error;
    }
  }
}
