import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { AppError } from '@hub/domain';
import { entityJobKey, JobName, QueueName } from '../queue/queue.constants';
import { QueueReads } from '../queue/queue-reads';

export type RescoreState = 'requested' | 'running' | 'completed' | 'failed';

export interface RescoreStatus {
  runId: string;
  state: RescoreState;
  chunks: { done: number; total: number };
  /** Matches kept per area, once merged. */
  result: { venture_capital: number; tech_transfer: number } | null;
  failedReason: string | null;
}

/** The job ids of a run's flow: fixed, so a re-delivered start cannot create a second flow. */
export const rescoreJobIds = {
  merge: (runId: string) => `${runId}-merge`,
  chunk: (runId: string, chunk: number) => `${runId}-chunk-${chunk}`,
};

/** Progress of a full rescore, read from its flow in the queue (and from the outbox before it got there). */
@Injectable()
export class RescoreStatusService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(QueueName.Rescore) private readonly queue: Queue,
    private readonly reads: QueueReads,
  ) {}

  /** A 503 naming Redis, promptly, while the queue cannot be read. */
  status(runId: string): Promise<RescoreStatus> {
    return this.reads.read('the rescore status', () => this.read(runId));
  }

  private async read(runId: string): Promise<RescoreStatus> {
    let merge = await this.queue.getJob(rescoreJobIds.merge(runId));
    if (!merge) {
      // Earliest stage first (outbox row, start job, then the flow again): a run moving on between two looks
      // is still found.
      const [queued] = await this.dataSource.query(`SELECT 1 FROM outbox_events WHERE topic = 'scoring.rescore' AND aggregate_id = $1`, [runId]);
      const starting = queued ? true : await this.findStart(runId);
      if (!starting) merge = await this.queue.getJob(rescoreJobIds.merge(runId));
      if (!merge) {
        if (!starting) throw AppError.notFound('rescore run', runId);
        return { runId, state: 'requested', chunks: { done: 0, total: 0 }, result: null, failedReason: null };
      }
    }
    const [state, dependencies] = await Promise.all([merge.getState(), merge.getDependenciesCount()]);
    // A failed chunk fails the run: say why, not only which chunk.
    const childFailures = state === 'failed' ? Object.values(await merge.getFailedChildrenValues()) : [];
    const done = dependencies.processed ?? 0;
    const total = done + (dependencies.unprocessed ?? 0) + (dependencies.failed ?? 0) + (dependencies.ignored ?? 0);
    return {
      runId,
      state: state === 'completed' ? 'completed' : state === 'failed' ? 'failed' : 'running',
      chunks: { done, total },
      result: state === 'completed' ? (merge.returnvalue as RescoreStatus['result']) : null,
      failedReason: state === 'failed' ? [merge.failedReason, ...childFailures].filter(Boolean).join('; ') : null,
    };
  }

  /** Whether the run's start job is waiting or running: its deduplication key lives until it finishes. */
  private async findStart(runId: string): Promise<boolean> {
    return (await this.queue.getDeduplicationJobId(entityJobKey(runId, JobName.StartFullRescore))) !== null;
  }
}
