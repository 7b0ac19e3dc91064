import { getQueueToken } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { QueueName } from '../queue/queue.constants';
import { QueueReads } from '../queue/queue-reads';

export interface QueueHealth {
  name: QueueName;
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
  completed: number;
}

export interface RecentFailure {
  queue: QueueName;
  job: string;
  id: string | undefined;
  reason: string;
  attempts: number;
  at: string | null;
}

export interface AdminOverview {
  organisations: { company: number; fund: number; research_centre: number };
  technologyOffers: number;
  matches: number;
  meetingRequests: { pending: number; accepted: number };
  events: number;
  /** Outbox rows not yet moved into the queues: more than a few for long means the worker's relay is down. */
  outboxBacklog: number;
  queues: QueueHealth[];
  /** The latest failed jobs over all queues, newest first. */
  recentFailures: RecentFailure[];
}

const FAILURES_PER_QUEUE = 10;
const FAILURES_SHOWN = 20;

/** Staff's dashboard: what the platform holds, and how its queues are doing (a 503 naming Redis while it is down). */
@Injectable()
export class AdminOverviewService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly moduleRef: ModuleRef,
    private readonly reads: QueueReads,
  ) {}

  async overview(): Promise<AdminOverview> {
    const [[counts], organisations] = await Promise.all([
      this.dataSource.query(
        `SELECT (SELECT count(*) FROM technology_offers)::int AS offers, (SELECT count(*) FROM matches)::int AS matches,
                (SELECT count(*) FROM meeting_requests WHERE status = 'pending' AND expires_at > now())::int AS pending,
                (SELECT count(*) FROM meeting_requests WHERE status = 'accepted')::int AS accepted,
                (SELECT count(*) FROM events)::int AS events, (SELECT count(*) FROM outbox_events)::int AS outbox`,
      ),
      this.dataSource.query(`SELECT type, count(*)::int AS n FROM organisations GROUP BY type`) as Promise<Array<{ type: keyof AdminOverview['organisations']; n: number }>>,
    ]);
    const { queues, failures } = await this.reads.read('queue health', () => this.queueHealth());
    const byType = { company: 0, fund: 0, research_centre: 0 };
    for (const o of organisations) byType[o.type] = o.n;
    return {
      organisations: byType,
      technologyOffers: counts.offers,
      matches: counts.matches,
      meetingRequests: { pending: counts.pending, accepted: counts.accepted },
      events: counts.events,
      outboxBacklog: counts.outbox,
      queues,
      recentFailures: failures,
    };
  }

  private async queueHealth(): Promise<{ queues: QueueHealth[]; failures: RecentFailure[] }> {
    const queues: QueueHealth[] = [];
    const failures: RecentFailure[] = [];
    for (const name of Object.values(QueueName)) {
      const queue = this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
      const c = await queue.getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed');
      queues.push({ name, waiting: c.waiting ?? 0, active: c.active ?? 0, delayed: c.delayed ?? 0, failed: c.failed ?? 0, completed: c.completed ?? 0 });
      for (const job of await queue.getFailed(0, FAILURES_PER_QUEUE - 1)) {
        failures.push({ queue: name, job: job.name, id: job.id, reason: job.failedReason ?? '', attempts: job.attemptsMade, at: job.finishedOn ? new Date(job.finishedOn).toISOString() : null });
      }
    }
    failures.sort((a, b) => (b.at ?? '').localeCompare(a.at ?? ''));
    return { queues, failures: failures.slice(0, FAILURES_SHOWN) };
  }
}
