import { SMTPServer } from 'smtp-server';
import { freePort } from './free-port';

/** One message whose DATA reached the server, and what became of it. */
export interface HeldMail {
  envelopeTo: string[];
  messageId: string;
  /** `accepted`: the server answered 250 on a live connection (the message is delivered); `aborted`: the client was gone first. */
  outcome: 'accepted' | 'aborted' | 'held';
}

/**
 * An SMTP server that can hold its answer to DATA: the first `acceptFirst` messages are answered 250 at once, later
 * ones are held (no answer) until `release()`. A held message whose connection closed meanwhile (its client was
 * killed) is not delivered, as a real server treats a transaction it never acknowledged; a message counts as
 * delivered only once answered 250 on a connection still open. So a test can kill the sender mid-send.
 */
export class HoldingSmtpSink {
  readonly mails: HeldMail[] = [];
  private readonly closed = new Set<string>();
  private readonly waiting: Array<() => void> = [];
  private holding = true;
  private readonly heldListeners: Array<() => void> = [];

  private constructor(
    private readonly server: SMTPServer,
    readonly port: number,
    private readonly acceptFirst: number,
  ) {}

  static async start(acceptFirst: number): Promise<HoldingSmtpSink> {
    const port = await freePort();
    let sink: HoldingSmtpSink | undefined;
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onClose(session) {
        sink?.closed.add(session.id);
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('error', callback);
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          const messageId = /^message-id:\s*(.+)$/im.exec(raw)?.[1].trim() ?? '';
          void sink?.answer({ envelopeTo: session.envelope.rcptTo.map((r) => r.address), messageId, outcome: 'held' }, session.id, callback);
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    server.on('error', () => undefined);
    sink = new HoldingSmtpSink(server, port, acceptFirst);
    return sink;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  get held(): HeldMail[] {
    return this.mails.filter((m) => m.outcome === 'held');
  }

  get accepted(): HeldMail[] {
    return this.mails.filter((m) => m.outcome === 'accepted');
  }

  /** Resolves once a message is being held (its sender waits for the server's answer). */
  whenHolding(): Promise<void> {
    if (this.held.length > 0) return Promise.resolve();
    return new Promise((resolve) => this.heldListeners.push(resolve));
  }

  /** Answers every held message (those whose client is gone are dropped) and holds nothing from now on. */
  release(): void {
    this.holding = false;
    for (const go of this.waiting.splice(0)) go();
  }

  stop(): Promise<void> {
    this.release();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async answer(mail: HeldMail, sessionId: string, callback: (error?: Error | null) => void): Promise<void> {
    this.mails.push(mail);
    if (this.holding && this.mails.length > this.acceptFirst) {
      for (const listener of this.heldListeners.splice(0)) listener();
      await new Promise<void>((resolve) => this.waiting.push(resolve));
      // The connection's close event may still be on its way: let it arrive before judging.
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    if (this.closed.has(sessionId)) {
      mail.outcome = 'aborted';
      callback(new Error('client gone'));
      return;
    }
    mail.outcome = 'accepted';
    callback();
  }
}
