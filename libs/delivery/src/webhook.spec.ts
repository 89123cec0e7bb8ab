import { afterEach, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { createServer, type IncomingHttpHeaders, type RequestListener, type Server } from 'node:http';
import { postWebhook, signWebhook, verifyWebhookSignature, WebhookDeliveryError } from './webhook.js';

describe('signWebhook / verifyWebhookSignature', () => {
  const now = new Date('2020-11-25T17:00:00Z');
  const t = String(now.getTime() / 1000);

  it('is t=<timestamp>,v1=<hex HMAC-SHA256 of "<timestamp>.<body>">', () => {
    // Known answer, from `printf '1606323600.{}' | openssl dgst -sha256 -hmac s`.
    expect(signWebhook('s', t, '{}')).toBe('t=1606323600,v1=2806d261f4764081fd554bcf730a558ac940c40825ec8126b36063ba5fea3a83');
    expect(signWebhook('s', '1', '{}')).toBe(signWebhook('s', '1', '{}'));
    expect(signWebhook('s', '1', '{}')).not.toBe(signWebhook('s', '2', '{}'));
  });

  it('accepts only the right secret, body and a recent timestamp', () => {
    const header = signWebhook('s3cret', t, '{"a":1}');
    expect(verifyWebhookSignature('s3cret', header, '{"a":1}', 300, now)).toBe(true);
    expect(verifyWebhookSignature('other', header, '{"a":1}', 300, now)).toBe(false);
    expect(verifyWebhookSignature('s3cret', header, '{"a":2}', 300, now)).toBe(false);
    expect(verifyWebhookSignature('s3cret', header, '{"a":1}', 300, new Date(now.getTime() + 301_000))).toBe(false);
    expect(verifyWebhookSignature('s3cret', header, '{"a":1}', 300, new Date(now.getTime() - 299_000))).toBe(true);
    // A re-stamped header, with the old signature, fails.
    expect(verifyWebhookSignature('s3cret', header.replace(`t=${t}`, `t=${Number(t) + 1}`), '{"a":1}', 300, now)).toBe(false);
  });

  it('returns false, never throws, for any malformed header', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (header, body) => {
        expect(verifyWebhookSignature('s', header, body, 300, new Date())).toBe(false);
      }),
    );
    for (const header of ['', 't=,v1=', 't=abc,v1=00', `t=${t}`, `v1=${'0'.repeat(64)}`, `t=${t},v1=zz`]) {
      expect(verifyWebhookSignature('s', header, '{}', 300, now)).toBe(false);
    }
  });
});

describe('postWebhook against a real HTTP server', () => {
  let server: Server | undefined;
  afterEach(async () => {
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server!.close(() => resolve()));
    server = undefined;
  });

  const listen = (handler: RequestListener) =>
    new Promise<string>((resolve) => {
      server = createServer(handler);
      server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server!.address() as { port: number }).port}/hook`));
    });
  const answering = (status: number) => listen((_, res) => res.writeHead(status, status === 302 ? { Location: '/elsewhere' } : {}).end('no'));
  const post = (url: string, extra: { timeoutMs?: number } = {}) => postWebhook({ url, secret: 's', body: { a: 1 }, idempotencyKey: 'k', now: new Date(), ...extra });

  it('sends a signed JSON POST the receiver can verify with the secret, and not with another', async () => {
    const seen: { method?: string; headers: IncomingHttpHeaders; body: string }[] = [];
    const url = await listen((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (c: string) => (body += c));
      req.on('end', () => {
        seen.push({ method: req.method, headers: req.headers, body });
        res.writeHead(204).end();
      });
    });
    const now = new Date();
    await expect(postWebhook({ url, secret: 's3cret', body: { decision: 'd1', kind: 'consultee-reminder' }, idempotencyKey: 'k1', now })).resolves.toEqual({ status: 204 });
    expect(seen).toHaveLength(1);
    const [{ method, headers, body }] = seen as [(typeof seen)[0]];
    expect(method).toBe('POST');
    expect(JSON.parse(body)).toEqual({ decision: 'd1', kind: 'consultee-reminder' });
    expect(headers['content-type']).toBe('application/json');
    expect(headers['ratify-idempotency-key']).toBe('k1');
    expect(headers['idempotency-key']).toBe('k1');
    expect(headers['ratify-timestamp']).toBe(String(Math.floor(now.getTime() / 1000)));
    const signature = String(headers['ratify-signature']);
    expect(signature.startsWith(`t=${headers['ratify-timestamp']},v1=`)).toBe(true);
    expect(verifyWebhookSignature('s3cret', signature, body)).toBe(true);
    expect(verifyWebhookSignature('other', signature, body)).toBe(false);
    expect(verifyWebhookSignature('s3cret', signature, `${body} `)).toBe(false);
  });

  it.each([
    [500, true],
    [503, true],
    [429, true],
    [408, true],
    [400, false],
    [401, false],
    [404, false],
    [410, false],
    [302, false],
  ])('a %i answer is a WebhookDeliveryError, retryable: %s', async (status, retryable) => {
    const url = await answering(status);
    const error = await post(url).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WebhookDeliveryError);
    expect(error).toMatchObject({ status, retryable, name: 'WebhookDeliveryError' });
  });

  it('resolves on any 2xx', async () => {
    const url = await answering(202);
    await expect(post(url)).resolves.toEqual({ status: 202 });
  });

  it('times out a slow receiver as retryable', async () => {
    const url = await listen((_, res) => {
      setTimeout(() => res.writeHead(200).end(), 2000).unref();
    });
    const started = Date.now();
    const error = await post(url, { timeoutMs: 100 }).catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(1500);
    expect(error).toBeInstanceOf(WebhookDeliveryError);
    expect(error).toMatchObject({ status: null, retryable: true, message: expect.stringMatching(/timed out after 100 ms/) });
  });

  it('takes the status as the answer when the body then stalls, and does not hang', async () => {
    let status = 200;
    const url = await listen((_, res) => {
      res.writeHead(status, { 'Content-Length': '10' });
      res.write('12345');
    });
    const started = Date.now();
    await expect(post(url, { timeoutMs: 150 })).resolves.toEqual({ status: 200 });
    status = 503;
    await expect(post(url, { timeoutMs: 150 })).rejects.toMatchObject({ status: 503, retryable: true });
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('calls an unreachable receiver retryable, and a URL that is not http(s) not', async () => {
    const url = await answering(200);
    server!.closeAllConnections();
    await new Promise<void>((resolve) => server!.close(() => resolve()));
    server = undefined;
    await expect(post(url)).rejects.toMatchObject({ status: null, retryable: true });
    await expect(post('ftp://example.com/hook')).rejects.toMatchObject({ status: null, retryable: false });
    await expect(post('not a url')).rejects.toMatchObject({ status: null, retryable: false });
  });

  it('keeps query strings (which may hold tokens) out of error messages', async () => {
    const url = await answering(500);
    const error = (await post(`${url}?token=abc`).catch((e: unknown) => e)) as Error;
    expect(error.message).not.toContain('abc');
    expect(error.message).toContain('/hook');
  });
});
