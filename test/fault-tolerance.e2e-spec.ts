import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import type { ChildProcess } from 'node:child_process';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { loadConfig } from '#libs/config';
import { startSmtpCatcher } from '#libs/delivery';
import { DeliveryQueue, TimerQueue } from '#libs/queue';
import { TimerRepository } from '#libs/store';
import { JobWorker } from '#libs/timers';
import { DataSource } from 'typeorm';
import { WorkerModule } from '../apps/worker/worker.module.js';
import { cleanUp, deleteRedisKeys, eventually, testEnv } from './support/environment.js';
import { startApi, USERS, type TestApi } from './support/api.js';
import { spawnWorker, kill } from './support/worker-process.js';
import { DONCASTER } from './fixtures/seed-decisions.js';

const FAST = {
  REMINDER_UNIT: 'seconds',
  REMINDER_DECISION_MAKER_EVERY: '2',
  REMINDER_DECISION_MAKER_TIMES: '1',
  DELIVERY_BACKOFF_MS: '50',
  WORKER_LOCK_MS: '1500',
  WORKER_STALLED_INTERVAL_MS: '1000',
  DELIVERY_LEASE_MS: '3000',
};

/** N decisions waiting For Determination, each with one decision-maker reminder due in 2 s. */
async function decisionsAwaitingDetermination(api: TestApi, prefix: string, n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const { body } = await api.as(USERS.officer).post('/api/decisions', { ...DONCASTER, reference: `${prefix}-${i}`, consultees: [] }).expect(201);
    await api.as(USERS.officer).post(`/api/decisions/${body.id}/submit`).expect(200);
    ids.push(body.id);
  }
  return ids;
}

async function notificationsOf(api: TestApi, ids: string[]) {
  const lists = await Promise.all(ids.map((id) => api.as(USERS.officer).get(`/api/decisions/${id}/notifications`).expect(200)));
  return lists.flatMap((r) => r.body as { status: string; attempts: number; subject: string }[]);
}

describe('fault tolerance: Redis flushed, worker killed, workers scaled out', () => {
  let catcher: Awaited<ReturnType<typeof startSmtpCatcher>>;
  let env: Record<string, string>;
  let api: TestApi;
  const children: ChildProcess[] = [];
  const contexts: INestApplicationContext[] = [];

  const messagesAbout = (prefix: string) => catcher.messages.filter((m) => m.subject.includes(prefix));
  const expectEachOnce = (prefix: string, n: number) => {
    const mails = messagesAbout(prefix);
    expect(mails).toHaveLength(n);
    expect(new Set(mails.map((m) => m.messageId)).size).toBe(n);
  };

  beforeAll(async () => {
    catcher = await startSmtpCatcher({ delayMs: 1500 });
    env = testEnv({ ...FAST, SMTP_URL: `smtp://127.0.0.1:${catcher.port}` });
    api = await startApi(loadConfig(env)); // no worker in the API process: the tests bring their own
  });
  afterEach(async () => {
    await Promise.all(children.splice(0).map((c) => kill(c)));
    await Promise.all(contexts.splice(0).map((c) => c.close()));
  });
  afterAll(async () => {
    await api?.app.close();
    await catcher?.close();
    await cleanUp(loadConfig(env));
  });

  it('delivers every reminder once when a worker is SIGKILLed holding jobs and another takes over', async () => {
    const first = await spawnWorker(env);
    children.push(first);
    const ids = await decisionsAwaitingDetermination(api, 'KILL', 4);
    const deliveries = api.app.get(DeliveryQueue).queue;
    // The catcher holds each message 1.5 s before accepting it: wait until the worker is mid-send.
    await eventually(async () => (await deliveries.getActiveCount()) > 0, 15_000, 20);
    await kill(first);
    expect(messagesAbout('KILL')).toHaveLength(0);

    children.push(await spawnWorker(env));
    await eventually(async () => {
      const rows = await notificationsOf(api, ids);
      return rows.length === 4 && rows.every((n) => n.status === 'sent');
    }, 30_000);
    expectEachOnce('KILL', 4);
  });

  it('restores every pending timer after Redis lost its data, and none fires twice', async () => {
    const worker = await NestFactory.createApplicationContext(WorkerModule.with(loadConfig(env)), { logger: false, abortOnError: false });
    contexts.push(worker);
    const ids = await decisionsAwaitingDetermination(api, 'FLUSH', 3);
    const timerQueue = api.app.get(TimerQueue);
    const pending = (await new TimerRepository(api.app.get(DataSource).manager).allPending()).filter((t) => ids.includes(t.subjectId));
    expect(pending).toHaveLength(3);
    for (const t of pending) expect(await timerQueue.has(t.id)).toBe(true);

    await deleteRedisKeys(env.REDIS_URL, env.QUEUE_PREFIX);
    for (const t of pending) expect(await timerQueue.has(t.id)).toBe(false);

    const result = await worker.get(JobWorker).maintain();
    expect(result!.restored).toBe(3);
    for (const t of pending) expect(await timerQueue.has(t.id)).toBe(true);
    await eventually(async () => {
      const rows = await notificationsOf(api, ids);
      return rows.length === 3 && rows.every((n) => n.status === 'sent');
    }, 20_000);
    await worker.get(JobWorker).maintain(); // a second reconcile restores nothing that already ran
    await new Promise((r) => setTimeout(r, 2500));
    expectEachOnce('FLUSH', 3);
    expect((await notificationsOf(api, ids)).every((n) => n.attempts === 1)).toBe(true);
  });

  it('processes every job once with two workers on one Redis and PostgreSQL', async () => {
    for (let i = 0; i < 2; i++) {
      contexts.push(await NestFactory.createApplicationContext(WorkerModule.with(loadConfig(env)), { logger: false, abortOnError: false }));
    }
    const ids = await decisionsAwaitingDetermination(api, 'SCALE', 6);
    await eventually(async () => {
      const rows = await notificationsOf(api, ids);
      return rows.length === 6 && rows.every((n) => n.status === 'sent');
    }, 30_000);
    await new Promise((r) => setTimeout(r, 1000));
    expectEachOnce('SCALE', 6);
    expect((await notificationsOf(api, ids)).every((n) => n.attempts === 1)).toBe(true);
  });
});
