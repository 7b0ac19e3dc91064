import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  effectiveStatus,
  NOTIFICATION_RECIPIENTS,
  renderMeetingNotification,
  type Language,
  type MatchArea,
  type MeetingRequestStatus,
  type NotificationKind,
  type RequestSide,
} from '@hub/domain';
import { MailTransport } from './mail-transport';

/** The outbox topics that e-mail someone, and what they send. */
export const NOTIFICATION_OF_TOPIC: Readonly<Record<string, NotificationKind>> = {
  'meeting_request.created': 'new_request',
  'meeting_request.accepted': 'accepted',
  'meeting_request.declined': 'declined',
  'meeting_request.expired': 'expired',
};

/** What one notification job did, kept with the completed job for the queue dashboard. */
export interface NotificationResult {
  kind: NotificationKind;
  /** Mailed now. */
  sent: number;
  /** Recorded without mail, because mail is disabled. */
  skipped: number;
  /** Delivered by an earlier run of the job (a re-delivery, or a retry after a later recipient failed). */
  alreadyDelivered: number;
  /** Why nothing was attempted: the request is gone, or (for a reminder) no longer waits for an answer. */
  stale?: 'request_gone' | 'not_pending';
}

interface RequestFacts {
  id: string;
  area: MatchArea;
  status: MeetingRequestStatus;
  from_organisation_id: string;
  to_organisation_id: string;
  from_name: string;
  to_name: string;
  score: number | null;
  message: string | null;
  expires_at: Date;
}

interface Recipient {
  user_id: string;
  email: string;
  language: Language;
  organisation_id: string;
}

const NAME_OF = (column: string) =>
  `(SELECT coalesce(c.name, f.name, r.name) FROM organisations o
      LEFT JOIN companies c ON c.id = o.id LEFT JOIN funds f ON f.id = o.id LEFT JOIN research_centres r ON r.id = o.id
     WHERE o.id = ${column})`;

/**
 * E-mails the parties of a meeting request about one event of its life. Re-reads the request (a job may run long
 * after the event), finds the members of the organisation(s) to tell, and mails each in their language — each
 * (request, kind, user) at most once, whatever the number of times the job runs.
 */
@Injectable()
export class NotificationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly mail: MailTransport,
  ) {}

  async notify(requestId: string, kind: NotificationKind): Promise<NotificationResult> {
    const result: NotificationResult = { kind, sent: 0, skipped: 0, alreadyDelivered: 0 };
    const [request]: RequestFacts[] = await this.dataSource.query(
      `SELECT m.id, m.area, m.status, m.from_organisation_id, m.to_organisation_id, m.score, m.message, m.expires_at,
              ${NAME_OF('m.from_organisation_id')} AS from_name, ${NAME_OF('m.to_organisation_id')} AS to_name
         FROM meeting_requests m WHERE m.id = $1`,
      [requestId],
    );
    // Deleted with its organisation since: there is nobody left to tell about it.
    if (!request) return { ...result, stale: 'request_gone' };
    if (kind === 'expiring_soon' && effectiveStatus(request.status, new Date(request.expires_at), new Date()) !== 'pending') return { ...result, stale: 'not_pending' };

    const sides = NOTIFICATION_RECIPIENTS[kind];
    const organisationOf = (side: RequestSide) => (side === 'sender' ? request.from_organisation_id : request.to_organisation_id);
    const recipients: Recipient[] = await this.dataSource.query(
      `SELECT u.id AS user_id, u.email, u.language, ms.organisation_id FROM memberships ms JOIN users u ON u.id = ms.user_id
        WHERE ms.organisation_id = ANY($1::uuid[]) ORDER BY u.id`,
      [sides.map(organisationOf)],
    );
    for (const recipient of recipients) {
      const side: RequestSide = recipient.organisation_id === request.from_organisation_id ? 'sender' : 'receiver';
      const outcome = await this.deliver(request, kind, side, recipient);
      if (outcome === 'sent') result.sent += 1;
      else if (outcome === 'skipped') result.skipped += 1;
      else result.alreadyDelivered += 1;
    }
    return result;
  }

  /**
   * One recipient, once: the delivery row is claimed and the mail sent in one transaction. A copy of the job
   * running at the same moment waits on the claim's unique key and then finds it taken; a failed send rolls the
   * claim back, so the retry mails again. (A crash after the server accepted the mail but before the commit sends
   * it twice, with the same Message-ID, which mail clients fold together.)
   */
  private deliver(request: RequestFacts, kind: NotificationKind, side: RequestSide, recipient: Recipient): Promise<'sent' | 'skipped' | 'already'> {
    const messageId = `<${request.id}.${kind}.${recipient.user_id}@${this.mail.domain}>`;
    const status = this.mail.enabled ? 'sent' : 'skipped';
    return this.dataSource.transaction(async (manager) => {
      const claimed: Array<{ id: string }> = await manager.query(
        `INSERT INTO notification_deliveries (meeting_request_id, kind, user_id, email, language, status, message_id) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT ON CONSTRAINT uq_notification_deliveries_recipient DO NOTHING RETURNING id`,
        [request.id, kind, recipient.user_id, recipient.email, recipient.language, status, messageId],
      );
      if (claimed.length === 0) return 'already';
      if (status === 'skipped') return 'skipped';
      const rendered = renderMeetingNotification({
        kind,
        language: recipient.language,
        side,
        counterpartName: side === 'sender' ? request.to_name : request.from_name,
        area: request.area,
        requestId: request.id,
        expiresAt: new Date(request.expires_at),
        score: request.score,
        message: request.message,
      });
      await this.mail.send({ to: recipient.email, messageId, language: recipient.language, ...rendered });
      return 'sent';
    });
  }
}
