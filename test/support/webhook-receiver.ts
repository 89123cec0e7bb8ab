import { createServer, type Server } from 'node:http';

export interface ReceivedHook {
  path: string;
  idempotencyKey: string;
  /** The standard header every delivery also carries. */
  standardKey: string;
  body: string;
}

/**
 * A real HTTP receiver for webhook deliveries. It records each request as soon as its body has arrived (it has
 * accepted the delivery), then answers 200 — at once, or after `holdMs` for requests `hold` picks, so a test
 * can kill the sender between "accepted" and "answered".
 */
export async function startWebhookReceiver() {
  const received: ReceivedHook[] = [];
  const state: { holdMs: number; hold: (body: string) => boolean } = { holdMs: 0, hold: () => false };
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      received.push({
        path: req.url ?? '',
        idempotencyKey: String(req.headers['ratify-idempotency-key']),
        standardKey: String(req.headers['idempotency-key']),
        body,
      });
      const answer = () => res.writeHead(200).end();
      if (state.holdMs && state.hold(body)) setTimeout(answer, state.holdMs).unref();
      else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    /** Hold the answer to requests whose body `matches` for `ms`. */
    holdWhen(matches: (body: string) => boolean, ms: number) {
      Object.assign(state, { hold: matches, holdMs: ms });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
