import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DecisionService } from '#libs/decisions';
import { Engine } from '#libs/engine';
import type { Actor } from '#libs/lifecycle';
import { DecisionRepository, NotificationRepository, TimerRepository, TransactionRunner, sql } from '#libs/store';
import { cleanUp, testConfig } from '../support/environment.js';
import { startServices, type Services } from '../support/services.js';

const actor = (userId: string, roles: string[]): Actor => ({ userId, name: userId, roles });
const officer = actor('u-officer', ['officer']);
const consultee = (area: string) => actor(`u-${area}`, [`consultee:${area}`]);
const dm = actor('u-dm', ['decision-maker']);
const ds = actor('u-ds', ['democratic-services']);
const draft = (reference: string, consultees = ['hr', 'finance', 'legal']) => ({
  reference,
  title: `Decision ${reference}`,
  decisionMaker: { title: 'Director', userId: 'u-dm' },
  isKeyDecision: false,
  isSubjectToCallIn: true,
  urgency: 'none' as const,
  consultees: consultees.map((area) => ({ area })),
});

/**
 * The engine and the decision service against real PostgreSQL, with a fake clock (Monday 2 March 2026, 10:00)
 * and a timer sink that records instead of queueing: what each change writes, and what it hands the queue.
 */
describe('decision engine (services, PostgreSQL, fake clock and timer sink)', () => {
  const config = testConfig();
  let services: Services;
  let decisions: DecisionService;
  let engine: Engine;
  let db: TransactionRunner;
  const timersOf = (id: string) => db.read(async (tx) => (await sql<{ id: string; kind: string; status: string; enqueued_at: Date | null }>(tx, `SELECT id, kind, status, enqueued_at FROM timers WHERE subject_type = 'decision' AND subject_id = $1 ORDER BY id`, [id])).rows);
  const historyOf = (id: string) => db.read((tx) => new DecisionRepository(tx).history(id));

  beforeAll(async () => {
    services = await startServices(config);
    decisions = services.app.get(DecisionService);
    engine = services.app.get(Engine);
    db = services.app.get(TransactionRunner);
  });
  afterAll(async () => {
    await services?.app.close();
    await cleanUp(config);
  });

  it('writes the row, one history entry and the timers the new state wants, and queues none that are days away', async () => {
    services.sink.clear();
    const { id } = await decisions.create(draft('ENGINE-1'), officer);
    await decisions.act(id, 'submit', {}, officer);
    const reminders = await timersOf(id);
    expect(reminders).toHaveLength(9); // per area: two reminders and an escalation, working days away
    expect(reminders.every((t) => t.kind === 'REMINDER' && t.status === 'pending' && t.enqueued_at === null)).toBe(true);
    expect(services.sink.scheduled).toEqual([]);

    const signed = await decisions.act(id, 'sign-off', { area: 'hr' }, consultee('hr'));
    expect(signed).toMatchObject({ version: 3, state: 'consultation' });
    const after = await timersOf(id);
    expect(after.filter((t) => t.status === 'cancelled').map((t) => t.id).every((t) => t.includes('-hr'))).toBe(true);
    expect(after.filter((t) => t.status === 'cancelled')).toHaveLength(3);
    expect(services.sink.cancelled).toEqual([]); // none of them was in the queue
    expect((await historyOf(id)).map((h) => [h.seq, h.type])).toEqual([[1, 'create'], [2, 'submit'], [3, 'sign-off']]);
  });

  it('queues at commit a call-in timer already due, and records it fired when it fires', async () => {
    const { id } = await decisions.create(draft('ENGINE-2', []), officer);
    await decisions.act(id, 'submit', {}, officer);
    await decisions.act(id, 'approve', { decidedAt: '2020-11-18' }, dm);
    services.sink.clear();
    const published = await decisions.act(id, 'publish', { publishedAt: '2020-11-18' }, ds);
    expect(published.state).toBe('call-in-period');
    const callIn = (await timersOf(id)).find((t) => t.kind === 'CALL_IN_PERIOD_ENDED')!;
    expect(callIn).toMatchObject({ status: 'pending', enqueued_at: expect.any(Date) });
    expect(services.sink.scheduled.map((t) => t.id)).toContain(callIn.id);

    expect(await engine.fire({ timerId: callIn.id, subjectType: 'decision', subjectId: id })).toBe('fired');
    expect((await timersOf(id)).find((t) => t.id === callIn.id)!.status).toBe('fired');
    const now = await decisions.get(id, officer);
    expect(now).toMatchObject({ state: 'effective', dates: { effectiveAt: '2020-11-25T17:00:00.000Z' } });
    expect((await historyOf(id)).at(-1)).toMatchObject({ type: 'call-in-period-ended', actorUserId: 'system', fromState: 'call-in-period', toState: 'effective' });

    // A second firing of the same job (a retry, a duplicate) finds the timer settled: nothing happens.
    const versions = now.version;
    expect(await engine.fire({ timerId: callIn.id })).toBe('stale');
    expect((await decisions.get(id, officer)).version).toBe(versions);
  });

  it('records a timer its subject no longer wants as cancelled when it fires, and sends nothing', async () => {
    const { id } = await decisions.create(draft('ENGINE-3', []), officer);
    await decisions.act(id, 'submit', {}, officer);
    // A reminder kept from an older configuration: pending, but not what the state wants now.
    await db.read((tx) =>
      sql(tx, `INSERT INTO timers (id, subject_type, subject_id, kind, due_at, status, payload) VALUES ($1, 'decision', $2, 'REMINDER', now(), 'pending', '{}')`, [`${id}-rem-old`, id]),
    );
    const before = (await decisions.get(id, officer)).version;
    expect(await engine.fire({ timerId: `${id}-rem-old` })).toBe('stale');
    expect((await timersOf(id)).find((t) => t.id === `${id}-rem-old`)!.status).toBe('cancelled');
    expect((await decisions.get(id, officer)).version).toBe(before);
    expect(await db.read((tx) => new NotificationRepository(tx).forSubject('decision', id))).toEqual([]);
  });

  it('fires a reminder into one delivery per address, keyed on its subject, with a stable Message-ID', async () => {
    const { id } = await decisions.create(draft('ENGINE-4', []), officer);
    await decisions.act(id, 'submit', {}, officer); // → for-determination: reminders to the decision maker
    const first = (await timersOf(id)).filter((t) => t.kind === 'REMINDER')[0];
    const timer = (await db.read((tx) => new TimerRepository(tx).find(first.id)))!;
    services.clock.set(timer.dueAt);
    expect(await engine.fire({ timerId: timer.id })).toBe('fired');
    const rows = await db.read((tx) => new NotificationRepository(tx).forSubject('decision', id));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ subjectType: 'decision', subjectId: id, channel: 'email', recipient: 'u-dm@ratify.local', status: 'pending', timerId: timer.id });
    expect(rows[0].subject).toBe('Reminder: Determine this decision — ENGINE-4');
    expect(rows[0].payload).toMatchObject({ messageId: expect.stringMatching(/^<[0-9a-f]{24}@ratify>$/), headers: { 'X-Ratify-Idempotency-Key': rows[0].idempotencyKey } });
    expect((await db.read((tx) => new TimerRepository(tx).find(timer.id)))!.status).toBe('fired');
  });

  it('resyncs timers from the database: a lost timer comes back, an unwanted one is cancelled', async () => {
    const { id } = await decisions.create(draft('ENGINE-5', ['hr']), officer);
    await decisions.act(id, 'submit', {}, officer);
    const [lost] = await timersOf(id);
    await db.read((tx) => sql(tx, `DELETE FROM timers WHERE id = $1`, [lost.id]));
    await db.read((tx) =>
      sql(tx, `INSERT INTO timers (id, subject_type, subject_id, kind, due_at, status, payload) VALUES ($1, 'decision', $2, 'REMINDER', now(), 'pending', '{}')`, [`${id}-rem-stray`, id]),
    );
    const result = await engine.resync('decision');
    expect(result.inserted).toBeGreaterThanOrEqual(1);
    expect(result.cancelled).toBeGreaterThanOrEqual(1);
    const timers = await timersOf(id);
    expect(timers.find((t) => t.id === lost.id)?.status).toBe('pending');
    expect(timers.find((t) => t.id === `${id}-rem-stray`)?.status).toBe('cancelled');
  });
});

