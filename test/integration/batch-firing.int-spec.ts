import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DecisionService } from '#libs/decisions';
import { Engine } from '#libs/engine';
import type { Actor } from '#libs/lifecycle';
import { DecisionRepository, TransactionRunner, sql } from '#libs/store';
import { cleanUp, testConfig } from '../support/environment.js';
import { startServices, type Services } from '../support/services.js';

const actor = (userId: string, roles: string[]): Actor => ({ userId, name: userId, roles });
const officer = actor('u-officer', ['officer']);
const dm = actor('u-dm', ['decision-maker']);
const ds = actor('u-ds', ['democratic-services']);

/**
 * Engine.fireMany, as the worker fires timers that fall due together: one transaction for the batch, yet
 * each timer settles exactly as Engine.fire would settle it — and one that fails takes none of the others with it.
 */
describe('timers fired in batches (Engine.fireMany, PostgreSQL)', () => {
  const config = testConfig();
  let services: Services;
  let decisions: DecisionService;
  let engine: Engine;
  let db: TransactionRunner;
  const timer = async (id: string) =>
    (await db.read((tx) => sql<{ id: string; status: string }>(tx, `SELECT id, status FROM timers WHERE subject_id = $1 AND kind = 'CALL_IN_PERIOD_ENDED'`, [id]))).rows[0];
  const endings = async (id: string) => (await db.read((tx) => new DecisionRepository(tx).history(id))).filter((h) => h.type === 'call-in-period-ended').length;

  /** A decision in its call-in period whose deadline (2020) has passed: its timer is due. */
  async function inCallIn(reference: string) {
    const { id } = await decisions.create(
      { reference, title: reference, decisionMaker: { title: 'Director', userId: 'u-dm' }, isKeyDecision: false, isSubjectToCallIn: true, urgency: 'none', consultees: [] },
      officer,
    );
    await decisions.act(id, 'submit', {}, officer);
    await decisions.act(id, 'approve', { decidedAt: '2020-11-18' }, dm);
    await decisions.act(id, 'publish', { publishedAt: '2020-11-18' }, ds);
    return { id, timerId: (await timer(id)).id };
  }

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

  it('fires each due timer once, answers in the order asked, and a duplicate or unknown timer is stale', async () => {
    const due = [];
    for (let i = 0; i < 5; i++) due.push(await inCallIn(`BATCH-${i}`));
    const refs = due.map((d) => ({ timerId: d.timerId, subjectType: 'decision', subjectId: d.id }));
    // The same timer twice (a duplicate job), and a job whose timer row does not exist.
    const outcomes = await engine.fireMany([...refs, refs[2], { timerId: 'no-such-timer' }]);
    expect(outcomes).toEqual(['fired', 'fired', 'fired', 'fired', 'fired', 'stale', 'stale']);
    for (const d of due) {
      expect(await timer(d.id)).toMatchObject({ status: 'fired' });
      expect((await decisions.get(d.id, officer)).state).toBe('effective');
      expect(await endings(d.id)).toBe(1);
    }
    // The batch again (a redelivery): nothing moves.
    const versions = await Promise.all(due.map(async (d) => (await decisions.get(d.id, officer)).version));
    expect(await engine.fireMany(refs)).toEqual(refs.map(() => 'stale'));
    expect(await Promise.all(due.map(async (d) => (await decisions.get(d.id, officer)).version))).toEqual(versions);
  });

  it('a timer that fails fails alone: the others of its batch still fire, and it stays pending for a retry', async () => {
    const good = [await inCallIn('BATCH-OK-1'), await inCallIn('BATCH-OK-2')];
    const bad = await inCallIn('BATCH-BAD');
    // A row no handler knows: firing it throws inside the batch's transaction.
    await db.read((tx) =>
      sql(tx, `INSERT INTO timers (id, subject_type, subject_id, kind, due_at, status, payload) VALUES ($1, 'decision', $2, 'NO_SUCH_KIND', now(), 'pending', '{}')`, [`${bad.id}-odd`, bad.id]),
    );
    const outcomes = await engine.fireMany([
      { timerId: good[0].timerId, subjectType: 'decision', subjectId: good[0].id },
      { timerId: `${bad.id}-odd`, subjectType: 'decision', subjectId: bad.id },
      { timerId: good[1].timerId, subjectType: 'decision', subjectId: good[1].id },
    ]);
    expect(outcomes[0]).toBe('fired');
    expect(outcomes[1]).toBeInstanceOf(Error);
    expect(outcomes[2]).toBe('fired');
    for (const d of good) expect(await endings(d.id)).toBe(1);
    const odd = (await db.read((tx) => sql<{ status: string }>(tx, `SELECT status FROM timers WHERE id = $1`, [`${bad.id}-odd`]))).rows[0];
    expect(odd.status).toBe('pending');
    expect((await decisions.get(bad.id, officer)).state).toBe('call-in-period');
  });
});
