import { Processor } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { JobName, QueueName, SearchIndexingService, type IndexOutcome } from '@hub/core';
import type { SearchDocType } from '@hub/domain';
import { JobHandler, JobProcessor, SHORT_JOB_LOCKS } from '../jobs/job-processor';

/** Which document to bring in line with PostgreSQL; the job carries no content, the handler re-reads it. */
export interface IndexDocumentJobData {
  type: SearchDocType;
  id: string;
}

/** Indexing jobs are small and I/O-bound: several at once per worker process. */
const CONCURRENCY = 8;

@Processor(QueueName.Search, { concurrency: CONCURRENCY, ...SHORT_JOB_LOCKS })
export class SearchIndexingProcessor extends JobProcessor {
  readonly handlers: Partial<Record<JobName, JobHandler>> = {
    [JobName.IndexDocument]: (job: Job<IndexDocumentJobData>) => this.indexDocument(job.data),
  };

  constructor(private readonly indexing: SearchIndexingService) {
    super();
  }

  /** Re-delivery is harmless: the current row is read again and an unchanged document is not rewritten. */
  private indexDocument(data: IndexDocumentJobData): Promise<IndexOutcome> {
    return this.indexing.sync(data.type, data.id);
  }
}
