import { Module } from '@nestjs/common';
import { AgendaNotificationsService } from './agenda-notifications.service';
import { MailTransport } from './mail-transport';
import { NotificationsService } from './notifications.service';

/** E-mail notifications, sent by the worker only (the api merely writes their outbox events). */
@Module({
  providers: [MailTransport, NotificationsService, AgendaNotificationsService],
  exports: [MailTransport, NotificationsService, AgendaNotificationsService],
})
export class NotificationsModule {}
