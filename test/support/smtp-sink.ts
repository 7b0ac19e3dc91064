import { SMTPServer } from 'smtp-server';
import { freePort } from './free-port';

/** One message as the SMTP server received it, decoded enough to assert on. */
export interface ReceivedMail {
  /** Envelope: MAIL FROM and RCPT TO. */
  envelopeFrom: string | null;
  envelopeTo: string[];
  /** Header names in lower case, values unfolded and with encoded words decoded. */
  headers: Map<string, string>;
  subject: string;
  messageId: string;
  /** The text/plain and text/html parts, transfer encoding undone. */
  text: string;
  html: string;
  raw: string;
}

/**
 * A real SMTP server in the test process (the `smtp-server` package): nodemailer talks to it as to any mail server,
 * and the test reads what arrived. No TLS and no authentication, like a development mail catcher.
 */
export class SmtpSink {
  readonly messages: ReceivedMail[] = [];

  private constructor(
    private readonly server: SMTPServer,
    readonly port: number,
  ) {}

  /** Listens on `port` (a free one if not given), on the loopback interface. */
  static async start(port?: number): Promise<SmtpSink> {
    const chosen = port ?? (await freePort());
    let sink: SmtpSink | undefined;
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('error', callback);
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          const from = session.envelope.mailFrom;
          sink?.messages.push({ ...parseMessage(raw), envelopeFrom: from ? from.address : null, envelopeTo: session.envelope.rcptTo.map((r) => r.address), raw });
          callback();
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(chosen, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    // Client errors (a connection dropped mid-way) must not crash the test process.
    server.on('error', () => undefined);
    sink = new SmtpSink(server, chosen);
    return sink;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** The messages whose envelope went to this address. */
  to(address: string): ReceivedMail[] {
    return this.messages.filter((m) => m.envelopeTo.includes(address));
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

function parseMessage(raw: string): Omit<ReceivedMail, 'envelopeFrom' | 'envelopeTo' | 'raw'> {
  const { headers, body } = splitEntity(raw);
  const parts = leafParts(headers, body);
  const partOf = (type: string) => parts.find((p) => (p.headers.get('content-type') ?? 'text/plain').toLowerCase().startsWith(type));
  const text = partOf('text/plain');
  const html = partOf('text/html');
  return {
    headers,
    subject: headers.get('subject') ?? '',
    messageId: headers.get('message-id') ?? '',
    text: text ? decodeBody(text.headers, text.body) : '',
    html: html ? decodeBody(html.headers, html.body) : '',
  };
}

/** Headers (unfolded, encoded words decoded) and body of a message or MIME part. */
function splitEntity(raw: string): { headers: Map<string, string>; body: string } {
  const normalised = raw.replace(/\r\n/g, '\n');
  const end = normalised.indexOf('\n\n');
  const head = end === -1 ? normalised : normalised.slice(0, end);
  const body = end === -1 ? '' : normalised.slice(end + 2);
  const headers = new Map<string, string>();
  for (const line of head.replace(/\n[ \t]+/g, ' ').split('\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), decodeWords(line.slice(colon + 1).trim()));
  }
  return { headers, body };
}

/** The non-multipart parts of an entity, depth first. */
function leafParts(headers: Map<string, string>, body: string): Array<{ headers: Map<string, string>; body: string }> {
  const type = headers.get('content-type') ?? '';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (!/^multipart\//i.test(type) || !boundary) return [{ headers, body }];
  const sections = body.split(`--${boundary}`).slice(1);
  return sections
    .filter((section) => !section.startsWith('--'))
    .flatMap((section) => {
      const part = splitEntity(section.replace(/^\n/, '').replace(/\n$/, ''));
      return leafParts(part.headers, part.body);
    });
}

function decodeBody(headers: Map<string, string>, body: string): string {
  const encoding = (headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable') return decodeQuotedPrintable(body);
  return body;
}

function decodeQuotedPrintable(body: string): string {
  const bytes: number[] = [];
  const soft = body.replace(/=\n/g, '');
  for (let i = 0; i < soft.length; i++) {
    const hex = soft.slice(i + 1, i + 3);
    if (soft[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(soft[i], 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** RFC 2047 encoded words (`=?UTF-8?Q?...?=`, `=?UTF-8?B?...?=`); the space between two of them is dropped. */
function decodeWords(value: string): string {
  return value.replace(/\?=\s+=\?/g, '?==?').replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_, _charset: string, encoding: string, text: string) => {
    if (encoding.toUpperCase() === 'B') return Buffer.from(text, 'base64').toString('utf8');
    return decodeQuotedPrintable(text.replace(/_/g, ' '));
  });
}
