import { SMTPServer } from 'smtp-server';
import type { Received } from './audit.js';

export interface SmtpReceiverOptions {
  /** Share of messages refused with a temporary failure (451), so the sender retries. */
  refuseRate: number;
  /** Longest pause before answering 250, so a worker may be killed after the message was taken. */
  maxHoldMs: number;
}

/**
 * The chaos run's mail server (smtp-server). A message counts as received once its data has arrived and the
 * server means to accept it — as a real MTA that has queued it — whether or not the sender lives to hear the
 * 250. Only the headers the audit needs are kept: Message-ID and Ratify's idempotency key.
 */
export async function startSmtpReceiver(opts: SmtpReceiverOptions) {
  const received: Received[] = [];
  let refused = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    closeTimeout: 1000,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('error', (error) => callback(error));
      stream.on('end', () => {
        if (Math.random() < opts.refuseRate) {
          refused++;
          const error = Object.assign(new Error('try again later'), { responseCode: 451 });
          return callback(error);
        }
        const headers = headerMap(Buffer.concat(chunks).toString('utf8'));
        received.push({ channel: 'email', key: headers.get('x-ratify-idempotency-key') ?? null, messageId: headers.get('message-id') ?? null, authentic: true });
        setTimeout(() => callback(), Math.floor(Math.random() * opts.maxHoldMs));
      });
    },
  });
  server.on('error', () => undefined); // a sender killed mid-conversation resets its socket
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as { port: number }).port;
  return {
    port,
    received,
    refused: () => refused,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The message's header fields, lower-cased names, folded lines unfolded. */
export function headerMap(raw: string): Map<string, string> {
  const end = raw.search(/\r?\n\r?\n/);
  const head = (end < 0 ? raw : raw.slice(0, end)).replace(/\r?\n[ \t]+/g, ' ');
  const map = new Map<string, string>();
  for (const line of head.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) map.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return map;
}
