import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { loadConfig } from '#libs/config';
import { startSmtpCatcher } from '#libs/delivery';
import { TimerQueue } from '#libs/queue';
import { TimerRepository, TransactionRunner, type TimerEntity } from '#libs/store';
import { cleanUp, deleteRedisKeys, eventually, testEnv } from './support/environment.js';
import { startApi, USERS, type TestApi } from './support/api.js';
import { DONCASTER } from './fixtures/seed-decisions.js';

/**
 * PostgreSQL holds every timer; Redis only those due within the horizon (3 s here). A decision-maker
 * reminder 6 s away starts beyond it. The worker runs in the API process; no test asserts a duration.
 */
describe('timers beyond the horizon live in PostgreSQL only, and come into Redis as they near', () => {
  let catcher: Awaited<ReturnType<typeof startSmtpCatcher>>;
  let env: Record<string, string>;
  let api: TestApi;

  beforeAll(async () => {
    catcher = await startSmtpCatcher();
    env = testEnv({
      SMTP_URL: `smtp://127.0.0.1:${catcher.port}`,
      REMINDER_UNIT: 'seconds',
      REMINDER_DECISION_MAKER_EVERY: '6',
      REMINDER_DECISION_MAKER_TIMES: '1',
      TIMER_HORIZON_SECONDS: '3',
      TIMER_RELAY_EVERY_MS: '200',
      REDIS_WIPE_CHECK_MS: '200',
      RECONCILE_EVERY_MS: '3600000', // only the relay and the wipe check act in these tests
    });
    api = await startApi(loadConfig(env), { withWorker: true });
  });
  afterAll(async () => {
    await api?.app.close();
    await catcher?.close();
    await cleanUp(loadConfig(env));
  });

  async function reminderOf(reference: string): Promise<{ id: string; timer: () => Promise<TimerEntity> }> {
    const { body } = await api.as(USERS.officer).post('/api/decisions', { ...DONCASTER, reference, consultees: [] }).expect(201);
    await api.as(USERS.officer).post(`/api/decisions/${body.id}/submit`).expect(200);
    const db = api.app.get(TransactionRunner);
    const [pending] = (await db.read((tx) => new TimerRepository(tx).pendingFor('decision', body.id))).filter((t) => t.kind === 'REMINDER');
    return { id: body.id, timer: async () => (await db.read((tx) => new TimerRepository(tx).find(pending.id)))! };
  }
  const mailsAbout = (reference: string) => catcher.messages.filter((m) => m.subject.includes(reference));

  it('keeps a timer beyond the horizon out of Redis, queues it when it comes within, and fires it once', async () => {
    const queue = api.app.get(TimerQueue);
    const { timer } = await reminderOf('HORIZON-1');
    const before = await timer();
    expect(before).toMatchObject({ status: 'pending', enqueuedAt: null });
    expect(await queue.queue.getJob(before.id)).toBeUndefined();

    // The relay moves it into the queue while it is still pending (due in the future).
    const queued = await eventually(async () => {
      const t = await timer();
      return t.status === 'pending' && t.enqueuedAt !== null && (await queue.has(t.id)) ? t : undefined;
    }, 15_000, 50);
    expect(queued.dueAt.getTime()).toBe(before.dueAt.getTime());

    await eventually(async () => (await timer()).status === 'fired', 15_000);
    await eventually(async () => mailsAbout('HORIZON-1').length === 1, 10_000);
    await new Promise((r) => setTimeout(r, 1000));
    expect(mailsAbout('HORIZON-1')).toHaveLength(1);
  });

  it('repairs Redis losing a timer within the horizon, and the timer still fires once', async () => {
    const queue = api.app.get(TimerQueue);
    const { timer } = await reminderOf('HORIZON-2');
    const queued = await eventually(async () => {
      const t = await timer();
      return t.status === 'pending' && (await queue.has(t.id)) ? t : undefined;
    }, 15_000, 50);

    await deleteRedisKeys(env.REDIS_URL, env.QUEUE_PREFIX);
    await eventually(async () => (await timer()).status === 'fired', 20_000);
    await eventually(async () => mailsAbout('HORIZON-2').length === 1, 10_000);
    await new Promise((r) => setTimeout(r, 1000));
    expect(mailsAbout('HORIZON-2')).toHaveLength(1);
    expect(queued.id).toBe((await timer()).id);
  });
});
