import { afterEach, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { createServer, type Server } from 'node:http';
import { EmailSender } from './email.js';
import { renderReminder, type MessageKind } from './templates.js';
import { startSmtpCatcher } from './testing/smtp-catcher.js';
import { postWebhook, signWebhook, verifyWebhookSignature, WebhookDeliveryError } from './webhook.js';

const message = {
  kind: 'consultee-reminder' as MessageKind,
  recipientName: 'HR Officer',
  decision: { id: 'd1', reference: 'LOP&S - 2021035', title: 'Temporary additional staffing' },
  actionAsked: 'Sign off for HR',
  deadline: '2020-11-25T17:00:00.000Z',
  links: [
    { label: 'Open the decision', url: 'http://localhost:3000/api/one-click/abc' },
    { label: 'Sign off now', url: 'http://localhost:3000/api/one-click/def' },
  ],
};

describe('templates', () => {
  it('names the decision, the action, the London deadline and every link', () => {
    const { subject, text, html } = renderReminder(message);
    expect(subject).toBe('Reminder: Sign off for HR — LOP&S - 2021035');
    expect(text).toContain('Temporary additional staffing (LOP&S - 2021035)');
    expect(text).toContain('By: Wednesday 25 November 2020, 17:00');
    expect(text).toContain('Sign off now: http://localhost:3000/api/one-click/def');
    expect(html).toContain('LOP&amp;S - 2021035');
    expect(html).toContain('href="http://localhost:3000/api/one-click/abc"');
  });

  it('renders every kind', () => {
    for (const kind of ['consultee-escalation', 'decision-maker-reminder', 'forward-plan-alert', 'approved-not-published', 'call-in-ends-tomorrow', 'call-in-meeting-overdue'] as MessageKind[]) {
      const r = renderReminder({ ...message, kind, deadline: '2021-06-01T08:00:00.000Z' });
      expect(r.text).toContain('Tuesday 1 June 2021, 09:00');
      expect(r.subject).toContain('LOP&S - 2021035');
    }
  });

  it('never lets a title put raw markup into the HTML', () => {
    fc.assert(
      fc.property(fc.string(), (title) => {
        const { html } = renderReminder({ ...message, decision: { ...message.decision, title: `<script>${title}` } });
        expect(html).not.toContain('<script>');
        const body = html.replace(/<\/?(p|strong|ul|li|a)( href="[^"]*")?>/g, '');
        expect(body).not.toMatch(/[<>]/);
      }),
    );
  });
});

describe('EmailSender against a real SMTP server', () => {
  it('delivers text and HTML with the Message-ID it is given', async () => {
    const catcher = await startSmtpCatcher();
    const sender = new EmailSender({ smtpUrl: `smtp://127.0.0.1:${catcher.port}`, from: 'Ratify <ratify@ratify.local>' });
    try {
      const rendered = renderReminder(message);
      const result = await sender.send({ to: 'u-hr@ratify.local', ...rendered, messageId: '<key-1@ratify.local>' });
      expect(result.accepted).toEqual(['u-hr@ratify.local']);
      expect(catcher.messages).toHaveLength(1);
      expect(catcher.messages[0]).toMatchObject({ to: ['u-hr@ratify.local'], subject: rendered.subject, messageId: '<key-1@ratify.local>' });
      expect(catcher.messages[0].text).toContain('Wednesday 25 November 2020, 17:00');
      expect(catcher.messages[0].raw).toContain('text/html');
    } finally {
      sender.close();
      await catcher.close();
    }
  });
});

describe('webhooks against a real HTTP server', () => {
  let server: Server;
  afterEach(() => new Promise<void>((r) => server.close(() => r())));

  const listen = (handler: Parameters<typeof createServer>[1]) =>
    new Promise<string>((resolve) => {
      server = createServer(handler);
      server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as { port: number }).port}/hook`));
    });

  it('signs the body so the receiver can verify it with the secret, and not with another', async () => {
    const seen: { signature: string; body: string; key: string }[] = [];
    const url = await listen((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        seen.push({ signature: String(req.headers['ratify-signature']), body, key: String(req.headers['ratify-idempotency-key']) });
        res.writeHead(204).end();
      });
    });
    await expect(postWebhook({ url, secret: 's3cret', body: { a: 1 }, idempotencyKey: 'k1', now: new Date() })).resolves.toEqual({ status: 204 });
    expect(seen[0].key).toBe('k1');
    expect(verifyWebhookSignature('s3cret', seen[0].signature, seen[0].body)).toBe(true);
    expect(verifyWebhookSignature('other', seen[0].signature, seen[0].body)).toBe(false);
    expect(verifyWebhookSignature('s3cret', seen[0].signature, seen[0].body + ' ')).toBe(false);
  });

  it('says which failures are worth retrying', async () => {
    let status = 500;
    const url = await listen((_, res) => res.writeHead(status).end());
    const attempt = () => postWebhook({ url, secret: 's', body: {}, idempotencyKey: 'k', now: new Date() });
    await expect(attempt()).rejects.toMatchObject({ status: 500, retryable: true });
    status = 400;
    await expect(attempt()).rejects.toMatchObject({ status: 400, retryable: false });
  });

  it('times out a slow receiver as retryable', async () => {
    const url = await listen((_, res) => setTimeout(() => res.writeHead(200).end(), 500));
    const error = await postWebhook({ url, secret: 's', body: {}, idempotencyKey: 'k', timeoutMs: 50, now: new Date() }).catch((e) => e);
    expect(error).toBeInstanceOf(WebhookDeliveryError);
    expect(error.retryable).toBe(true);
  });

  it('signs deterministically', () => {
    expect(signWebhook('s', '1', '{}')).toBe(signWebhook('s', '1', '{}'));
    expect(signWebhook('s', '1', '{}')).not.toBe(signWebhook('s', '2', '{}'));
  });
});
