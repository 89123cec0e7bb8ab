import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import { loadConfig } from '#libs/config';
import { startSmtpCatcher } from '#libs/delivery';
import { DELIVERIES_QUEUE, DeliveryQueue, TimerQueue } from '#libs/queue';
import { TimerRepository, TransactionRunner } from '#libs/store';
import { WorkerModule } from '../apps/worker/worker.module.js';
import { londonDateOf } from '#libs/calendar';
import { cleanUp, deleteRedisKeys, eventually, testEnv } from './support/environment.js';
import { startApi, USERS, type TestApi } from './support/api.js';
import { spawnWorker, kill, type WorkerProcess } from './support/worker-process.js';
import { startWebhookReceiver } from './support/webhook-receiver.js';
import { DONCASTER } from './fixtures/seed-decisions.js';

const FAST = {
  REMINDER_UNIT: 'seconds',
  // 4 s: long enough that a loaded machine creates a test's decisions before the first reminder fires.
  REMINDER_DECISION_MAKER_EVERY: '4',
  REMINDER_DECISION_MAKER_TIMES: '1',
  DELIVERY_BACKOFF_MS: '50',
  WORKER_LOCK_MS: '1500',
  WORKER_STALLED_INTERVAL_MS: '1000',
  DELIVERY_LEASE_MS: '3000',
  RECONCILE_EVERY_MS: '2000',
  REDIS_WIPE_CHECK_MS: '500',
  TIMER_RELAY_EVERY_MS: '500',
};

/** N decisions waiting For Determination, each with one decision-maker reminder due in 4 s. */
async function decisionsAwaitingDetermination(api: TestApi, prefix: string, n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const { body } = await api.as(USERS.officer).post('/api/decisions', { ...DONCASTER, reference: `${prefix}-${i}`, consultees: [] }).expect(201);
    await api.as(USERS.officer).post(`/api/decisions/${body.id}/submit`).expect(200);
    ids.push(body.id);
  }
  return ids;
}

interface LogEntry {
  channel: string;
  status: string;
  attempts: number;
  subject: string;
}

async function notificationsOf(api: TestApi, ids: string[]) {
  const lists = await Promise.all(ids.map((id) => api.as(USERS.officer).get(`/api/decisions/${id}/notifications`).expect(200)));
  return lists.flatMap((r) => r.body as LogEntry[]);
}

/** Every reminder of these decisions sent: one email and one webhook each. */
const allSent = (api: TestApi, ids: string[]) => async () => {
  const rows = await notificationsOf(api, ids);
  return rows.length === ids.length * 2 && rows.every((n) => n.status === 'sent') ? rows : undefined;
};

