import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DecisionService } from '#libs/decisions';
import { Engine } from '#libs/engine';
import type { Actor } from '#libs/lifecycle';
import { ArrangementService } from '#libs/staffing';
import { NotificationRepository, TransactionRunner, sql } from '#libs/store';
import { cleanUp, testConfig } from '../support/environment.js';
import { startServices, type Services } from '../support/services.js';

const actor = (userId: string, roles: string[]): Actor => ({ userId, name: userId, roles });
const officer = actor('u-officer', ['officer']);
const dm = actor('u-dm', ['decision-maker']);
const ds = actor('u-ds', ['democratic-services']);
const hr = actor('u-hr-manager', ['hr']);

/**
 * An arrangement's clocks on the engine's one timer mechanism, with a fake clock (Monday 2 March 2026) and the
 * default policy in days: state changes at 00:00 London, reminders at 09:00 London 8, 4 and 1 week(s) before
 * the last day and on it, then one escalation and a weekly reminder to the manager.
 */
describe('arrangement clocks (services, PostgreSQL, fake clock)', () => {
  const config = testConfig();
  let services: Services;
  let engine: Engine;
  let db: TransactionRunner;
  let id: string;
  const timers = () =>
    db.read(async (tx) => (await sql<{ id: string; kind: string; status: string; due_at: Date; payload: { kind?: string } }>(tx, `SELECT id, kind, status, due_at, payload FROM timers WHERE subject_type = 'arrangement' AND subject_id = $1 ORDER BY due_at, id`, [id])).rows);
  const pending = async () => (await timers()).filter((t) => t.status === 'pending').map((t) => `${t.kind === 'REMINDER' ? t.payload.kind : t.kind} ${t.due_at.toISOString()}`);
  const state = async () => (await services.app.get(ArrangementService).get(id, hr)).state;
  const fireAt = async (due: string, kind?: string) => {
    const timer = (await timers()).find((t) => t.status === 'pending' && t.due_at.toISOString() === due && (!kind || t.kind === kind || t.payload.kind === kind))!;
    services.clock.set(due);
    return { outcome: await engine.fire({ timerId: timer.id }), timer };
  };
  const mails = () => db.read((tx) => new NotificationRepository(tx).forSubject('arrangement', id));

  beforeAll(async () => {
    services = await startServices(config, { now: '2026-03-02T10:00:00.000Z' });
    engine = services.app.get(Engine);
    db = services.app.get(TransactionRunner);
    const decisions = services.app.get(DecisionService);
    const { id: decisionId } = await decisions.create(
      {
        reference: 'CLOCKS-1',
        title: 'Temporary posts',
        decisionMaker: { title: 'Director', userId: 'u-dm' },
        isKeyDecision: false,
        isSubjectToCallIn: false,
        urgency: 'none',
        consultees: [],
        staffingArrangements: [{ kind: 'temporary-post', title: 'Pathway Lead', count: 1, fte: 1, grade: 'Grade 9', start: '2026-03-10', end: '2026-06-30', manager: { name: 'Alison Tomes', email: 'alison@example.gov.uk' } }],
      } as never,
      officer,
    );
    await decisions.act(decisionId, 'submit', {}, officer);
    await decisions.act(decisionId, 'approve', { decidedAt: '2026-03-02' }, dm);
    const published = (await decisions.act(decisionId, 'publish', { publishedAt: '2026-03-02' }, ds)) as unknown as { staffingArrangements: { id: string }[] };
    id = published.staffingArrangements[0].id;
  });
  afterAll(async () => {
    await services?.app.close();
    await cleanUp(config);
  });

  it('waits for its first day, and keeps its reminders at 09:00 London on their days (BST after March)', async () => {
    expect(await state()).toBe('scheduled');
    expect(await pending()).toEqual([
      'START_REACHED 2026-03-10T00:00:00.000Z',
      'arrangement-ending 2026-05-05T08:00:00.000Z',
      'arrangement-ending 2026-06-02T08:00:00.000Z',
      'arrangement-ending 2026-06-23T08:00:00.000Z',
      'arrangement-ends-today 2026-06-30T08:00:00.000Z',
    ]);
  });

  it('becomes active at 00:00 on its first day, and ending soon at 00:00 on the day of its first reminder', async () => {
    expect((await fireAt('2026-03-10T00:00:00.000Z')).outcome).toBe('fired');
    expect(await state()).toBe('active');
    expect((await pending())[0]).toBe('ENDING_SOON_REACHED 2026-05-04T23:00:00.000Z');
    expect((await fireAt('2026-05-04T23:00:00.000Z')).outcome).toBe('fired');
    expect(await state()).toBe('ending-soon');
  });

  it("sends the 8-week reminder to the manager's address in the arrangement's own words", async () => {
    const { outcome, timer } = await fireAt('2026-05-05T08:00:00.000Z', 'arrangement-ending');
    expect(outcome).toBe('fired');
    const [mail] = await mails();
    expect(mail).toMatchObject({ channel: 'email', recipient: 'alison@example.gov.uk', subject: 'Pathway Lead (1 FTE, Grade 9) ends on 30/06/2026 — end it, extend it or make it permanent', status: 'pending' });
    expect(await engine.fire({ timerId: timer.id })).toBe('stale'); // a duplicate job changes nothing
    expect(await mails()).toHaveLength(1);
  });

  it('is overdue from 00:00 the day after its last, escalates once at 09:00, then reminds the manager weekly', async () => {
    for (const due of ['2026-06-02T08:00:00.000Z', '2026-06-23T08:00:00.000Z', '2026-06-30T08:00:00.000Z']) expect((await fireAt(due)).outcome).toBe('fired');
    expect((await fireAt('2026-06-30T23:00:00.000Z', 'END_PASSED')).outcome).toBe('fired');
    expect(await state()).toBe('overdue');
    expect(await pending()).toEqual(['arrangement-overdue-escalation 2026-07-01T08:00:00.000Z', 'arrangement-overdue 2026-07-08T08:00:00.000Z']);
    const escalation = await fireAt('2026-07-01T08:00:00.000Z');
    expect(escalation.outcome).toBe('fired');
    expect(await engine.fire({ timerId: escalation.timer.id })).toBe('stale');
    expect((await fireAt('2026-07-08T08:00:00.000Z')).outcome).toBe('fired');
    // Only the next of the weekly series is kept, and the escalation is never armed again.
    expect(await pending()).toEqual(['arrangement-overdue 2026-07-15T08:00:00.000Z']);
    const sent = (await mails()).map((m) => `${m.recipient} ${m.subject.split(' ')[0]}`);
    expect(sent.filter((s) => s.startsWith('escalations@'))).toEqual(['escalations@ratify.local Escalation:']);
    expect(sent.filter((s) => s.endsWith('Overdue:'))).toEqual(['alison@example.gov.uk Overdue:']);
  });

  it('stops every clock when HR confirms it ended, and the decision closes', async () => {
    services.clock.set('2026-07-09T10:00:00.000Z');
    const ended = await services.app.get(ArrangementService).act(id, 'confirm-ended', {}, hr);
    expect(ended).toMatchObject({ state: 'ended', ended: { on: '2026-06-30' } });
    expect(await pending()).toEqual([]);
    expect(ended.decision.state).toBe('closed');
  });
});
