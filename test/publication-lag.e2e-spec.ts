import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import request from 'supertest';
import { startSmtpCatcher } from '#libs/delivery';
import { startApi, tokenFor, USERS, type TestApi } from './support/api.js';
import { cleanUp, eventually, testConfig } from './support/environment.js';

const OLDHAM = readFileSync('test/fixtures/seeds/000_df90ee194b41cad9.txt', 'utf8');

/**
 * Publication lag: an approved decision still unpublished past the constitution's limit (5 working days from
 * its date of decision by default) alerts democratic services through the reminders — a timer on the
 * decision and the "Publication overdue" template, by email to a real SMTP server (REMINDER_UNIT=seconds:
 * "one unit after approval" is one second). Once published, the register shows the lag in days.
 */
describe('publication lag (reminders, SMTP, public register)', () => {
  let catcher: Awaited<ReturnType<typeof startSmtpCatcher>>;
  let config: ReturnType<typeof testConfig>;
  let api: TestApi;

  beforeAll(async () => {
    catcher = await startSmtpCatcher();
    config = testConfig({
      SMTP_URL: `smtp://127.0.0.1:${catcher.port}`,
      REMINDER_UNIT: 'seconds',
      // Only the publication alert is due within the test.
      REMINDER_APPROVED_NOT_PUBLISHED_AFTER: '3600',
      DELIVERY_BACKOFF_MS: '50',
    });
    api = await startApi(config, { withWorker: true });
  });
  afterAll(async () => {
    await api?.app.close();
    await catcher?.close();
    await cleanUp(config);
  });

  it('alerts democratic services when an imported approved record has waited past the limit, and shows the lag once published', async () => {
    // Oldham's record, approved on 18/11/2020 and not yet published (no publication date), under a reference of its own.
    const record = OLDHAM.replace('Additional staffing', 'LAG - 2020001 - Additional staffing').replace(/Publication date: .*\n/, '');
    const res = await request(api.server)
      .post('/api/import/decision-record')
      .set('Authorization', `Bearer ${tokenFor(USERS.democratic)}`)
      .set('Content-Type', 'text/plain')
      .send(record)
      .expect(201);
    expect(res.body.decision).toMatchObject({ reference: 'LAG - 2020001', state: 'approved', dates: { decidedAt: '2020-11-18', publishedAt: null } });
    const id = res.body.decision.id as string;

    const mail = await eventually(async () => catcher.messages.find((m) => m.subject.includes('LAG - 2020001')), 20_000);
    expect(mail.subject).toBe('Publication overdue: Publish the decision record: it has waited longer than the constitution allows — LAG - 2020001');
    expect(mail.to).toEqual(['democratic-services@ratify.local']);
    expect(mail.text).toContain('longer ago than the constitution allows');
    const log = await api.as(USERS.democratic).get(`/api/decisions/${id}/notifications`).expect(200);
    expect(log.body.map((n: { kind: string }) => n.kind)).toContain('publication-overdue');

    // Published on Fri 04/12/2020: 16 days after the date of decision, shown on the register.
    await api.as(USERS.democratic).post(`/api/decisions/${id}/publish`, { publishedAt: '2020-12-04' }).expect(200);
    const pub = await api.anonymous().get(`/api/public/decisions/${id}`).expect(200);
    expect(pub.body.dates).toMatchObject({ decidedAt: '2020-11-18', publishedAt: '2020-12-04', publicationLagDays: 16 });
  });
});
