import { createHmac, timingSafeEqual } from 'node:crypto';

/** `t=<timestamp>,v1=<hex HMAC-SHA256 of "<timestamp>.<body>">`, sent as Ratify-Signature. */
export function signWebhook(secret: string, timestamp: string, body: string): string {
  return `t=${timestamp},v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** For receivers: checks the signature and that the timestamp is recent. */
export function verifyWebhookSignature(secret: string, header: string, body: string, toleranceSeconds = 300, now = new Date()): boolean {
  const parts = Object.fromEntries(header.split(',').map((p) => p.split('=', 2) as [string, string]));
  if (!parts.t || !parts.v1) return false;
  if (Math.abs(now.getTime() / 1000 - Number(parts.t)) > toleranceSeconds) return false;
  const expected = Buffer.from(signWebhook(secret, parts.t, body).split('v1=')[1], 'hex');
  const given = Buffer.from(parts.v1, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export class WebhookDeliveryError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

/** One POST; retries and back-off are the queue's. Throws WebhookDeliveryError on anything but 2xx. */
export async function postWebhook(opts: { url: string; secret: string; body: object; idempotencyKey: string; timeoutMs?: number; now: Date }) {
  const body = JSON.stringify(opts.body);
  const timestamp = String(Math.floor(opts.now.getTime() / 1000));
  let response: Response;
  try {
    response = await fetch(opts.url, {
      method: 'POST',
      body,
      signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000),
      headers: {
        'Content-Type': 'application/json',
        'Ratify-Signature': signWebhook(opts.secret, timestamp, body),
        'Ratify-Timestamp': timestamp,
        'Ratify-Idempotency-Key': opts.idempotencyKey,
      },
    });
  } catch (error) {
    throw new WebhookDeliveryError(`webhook ${opts.url} unreachable: ${(error as Error).message}`, null, true);
  }
  await response.arrayBuffer().catch(() => undefined);
  if (response.ok) return { status: response.status };
  const retryable = response.status >= 500 || response.status === 429 || response.status === 408;
  throw new WebhookDeliveryError(`webhook ${opts.url} answered ${response.status}`, response.status, retryable);
}
