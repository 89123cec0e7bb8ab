import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Injectable, Module } from '@nestjs/common';
import { DecisionService } from '#libs/decisions';
import {
  Aggregate,
  Engine,
  Reaction,
  SYSTEM_ACTOR,
  TimerHandler,
  type AggregateAdapter,
  type Applied,
  type HistoryEntry,
  type MachineEvent,
  type ReminderTemplates,
  type TimerFiring,
  type Transition,
  type UnitOfWork,
} from '#libs/engine';
import type { Actor } from '#libs/lifecycle';
import { REMINDER_TIMER } from '#libs/reminders';
import { NotificationRepository, TransactionRunner, sql, type DecisionRecord, type Tx, type WantedTimer } from '#libs/store';
import { cleanUp, testConfig } from '../support/environment.js';
import { startServices, type Services } from '../support/services.js';

/**
 * A second aggregate plugged into the engine the way staffing arrangements will be: a "follow-up" belongs to a
 * decision, has its own statechart (open → overdue | done | cancelled), its own timer kind, and reacts to its
 * decision (withdrawn → its follow-ups cancelled, in the same transaction). It locks its decision's row first.
 */
interface FollowUp {
  id: string;
  decisionId: string;
  state: 'open' | 'overdue' | 'done' | 'cancelled';
  version: number;
  dueAt: Date;
}

const FOLLOW_UP = 'follow-up';

@Aggregate()
@Injectable()
class FollowUpAdapter implements AggregateAdapter<FollowUp> {
  readonly subjectType: string = FOLLOW_UP;
  readonly timerKinds: readonly string[] = ['FOLLOW_UP_DUE', 'FOLLOW_UP_NAG', REMINDER_TIMER];
  // Its reminders in its own words, through the one reminder handler every aggregate shares.
  readonly reminders: ReminderTemplates<FollowUp> = {
    summary: (f) => ({ type: FOLLOW_UP, id: f.id, reference: `FU-${f.id.slice(-4)}`, title: 'Follow-up', link: `http://localhost/follow-ups/${f.id}` }),
    phrase: () => ({ lead: 'Reminder', why: 'A follow-up is due.' }),
    links: (f) => [{ label: 'Open it', url: `http://localhost/follow-ups/${f.id}` }],
    facts: (f) => ({ state: f.state }),
    render: (f, request, person, links) => ({
      subject: `Follow-up FU-${f.id.slice(-4)} is due — ${request.actionAsked}`,
      text: `Dear ${person.name}, ${links[0].url}`,
      html: `<p>Dear ${person.name}</p>`,
    }),
  };
  // Overdue, it nags every minute until done: only the next nag is kept, so its timers follow the clock.
  readonly timersFollowTheClock = true;
  idOf = (f: FollowUp) => f.id;
  stateOf = (f: FollowUp) => f.state;
  versionOf = (f: FollowUp) => f.version;
  notFound = (id: string) => new Error(`no follow-up ${id}`);

  async lock(tx: Tx, id: string): Promise<FollowUp | null> {
    // One lock order for everything: the owning decision's row, then the follow-up's.
    await sql(tx, `SELECT 1 FROM decisions WHERE id = (SELECT decision_id FROM follow_ups WHERE id = $1) FOR UPDATE`, [id]);
    const { rows } = await sql<{ id: string; decision_id: string; state: FollowUp['state']; version: number; due_at: Date }>(
      tx,
      `SELECT id, decision_id, state, version, due_at FROM follow_ups WHERE id = $1 FOR UPDATE`,
      [id],
    );
    const r = rows[0];
    return r ? { id: r.id, decisionId: r.decision_id, state: r.state, version: r.version, dueAt: r.due_at } : null;
  }

  async write(tx: Tx, before: FollowUp | null, after: FollowUp, history: HistoryEntry): Promise<FollowUp> {
    if (!before) await sql(tx, `INSERT INTO follow_ups (id, decision_id, state, version, due_at) VALUES ($1, $2, $3, $4, $5)`, [after.id, after.decisionId, after.state, after.version, after.dueAt]);
    else {
      const { rowCount } = await sql(tx, `UPDATE follow_ups SET state = $3, version = $4 WHERE id = $1 AND version = $2`, [after.id, before.version, after.state, after.version]);
      if (rowCount !== 1) throw new Error('stale follow-up');
    }
    await sql(tx, `INSERT INTO follow_up_history (follow_up_id, type, to_state) VALUES ($1, $2, $3)`, [after.id, history.type, history.toState]);
    return after;
  }