describe('reconcilers in batches (PostgreSQL and Redis)', () => {
  const config = testConfig({ TIMER_HORIZON_SECONDS: '600' });
  let services: Services;

  beforeAll(async () => {
    services = await startServices(config);
  });
  afterAll(async () => {
    await services?.app.close();
    await cleanUp(config);
  });

  it('walks every unsent delivery once, batch after batch, and queues only what the queue will not run', async () => {
    const { DeliveryService } = await import('#libs/notifications');
    const db = services.app.get(TransactionRunner);
    const decisions = services.app.get(DecisionService);
    const { id } = await decisions.create(draft('BATCH-1', []), officer);
    await db.read((tx) =>
      new NotificationRepository(tx).insertOnce(
        Array.from({ length: 5 }, (_, i) => ({ subjectType: 'decision', subjectId: id, timerId: null, kind: 'k', channel: 'email' as const, recipient: `r${i}@x`, subject: 's', payload: {}, idempotencyKey: `batch-${i}` })),
      ),
    );
    const deliveries = services.app.get(DeliveryService);
    expect(await deliveries.reconcile(2)).toBe(5); // created_at has microseconds: a cursor on it would loop
    expect(await deliveries.reconcile(2)).toBe(0);
  });

  it('restores, batch after batch, the pending timers within the horizon that the queue lacks, and no later ones', async () => {
    const { TimerScheduler } = await import('#libs/timers');
    const { TimerQueue } = await import('#libs/queue');
    const { CLOCK } = await import('#libs/engine');
    const db = services.app.get(TransactionRunner);
    const queue = services.app.get(TimerQueue);
    const scheduler = new TimerScheduler(db, queue, services.app.get(CLOCK), config);
    const decisions = services.app.get(DecisionService);
    const { id } = await decisions.create(draft('BATCH-2', []), officer);
    const now = services.clock.now().getTime();
    const at = (s: number) => new Date(now + s * 1000);
    await db.read((tx) =>
      new TimerRepository(tx).insertNew(
        [10, 20, 30, 40, 50, 3600].map((s, i) => ({ id: `${id}-batch-${i}`, subjectType: 'decision', subjectId: id, kind: 'REMINDER', dueAt: at(s), payload: {} })),
        at(-1), // none marked for the queue
        services.clock.now(),
      ),
    );
    const restored = await scheduler.reconcile(2);
    expect(restored.filter((t) => t.startsWith(id)).sort()).toEqual([0, 1, 2, 3, 4].map((i) => `${id}-batch-${i}`));
    for (const i of [0, 1, 2, 3, 4]) expect(await queue.has(`${id}-batch-${i}`)).toBe(true);
    expect(await queue.has(`${id}-batch-5`)).toBe(false); // an hour away: beyond the horizon, not in Redis
    expect((await scheduler.reconcile(2)).filter((t) => t.startsWith(id))).toEqual([]);
  });
});
