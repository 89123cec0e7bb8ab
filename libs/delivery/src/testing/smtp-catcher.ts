import { SMTPServer } from 'smtp-server';

export interface CaughtMail {
  from: string;
  to: string[];
  subject: string;
  messageId: string | null;
  text: string;
  raw: string;
}

/**
 * A real SMTP server that keeps what it receives: for tests, and for `npm run mail:catch`.
 * `delayMs` holds each message before accepting it (fault tests kill a worker meanwhile).
 */
export async function startSmtpCatcher(opts: { port?: number; host?: string; delayMs?: number; onMessage?: (m: CaughtMail) => void } = {}) {
  const messages: CaughtMail[] = [];
  // A message counts as delivered only if the client is still there to hear "250 OK" (SMTP semantics).
  const closed = new Set<string>();
  const server = new SMTPServer({
    onClose(session) {
      closed.add(session.id);
    },
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const accept = () => {
          if (closed.has(session.id)) return callback(new Error('client went away'));
          const mail = parse(raw, session.envelope);
          messages.push(mail);
          opts.onMessage?.(mail);
          callback();
        };
        if (opts.delayMs) setTimeout(accept, opts.delayMs);
        else accept();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as { port: number }).port;
  return { port, messages, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

type Envelope = { mailFrom: false | { address: string }; rcptTo: { address: string }[] };

function parse(raw: string, envelope: Envelope): CaughtMail {
  const headerEnd = raw.indexOf('\r\n\r\n');
  const headers = unfold(raw.slice(0, headerEnd));
  const header = (name: string) => headers.find((h) => h.toLowerCase().startsWith(`${name.toLowerCase()}:`))?.slice(name.length + 1).trim() ?? null;
  return {
    from: envelope.mailFrom ? envelope.mailFrom.address : '',
    to: envelope.rcptTo.map((r) => r.address),
    subject: decodeWords(header('Subject') ?? ''),
    messageId: header('Message-ID'),
    text: textPart(raw),
    raw,
  };
}

function unfold(block: string): string[] {
  return block.replace(/\r\n[ \t]+/g, ' ').split('\r\n');
}

/** RFC 2047 encoded words (nodemailer encodes non-ASCII subjects). */
function decodeWords(s: string): string {
  return s.replace(/=\?utf-8\?([bq])\?([^?]*)\?=\s*/gi, (_, enc: string, data: string) =>
    enc.toLowerCase() === 'b'
      ? Buffer.from(data, 'base64').toString('utf8')
      : Buffer.from(data.replace(/_/g, ' ').replace(/=([0-9a-f]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8'),
  );
}

/** The text/plain part, decoded from quoted-printable or base64. */
function textPart(raw: string): string {
  const match = /Content-Type: text\/plain[^\r\n]*\r\n(?:[^\r\n]+\r\n)*?(?:Content-Transfer-Encoding: ([^\r\n]+)\r\n)?(?:[^\r\n]+\r\n)*\r\n([\s\S]*?)(?:\r\n--|$)/i.exec(raw);
  if (!match) return '';
  const [, encoding = '7bit', body] = match;
  if (/base64/i.test(encoding)) return Buffer.from(body.replace(/\s/g, ''), 'base64').toString('utf8');
  if (/quoted-printable/i.test(encoding)) {
    return Buffer.from(body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8');
  }
  return body;
}