  timersFor(f: FollowUp, now: Date): WantedTimer[] {
    if (f.state === 'open') {
      const reminder = { kind: 'follow-up-due-soon', key: 'soon', dueAt: new Date(f.dueAt.getTime() - 30_000).toISOString(), recipient: { type: 'email', email: 'owner@example.org', name: 'Owner' }, actionAsked: 'Finish it', deadline: f.dueAt.toISOString() };
      return [
        { id: `${f.id}-due`, subjectType: FOLLOW_UP, subjectId: f.id, kind: 'FOLLOW_UP_DUE', dueAt: f.dueAt, payload: {} },
        { id: `${f.id}-soon`, subjectType: FOLLOW_UP, subjectId: f.id, kind: REMINDER_TIMER, dueAt: new Date(reminder.dueAt), payload: reminder },
      ];
    }
    if (f.state !== 'overdue') return [];
    const next = Math.max(1, Math.floor((now.getTime() - f.dueAt.getTime()) / 60_000) + 1);
    return [{ id: `${f.id}-nag-${next}`, subjectType: FOLLOW_UP, subjectId: f.id, kind: 'FOLLOW_UP_NAG', dueAt: new Date(f.dueAt.getTime() + next * 60_000), payload: {} }];
  }

  apply(f: FollowUp, event: MachineEvent): Applied<FollowUp> {
    const to = ({ open: { DUE: 'overdue', DONE: 'done', CANCEL: 'cancelled' }, overdue: { DONE: 'done', CANCEL: 'cancelled' } } as Record<string, Record<string, FollowUp['state']>>)[f.state]?.[event.type];
    if (!to) return { accepted: false, reason: `${event.type} is not allowed in state '${f.state}'` };
    return { accepted: true, next: { ...f, state: to, version: f.version + 1 } };
  }
}

@Injectable()
class FollowUpClocks {
  @TimerHandler('FOLLOW_UP_DUE')
  async due({ timer, uow, now }: TimerFiring): Promise<'fired' | 'stale'> {
    const r = await uow.dispatch(FOLLOW_UP, timer.subjectId, { type: 'DUE', at: now.toISOString() }, { actor: SYSTEM_ACTOR, historyType: 'due' });
    return r.accepted ? 'fired' : 'stale';
  }

  @TimerHandler('FOLLOW_UP_NAG')
  async nag({ subject }: TimerFiring): Promise<'fired' | 'stale'> {
    return (subject as FollowUp).state === 'overdue' ? 'fired' : 'stale';
  }
}

@Injectable()
class FollowUpReactions {
  static failNext = false;

  /** A decision withdrawn or rejected cancels its follow-ups, in the transaction that withdrew it. */
  @Reaction('decision')
  async onDecision(change: Transition, uow: UnitOfWork) {
    const after = change.after as DecisionRecord;
    if (!['withdrawn', 'rejected'].includes(after.decision.state)) return;
    if (FollowUpReactions.failNext) throw new Error('reaction failed');
    const { rows } = await sql<{ id: string }>(uow.tx, `SELECT id FROM follow_ups WHERE decision_id = $1 AND state IN ('open', 'overdue')`, [change.id]);
    for (const { id } of rows) await uow.dispatch(FOLLOW_UP, id, { type: 'CANCEL', at: uow.now.toISOString() }, { actor: SYSTEM_ACTOR, historyType: 'cancel' });
  }
}

@Module({ providers: [FollowUpAdapter, FollowUpClocks, FollowUpReactions] })
class FollowUpModule {}

const officer: Actor = { userId: 'u-officer', name: 'Officer', roles: ['officer'] };

