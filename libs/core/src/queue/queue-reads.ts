import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { AppError, ErrorCode } from '@hub/domain';
import { withTimeout } from '../common/with-timeout';
import { REDIS_CLIENT } from '../redis/redis.constants';

/**
 * Longest a request waits on Redis for queue state. BullMQ's connections wait for Redis to come back rather than
 * fail (workers need that), so without a deadline a request would hang for as long as Redis is down.
 */
export const QUEUE_READ_TIMEOUT_MS = 5000;

/** The 503 a request for queue state gets while Redis is down, naming it. */
export function queuesUnavailable(what: string, why: string): AppError {
  return new AppError(ErrorCode.ServiceUnavailable, `${what} is unavailable: redis ${why}`);
}

/**
 * Reads of queue state (BullMQ, in Redis) on behalf of a request: refused at once when the shared Redis client
 * knows Redis is unreachable, and given up after QUEUE_READ_TIMEOUT_MS otherwise, both as a 503 naming Redis.
 */
@Injectable()
export class QueueReads {
  constructor(@Inject(REDIS_CLIENT) private readonly redis: Redis) {}

  /** Whether Redis answered the shared client's last connection attempt. */
  get reachable(): boolean {
    return this.redis.status === 'ready';
  }

  read<T>(what: string, read: () => Promise<T>): Promise<T> {
    if (!this.reachable) return Promise.reject(queuesUnavailable(what, 'is not reachable'));
    return withTimeout(read(), QUEUE_READ_TIMEOUT_MS, () => queuesUnavailable(what, `did not answer within ${QUEUE_READ_TIMEOUT_MS} ms`));
  }
}
