import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { cleanUp, eventually, testConfig } from './support/environment.js';
import { startApi, tokenFor, USERS, type TestApi } from './support/api.js';
import { DONCASTER, OLDHAM } from './fixtures/seed-decisions.js';

/** Prometheus metrics at /metrics: HTTP latency, queue depth, timer lateness, delivery outcomes, reconcile runs. */
describe('/metrics', () => {
  const config = testConfig({
    METRICS_TOKEN: 'prometheus-scrape-token',
    REMINDER_UNIT: 'seconds',
    REMINDER_DECISION_MAKER_EVERY: '1',
    REMINDER_DECISION_MAKER_TIMES: '1',
    // Nothing listens here: the reminder's email fails, and with one attempt it is dead-lettered.
    SMTP_URL: 'smtp://127.0.0.1:1',
    DELIVERY_ATTEMPTS: '1',
  });
  let api: TestApi;

  const scrape = async () => (await api.anonymous().get('/metrics').set('Authorization', 'Bearer prometheus-scrape-token').expect(200)).text;
  const value = (text: string, series: RegExp) => Number(new RegExp(`^${series.source} (\\S+)$`, 'm').exec(text)?.[1] ?? NaN);

  beforeAll(async () => {
    api = await startApi(config, { withWorker: true });
  });
  afterAll(async () => {
    await api?.app.close();
    await cleanUp(config);
  });

  it('is for Prometheus (METRICS_TOKEN) and admins only', async () => {
    await api.anonymous().get('/metrics').expect(401);
    await api.anonymous().get('/metrics').set('Authorization', 'Bearer wrong-token').expect(401);
    await api.anonymous().get('/metrics').set('Authorization', `Bearer ${tokenFor(USERS.democratic)}`).expect(403);
    const res = await api.anonymous().get('/metrics').set('Authorization', `Bearer ${tokenFor(USERS.admin)}`).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
  });

  it('measures HTTP latency by route pattern, never by raw path', async () => {
    const { body } = await api.as(USERS.officer).post('/api/decisions', { ...DONCASTER, reference: 'METRICS-1' }).expect(201);
    await api.as(USERS.officer).get(`/api/decisions/${body.id}`).expect(200);
    const text = await scrape();
    expect(value(text, /ratify_http_request_duration_seconds_count\{method="GET",route="\/api\/decisions\/:id",status="200"\}/)).toBeGreaterThanOrEqual(1);
    expect(value(text, /ratify_http_request_duration_seconds_count\{method="POST",route="\/api\/decisions",status="201"\}/)).toBeGreaterThanOrEqual(1);
    expect(text).not.toContain(body.id);
  });

  it('counts reconcile runs, timer lateness, delivery outcomes and queue depth', async () => {
    // The worker reconciled on start.
    expect(value(await scrape(), /ratify_reconcile_runs_total\{outcome="ok"\}/)).toBeGreaterThanOrEqual(1);
    // A call-in deadline long past fires at once, about two years late.
    const { body } = await api.as(USERS.officer).post('/api/decisions', { ...OLDHAM, reference: 'METRICS-2', consultees: [] }).expect(201);
    await api.as(USERS.officer).post(`/api/decisions/${body.id}/submit`).expect(200);
    await api.as(USERS.dm).post(`/api/decisions/${body.id}/approve`, { decidedAt: '2020-11-18' }).expect(200);
    await api.as(USERS.democratic).post(`/api/decisions/${body.id}/publish`, { publishedAt: '2020-11-18' }).expect(200);
    const late = await eventually(async () => {
      const text = await scrape();
      return value(text, /ratify_timer_lateness_seconds_count\{kind="CALL_IN_PERIOD_ENDED"\}/) >= 1 ? text : undefined;
    });
    expect(value(late, /ratify_timer_lateness_seconds_bucket\{le="3600",kind="CALL_IN_PERIOD_ENDED"\}/)).toBe(0);
    // The decision maker's reminder (after a second) goes to an SMTP server that is not there: dead-lettered.
    const { body: pending } = await api.as(USERS.officer).post('/api/decisions', { ...DONCASTER, reference: 'METRICS-3', consultees: [] }).expect(201);
    await api.as(USERS.officer).post(`/api/decisions/${pending.id}/submit`).expect(200);
    const dead = await eventually(async () => {
      const text = await scrape();
      return value(text, /ratify_deliveries_total\{channel="email",outcome="dead"\}/) >= 1 ? text : undefined;
    }, 20_000);
    expect(value(dead, /ratify_timer_lateness_seconds_count\{kind="REMINDER"\}/)).toBeGreaterThanOrEqual(1);
    expect(dead).toMatch(/^ratify_queue_jobs\{queue="timers",state="delayed"\} \d+$/m);
    expect(dead).toMatch(/^ratify_queue_jobs\{queue="deliveries",state="failed"\} \d+$/m);
  });
});