describe('a second aggregate plugged into the engine (adapter, timer kind, reaction)', () => {
  const config = testConfig();
  let services: Services;
  let engine: Engine;
  let decisions: DecisionService;
  let db: TransactionRunner;
  const query = <R>(text: string, values: unknown[] = []) => db.read(async (tx) => (await sql<R>(tx, text, values)).rows);

  beforeAll(async () => {
    services = await startServices(config, { extra: [FollowUpModule] });
    engine = services.app.get(Engine);
    decisions = services.app.get(DecisionService);
    db = services.app.get(TransactionRunner);
    await query(`CREATE TABLE follow_ups (id uuid PRIMARY KEY, decision_id uuid NOT NULL REFERENCES decisions (id), state text NOT NULL, version int NOT NULL, due_at timestamptz NOT NULL)`);
    await query(`CREATE TABLE follow_up_history (follow_up_id uuid NOT NULL, type text NOT NULL, to_state text NOT NULL)`);
  });
  afterAll(async () => {
    await services?.app.close();
    await cleanUp(config);
  });

  const newFollowUp = async (decisionId: string, id: string, dueAt: Date) =>
    engine.inTransaction(async (uow) => {
      await uow.load('decision', decisionId); // the owner's lock first, as every change to a follow-up takes it
      return uow.create<FollowUp>(FOLLOW_UP, () => ({
        next: { id, decisionId, state: 'open', version: 1, dueAt },
        history: { type: 'create', at: uow.now, actor: officer, fromState: null, toState: 'open', payload: {} },
      }));
    });

  it('finds the adapter, its timer handler and its reaction, and every kind has exactly one handler', () => {
    expect(() => engine.assertEveryKindHandled()).not.toThrow();
  });

  it("keeps the follow-up's clock in the one timers table and fires it through its own handler", async () => {
    const { id: decisionId } = await decisions.create({ title: 'With follow-ups', decisionMaker: { title: 'D' }, isKeyDecision: false, isSubjectToCallIn: false, urgency: 'none' }, officer);
    const dueAt = new Date(services.clock.now().getTime() + 60_000);
    services.sink.clear();
    await newFollowUp(decisionId, '00000000-0000-4000-8000-000000000001', dueAt);
    const [timer, reminder] = await query<{ id: string; subject_type: string; status: string }>(`SELECT id, subject_type, status FROM timers WHERE subject_id = '00000000-0000-4000-8000-000000000001' ORDER BY due_at DESC`);
    expect(timer).toEqual({ id: '00000000-0000-4000-8000-000000000001-due', subject_type: FOLLOW_UP, status: 'pending' });
    expect(services.sink.scheduled.map((t) => t.id).sort()).toEqual([reminder.id, timer.id].sort()); // due within the horizon: queued at commit

    // Its reminder goes through the shared handler, rendered by its own template, to an address only.
    services.clock.set(new Date(dueAt.getTime() - 30_000));
    expect(await engine.fire({ timerId: reminder.id })).toBe('fired');
    const [delivery] = await db.read((tx) => new NotificationRepository(tx).forSubject(FOLLOW_UP, '00000000-0000-4000-8000-000000000001'));
    expect(delivery).toMatchObject({ channel: 'email', recipient: 'owner@example.org', subject: 'Follow-up FU-0001 is due — Finish it', status: 'pending' });

    services.clock.set(dueAt);
    expect(await engine.fire({ timerId: timer.id })).toBe('fired');
    expect(await query(`SELECT state FROM follow_ups WHERE id = '00000000-0000-4000-8000-000000000001'`)).toEqual([{ state: 'overdue' }]);
    expect(await query(`SELECT status FROM timers WHERE id = $1`, [timer.id])).toEqual([{ status: 'fired' }]);
  });

  it('keeps a series that follows the clock going: each firing brings in the next, and none is re-armed', async () => {
    const id = '00000000-0000-4000-8000-000000000001'; // overdue since the test above
    const timers = () => query<{ id: string; status: string }>(`SELECT id, status FROM timers WHERE subject_id = $1 AND kind = 'FOLLOW_UP_NAG' ORDER BY created_at, id`, [id]);
    expect(await timers()).toEqual([{ id: `${id}-nag-1`, status: 'pending' }]);
    services.clock.advance(60_000);
    expect(await engine.fire({ timerId: `${id}-nag-1` })).toBe('fired');
    expect(await timers()).toEqual([
      { id: `${id}-nag-1`, status: 'fired' },
      { id: `${id}-nag-2`, status: 'pending' },
    ]);
    expect(await engine.fire({ timerId: `${id}-nag-1` })).toBe('stale'); // a duplicate job changes nothing
    expect((await timers()).map((t) => t.id)).toEqual([`${id}-nag-1`, `${id}-nag-2`]);
  });

  it("cancels a withdrawn decision's follow-ups and their clocks in the same transaction", async () => {
    const { id: decisionId } = await decisions.create({ title: 'Withdrawn', decisionMaker: { title: 'D' }, isKeyDecision: false, isSubjectToCallIn: false, urgency: 'none' }, officer);
    await newFollowUp(decisionId, '00000000-0000-4000-8000-000000000002', new Date(services.clock.now().getTime() + 86_400_000));
    await decisions.act(decisionId, 'withdraw', { reason: 'superseded' }, officer);
    expect(await query(`SELECT state, version FROM follow_ups WHERE id = '00000000-0000-4000-8000-000000000002'`)).toEqual([{ state: 'cancelled', version: 2 }]);
    expect(await query(`SELECT status FROM timers WHERE subject_id = '00000000-0000-4000-8000-000000000002'`)).toEqual([{ status: 'cancelled' }, { status: 'cancelled' }]);
  });

  it('rolls the decision back too when a reaction fails: one transaction or nothing', async () => {
    const { id: decisionId } = await decisions.create({ title: 'Atomic', decisionMaker: { title: 'D' }, isKeyDecision: false, isSubjectToCallIn: false, urgency: 'none' }, officer);
    FollowUpReactions.failNext = true;
    try {
      await expect(decisions.act(decisionId, 'withdraw', { reason: 'x' }, officer)).rejects.toThrow('reaction failed');
    } finally {
      FollowUpReactions.failNext = false;
    }
    expect((await decisions.get(decisionId, officer)).state).toBe('draft');
    expect((await decisions.history(decisionId, officer)).map((h) => h.type)).toEqual(['create']);
    // The version the failed change would have written is written next by another change: its timers are its own.
    await decisions.act(decisionId, 'submit', {}, officer);
    const reminders = await query<{ kind: string; status: string }>(`SELECT kind, status FROM timers WHERE subject_id = $1`, [decisionId]);
    expect(reminders.length).toBeGreaterThan(0);
    expect(reminders.every((t) => t.kind === 'REMINDER' && t.status === 'pending')).toBe(true);
  });
});

