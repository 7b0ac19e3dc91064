import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import type { ConnectionOptions } from 'bullmq';
import { ConfigModule } from '../config/config.module';
import { EnvData } from '../config/env-data';
import { redisOptionsFromUrl } from '../redis/redis-connection';
import { DEFAULT_JOB_OPTIONS, QueueName, RESCORE_FLOW } from './queue.constants';
import { QueueErrorLogProvider } from './queue-error-log';
import { QueueReads } from './queue-reads';

const queues = [...Object.values(QueueName).map((name) => BullModule.registerQueue({ name })), BullModule.registerFlowProducer({ name: RESCORE_FLOW })];

/** BullMQ on the deployment's Redis, every queue under the deployment's key prefix; bounded reads of their state. */
@Module({
  imports: [
    BullModule.forRootAsync({
      imports: [ConfigModule],
      inject: [EnvData],
      useFactory: (env: EnvData) => ({
        // ioredis' options type and BullMQ's own declaration of it differ only in optional callbacks.
        connection: redisOptionsFromUrl(env.redisUrl) as ConnectionOptions,
        prefix: env.redisPrefix,
        defaultJobOptions: DEFAULT_JOB_OPTIONS,
      }),
    }),
    ...queues,
  ],
  providers: [QueueErrorLogProvider, QueueReads],
  exports: [...queues, QueueReads],
})
export class QueueModule {}
