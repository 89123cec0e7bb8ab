import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { testConfig, cleanUp, eventually } from './support/environment.js';
import { startApi, USERS, type TestApi } from './support/api.js';
import { DONCASTER, OLDHAM } from './fixtures/seed-decisions.js';
import { TransactionRunner, sql } from '#libs/store';

/** Both seed decisions driven through their lifecycles over HTTP, against real PostgreSQL and Redis. */
describe('decision lifecycle (HTTP, PostgreSQL, Redis, worker)', () => {
  const config = testConfig();
  let api: TestApi;

  beforeAll(async () => {
    api = await startApi(config, { withWorker: true });
  });
  afterAll(async () => {
    await api?.app.close();
    await cleanUp(config);
  });

  it("takes Oldham's decision from draft to effective by itself when its call-in deadline has passed", async () => {
    const created = await api.as(USERS.officer).post('/api/decisions', OLDHAM).expect(201);
    const id = created.body.id;
    expect(created.body).toMatchObject({ state: 'draft', status: 'Draft', version: 1, reference: OLDHAM.reference, allowedActions: ['submit', 'withdraw'] });
    expect(created.body.consultations.map((c: { status: string }) => c.status)).toEqual(['pending', 'pending', 'pending']);

    const submitted = await api.as(USERS.officer).post(`/api/decisions/${id}/submit`).expect(200);
    expect(submitted.body).toMatchObject({ state: 'consultation', status: 'Consultation' });

    await api.as(USERS.hr).post(`/api/decisions/${id}/sign-off`, { area: 'hr', comments: 'HR content' }).expect(200);
    await api.as(USERS.finance).post(`/api/decisions/${id}/sign-off`, { area: 'finance' }).expect(200);
    const signed = await api.as(USERS.legal).post(`/api/decisions/${id}/sign-off`, { area: 'legal' }).expect(200);
    expect(signed.body).toMatchObject({ state: 'for-determination', status: 'For Determination' });
    expect(signed.body.consultations).toEqual([
      expect.objectContaining({ area: 'hr', status: 'signed-off', by: 'u-hr', comments: 'HR content' }),
      expect.objectContaining({ area: 'finance', status: 'signed-off', by: 'u-fin' }),
      expect.objectContaining({ area: 'legal', status: 'signed-off', by: 'u-legal' }),
    ]);

    const dmView = await api.as(USERS.dm).get(`/api/decisions/${id}`).expect(200);
    expect(dmView.body.allowedActions).toEqual(expect.arrayContaining(['approve', 'reject', 'defer', 'refer-back']));

    const approved = await api.as(USERS.dm).post(`/api/decisions/${id}/approve`, { decidedAt: '2020-11-18', decisionText: 'RESOLVED' }).expect(200);
    expect(approved.body).toMatchObject({ state: 'approved', status: 'Recommendations Approved', decisionText: 'RESOLVED' });
    expect(approved.body.dates.decidedAt).toBe('2020-11-18');

    const published = await api.as(USERS.democratic).post(`/api/decisions/${id}/publish`, { publishedAt: '2020-11-18' }).expect(200);
    expect(published.body.dates).toMatchObject({ publishedAt: '2020-11-18', callInDeadline: '2020-11-25T17:00:00.000Z' });

    // The deadline is long past: the worker's timer fires at once and the decision takes effect by itself.
    const effective = await eventually(async () => {
      const res = await api.as(USERS.officer).get(`/api/decisions/${id}`);
      return res.body.state === 'effective' ? res.body : undefined;
    });
    expect(effective.status).toBe('Recommendations Approved');
    expect(effective.dates.effectiveAt).toBe('2020-11-25T17:00:00.000Z');

    const history = await api.as(USERS.officer).get(`/api/decisions/${id}/history`).expect(200);
    expect(history.body.map((h: { type: string }) => h.type)).toEqual([
      'create', 'submit', 'sign-off', 'sign-off', 'sign-off', 'approve', 'publish', 'call-in-period-ended',
    ]);
    expect(history.body.map((h: { seq: number }) => h.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(history.body.at(-1)).toMatchObject({ actor: { userId: 'system' }, fromState: 'call-in-period', toState: 'effective' });
    // The call-in timer that did this is recorded as fired (it used to read 'cancelled').
    const callIn = await api.app.get(TransactionRunner).read(async (db) => {
      const { rows } = await sql<{ status: string; settled_at: Date | null }>(db, `SELECT status, settled_at FROM timers WHERE subject_id = $1 AND kind = 'CALL_IN_PERIOD_ENDED'`, [id]);
      return rows;
    });
    expect(callIn).toEqual([{ status: 'fired', settled_at: expect.any(Date) }]);
  });

  it("takes Doncaster's (not subject to call-in) straight to effective on publication", async () => {
    const { body } = await api.as(USERS.officer).post('/api/decisions', DONCASTER).expect(201);
    const id = body.id;
    await api.as(USERS.officer).post(`/api/decisions/${id}/submit`).expect(200);
    await api.as(USERS.hr).post(`/api/decisions/${id}/sign-off`, { area: 'hr' }).expect(200);
    const forDetermination = await api.as(USERS.finance).post(`/api/decisions/${id}/sign-off`, { area: 'finance' }).expect(200);
    expect(forDetermination.body.status).toBe('For Determination');
    await api.as(USERS.dm).post(`/api/decisions/${id}/approve`, { decidedAt: '2021-02-15' }).expect(200);
    const published = await api.as(USERS.democratic).post(`/api/decisions/${id}/publish`, { publishedAt: '2021-03-02' }).expect(200);
    expect(published.body).toMatchObject({ state: 'effective', status: 'Recommendations Approved' });
    expect(published.body.dates).toMatchObject({ decidedAt: '2021-02-15', publishedAt: '2021-03-02', effectiveAt: '2021-03-02', callInDeadline: null });
  });

  it('runs request-changes: back to draft, a new revision, every sign-off reset', async () => {
    const { body } = await api.as(USERS.officer).post('/api/decisions', DONCASTER_WITH('RC-1')).expect(201);
    const id = body.id;
    await api.as(USERS.officer).post(`/api/decisions/${id}/submit`).expect(200);
    await api.as(USERS.hr).post(`/api/decisions/${id}/sign-off`, { area: 'hr' }).expect(200);
    const changed = await api.as(USERS.finance).post(`/api/decisions/${id}/request-changes`, { area: 'finance', comments: 'cost it properly' }).expect(200);
    expect(changed.body).toMatchObject({ state: 'draft', revision: 2 });
    expect(changed.body.consultations).toEqual([
      expect.objectContaining({ area: 'hr', status: 'pending' }),
      expect.objectContaining({ area: 'finance', status: 'changes-requested', comments: 'cost it properly' }),
    ]);
    const edited = await api.as(USERS.officer).patch(`/api/decisions/${id}`, { reasons: 'costed' }).set('If-Match', String(changed.body.version)).expect(200);
    expect(edited.body.reasons).toBe('costed');
    const resubmitted = await api.as(USERS.officer).post(`/api/decisions/${id}/submit`).expect(200);
    expect(resubmitted.body.consultations.every((c: { status: string }) => c.status === 'pending')).toBe(true);
  });

  it('refers a called-in decision back, re-determines it, and publishes it without a second call-in', async () => {
    const { body } = await api.as(USERS.officer).post('/api/decisions', { ...OLDHAM, reference: 'CALLIN-1', consultees: [] }).expect(201);
    const id = body.id;
    const submitted = await api.as(USERS.officer).post(`/api/decisions/${id}/submit`).expect(200);
    expect(submitted.body.state).toBe('for-determination');
    await api.as(USERS.dm).post(`/api/decisions/${id}/approve`).expect(200);
    const published = await api.as(USERS.democratic).post(`/api/decisions/${id}/publish`).expect(200);
    expect(published.body.state).toBe('call-in-period');
    expect(new Date(published.body.dates.callInDeadline).getTime()).toBeGreaterThan(Date.now());

    const scrutinyView = await api.as(USERS.scrutiny).get(`/api/decisions/${id}`).expect(200);
    expect(scrutinyView.body.allowedActions).toEqual(['call-in']);
    const calledIn = await api.as(USERS.scrutiny).post(`/api/decisions/${id}/call-in`, { members: ['Cllr A', 'Cllr B'], reasons: 'cost' }).expect(200);
    expect(calledIn.body).toMatchObject({ state: 'called-in', status: 'Called In' });

    const referred = await api.as(USERS.democratic).post(`/api/decisions/${id}/scrutiny-outcome`, { outcome: 'refer-back', comments: 'reconsider' }).expect(200);
    expect(referred.body.state).toBe('for-determination');
    await api.as(USERS.dm).post(`/api/decisions/${id}/approve`).expect(200);
    const republished = await api.as(USERS.democratic).post(`/api/decisions/${id}/publish`).expect(200);
    expect(republished.body.state).toBe('effective');
  });

  it('sends a call-in referred to full council back to the decision maker or into effect', async () => {
    const { body } = await api.as(USERS.officer).post('/api/decisions', { ...OLDHAM, reference: 'COUNCIL-1', consultees: [] }).expect(201);
    const id = body.id;
    await api.as(USERS.officer).post(`/api/decisions/${id}/submit`).expect(200);
    await api.as(USERS.dm).post(`/api/decisions/${id}/approve`).expect(200);
    await api.as(USERS.democratic).post(`/api/decisions/${id}/publish`).expect(200);
    await api.as(USERS.scrutiny).post(`/api/decisions/${id}/call-in`, { members: ['Cllr A', 'Cllr B'], reasons: 'cost' }).expect(200);
    const toCouncil = await api.as(USERS.democratic).post(`/api/decisions/${id}/scrutiny-outcome`, { outcome: 'refer-to-council' }).expect(200);
    expect(toCouncil.body).toMatchObject({ state: 'referred-to-council', status: 'Referred to Council' });
    const effective = await api.as(USERS.democratic).post(`/api/decisions/${id}/council-outcome`, { outcome: 'no-further-action' }).expect(200);
    expect(effective.body.state).toBe('effective');
  });

  it('defers and resumes, rejects, and withdraws', async () => {
    const make = async (reference: string) => {
      const { body } = await api.as(USERS.officer).post('/api/decisions', { ...DONCASTER, reference, consultees: [] }).expect(201);
      await api.as(USERS.officer).post(`/api/decisions/${body.id}/submit`).expect(200);
      return body.id as string;
    };
    const a = await make('DEFER-1');
    const deferred = await api.as(USERS.dm).post(`/api/decisions/${a}/defer`, { reason: 'await budget', until: '2030-01-01' }).expect(200);
    expect(deferred.body).toMatchObject({ state: 'deferred', status: 'Deferred' });
    await api.as(USERS.dm).post(`/api/decisions/${a}/resume`).expect(200);
    const rejected = await api.as(USERS.dm).post(`/api/decisions/${a}/reject`, { reasons: 'no budget' }).expect(200);
    expect(rejected.body).toMatchObject({ state: 'rejected', status: 'Rejected', allowedActions: [] });

    const b = await make('WITHDRAW-1');
    const withdrawn = await api.as(USERS.admin).post(`/api/decisions/${b}/withdraw`, { reason: 'superseded' }).expect(200);
    expect(withdrawn.body).toMatchObject({ state: 'withdrawn', status: 'Withdrawn' });

    const c = await make('REFERBACK-1');
    const back = await api.as(USERS.dm).post(`/api/decisions/${c}/refer-back`, { comments: 'more options' }).expect(200);
    expect(back.body).toMatchObject({ state: 'draft', revision: 2 });
  });

  it('lists decisions by state, status and assignment, paged', async () => {
    const all = await api.as(USERS.officer).get('/api/decisions?pageSize=2&page=1').expect(200);
    expect(all.body.items).toHaveLength(2);
    expect(all.body.total).toBeGreaterThanOrEqual(6);
    const effective = await api.as(USERS.officer).get('/api/decisions?state=effective').expect(200);
    expect(effective.body.items.length).toBeGreaterThan(0);
    expect(effective.body.items.every((d: { state: string }) => d.state === 'effective')).toBe(true);
    const byStatus = await api.as(USERS.officer).get('/api/decisions?status=Rejected').expect(200);
    expect(byStatus.body.items.map((d: { reference: string }) => d.reference)).toEqual(['DEFER-1']);
    const mine = await api.as(USERS.officer).get('/api/decisions?assignedTo=me').expect(200);
    expect(mine.body.items.every((d: { state: string }) => d.state === 'draft')).toBe(true);
    expect(mine.body.items.length).toBeGreaterThan(0);
  });

  it('computes the call-in deadline with its working', async () => {
    const res = await api.as(USERS.officer).get('/api/calendar/call-in-deadline?publishedAt=2020-11-18').expect(200);
    expect(res.body).toMatchObject({
      deadline: '2020-11-25T17:00:00.000Z',
      countedDays: ['2020-11-19', '2020-11-20', '2020-11-23', '2020-11-24', '2020-11-25'],
      skipped: [expect.objectContaining({ date: '2020-11-21' }), expect.objectContaining({ date: '2020-11-22' })],
    });
  });

  it('reports health without a token, and nothing more', async () => {
    const res = await api.anonymous().get('/api/health').expect(200);
    expect(res.body).toEqual({ status: 'ok', database: 'up', redis: 'up' });
  });

  it('shows queue depth and Redis warnings to admins only', async () => {
    await api.anonymous().get('/api/health/details').expect(401);
    await api.as(USERS.democratic).get('/api/health/details').expect(403);
    const res = await api.as(USERS.admin).get('/api/health/details').expect(200);
    expect(res.body).toMatchObject({ queues: { timers: expect.any(Object), deliveries: expect.any(Object) } });
    // The shared test Redis keeps nothing on disk: the details say so.
    expect(res.body.warnings.join(' ')).toMatch(/keeps nothing on disk/);
  });

  it('serves the OpenAPI document', async () => {
    const res = await api.anonymous().get('/api/docs-json').expect(200);
    expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining(['/api/decisions', '/api/decisions/{id}/approve', '/api/calendar/call-in-deadline']));
  });
});

function DONCASTER_WITH(reference: string) {
  return { ...DONCASTER, reference };
}