describe('the start-up check of timer handlers', () => {
  @Aggregate()
  @Injectable()
  class Orphan extends FollowUpAdapter {
    override readonly subjectType = 'orphan';
    override readonly timerKinds = ['ORPHAN_DUE'];
  }
  @Module({ providers: [Orphan] })
  class OrphanModule {}

  @Injectable()
  class SecondHandler {
    @TimerHandler('REMINDER')
    async fire(): Promise<'fired'> {
      return 'fired';
    }
  }
  @Module({ providers: [SecondHandler] })
  class SecondHandlerModule {}

  it('refuses a kind no handler fires, and a kind with two handlers, naming them', async () => {
    const config = testConfig();
    const orphan = await startServices(config, { extra: [OrphanModule] });
    const doubled = await startServices(config, { extra: [SecondHandlerModule] });
    try {
      expect(() => orphan.app.get(Engine).assertEveryKindHandled()).toThrow(/'ORPHAN_DUE' has no @TimerHandler/);
      expect(() => doubled.app.get(Engine).assertEveryKindHandled()).toThrow(/'REMINDER' has 2 handlers \(.*ReminderFiring\.fire.*SecondHandler\.fire|'REMINDER' has 2 handlers \(.*SecondHandler\.fire.*ReminderFiring\.fire/);
    } finally {
      await orphan.app.close();
      await doubled.app.close();
      await cleanUp(config);
    }
  });
});
