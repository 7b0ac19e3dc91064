import { Module } from '@nestjs/common';
import { MailTransport } from './mail-transport';
import { NotificationsService } from './notifications.service';

/** E-mail notifications, sent by the worker only (the api merely writes their outbox events). */
@Module({
  providers: [MailTransport, NotificationsService],
  exports: [MailTransport, NotificationsService],
})
export class NotificationsModule {}
