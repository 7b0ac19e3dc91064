import type { Logger } from '@nestjs/common';

/** Connection errors less than this apart belong to one outage (ioredis retries every 2 s at most). */
const OUTAGE_GAP_MS = 60_000;

/**
 * Logs a lost connection once per outage rather than once per reconnection attempt. Every Redis client needs an
 * `error` listener: without one, ioredis and BullMQ print each failed attempt to stderr, past the logger, every
 * 2 s for as long as Redis is down.
 */
export class OutageLog {
  private lastError = Number.NEGATIVE_INFINITY;
  private down = false;

  constructor(
    private readonly logger: Logger,
    private readonly what: string,
  ) {}

  readonly error = (error: Error): void => {
    const now = Date.now();
    if (!this.down || now - this.lastError > OUTAGE_GAP_MS) this.logger.warn(`${this.what} lost, reconnecting: ${error.message}`);
    this.lastError = now;
    this.down = true;
  };

  /** The connection works again (a client's `ready`): the outage is over, and the next error starts a new one. */
  readonly recovered = (): void => {
    if (this.down) this.logger.log(`${this.what} back`);
    this.down = false;
  };
}
