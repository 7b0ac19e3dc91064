import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { renderAgendaNotification, type Language } from '@hub/domain';
import type { EventRow } from '../events/event-access';
import { ScheduleService } from '../events/schedule.service';
import { MailTransport } from './mail-transport';

export interface AgendaNotificationResult {
  version: number | null;
  sent: number;
  skipped: number;
  alreadyDelivered: number;
}

/**
 * Tells every participant's members that the event's schedule is published, with their organisation's meetings,
 * in their language — each user once per published version (a delivery row is claimed and the mail sent in one
 * transaction, as for meeting-request mails).
 */
@Injectable()
export class AgendaNotificationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly mail: MailTransport,
  ) {}

  async notifyPublished(eventId: string): Promise<AgendaNotificationResult> {
    const result: AgendaNotificationResult = { version: null, sent: 0, skipped: 0, alreadyDelivered: 0 };
    const [event]: EventRow[] = await this.dataSource.query(`SELECT * FROM events WHERE id = $1`, [eventId]);
    if (!event || event.published_version === null) return result;
    result.version = event.published_version;
    const [version] = await this.dataSource.query(`SELECT id FROM schedule_versions WHERE event_id = $1 AND version = $2`, [eventId, event.published_version]);
    const meetings = await ScheduleService.meetingsOf(this.dataSource.manager, event, version.id);
    const recipients: Array<{ user_id: string; email: string; language: Language; organisation_id: string; organisation_name: string }> = await this.dataSource.query(
      `SELECT u.id AS user_id, u.email, u.language, p.organisation_id, coalesce(c.name, f.name, r.name) AS organisation_name
         FROM event_participants p
         JOIN memberships ms ON ms.organisation_id = p.organisation_id
         JOIN users u ON u.id = ms.user_id
         LEFT JOIN companies c ON c.id = p.organisation_id LEFT JOIN funds f ON f.id = p.organisation_id LEFT JOIN research_centres r ON r.id = p.organisation_id
        WHERE p.event_id = $1 ORDER BY u.id`,
      [eventId],
    );
    for (const recipient of recipients) {
      const own = meetings.filter((m) => m.participants.some((p) => p.organisationId === recipient.organisation_id));
      const messageId = `<${eventId}.agenda.${event.published_version}.${recipient.user_id}@${this.mail.domain}>`;
      const status = this.mail.enabled ? 'sent' : 'skipped';
      const outcome = await this.dataSource.transaction(async (manager) => {
        const claimed = await manager.query(
          `INSERT INTO agenda_deliveries (event_id, version, user_id, organisation_id, email, language, status, message_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
           ON CONFLICT ON CONSTRAINT uq_agenda_deliveries_recipient DO NOTHING RETURNING id`,
          [eventId, event.published_version, recipient.user_id, recipient.organisation_id, recipient.email, recipient.language, status, messageId],
        );
        if (claimed.length === 0) return 'already';
        if (status === 'skipped') return 'skipped';
        const rendered = renderAgendaNotification({
          language: recipient.language,
          eventName: event.name,
          timeZone: event.time_zone,
          organisationName: recipient.organisation_name,
          version: event.published_version as number,
          icsPath: `/api/v1/events/${eventId}/agenda/${recipient.organisation_id}.ics`,
          meetings: own.map((m) => ({
            start: new Date(m.start),
            end: new Date(m.end),
            place: m.roomLink ?? `${recipient.language === 'it' ? 'Tavolo' : 'Table'} ${m.table}`,
            counterparts: m.participants.filter((p) => p.organisationId !== recipient.organisation_id).map((p) => p.name),
          })),
        });
        await this.mail.send({ to: recipient.email, messageId, language: recipient.language, ...rendered });
        return 'sent';
      });
      if (outcome === 'sent') result.sent += 1;
      else if (outcome === 'skipped') result.skipped += 1;
      else result.alreadyDelivered += 1;
    }
    return result;
  }
}
