import { Processor } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { JobName, MatchingService, QueueName, type RescoreOutcome } from '@hub/core';
import { JobHandler, JobProcessor, SHORT_JOB_LOCKS } from '../jobs/job-processor';

/** Whose matches to recompute: a company, a fund or a research centre (an offer's changes come as its centre). */
export interface ScoreOrganisationJobData {
  organisationId: string;
}

/** Rescoring one organisation is I/O and a few thousand pairs: two at once per worker process. */
const CONCURRENCY = 2;

@Processor(QueueName.Scoring, { concurrency: CONCURRENCY, ...SHORT_JOB_LOCKS })
export class ScoringProcessor extends JobProcessor {
  readonly handlers: Partial<Record<JobName, JobHandler>> = {
    [JobName.ScoreOrganisation]: (job: Job<ScoreOrganisationJobData>) => this.scoreOrganisation(job.data),
  };

  constructor(private readonly matching: MatchingService) {
    super();
  }

  /** Recomputes from the current rows: a re-delivered job writes the same matches again. */
  private scoreOrganisation(data: ScoreOrganisationJobData): Promise<RescoreOutcome> {
    return this.matching.rescoreOrganisation(data.organisationId);
  }
}
