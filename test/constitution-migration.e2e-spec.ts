import { afterAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { applyEvent, type PersistedLifecycle } from '#libs/lifecycle';
import { MIGRATIONS, dataSourceOptions, dropSchema, ensureSchema } from '#libs/store';
import { TEST_DATABASE_URL } from './support/environment.js';

/**
 * Migration 1700000000003 on rows written before it: a decision that any urgency took out of call-in
 * stays out of it, with a waiver saying why; one without urgency still goes into the call-in period.
 */
describe('migration 1700000000003 (constitution)', () => {
  const settings = { url: TEST_DATABASE_URL, schema: `test_migration_${process.pid}` };
  const sources: DataSource[] = [];
  const open = async (migrations: typeof MIGRATIONS) => {
    const ds = await new DataSource({ ...dataSourceOptions(settings), migrations }).initialize();
    sources.push(ds);
    await ds.runMigrations({ transaction: 'each' });
    return ds;
  };
  afterAll(async () => {
    for (const ds of sources) if (ds.isInitialized) await ds.destroy();
    await dropSchema(settings);
  });

  /** An approved decision as the code before the constitution stored it. */
  const legacy = (urgency: string, isSubjectToCallIn: boolean) => ({
    state: 'approved',
    context: {
      isKeyDecision: true, isSubjectToCallIn, urgency, consultees: [], forwardPlanNoticeAt: null,
      rules: { forwardPlanClearDays: 28, callInMinMembers: 3 },
      revision: 1, signOffs: {}, changesRequested: {}, reconsideration: false, submittedAt: '2021-02-01T10:00:00.000Z',
      forDeterminationAt: '2021-02-01T10:00:00.000Z', decidedAt: '2021-02-01', publishedAt: null, callInDeadline: null,
      callInEffectiveAt: null, effectiveAt: null, deferredUntil: null, calledInBy: [],
    },
  });

  it('keeps every old row meaning what it meant', async () => {
    await ensureSchema(settings);
    const before = await open(MIGRATIONS.filter((m) => Number(/\d+$/.exec(m.name)![0]) < 1700000000003));
    const insert = (reference: string, urgency: string, subject: boolean) =>
      before.query(
        `INSERT INTO decisions (reference, version, state, lifecycle, title, decision_maker_title, author_user_id, author_name, is_key_decision, is_subject_to_call_in, urgency)
         VALUES ($1, 3, 'approved', $2, 'Old decision', 'Director', 'u-officer', 'Officer', true, $3, $4)`,
        [reference, JSON.stringify(legacy(urgency, subject)), subject, urgency],
      );
    await insert('OLD-NONE', 'none', true);
    await insert('OLD-GE', 'general-exception', true);
    await insert('OLD-SU', 'special-urgency', true);
    await insert('OLD-NOT', 'special-urgency', false);
    await before.destroy();

    const after = await open(MIGRATIONS);
    const rows: { reference: string; decision_type: string; call_in_waiver: unknown; special_urgency: unknown; lifecycle: PersistedLifecycle }[] = await after.query(
      `SELECT reference, decision_type, call_in_waiver, special_urgency, lifecycle FROM decisions ORDER BY reference`,
    );
    const byRef = Object.fromEntries(rows.map((r) => [r.reference, r]));
    const publish = (r: (typeof rows)[number]) =>
      applyEvent(r.lifecycle, { type: 'PUBLISH', at: '2021-02-02T10:00:00.000Z', publishedAt: '2021-02-02', callIn: { deadline: '2021-02-09T17:00:00.000Z', effectiveAt: '2021-02-09T17:00:00.000Z' } });

    for (const r of rows) {
      expect(r.decision_type).toBe('executive');
      expect(r.lifecycle.context.rules).toEqual({
        forwardPlan: { days: 28, unit: 'calendar', closures: [] },
        generalException: { days: 5, unit: 'calendar', closures: [] },
        callIn: Object.fromEntries(['executive', 'key-officer', 'officer', 'non-executive'].map((t) => [t, { applies: true, minMembers: 3, scrutinyChairAlone: false }])),
        keyDecisionThreshold: null,
      });
    }
    expect(byRef['OLD-NONE'].call_in_waiver).toBeNull();
    expect(publish(byRef['OLD-NONE'])).toMatchObject({ accepted: true, next: { state: 'call-in-period' } });
    for (const ref of ['OLD-GE', 'OLD-SU']) {
      expect(byRef[ref].call_in_waiver).toMatchObject({ reason: expect.stringContaining('urgency'), agreedBy: 'not recorded' });
      expect(byRef[ref].lifecycle.context.callInWaiver).toEqual(byRef[ref].call_in_waiver);
      expect(publish(byRef[ref])).toMatchObject({ accepted: true, next: { state: 'effective' } });
    }
    expect(byRef['OLD-SU'].special_urgency).toEqual({ agreedBy: 'not recorded', agreedAt: null });
    expect(byRef['OLD-NOT'].call_in_waiver).toBeNull();
    expect(publish(byRef['OLD-NOT'])).toMatchObject({ accepted: true, next: { state: 'effective' } });

    // and back down (every later migration first): the old shape again
    while ((await after.query(`SELECT name FROM migrations WHERE name = 'Constitution1700000000003'`)).length) await after.undoLastMigration({ transaction: 'each' });
    const [down] = await after.query(`SELECT lifecycle FROM decisions WHERE reference = 'OLD-SU'`);
    expect(down.lifecycle.context.rules).toEqual({ forwardPlanClearDays: 28, callInMinMembers: 3 });
    expect(down.lifecycle.context.callInWaiver).toBeUndefined();
  });
});
