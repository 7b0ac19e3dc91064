import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import { EnvData } from '../config/env-data';

/** One e-mail as the notifications build it. */
export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Including the angle brackets: `<id@domain>`. */
  messageId: string;
  language: 'it' | 'en';
}

/** SMTP timeouts: a delivery holds a database transaction open while the server answers, so it must not hang. */
const CONNECTION_TIMEOUT_MS = 10_000;
const GREETING_TIMEOUT_MS = 10_000;
const SOCKET_TIMEOUT_MS = 30_000;

/**
 * Sends mail through the SMTP server of `SMTP_URL` (nodemailer, one connection per message, so a server that was
 * down is simply tried again on the next attempt). Without `SMTP_URL` mail is disabled: the worker says so once at
 * boot, and callers record their deliveries as skipped.
 */
@Injectable()
export class MailTransport implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MailTransport.name);
  private readonly transporter: Transporter | null;
  readonly from: string;
  /** The domain of the From address, which also names every Message-ID. */
  readonly domain: string;

  constructor(env: EnvData) {
    const { smtpUrl, mailFrom } = env.notifications;
    this.from = mailFrom;
    this.domain = /@([^>\s]+)>?\s*$/.exec(mailFrom)?.[1] ?? 'hubmatch.local';
    this.transporter = smtpUrl
      ? createTransport({ url: smtpUrl, connectionTimeout: CONNECTION_TIMEOUT_MS, greetingTimeout: GREETING_TIMEOUT_MS, socketTimeout: SOCKET_TIMEOUT_MS })
      : null;
  }

  get enabled(): boolean {
    return this.transporter !== null;
  }

  onApplicationBootstrap(): void {
    // The URL itself may hold credentials: never logged.
    if (!this.enabled) this.logger.warn('SMTP_URL is not set: e-mail notifications are disabled and recorded as skipped');
  }

  onApplicationShutdown(): void {
    this.transporter?.close();
  }

  /** Resolves once the server accepted the message; any SMTP or network failure rejects (the job is retried). */
  async send(mail: OutgoingMail): Promise<void> {
    if (!this.transporter) throw new Error('mail is disabled (no SMTP_URL)');
    await this.transporter.sendMail({
      from: this.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      messageId: mail.messageId,
      headers: {
        'Content-Language': mail.language,
        // RFC 3834: an automatic message, so auto-responders do not answer it.
        'Auto-Submitted': 'auto-generated',
      },
    });
  }
}
