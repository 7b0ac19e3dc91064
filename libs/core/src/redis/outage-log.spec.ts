import type { Logger } from '@nestjs/common';
import { OutageLog } from './outage-log';

/** A logger that keeps its lines, to count what an outage writes. */
function recordingLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const logger = { warn: (m: string) => lines.push(`warn ${m}`), log: (m: string) => lines.push(`log ${m}`) } as unknown as Logger;
  return { logger, lines };
}

describe('OutageLog', () => {
  it('logs an outage once however many reconnection attempts fail, and its end once', () => {
    const { logger, lines } = recordingLogger();
    const outage = new OutageLog(logger, 'redis connection');
    outage.recovered(); // the first connection: nothing to report
    for (let i = 0; i < 20; i++) outage.error(new Error('connect ECONNREFUSED 127.0.0.1:6379'));
    outage.recovered();
    outage.recovered();
    expect(lines).toEqual(['warn redis connection lost, reconnecting: connect ECONNREFUSED 127.0.0.1:6379', 'log redis connection back']);
  });

  it('logs the next outage again after a recovery', () => {
    const { logger, lines } = recordingLogger();
    const outage = new OutageLog(logger, 'queue connection');
    outage.error(new Error('first'));
    outage.recovered();
    outage.error(new Error('second'));
    outage.error(new Error('second again'));
    expect(lines).toEqual(['warn queue connection lost, reconnecting: first', 'log queue connection back', 'warn queue connection lost, reconnecting: second']);
  });
});
