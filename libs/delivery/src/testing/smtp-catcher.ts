import { SMTPServer, type SMTPServerSession } from 'smtp-server';

export interface CaughtMail {
  /** Envelope sender (MAIL FROM); '' for the null sender. */
  from: string;
  /** Envelope recipients (RCPT TO). */
  to: string[];
  /** Decoded Subject header. */
  subject: string;
  /** The Message-ID header as sent, brackets included. */
  messageId: string | null;
  /** The decoded text/plain part (or the body of a single-part text mail); '' if none. */
  text: string;
  /** The decoded text/html part, if any. */
  html: string | null;
  /** The message as received (after SMTP dot-unstuffing). */
  raw: string;
}

export interface SmtpCatcherOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  onMessage?: (m: CaughtMail) => void;
  /** Hold each message this long before answering DATA (fault tests kill a sender meanwhile). */
  delayMs?: number;
}

export interface SmtpCatcher {
  port: number;
  /** Every accepted message, in order. */
  messages: CaughtMail[];
  close(): Promise<void>;
}

/**
 * A real SMTP server that keeps what it receives: for tests, and for `npm run mail:catch`.
 * No TLS, no auth. A held message (`delayMs`) counts as delivered only if its client is still
 * connected to hear "250 OK", as SMTP semantics say.
 */
export async function startSmtpCatcher(opts: SmtpCatcherOptions = {}): Promise<SmtpCatcher> {
  const messages: CaughtMail[] = [];
  const open = new Set<string>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    // On close, wait at most this long for clients to finish.
    closeTimeout: 1000,
    onConnect(session, callback) {
      open.add(session.id);
      callback();
    },
    onClose(session) {
      open.delete(session.id);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('error', (error) => callback(error));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const accept = () => {
          if (!open.has(session.id)) return callback(new Error('client went away'));
          let mail: CaughtMail;
          try {
            mail = parseMail(raw, session.envelope);
          } catch (error) {
            return callback(error as Error);
          }
          messages.push(mail);
          try {
            opts.onMessage?.(mail);
          } finally {
            callback();
          }
        };
        if (opts.delayMs) setTimeout(accept, opts.delayMs);
        else accept();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  // Errors after listening (a client resetting its socket) must not crash the process.
  server.on('error', () => undefined);
  const port = (server.server.address() as { port: number }).port;
  return { port, messages, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** Parses a received message simply: headers, and the first text/plain and text/html leaves of a (nested) multipart body. */
export function parseMail(raw: string, envelope: Pick<SMTPServerSession['envelope'], 'mailFrom' | 'rcptTo'>): CaughtMail {
  const top = splitEntity(raw);
  const found = { text: null as string | null, html: null as string | null };
  collectParts(top, found);
  return {
    from: envelope.mailFrom ? envelope.mailFrom.address : '',
    to: envelope.rcptTo.map((r) => r.address),
    subject: decodeWords(top.headers.get('subject') ?? ''),
    messageId: top.headers.get('message-id') ?? null,
    text: found.text ?? '',
    html: found.html,
    raw,
  };
}

interface Entity {
  headers: Map<string, string>;
  body: string;
}

function splitEntity(source: string): Entity {
  const blank = /\r?\n\r?\n/.exec(source);
  const head = blank ? source.slice(0, blank.index) : source;
  const body = blank ? source.slice(blank.index + blank[0].length) : '';
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!headers.has(name)) headers.set(name, line.slice(colon + 1).trim());
  }
  return { headers, body };
}

/** `text/plain; charset=utf-8` → { type: 'text/plain', params: { charset: 'utf-8' } } */
function contentType(entity: Entity): { type: string; params: Record<string, string> } {
  const [type = 'text/plain', ...rest] = (entity.headers.get('content-type') ?? 'text/plain').split(';');
  const params: Record<string, string> = {};
  for (const p of rest) {
    const eq = p.indexOf('=');
    if (eq > 0) params[p.slice(0, eq).trim().toLowerCase()] = p.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1');
  }
  return { type: type.trim().toLowerCase(), params };
}

function collectParts(entity: Entity, found: { text: string | null; html: string | null }, depth = 0): void {
  const { type, params } = contentType(entity);
  if (type.startsWith('multipart/') && params.boundary && depth < 10) {
    const delimiter = `(?:^|\\r?\\n)--${escapeRegExp(params.boundary)}`;
    const close = new RegExp(`${delimiter}--`).exec(entity.body);
    const inner = close ? entity.body.slice(0, close.index) : entity.body;
    // sections[0] is the preamble; the epilogue after the close delimiter is already cut off.
    const sections = inner.split(new RegExp(`${delimiter}[ \\t]*(?:\\r?\\n|$)`));
    for (const section of sections.slice(1)) collectParts(splitEntity(section), found, depth + 1);
    return;
  }
  if (/^attachment/i.test(entity.headers.get('content-disposition') ?? '')) return;
  if (type === 'text/plain' && found.text === null) found.text = decodeBody(entity, params.charset);
  else if (type === 'text/html' && found.html === null) found.html = decodeBody(entity, params.charset);
}

function decodeBody(entity: Entity, charset = 'utf-8'): string {
  const encoding = (entity.headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  if (encoding === 'base64') return decodeBytes(Buffer.from(entity.body.replace(/\s/g, ''), 'base64'), charset);
  if (encoding === 'quoted-printable') return decodeBytes(quotedPrintable(entity.body.replace(/=\r?\n/g, '')), charset);
  return decodeBytes(Buffer.from(entity.body, 'utf8'), charset);
}

function quotedPrintable(s: string): Buffer {
  // Odd indices are the =XX escapes; the rest is literal.
  return Buffer.concat(s.split(/(=[0-9a-f]{2})/i).map((piece, i) => (i % 2 ? Buffer.from([parseInt(piece.slice(1), 16)]) : Buffer.from(piece, 'utf8'))));
}

function decodeBytes(bytes: Buffer, charset: string): string {
  try {
    return new TextDecoder(charset).decode(bytes);
  } catch {
    return bytes.toString('utf8');
  }
}

const ENCODED_WORD = /=\?([^?*\s]+)(?:\*[^?\s]*)?\?([bq])\?([^?\s]*)\?=/gi;

/** RFC 2047 encoded words (nodemailer encodes non-ASCII subjects); adjacent words join without the space between. */
function decodeWords(s: string): string {
  return s
    .replace(/(\?=)\s+(?==\?)/g, '$1')
    .replace(/(?:=\?[^?\s]+\?[bq]\?[^?\s]*\?=)+/gi, (run) => {
      const words = [...run.matchAll(ENCODED_WORD)];
      const bytes = Buffer.concat(words.map(([, , enc, data]) => (enc!.toLowerCase() === 'b' ? Buffer.from(data!, 'base64') : quotedPrintable(data!.replace(/_/g, ' ')))));
      return decodeBytes(bytes, words[0]?.[1] ?? 'utf-8');
    });
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
