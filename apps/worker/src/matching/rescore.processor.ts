import { InjectFlowProducer, Processor } from '@nestjs/bullmq';
import type { FlowProducer, Job } from 'bullmq';
import {
  DEFAULT_JOB_OPTIONS,
  FullRescoreService,
  JOB_QUEUE,
  JobName,
  QueueName,
  RESCORE_FLOW,
  rescoreJobIds,
  type ChunkOutcome,
  type ChunkRange,
  type MergeOutcome,
} from '@hub/core';
import { JobHandler, JobProcessor } from '../jobs/job-processor';

/** From the outbox: `id` is the run id. */
export interface StartFullRescoreJobData {
  type: 'scoring_run';
  id: string;
}

export interface RescoreChunkJobData {
  runId: string;
  chunk: number;
  range: ChunkRange;
}

export interface MergeRescoreJobData {
  runId: string;
  chunks: number;
  /** When the run was planned (database clock): matches not refreshed since are stale. */
  startedAt: string;
}

/**
 * Full rescores as a BullMQ flow: the start job plans chunks of companies and adds the merge job with one child
 * per chunk (fixed job ids: a re-delivered start adds nothing). Chunks are CPU-bound, so one at a time per
 * process; more worker processes, on any machine, take chunks side by side. A worker killed mid-chunk leaves a
 * stalled job that another (or the restarted) worker runs again; finished chunks are not redone.
 */
/**
 * A chunk holds the event loop for a few seconds at most; a lock of 20 s outlives that, and a killed worker's
 * chunk is taken over within about half a minute (lock expiry plus the stalled-job check).
 */
const LOCK_MS = 20_000;
const STALLED_CHECK_MS = 10_000;

@Processor(QueueName.Rescore, { concurrency: 1, lockDuration: LOCK_MS, stalledInterval: STALLED_CHECK_MS })
export class RescoreProcessor extends JobProcessor {
  readonly handlers: Partial<Record<JobName, JobHandler>> = {
    [JobName.StartFullRescore]: (job: Job<StartFullRescoreJobData>) => this.start(job.data.id),
    [JobName.RescoreChunk]: (job: Job<RescoreChunkJobData>) => this.chunk(job),
    [JobName.MergeRescore]: (job: Job<MergeRescoreJobData>): Promise<MergeOutcome> => this.rescore.merge(job.data.runId, job.data.startedAt),
  };

  constructor(
    private readonly rescore: FullRescoreService,
    @InjectFlowProducer(RESCORE_FLOW) private readonly flows: FlowProducer,
  ) {
    super();
  }

  private async start(runId: string): Promise<{ chunks: number }> {
    const { startedAt, ranges } = await this.rescore.plan();
    const queueName = JOB_QUEUE[JobName.RescoreChunk];
    await this.flows.add({
      name: JobName.MergeRescore,
      queueName: JOB_QUEUE[JobName.MergeRescore],
      data: { runId, chunks: ranges.length, startedAt } satisfies MergeRescoreJobData,
      // Flows do not take the queue's default options: retries are given here.
      opts: { ...DEFAULT_JOB_OPTIONS, jobId: rescoreJobIds.merge(runId) },
      children: ranges.map((range, chunk) => ({
        name: JobName.RescoreChunk,
        queueName,
        data: { runId, chunk, range } satisfies RescoreChunkJobData,
        // A chunk that fails for good fails the run, rather than leaving the merge waiting forever.
        opts: { ...DEFAULT_JOB_OPTIONS, jobId: rescoreJobIds.chunk(runId, chunk), failParentOnFailure: true },
      })),
    });
    return { chunks: ranges.length };
  }

  private async chunk(job: Job<RescoreChunkJobData>): Promise<ChunkOutcome> {
    const outcome = await this.rescore.scoreChunk(job.data.runId, job.data.chunk, job.data.range);
    await job.updateProgress(100);
    return outcome;
  }
}
