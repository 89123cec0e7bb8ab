import { createHmac, timingSafeEqual } from 'node:crypto';

/** `t=<timestamp>,v1=<hex HMAC-SHA256 of "<timestamp>.<body>">`, sent as Ratify-Signature. */
export function signWebhook(secret: string, timestamp: string, body: string): string {
  return `t=${timestamp},v1=${hmacHex(secret, timestamp, body)}`;
}

function hmacHex(secret: string, timestamp: string, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

/**
 * For receivers: true if the header was made with this secret over this exact body, and its
 * timestamp (Unix seconds) is within `toleranceSeconds` of `now` (replay protection).
 */
export function verifyWebhookSignature(secret: string, header: string, body: string, toleranceSeconds = 300, now = new Date()): boolean {
  let t: string | undefined;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === 't') t = value;
    else if (key === 'v1') signatures.push(value);
  }
  if (t === undefined || !/^\d+$/.test(t) || signatures.length === 0) return false;
  if (!(Math.abs(now.getTime() / 1000 - Number(t)) <= toleranceSeconds)) return false;
  const expected = Buffer.from(hmacHex(secret, t, body), 'hex');
  // Any v1 may match (a sender rotating secrets may send two).
  return signatures.some((v1) => {
    if (!/^[0-9a-f]+$/i.test(v1)) return false;
    const given = Buffer.from(v1, 'hex');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}

/** A webhook POST that did not get a 2xx. `status` is null when no response came (network, timeout). */
export class WebhookDeliveryError extends Error {
  override readonly name = 'WebhookDeliveryError';

  constructor(
    message: string,
    readonly status: number | null,
    readonly retryable: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface WebhookRequest {
  url: string;
  secret: string;
  body: object;
  idempotencyKey: string;
  /** For the whole exchange, response body included; default 10 s. */
  timeoutMs?: number;
  /** Signing time (injected for testability). */
  now: Date;
}

/**
 * One signed POST; retries and back-off are the queue's. Resolves on 2xx; otherwise throws
 * WebhookDeliveryError: retryable for 5xx, 408, 429, network failures and timeouts; not for other
 * statuses (a 4xx, or a redirect, which is not followed) nor for a URL that is not http(s).
 */
export async function postWebhook(opts: WebhookRequest): Promise<{ status: number }> {
  const body = JSON.stringify(opts.body);
  const timestamp = String(Math.floor(opts.now.getTime() / 1000));
  const timeoutMs = opts.timeoutMs ?? 10_000;
  if (!isHttpUrl(opts.url)) throw new WebhookDeliveryError(`webhook url is not http(s): ${redact(opts.url)}`, null, false);
  let status: number;
  try {
    const response = await fetch(opts.url, {
      method: 'POST',
      body,
      // A redirect would turn the POST into a GET elsewhere, or carry the signature off-site.
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
      headers: {
        'Content-Type': 'application/json',
        'Ratify-Signature': signWebhook(opts.secret, timestamp, body),
        'Ratify-Timestamp': timestamp,
        'Ratify-Idempotency-Key': opts.idempotencyKey,
        // The same key under the IETF draft's standard name: every resend of a delivery carries it unchanged.
        'Idempotency-Key': opts.idempotencyKey,
      },
    });
    status = response.status;
    // The status is the answer; drain the body only to release the connection. A body that stalls
    // ends with the timeout signal and does not undo a 2xx (the receiver has already accepted).
    await response.arrayBuffer().catch(() => undefined);
  } catch (error) {
    // By name: the DOMException may come from another realm, where instanceof fails.
    const name = (error as { name?: unknown } | null)?.name;
    const timedOut = name === 'TimeoutError' || name === 'AbortError';
    const reason = timedOut ? `timed out after ${timeoutMs} ms` : `unreachable: ${describe(error)}`;
    throw new WebhookDeliveryError(`webhook ${redact(opts.url)} ${reason}`, null, true, { cause: error });
  }
  if (status >= 200 && status < 300) return { status };
  const retryable = status >= 500 || status === 429 || status === 408;
  throw new WebhookDeliveryError(`webhook ${redact(opts.url)} answered ${status}`, status, retryable);
}

function isHttpUrl(url: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(url).protocol);
  } catch {
    return false;
  }
}

function describe(error: unknown): string {
  const message = (e: unknown) => (typeof (e as { message?: unknown } | null)?.message === 'string' ? (e as { message: string }).message : String(e));
  const cause = (error as { cause?: unknown } | null)?.cause;
  return cause === undefined ? message(error) : `${message(error)} (${message(cause)})`;
}

/** The URL without credentials or query (which may hold tokens), for error messages that get stored. */
function redact(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return '(invalid url)';
  }
}
