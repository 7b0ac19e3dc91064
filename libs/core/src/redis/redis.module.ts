import { Global, Inject, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import { EnvData } from '../config/env-data';
import { OutageLog } from './outage-log';
import { redisOptionsFromUrl } from './redis-connection';
import { REDIS_CLIENT } from './redis.constants';

/** Longest any command of the shared client waits for Redis' answer. */
const REDIS_COMMAND_TIMEOUT_MS = 1000;

@Global()
@Module({
  providers: [
    {
      provide: REDIS_CLIENT,
      inject: [EnvData],
      // Readiness and the login throttle must answer quickly when Redis is gone, so this client fails commands
      // instead of queueing them while disconnected, and gives up on a connected Redis that does not answer.
      useFactory: (env: EnvData) => {
        const client = new Redis({ ...redisOptionsFromUrl(env.redisUrl), maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: false, commandTimeout: REDIS_COMMAND_TIMEOUT_MS });
        const outage = new OutageLog(new Logger('Redis'), 'redis connection');
        client.on('error', outage.error);
        client.on('ready', outage.recovered);
        return client;
      },
    },
  ],
  exports: [REDIS_CLIENT],
})
export class RedisModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS_CLIENT) private readonly redis: Redis) {}

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
