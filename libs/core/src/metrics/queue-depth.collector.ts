import { getQueueToken } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Queue } from 'bullmq';
import { Counter, Gauge, Registry } from 'prom-client';
import { withTimeout } from '../common/with-timeout';
import { QueueName } from '../queue/queue.constants';

export const QUEUE_STATES = ['waiting', 'active', 'delayed', 'failed'] as const;
/** A scrape does not wait longer than this for Redis; the depth is then left out rather than stale. */
const READ_TIMEOUT_MS = 2000;

/** Jobs per queue and state, read from BullMQ (Redis) at each scrape. */
@Injectable()
export class QueueDepthCollector {
  constructor(registry: Registry, moduleRef: ModuleRef) {
    // Resolved at the first scrape: the queues are async providers, not yet built when this one is.
    let resolved: Array<{ name: QueueName; queue: Queue }> | null = null;
    const queues = () => (resolved ??= Object.values(QueueName).map((name) => ({ name, queue: moduleRef.get<Queue>(getQueueToken(name), { strict: false }) })));
    const errors = new Counter({ name: 'hub_queue_depth_read_errors_total', help: 'Scrapes whose queue depth could not be read from Redis', registers: [registry] });
    new Gauge({
      name: 'hub_queue_jobs',
      help: 'Jobs in each queue by state, read from BullMQ at scrape time',
      labelNames: ['queue', 'state'],
      registers: [registry],
      async collect() {
        this.reset();
        try {
          const counts = await withTimeout(
            Promise.all(queues().map(async ({ name, queue }) => ({ name, counts: await queue.getJobCounts(...QUEUE_STATES) }))),
            READ_TIMEOUT_MS,
            () => new Error('timeout'),
          );
          for (const { name, counts: c } of counts) for (const state of QUEUE_STATES) this.set({ queue: name, state }, c[state] ?? 0);
        } catch {
          errors.inc();
        }
      },
    });
  }
}
