import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { EnvData } from '../config/env-data';

/** Days an ended login session (logged out, revoked or expired) is kept, for investigating a suspicious login. */
export const ENDED_SESSION_RETENTION_DAYS = 30;

export interface RetentionPurgeResult {
  /** Declined, withdrawn and expired meeting requests deleted (their notification records went with them). */
  meetingRequests: number;
  /** Ended login sessions deleted. */
  sessions: number;
  /** Requests closed before this instant were purged. */
  requestCutoff: string;
}

/**
 * Storage limitation (GDPR art. 5(1)(e)): a meeting request that came to nothing — declined, withdrawn, or expired
 * unanswered — is deleted `REQUEST_RETENTION_DAYS` after it closed, with its message and its mail records.
 * Accepted requests stay: they are meetings, with agendas and outcomes. The audit log keeps that the decision
 * happened (no personal data in its rows). Run by the worker on a schedule; idempotent, so a re-run is harmless.
 */
@Injectable()
export class RetentionService {
  private readonly logger = new Logger(RetentionService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly env: EnvData,
  ) {}

  async purge(): Promise<RetentionPurgeResult> {
    const days = this.env.retention.closedRequestDays;
    const result = await this.dataSource.transaction(async (manager) => {
      const [cutoffRow]: Array<{ cutoff: Date }> = await manager.query(`SELECT now() - make_interval(days => $1) AS cutoff`, [days]);
      const cutoff = cutoffRow.cutoff;
      // A pending request past its deadline is expired even if its expiry job has not run yet (see the listing).
      const [, meetingRequests]: [unknown, number] = await manager.query(
        `DELETE FROM meeting_requests
          WHERE (status IN ('declined', 'withdrawn', 'expired') AND decided_at < $1)
             OR (status = 'pending' AND expires_at < $1)`,
        [cutoff],
      );
      const [, sessions]: [unknown, number] = await manager.query(
        `DELETE FROM auth_sessions WHERE coalesce(revoked_at, expires_at) < now() - make_interval(days => $1)`,
        [ENDED_SESSION_RETENTION_DAYS],
      );
      return { meetingRequests, sessions, requestCutoff: new Date(cutoff).toISOString() };
    });
    if (result.meetingRequests || result.sessions) {
      this.logger.log(`retention purge: ${result.meetingRequests} closed meeting requests, ${result.sessions} ended sessions`);
    }
    return result;
  }
}
