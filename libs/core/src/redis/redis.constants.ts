/** Injection token of the shared ioredis client used for readiness checks and rate limiting. */
export const REDIS_CLIENT = Symbol('REDIS_CLIENT');