describe('fault tolerance: workers killed, jobs failed by stalls, Redis wiped, sends interrupted', () => {
  let catcher: Awaited<ReturnType<typeof startSmtpCatcher>>;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let env: Record<string, string>;
  let api: TestApi;
  const children: WorkerProcess[] = [];
  const contexts: INestApplicationContext[] = [];

  const mailsAbout = (prefix: string) => catcher.messages.filter((m) => m.subject.includes(prefix));
  const hooksAbout = (prefix: string) => receiver.received.filter((h) => h.body.includes(`"reference":"${prefix}`));
  const expectEachOnce = (prefix: string, n: number) => {
    const mails = mailsAbout(prefix);
    expect(mails).toHaveLength(n);
    expect(new Set(mails.map((m) => m.messageId)).size).toBe(n);
  };
  const worker = async (overrides: Record<string, string> = {}) => {
    const child = await spawnWorker({ ...env, ...overrides });
    children.push(child);
    return child;
  };

  beforeAll(async () => {
    catcher = await startSmtpCatcher({ delayMs: 1500 });
    receiver = await startWebhookReceiver();
    env = testEnv({ ...FAST, SMTP_URL: `smtp://127.0.0.1:${catcher.port}`, WEBHOOK_URLS: receiver.url });
    api = await startApi(loadConfig(env)); // no worker in the API process: the tests bring their own
  });
  afterEach(async () => {
    await Promise.all(children.splice(0).map((c) => kill(c)));
    await Promise.all(contexts.splice(0).map((c) => c.close()));
  });
  afterAll(async () => {
    await api?.app.close();
    await catcher?.close();
    await receiver?.close();
    await cleanUp(loadConfig(env));
  });

  it('delivers every reminder once when a worker is SIGKILLed holding jobs and another takes over', async () => {
    const first = await worker();
    const ids = await decisionsAwaitingDetermination(api, 'KILL', 4);
    const deliveries = api.app.get(DeliveryQueue).queue;
    // The catcher holds each message 1.5 s before accepting it: wait until the worker is mid-send.
    await eventually(async () => (await deliveries.getActiveCount()) > 0, 15_000, 20);
    await kill(first);
    expect(mailsAbout('KILL')).toHaveLength(0);

    await worker();
    await eventually(allSent(api, ids), 30_000);
    expectEachOnce('KILL', 4);
  });

  it('replaces a job that BullMQ failed for stalling, so the delivery is not lost', async () => {
    const failures: string[] = [];
    const connection = new Redis(env.REDIS_URL, { maxRetriesPerRequest: null });
    const events = new QueueEvents(DELIVERIES_QUEUE, { connection, prefix: env.QUEUE_PREFIX });
    events.on('failed', ({ failedReason }) => failures.push(failedReason));
    await events.waitUntilReady();
    try {
      // maxStalledCount 0: the first stall fails the job, as the default (1) does on the second.
      const first = await worker({ WORKER_MAX_STALLED_COUNT: '0' });
      const ids = await decisionsAwaitingDetermination(api, 'STALL', 1);
      const deliveries = api.app.get(DeliveryQueue).queue;
      await eventually(async () => (await deliveries.getActiveCount()) > 0, 15_000, 20);
      await kill(first);

      await worker({ WORKER_MAX_STALLED_COUNT: '0' });
      await eventually(async () => failures.some((r) => /stalled/.test(r)), 15_000);
      await eventually(allSent(api, ids), 30_000);
      expectEachOnce('STALL', 1);
    } finally {
      await events.close();
      connection.disconnect();
    }
  });

  it('resends a delivery whose worker was killed after the receiver accepted it, with the same idempotency key', async () => {
    receiver.holdWhen((body) => body.includes('"reference":"ACCEPTED-'), 5000);
    const first = await worker();
    const ids = await decisionsAwaitingDetermination(api, 'ACCEPTED', 1);
    // The receiver has the delivery (it is holding its answer): the worker dies before it can record the send.
    await eventually(async () => hooksAbout('ACCEPTED').length === 1, 15_000, 20);
    await kill(first);
    receiver.holdWhen(() => false, 0);

    await worker();
    const rows = await eventually(allSent(api, ids), 30_000);
    const hooks = hooksAbout('ACCEPTED');
    expect(hooks.length).toBe(2); // at least once: the receiver saw it twice …
    expect(new Set(hooks.map((h) => h.idempotencyKey)).size).toBe(1); // … with one key, so it can drop the repeat
    expect(hooks.every((h) => h.standardKey === hooks[0].idempotencyKey)).toBe(true);
    expect(rows.find((r) => r.channel === 'webhook')).toMatchObject({ status: 'sent', attempts: 2 });
    // The email may have been interrupted too; every copy that arrived carries the same Message-ID.
    expect(new Set(mailsAbout('ACCEPTED').map((m) => m.messageId)).size).toBe(1);
  });

  it('repairs a Redis wipe on its own clock, without a worker restart, and fires nothing twice', async () => {
    // A reconcile schedule an hour apart: only the wipe check can bring the jobs back in time.
    const running = await worker({ RECONCILE_EVERY_MS: '3600000' });
    const ids = await decisionsAwaitingDetermination(api, 'WIPE', 3);
    const timers = api.app.get(TimerQueue);
    const pending = (await api.app.get(TransactionRunner).read((db) => new TimerRepository(db).allPending())).filter((t) => ids.includes(t.subjectId));
    expect(pending).toHaveLength(3);

    await deleteRedisKeys(env.REDIS_URL, env.QUEUE_PREFIX);
    await eventually(async () => running.output().includes('sentinel gone'), 10_000);
    await eventually(allSent(api, ids), 20_000);
    for (const t of pending) expect(await timers.has(t.id)).toBe(false); // fired, not waiting to fire again
    await new Promise((r) => setTimeout(r, 2500));
    expectEachOnce('WIPE', 3);
    expect((await notificationsOf(api, ids)).every((n) => n.attempts === 1)).toBe(true);
  });

  it('processes every job once with two workers on one Redis and PostgreSQL', async () => {
    for (let i = 0; i < 2; i++) {
      contexts.push(await NestFactory.createApplicationContext(WorkerModule.with(loadConfig(env)), { logger: false, abortOnError: false }));
    }
    const ids = await decisionsAwaitingDetermination(api, 'SCALE', 6);
    await eventually(allSent(api, ids), 30_000);
    await new Promise((r) => setTimeout(r, 1000));
    expectEachOnce('SCALE', 6);
    expect(hooksAbout('SCALE')).toHaveLength(6);
    expect((await notificationsOf(api, ids)).every((n) => n.attempts === 1)).toBe(true);
  });
});

