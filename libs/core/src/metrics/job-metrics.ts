import { Injectable } from '@nestjs/common';
import { Counter, Histogram, Registry } from 'prom-client';
import { JobName } from '../queue/queue.constants';

const JOB_NAMES = new Set<string>(Object.values(JobName));

/** Job duration and outcomes per queue and job name, recorded by the worker's processors (each attempt counts). */
@Injectable()
export class JobMetrics {
  readonly duration: Histogram<'queue' | 'job' | 'status'>;
  readonly completed: Counter<'queue' | 'job'>;
  readonly failed: Counter<'queue' | 'job'>;

  constructor(registry: Registry) {
    this.duration = new Histogram({
      name: 'hub_job_duration_seconds',
      help: 'Duration of job attempts, by queue, job name and outcome',
      labelNames: ['queue', 'job', 'status'],
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
      registers: [registry],
    });
    this.completed = new Counter({ name: 'hub_jobs_completed_total', help: 'Job attempts that completed', labelNames: ['queue', 'job'], registers: [registry] });
    this.failed = new Counter({
      name: 'hub_jobs_failed_total',
      help: 'Job attempts that failed (a job retried three times counts three)',
      labelNames: ['queue', 'job'],
      registers: [registry],
    });
  }

  /** Starts timing one attempt; call the returned function with its outcome. */
  start(job: { queueName: string; name: string }): (outcome: 'completed' | 'failed') => void {
    const labels = { queue: job.queueName, job: JOB_NAMES.has(job.name) ? job.name : 'unknown' };
    const end = this.duration.startTimer(labels);
    return (outcome) => {
      end({ status: outcome });
      (outcome === 'completed' ? this.completed : this.failed).inc(labels);
    };
  }
}
