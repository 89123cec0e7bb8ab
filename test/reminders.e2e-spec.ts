import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:http';
import { formatLondon, startSmtpCatcher, verifyWebhookSignature } from '#libs/delivery';
import { Engine } from '#libs/engine';
import { TimerRepository } from '#libs/store';
import { DataSource } from 'typeorm';
import { cleanUp, eventually, testConfig } from './support/environment.js';
import { startApi, USERS, type TestApi } from './support/api.js';
import { DONCASTER, OLDHAM } from './fixtures/seed-decisions.js';

/**
 * Reminders through a real SMTP server and a real webhook receiver, with the policy counted in seconds
 * (REMINDER_UNIT=seconds) so the clocks run within a test.
 */
describe('reminders: email, one-click links, webhooks, stale timers', () => {
  let catcher: Awaited<ReturnType<typeof startSmtpCatcher>>;
  let receiver: Server;
  const hits: { path: string; key: string; signature: string; body: string }[] = [];
  const attemptsByKey = new Map<string, number>();
  let config: ReturnType<typeof testConfig>;
  let api: TestApi;

  beforeAll(async () => {
    catcher = await startSmtpCatcher();
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        const key = String(req.headers['ratify-idempotency-key']);
        const n = (attemptsByKey.get(`${req.url}|${key}`) ?? 0) + 1;
        attemptsByKey.set(`${req.url}|${key}`, n);
        // /flaky fails twice per delivery, then accepts; /broken always fails.
        const ok = req.url === '/flaky' && n > 2;
        if (ok) hits.push({ path: req.url!, key, signature: String(req.headers['ratify-signature']), body });
        res.writeHead(ok ? 200 : 500).end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()));
    const port = (receiver.address() as { port: number }).port;
    config = testConfig({
      SMTP_URL: `smtp://127.0.0.1:${catcher.port}`,
      REMINDER_UNIT: 'seconds',
      REMINDER_CONSULTEE_FIRST: '1',
      REMINDER_CONSULTEE_SECOND: '2',
      REMINDER_CONSULTEE_ESCALATION: '3',
      REMINDER_DECISION_MAKER_EVERY: '1',
      REMINDER_DECISION_MAKER_TIMES: '1',
      REMINDER_APPROVED_NOT_PUBLISHED_AFTER: '60',
      WEBHOOK_URLS: `http://127.0.0.1:${port}/flaky,http://127.0.0.1:${port}/broken`,
      WEBHOOK_SECRET: 'hook-secret',
      DELIVERY_ATTEMPTS: '3',
      DELIVERY_BACKOFF_MS: '50',
    });
    api = await startApi(config, { withWorker: true });
  });

  afterAll(async () => {
    await api?.app.close();
    await catcher?.close();
    await new Promise<void>((r) => receiver.close(() => r()));
    await cleanUp(config);
  });

  const mailsAbout = (reference: string) => catcher.messages.filter((m) => m.subject.includes(reference));

  it("reminds each consultee twice, then escalates, by email naming the decision, the deadline and links", async () => {
    const { body } = await api.as(USERS.officer).post('/api/decisions', { ...OLDHAM, reference: 'REMIND-1' }).expect(201);
    await api.as(USERS.officer).post(`/api/decisions/${body.id}/submit`).expect(200);

    await eventually(async () => mailsAbout('REMIND-1').length >= 9, 15_000);
    const mails = mailsAbout('REMIND-1');
    const to = (address: string) => mails.filter((m) => m.to.includes(address));
    expect(to('u-hr@ratify.local').map((m) => m.subject).sort()).toEqual([
      'Reminder: Sign off for HR — REMIND-1',
      'Reminder: Sign off for HR — REMIND-1 (2nd reminder)',
    ]);
    expect(to('consultee.finance@ratify.local')).toHaveLength(2);
    expect(to('consultee.legal@ratify.local')).toHaveLength(2);
    expect(to('escalations@ratify.local').map((m) => m.subject).sort()).toEqual([
      'Escalation: Chase the Finance sign-off — REMIND-1',
      'Escalation: Chase the HR sign-off — REMIND-1',
      'Escalation: Chase the Legal services sign-off — REMIND-1',
    ]);
    const first = to('u-hr@ratify.local')[0];
    expect(first.text).toContain(`${OLDHAM.title} (REMIND-1)`);
    expect(first.text).toMatch(/By: \w+day \d{1,2} \w+ \d{4}, \d\d:\d\d/);
    expect(first.text).toMatch(/Sign off for HR now: http:\/\/localhost:3000\/api\/one-click\/\S+/);
    // Exactly once: no Message-ID arrives twice.
    const ids = mails.map((m) => m.messageId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('signs off from the email link once, as the named consultee, through the same checks as the API', async () => {
    const mail = mailsAbout('REMIND-1').find((m) => m.to.includes('u-hr@ratify.local'))!;
    const link = /Sign off for HR now: http:\/\/localhost:3000(\S+)/.exec(mail.text)![1];
    const page = await api.anonymous().get(link).set('Accept', 'text/html').expect(200);
    expect(page.text).toContain('<form method="post"');
    const before = await api.as(USERS.officer).get(`/api/decisions?state=consultation`).expect(200);
    const id = before.body.items.find((d: { reference: string }) => d.reference === 'REMIND-1').id;
    expect((await api.as(USERS.officer).get(`/api/decisions/${id}`)).body.consultations[0]).toMatchObject({ area: 'hr', status: 'pending' });

    const done = await api.anonymous().post(link).expect(200);
    // The link is a credential that may be forwarded: it answers which decision, never its record.
    expect(done.body).toEqual({ action: 'sign-off', area: 'hr', decision: { id, reference: 'REMIND-1', title: OLDHAM.title, state: 'consultation', status: 'Consultation' } });
    expect((await api.as(USERS.officer).get(`/api/decisions/${id}`)).body.consultations[0]).toMatchObject({ area: 'hr', status: 'signed-off', by: 'u-hr' });
    const again = await api.anonymous().post(link).expect(409);
    expect(again.body.message).toMatch(/already been used/);
    await api.anonymous().post('/api/one-click/not-a-token').expect(401);
    const history = await api.as(USERS.officer).get(`/api/decisions/${id}/history`).expect(200);
    expect(history.body.filter((h: { type: string }) => h.type === 'sign-off')).toHaveLength(1);
  });

  it('logs every delivery, and a flaky webhook gets exactly one accepted delivery while a dead one is dead-lettered', async () => {
    const { body } = await api.as(USERS.officer).post('/api/decisions', { ...DONCASTER, reference: 'HOOK-1', consultees: [] }).expect(201);
    await api.as(USERS.officer).post(`/api/decisions/${body.id}/submit`).expect(200); // → for-determination: DM reminder in 1 s

    const log = await eventually(async () => {
      const res = await api.as(USERS.officer).get(`/api/decisions/${body.id}/notifications`).expect(200);
      const settled = res.body.length === 3 && res.body.every((n: { status: string }) => n.status === 'sent' || n.status === 'dead');
      return settled ? res.body : undefined;
    }, 15_000);
    const byRecipient = Object.fromEntries(log.map((n: { recipient: string }) => [n.recipient.replace(/^http:\/\/[^/]+/, ''), n]));
    expect(byRecipient['u-dm@ratify.local']).toMatchObject({ channel: 'email', kind: 'decision-maker-reminder', status: 'sent', attempts: 1 });
    expect(byRecipient['/flaky']).toMatchObject({ channel: 'webhook', status: 'sent', attempts: 3 });
    expect(byRecipient['/broken']).toMatchObject({ channel: 'webhook', status: 'dead', attempts: 3, lastError: expect.stringMatching(/500/) });

    const accepted = hits.filter((h) => JSON.parse(h.body).decision.reference === 'HOOK-1');
    expect(accepted).toHaveLength(1);
    expect(verifyWebhookSignature('hook-secret', accepted[0].signature, accepted[0].body)).toBe(true);
    expect(JSON.parse(accepted[0].body)).toMatchObject({ type: 'reminder.decision-maker-reminder', actionAsked: 'Determine this decision' });
  });

  it('cancels the reminders of a decision that moved on, and a stale timer that fires anyway sends nothing', async () => {
    const { body } = await api.as(USERS.officer).post('/api/decisions', { ...DONCASTER, reference: 'MOVED-1', consultees: [{ area: 'hr' }] }).expect(201);
    await api.as(USERS.officer).post(`/api/decisions/${body.id}/submit`).expect(200);
    const timers = new TimerRepository(api.app.get(DataSource).manager);
    const pending = (await timers.allPending()).filter((t) => t.subjectId === body.id && t.kind === 'REMINDER');
    expect(pending.map((t) => (t.payload as { kind: string }).kind).sort()).toEqual(['consultee-escalation', 'consultee-reminder', 'consultee-reminder']);

    await api.as(USERS.hr).post(`/api/decisions/${body.id}/withdraw`, { reason: 'x' }).expect(403);
    await api.as(USERS.officer).post(`/api/decisions/${body.id}/withdraw`, { reason: 'superseded' }).expect(200);
    for (const t of pending) expect((await timers.find(t.id))!.status).toBe('cancelled');
    for (const t of pending) expect(await api.app.get(Engine).fire({ timerId: t.id })).toBe('stale');

    await new Promise((r) => setTimeout(r, 3500));
    expect(mailsAbout('MOVED-1')).toEqual([]);
    expect((await api.as(USERS.officer).get(`/api/decisions/${body.id}/notifications`).expect(200)).body).toEqual([]);
  });

  it('formats deadlines in London time', () => {
    expect(formatLondon('2021-06-01T08:00:00.000Z')).toBe('Tuesday 1 June 2021, 09:00');
  });
});
