import { getQueueToken } from '@nestjs/bullmq';
import { Logger, type Provider } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { OutageLog } from '../redis/outage-log';
import { QueueName } from './queue.constants';

/**
 * Listens to every queue's connection errors, logging an outage once for all of them (they share one Redis). In
 * the api, which never processes jobs, nothing else listens to them. A factory of the queues, so it listens from
 * as soon as they exist.
 */
export class QueueErrorLog {
  constructor(queues: Queue[]) {
    const outage = new OutageLog(new Logger('Queues'), 'queue connection to redis');
    for (const queue of queues) queue.on('error', outage.error);
  }
}

export const QueueErrorLogProvider: Provider = {
  provide: QueueErrorLog,
  inject: Object.values(QueueName).map((name) => getQueueToken(name)),
  useFactory: (...queues: Queue[]) => new QueueErrorLog(queues),
};
