import { getQueueToken } from '@nestjs/bullmq';
import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import type { Client } from 'pg';
import { DataSource } from 'typeorm';
import { EnvData, JOB_QUEUE, OUTBOX_ROUTES, QueueName, entityJobKey, openListener, withTimeout, type JobName } from '@hub/core';
import type { SearchDocType } from '@hub/domain';

/** Outbox rows moved to Redis per transaction. */
export const OUTBOX_BATCH = 500;
/** A Redis that does not answer within this time counts as down: the batch is rolled back and retried later. */
const ENQUEUE_TIMEOUT_MS = 5000;
const NOTIFY_CHANNEL = 'hub_outbox';

interface OutboxRow {
  id: string;
  topic: string;
  aggregate_type: SearchDocType | 'scoring_run' | 'meeting_request' | 'meeting_proposal_run';
  aggregate_id: string;
  organisation_id: string | null;
  payload: Record<string, unknown>;
}

/**
 * Moves outbox rows (written by triggers in the same transaction as each profile change) into BullMQ queues.
 * A batch is locked (SKIP LOCKED, so several workers can relay side by side), enqueued, then deleted, in one
 * transaction: if Redis is down the rows stay and are retried; if the commit fails after enqueueing, the jobs
 * are merely duplicated, which deduplication and idempotent handlers absorb. Woken by NOTIFY at each commit,
 * and by a poll in case a notification was missed (listener reconnecting).
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private listener: Client | null = null;
  private connecting = false;
  private timer: NodeJS.Timeout | null = null;
  private draining: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private failing = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly env: EnvData,
    private readonly moduleRef: ModuleRef,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      void this.listen();
      void this.drain();
    }, this.env.outboxPollMs);
    void this.listen();
    void this.drain();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.draining;
    await this.listener?.end().catch(() => undefined);
    this.listener = null;
  }

  /** Relays until the outbox is empty; concurrent calls share one run (and ask for another pass). */
  drain(): Promise<void> {
    if (this.draining) {
      this.again = true;
      return this.draining;
    }
    this.draining = this.run().finally(() => {
      this.draining = null;
      if (this.again && !this.stopped) {
        this.again = false;
        void this.drain();
      }
    });
    return this.draining;
  }

  private async run(): Promise<void> {
    try {
      while (!this.stopped && (await this.relayBatch()) === OUTBOX_BATCH);
      if (this.failing) this.logger.log('outbox relay recovered');
      this.failing = false;
    } catch (error) {
      // Logged once per outage, not once per poll.
      if (!this.failing) this.logger.warn(`outbox relay paused, will retry: ${error instanceof Error ? error.message : String(error)}`);
      this.failing = true;
    }
  }

  private relayBatch(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const rows: OutboxRow[] = await manager.query(
        `SELECT id, topic, aggregate_type, aggregate_id, organisation_id, payload FROM outbox_events ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [OUTBOX_BATCH],
      );
      if (rows.length === 0) return 0;
      const byQueue = new Map<QueueName, Map<string, { name: JobName; data: object; delay: number }>>();
      for (const row of rows) {
        for (const route of OUTBOX_ROUTES[row.topic] ?? []) {
          const entityId = route.key === 'aggregate' ? row.aggregate_id : route.key === 'event' ? row.id : row.organisation_id;
          if (!entityId) continue;
          // A delayed job whose time the event does not give is not wanted (a reminder the lifetime leaves no room for).
          if (route.delayUntil && row.payload[route.delayUntil] == null) continue;
          const data =
            route.key === 'aggregate'
              ? { type: row.aggregate_type, id: row.aggregate_id }
              : route.key === 'event'
                ? { outboxId: row.id, topic: row.topic, type: row.aggregate_type, id: row.aggregate_id }
                : { organisationId: entityId };
          const queueName = JOB_QUEUE[route.name];
          const jobs = byQueue.get(queueName) ?? new Map();
          const until = route.delayUntil ? Date.parse(String(row.payload[route.delayUntil])) : NaN;
          const delay = Number.isNaN(until) ? 0 : Math.max(0, until - Date.now());
          // Ten edits of one profile in the batch make one job.
          jobs.set(entityJobKey(entityId, route.name), { name: route.name, data, delay });
          byQueue.set(queueName, jobs);
        }
      }
      for (const [queueName, jobs] of byQueue) {
        const queue = this.queue(queueName);
        const bulk = [...jobs].map(([key, job]) => ({
          name: job.name,
          data: job.data,
          opts: { deduplication: { id: key, keepLastIfActive: true }, ...(job.delay > 0 ? { delay: job.delay } : {}) },
        }));
        await withTimeout(queue.addBulk(bulk), ENQUEUE_TIMEOUT_MS, () => new Error(`Redis did not answer within ${ENQUEUE_TIMEOUT_MS} ms`));
      }
      await manager.query(`DELETE FROM outbox_events WHERE id = ANY($1::bigint[])`, [rows.map((r) => r.id)]);
      return rows.length;
    });
  }

  private readonly queues = new Map<QueueName, Queue>();

  private queue(name: QueueName): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
      this.queues.set(name, queue);
    }
    return queue;
  }

  /** A dedicated connection LISTENs for commits; lost connections are re-made on the next poll. */
  private async listen(): Promise<void> {
    if (this.listener || this.connecting || this.stopped) return;
    this.connecting = true;
    try {
      const client = await openListener({
        databaseUrl: this.env.databaseUrl,
        channel: NOTIFY_CHANNEL,
        applicationName: 'hub-match-outbox-listener',
        onNotification: () => void this.drain(),
        onLost: (lost) => {
          if (this.listener === lost) this.listener = null;
        },
      });
      if (this.stopped) await client.end();
      else this.listener = client;
    } catch {
      // Not listening: the poll keeps the outbox moving and tries again.
    } finally {
      this.connecting = false;
    }
  }
}
