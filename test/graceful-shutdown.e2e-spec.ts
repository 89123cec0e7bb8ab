import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { loadConfig } from '#libs/config';
import { startSmtpCatcher } from '#libs/delivery';
import { DeliveryQueue } from '#libs/queue';
import { cleanUp, eventually, testEnv } from './support/environment.js';
import { startApi, USERS, type TestApi } from './support/api.js';
import { kill, spawnWorker } from './support/worker-process.js';
import { DONCASTER } from './fixtures/seed-decisions.js';

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

/**
 * SIGTERM drains a worker: the delivery it is sending when the signal comes is finished and recorded as
 * sent before the process exits (a worker that simply stopped would leave it to be sent again). The
 * worker also serves its own metrics on METRICS_PORT.
 */
describe('graceful shutdown of a worker', () => {
  let catcher: Awaited<ReturnType<typeof startSmtpCatcher>>;
  let env: Record<string, string>;
  let api: TestApi;
  let worker: ChildProcess;
  let metricsPort: number;

  beforeAll(async () => {
    // The SMTP server holds each message for 3 s before accepting it: long enough to send SIGTERM mid-send.
    catcher = await startSmtpCatcher({ delayMs: 3000 });
    metricsPort = await freePort();
    env = testEnv({
      REMINDER_UNIT: 'seconds',
      REMINDER_DECISION_MAKER_EVERY: '1',
      REMINDER_DECISION_MAKER_TIMES: '1',
      SMTP_URL: `smtp://127.0.0.1:${catcher.port}`,
      METRICS_PORT: String(metricsPort),
      METRICS_TOKEN: 'scrape',
    });
    api = await startApi(loadConfig(env));
    worker = await spawnWorker({ ...env, HOST: '127.0.0.1' });
  });
  afterAll(async () => {
    if (worker) await kill(worker);
    await api?.app.close();
    await catcher?.close();
    await cleanUp(loadConfig(env));
  });

  it("serves the worker's own metrics to Prometheus", async () => {
    const url = `http://127.0.0.1:${metricsPort}/metrics`;
    expect((await fetch(url)).status).toBe(401);
    const res = await fetch(url, { headers: { Authorization: 'Bearer scrape' } });
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/^ratify_reconcile_runs_total\{outcome="ok"\} [1-9]/m);
  });

  it('finishes the delivery in flight on SIGTERM, then exits', async () => {
    const { body } = await api.as(USERS.officer).post('/api/decisions', { ...DONCASTER, reference: 'DRAIN-1', consultees: [] }).expect(201);
    await api.as(USERS.officer).post(`/api/decisions/${body.id}/submit`).expect(200);
    const deliveries = api.app.get(DeliveryQueue).queue;
    await eventually(async () => (await deliveries.getJobCounts('active')).active > 0, 20_000, 50);

    const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => worker.once('exit', (code, signal) => resolve({ code, signal })));
    worker.kill('SIGTERM');
    const exit = await exited;
    expect(exit.signal === 'SIGTERM' || exit.code === 0).toBe(true);

    // The mail in flight was accepted, once, and recorded as sent before the worker went.
    expect(catcher.messages.filter((m) => m.subject.includes('DRAIN-1'))).toHaveLength(1);
    const log = (await api.as(USERS.officer).get(`/api/decisions/${body.id}/notifications`).expect(200)).body;
    expect(log).toEqual([expect.objectContaining({ channel: 'email', status: 'sent', attempts: 1 })]);
    expect((await deliveries.getJobCounts('active')).active).toBe(0);
  });
});
