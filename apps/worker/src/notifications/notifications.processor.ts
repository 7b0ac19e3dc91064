import { Processor } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { AppError } from '@hub/domain';
import { AgendaNotificationsService, JobName, NOTIFICATION_OF_TOPIC, NotificationsService, QueueName, type NotificationResult } from '@hub/core';
import { JobHandler, JobProcessor } from '../jobs/job-processor';

/** From the outbox, one job per event row (`event` route): the row, its topic and the request it is about. */
export interface SendNotificationJobData {
  outboxId: string;
  topic: string;
  type: 'meeting_request';
  id: string;
}

/** From the outbox, delayed until the reminder is due: the request to remind its receiver of. */
export interface SendExpiryReminderJobData {
  type: 'meeting_request';
  id: string;
}

/** From the outbox, one job per publication (`event` route): the event whose schedule was published. */
export interface SendAgendasJobData {
  outboxId: string;
  topic: string;
  type: 'event';
  id: string;
}

/**
 * Notification e-mails. An SMTP failure fails the attempt, and the queue's exponential backoff tries again, so a
 * mail server that is down for a while delays the mail rather than losing it; recipients already mailed by an
 * earlier attempt are not mailed again.
 */
@Processor(QueueName.Mail, { concurrency: 4 })
export class NotificationsProcessor extends JobProcessor {
  readonly handlers: Partial<Record<JobName, JobHandler>> = {
    [JobName.SendNotification]: (job: Job<SendNotificationJobData>) => this.send(job.data),
    [JobName.SendExpiryReminder]: (job: Job<SendExpiryReminderJobData>) => this.notifications.notify(job.data.id, 'expiring_soon'),
    [JobName.SendAgendas]: (job: Job<SendAgendasJobData>) => this.agendas.notifyPublished(job.data.id),
  };

  constructor(
    private readonly notifications: NotificationsService,
    private readonly agendas: AgendaNotificationsService,
  ) {
    super();
  }

  private send(data: SendNotificationJobData): Promise<NotificationResult> {
    const kind = NOTIFICATION_OF_TOPIC[data.topic];
    // A route sends here a topic that mails nobody: a wiring mistake no retry mends (failed at once, kept for staff).
    if (!kind) throw AppError.validation([{ field: 'topic', rule: 'isIn', message: `topic ${data.topic} sends no notification` }]);
    return this.notifications.notify(data.id, kind);
  }
}
