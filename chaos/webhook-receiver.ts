import { createServer } from 'node:http';
import { verifyWebhookSignature } from '#libs/delivery';
import type { Received } from './audit.js';

export interface WebhookReceiverOptions {
  secret: string;
  /** Share of requests answered 503 (not accepted), so the sender retries. */
  refuseRate: number;
  /** Longest pause before answering 200, so a worker may be killed after the request was taken. */
  maxHoldMs: number;
}

/**
 * The chaos run's webhook receiver. A request counts as received when its whole body has arrived and the
 * receiver means to accept it, whether or not the sender lives to read the 200 — as a receiver that acts on
 * what it is given. Each is checked against its Ratify-Signature; one that does not verify is not Ratify's.
 */
export async function startWebhookReceiver(opts: WebhookReceiverOptions) {
  const received: Received[] = [];
  let refused = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('error', () => undefined);
    req.on('end', () => {
      if (Math.random() < opts.refuseRate) {
        refused++;
        return res.writeHead(503).end();
      }
      const body = Buffer.concat(chunks).toString('utf8');
      const header = (name: string) => {
        const v = req.headers[name];
        return typeof v === 'string' ? v : null;
      };
      const key = header('idempotency-key');
      const authentic = verifyWebhookSignature(opts.secret, header('ratify-signature') ?? '', body, 3600) && key === header('ratify-idempotency-key');
      received.push({ channel: 'webhook', key, messageId: null, authentic });
      setTimeout(() => res.writeHead(200).end(), Math.floor(Math.random() * opts.maxHoldMs));
    });
  });
  server.on('clientError', (_error, socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    refused: () => refused,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
