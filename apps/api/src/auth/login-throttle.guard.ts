import { Inject, Injectable, Logger, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import type { Redis } from 'ioredis';
import { AppError, ErrorCode } from '@hub/domain';
import { EnvData, REDIS_CLIENT, type Principal } from '@hub/core';

/**
 * Password attempts (logins, and password changes, which check the current password) are counted per client
 * address and per account in Redis (fixed window), so the limit holds across api processes. The account is the
 * body's e-mail, or the caller's when authenticated. If Redis is unreachable, attempts are let through: locking
 * everyone out would be worse.
 */
@Injectable()
export class LoginThrottleGuard implements CanActivate {
  private readonly logger = new Logger(LoginThrottleGuard.name);

  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: Redis,
    private readonly env: EnvData,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request & { principal?: Principal }>();
    const response = context.switchToHttp().getResponse<Response>();
    const { limit, windowSeconds } = this.env.loginRateLimit;
    const email = typeof request.body?.email === 'string' ? request.body.email.trim().toLowerCase() : '';
    const account = request.principal?.userId ?? email;
    const prefix = this.env.redisPrefix;
    const keys = [`${prefix}:login:ip:${request.ip ?? 'unknown'}`];
    if (account) keys.push(`${prefix}:login:account:${createHash('sha256').update(account).digest('hex').slice(0, 32)}`);
    let counts: number[];
    try {
      const pipeline = this.redis.multi();
      for (const key of keys) pipeline.incr(key).expire(key, windowSeconds, 'NX');
      const replies = (await pipeline.exec()) ?? [];
      counts = keys.map((_, i) => Number(replies[i * 2]?.[1] ?? 0));
    } catch (error) {
      this.logger.warn(`login throttle skipped, redis unavailable: ${(error as Error).message}`);
      return true;
    }
    const worst = Math.max(...counts);
    response.setHeader('RateLimit-Limit', String(limit));
    response.setHeader('RateLimit-Remaining', String(Math.max(0, limit - worst)));
    if (worst > limit) {
      response.setHeader('Retry-After', String(windowSeconds));
      throw new AppError(ErrorCode.RateLimited, `too many login attempts; try again in ${windowSeconds} seconds`);
    }
    return true;
  }
}