describe('fault tolerance: staffing arrangement timers survive a Redis wipe', () => {
  let catcher: Awaited<ReturnType<typeof startSmtpCatcher>>;
  let env: Record<string, string>;
  let api: TestApi;

  let today: string;

  beforeAll(async () => {
    // Reminders land on the send time: put it 1.5 to 2.5 minutes ahead (worked out when this test starts, not when
    // the file loads), so that even the earliest, 56 s before it, is pending when Redis is wiped.
    const ahead = new Date(Math.ceil((Date.now() + 90_000) / 60_000) * 60_000);
    const sendAt = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(ahead);
    today = londonDateOf(new Date().toISOString());
    catcher = await startSmtpCatcher();
    env = testEnv({ ...FAST, REMINDER_SEND_AT: sendAt, SMTP_URL: `smtp://127.0.0.1:${catcher.port}` });
    api = await startApi(loadConfig(env), { withWorker: true });
  });
  afterAll(async () => {
    await api?.app.close();
    await catcher?.close();
    await cleanUp(loadConfig(env));
  });

  it('loses none of the reminders pending when Redis is wiped, and sends each once', async () => {
    const post = { kind: 'temporary-post', title: 'Wipe-proof post', count: 1, fte: 1, grade: 'Grade 9', start: today, end: today };
    const { body } = await api.as(USERS.officer).post('/api/decisions', { ...DONCASTER, reference: 'ARR-WIPE', consultees: [], staffingArrangements: [post] }).expect(201);
    await api.as(USERS.officer).post(`/api/decisions/${body.id}/submit`).expect(200);
    await api.as(USERS.dm).post(`/api/decisions/${body.id}/approve`, { decidedAt: today }).expect(200);
    const published = await api.as(USERS.democratic).post(`/api/decisions/${body.id}/publish`, { publishedAt: today }).expect(200);
    const arrangement = published.body.staffingArrangements[0];
    expect(arrangement.state).toBe('ending-soon');
    const pending = (await api.app.get(TransactionRunner).read((db) => new TimerRepository(db).allPending())).filter((t) => t.subjectId === arrangement.id && t.kind === 'REMINDER');
    // 56, 28 and 7 "days" (seconds, REMINDER_UNIT) before the send time of its last day, and on it: all still to
    // come (besides its END_PASSED clock at midnight).
    expect(pending).toHaveLength(4);

    await deleteRedisKeys(env.REDIS_URL, env.QUEUE_PREFIX);
    const mails = () => catcher.messages.filter((m) => m.subject.startsWith('Wipe-proof post'));
    await eventually(async () => mails().length >= 4, 180_000, 500);
    await new Promise((r) => setTimeout(r, 2500));
    expect(mails()).toHaveLength(4);
    expect(new Set(mails().map((m) => m.messageId)).size).toBe(4);
    const timers = api.app.get(TimerQueue);
    for (const t of pending) expect(await timers.has(t.id)).toBe(false); // fired, not waiting to fire again
  }, 240_000);
});
