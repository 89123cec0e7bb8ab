import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DONCASTER, OLDHAM } from './fixtures/seed-decisions.js';
import { startApi, USERS, type TestApi } from './support/api.js';
import { cleanUp, testConfig } from './support/environment.js';

/** A council whose key officer decisions have their own call-in rule, and whose other officer decisions are not called in. */
const CONSTITUTION = `
keyDecisionThreshold: 200000
callIn:
  days: 5
  endsAt: "17:00"
  minMembers: 3
  decisionTypes:
    key-officer:
      days: 3
      endsAt: "24:00"
      minMembers: 2
      scrutinyChairAlone: true
    officer: { applies: false }
`;

/** The constitution in the lifecycle, over HTTP against PostgreSQL and Redis. */
describe('the constitution in the lifecycle', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ratify-council-'));
  writeFileSync(join(dir, 'council.yaml'), CONSTITUTION);
  const config = testConfig({ COUNCIL_CONFIG: join(dir, 'council.yaml') });
  let api: TestApi;
  let n = 0;

  beforeAll(async () => {
    api = await startApi(config);
  });
  afterAll(async () => {
    await api?.app.close();
    await cleanUp(config);
  });

  /** Creates and submits a decision (no consultees), so it is for determination. */
  async function forDetermination(body: Record<string, unknown>) {
    const created = await api.as(USERS.officer).post('/api/decisions', { ...OLDHAM, consultees: [], reference: `CONST-${++n}`, ...body }).expect(201);
    await api.as(USERS.officer).post(`/api/decisions/${created.body.id}/submit`).expect(200);
    return created.body as { id: string; [k: string]: unknown };
  }

  it('approves a general-exception decision only after 5 clear days from its notice, and it is still subject to call-in', async () => {
    const d = await forDetermination({ isKeyDecision: true, urgency: 'general-exception', generalExceptionNoticeAt: '2021-02-01' });
    expect(d).toMatchObject({ urgency: 'general-exception', generalExceptionNoticeAt: '2021-02-01', isSubjectToCallIn: true, decisionType: 'executive' });

    const early = await api.as(USERS.dm).post(`/api/decisions/${d.id}/approve`, { decidedAt: '2021-02-06' }).expect(409);
    expect(early.body.message).toBe(
      'general exception: the decision may be taken only after 5 clear days from its notice on 2021-02-01 (it has been 4; the earliest date is 2021-02-07)',
    );
    expect(early.body).toMatchObject({
      state: 'for-determination',
      computation: { noticeAt: '2021-02-01', decidedAt: '2021-02-06', clearDays: 4, required: 5, met: false, earliestDecisionDate: '2021-02-07' },
    });
    expect(early.body.computation.countedDays).toEqual(['2021-02-02', '2021-02-03', '2021-02-04', '2021-02-05', '2021-02-06']);
    const unchanged = await api.as(USERS.officer).get(`/api/decisions/${d.id}`).expect(200);
    expect(unchanged.body.version).toBe(2);

    await api.as(USERS.dm).post(`/api/decisions/${d.id}/approve`, { decidedAt: '2021-02-07' }).expect(200);
    const published = await api.as(USERS.democratic).post(`/api/decisions/${d.id}/publish`, { publishedAt: '2021-02-08' }).expect(200);
    expect(published.body.state).toBe('call-in-period');
    expect(published.body.dates.callInDeadline).toBe('2021-02-15T17:00:00.000Z');
  });

  it('refuses the exceptions without their records, naming the field, and stores nothing', async () => {
    const before = (await api.as(USERS.officer).get('/api/decisions?pageSize=100').expect(200)).body.total;
    const ge = await api.as(USERS.officer).post('/api/decisions', { ...OLDHAM, reference: 'CONST-X1', urgency: 'general-exception' }).expect(400);
    expect(ge.body.details).toEqual([expect.objectContaining({ field: 'generalExceptionNoticeAt' })]);
    const su = await api.as(USERS.officer).post('/api/decisions', { ...OLDHAM, reference: 'CONST-X2', urgency: 'special-urgency' }).expect(400);
    expect(su.body.details).toEqual([expect.objectContaining({ field: 'specialUrgency' })]);
    const stray = await api.as(USERS.officer).post('/api/decisions', { ...OLDHAM, reference: 'CONST-X3', generalExceptionNoticeAt: '2021-01-01' }).expect(400);
    expect(stray.body.details[0]).toMatchObject({ field: 'generalExceptionNoticeAt', message: "goes only with urgency 'general-exception'" });
    const waiver = await api.as(USERS.officer).post('/api/decisions', { ...OLDHAM, reference: 'CONST-X4', callInWaiver: { reason: '' } }).expect(400);
    expect([...new Set(waiver.body.details.map((p: { field: string }) => p.field))].sort()).toEqual(['callInWaiver.agreedBy', 'callInWaiver.reason']);
    expect((await api.as(USERS.officer).get('/api/decisions?pageSize=100').expect(200)).body.total).toBe(before);
  });

  it('takes a decision out of call-in with a waiver recording the reason and the consenting chair', async () => {
    const callInWaiver = { reason: 'Delay would prejudice the council: the grant offer lapses on 31 March', agreedBy: 'Cllr A Smith, Chair of Overview and Scrutiny' };
    const d = await forDetermination({ urgency: 'special-urgency', isKeyDecision: true, specialUrgency: { agreedBy: 'Cllr A Smith', agreedAt: '2021-03-01' }, callInWaiver });
    await api.as(USERS.dm).post(`/api/decisions/${d.id}/approve`, { decidedAt: '2021-03-02' }).expect(200);
    const published = await api.as(USERS.democratic).post(`/api/decisions/${d.id}/publish`, { publishedAt: '2021-03-02' }).expect(200);
    expect(published.body).toMatchObject({ state: 'effective', isSubjectToCallIn: true, callInWaiver, specialUrgency: { agreedBy: 'Cllr A Smith', agreedAt: '2021-03-01' } });
    expect(published.body.dates).toMatchObject({ effectiveAt: '2021-03-02', callInDeadline: null });
  });

  it('never puts a non-executive decision into the call-in period, and refuses to mark one subject to call-in', async () => {
    const refused = await api.as(USERS.officer).post('/api/decisions', { ...DONCASTER, reference: 'CONST-NE0', decisionType: 'non-executive', isSubjectToCallIn: true }).expect(400);
    expect(refused.body.details).toEqual([expect.objectContaining({ field: 'isSubjectToCallIn' })]);
    // isSubjectToCallIn left out: it follows the rule set
    const d = await forDetermination({ ...DONCASTER, consultees: [], isSubjectToCallIn: undefined, decisionType: 'non-executive' });
    expect(d).toMatchObject({ decisionType: 'non-executive', isSubjectToCallIn: false, warnings: [] });
    await api.as(USERS.dm).post(`/api/decisions/${d.id}/approve`, { decidedAt: '2021-02-15' }).expect(200);
    const published = await api.as(USERS.democratic).post(`/api/decisions/${d.id}/publish`, { publishedAt: '2021-03-02' }).expect(200);
    expect(published.body).toMatchObject({ state: 'effective', dates: { effectiveAt: '2021-03-02', callInDeadline: null } });
  });

  it('gives a key officer decision its own period and its own members, the scrutiny chair alone included', async () => {
    const d = await forDetermination({ decisionType: 'key-officer' });
    expect(d.isSubjectToCallIn).toBe(true);
    await api.as(USERS.dm).post(`/api/decisions/${d.id}/approve`).expect(200);
    const published = await api.as(USERS.democratic).post(`/api/decisions/${d.id}/publish`).expect(200);
    const expected = await api.as(USERS.officer).get(`/api/calendar/call-in-deadline?publishedAt=${published.body.dates.publishedAt}&decisionType=key-officer`).expect(200);
    expect(expected.body.rule).toMatchObject({ days: 3, endsAt: '24:00' });
    expect(published.body.dates.callInDeadline).toBe(expected.body.deadline);
    const calledIn = await api.as(USERS.scrutiny).post(`/api/decisions/${d.id}/call-in`, { members: ['Cllr Chair'], reasons: 'value for money', scrutinyChair: true }).expect(200);
    expect(calledIn.body.state).toBe('called-in');

    // an executive decision under the same constitution needs three members, and not the chair alone
    const e = await forDetermination({});
    await api.as(USERS.dm).post(`/api/decisions/${e.id}/approve`).expect(200);
    await api.as(USERS.democratic).post(`/api/decisions/${e.id}/publish`).expect(200);
    const tooFew = await api.as(USERS.scrutiny).post(`/api/decisions/${e.id}/call-in`, { members: ['Cllr Chair'], reasons: 'r', scrutinyChair: true }).expect(409);
    expect(tooFew.body.message).toBe('call-in needs at least 3 members');
  });

  it('follows the decision type when PATCH changes it, and warns when funding reaches the key-decision threshold', async () => {
    const created = await api.as(USERS.officer).post('/api/decisions', { ...DONCASTER, reference: 'CONST-P1', isSubjectToCallIn: undefined }).expect(201);
    expect(created.body).toMatchObject({ decisionType: 'executive', isSubjectToCallIn: true });
    expect(created.body.warnings).toEqual([expect.stringContaining('reaches the key-decision threshold of £200,000')]);
    const officer = await api.as(USERS.officer).patch(`/api/decisions/${created.body.id}`, { decisionType: 'officer' }).expect(200);
    expect(officer.body).toMatchObject({ decisionType: 'officer', isSubjectToCallIn: false });
    const key = await api.as(USERS.officer).patch(`/api/decisions/${created.body.id}`, { isKeyDecision: true, urgency: 'general-exception', generalExceptionNoticeAt: '2021-02-01' }).expect(200);
    expect(key.body.warnings).toEqual([]);
    const none = await api.as(USERS.officer).patch(`/api/decisions/${created.body.id}`, { urgency: 'none' }).expect(200);
    expect(none.body.generalExceptionNoticeAt).toBeNull();
  });

  describe('the calendar endpoints', () => {
    it('shows any rule: each parameter given replaces the configured one', async () => {
      const res = await api
        .as(USERS.officer)
        .get('/api/calendar/call-in-deadline?publishedAt=2024-12-20&days=7&unit=working&clear=false&endsAt=24:00&takesEffect=next-working-day&effectiveTime=09:00&closures=--12-27/--12-31,2025-01-03&publishedTime=16:30&cutOff=16:00')
        .expect(200);
      expect(res.body.rule).toEqual({
        days: 7, unit: 'working', clear: false, endsAt: '24:00', takesEffect: 'next-working-day', effectiveTime: '09:00',
        closures: ['--12-27/--12-31', '2025-01-03'], countFrom: 'publication', cutOff: '16:00',
      });
      expect(res.body.countedFrom).toMatchObject({ date: '2024-12-23' });
      expect(res.body.countedDays).toEqual(['2024-12-23', '2024-12-24', '2025-01-02', '2025-01-06', '2025-01-07', '2025-01-08', '2025-01-09']);
      expect(res.body.skipped).toContainEqual({ date: '2025-01-03', why: 'council closure day' });
      expect(res.body.deadline).toBe('2025-01-10T00:00:00.000Z');
      expect(res.body.effectiveAt).toBe('2025-01-10T09:00:00.000Z');
    });

    it('counts from the date of decision, and in calendar days', async () => {
      const res = await api.as(USERS.officer).get('/api/calendar/call-in-deadline?publishedAt=2022-11-08&countFrom=decision&decidedAt=2022-11-04&unit=calendar&days=7&endsAt=24:00').expect(200);
      expect(res.body.countedFrom).toEqual({ date: '2022-11-04', why: 'date of decision' });
      expect(res.body.deadline).toBe('2022-11-12T00:00:00.000Z');
    });

    it('answers 400 naming each bad parameter', async () => {
      const res = await api.as(USERS.officer).get('/api/calendar/call-in-deadline?publishedAt=2022-11-08&days=0&unit=weeks&endsAt=25:00&closures=27/12&takesEffect=soon').expect(400);
      expect(res.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['closures', 'days', 'endsAt', 'takesEffect', 'unit']);
      const needsDecision = await api.as(USERS.officer).get('/api/calendar/call-in-deadline?publishedAt=2022-11-08&countFrom=decision').expect(400);
      expect(needsDecision.body.details).toEqual([expect.objectContaining({ field: 'decidedAt' })]);
      const atEnd = await api.as(USERS.officer).get('/api/calendar/call-in-deadline?publishedAt=2022-11-08&takesEffect=at-end&effectiveTime=09:00').expect(400);
      expect(atEnd.body.details).toEqual([expect.objectContaining({ field: 'effectiveTime' })]);
    });

    it('shows the clear-day check of the forward plan and of the general exception', async () => {
      const fp = await api.as(USERS.officer).get('/api/calendar/forward-plan-check?noticeAt=2021-01-01&decidedAt=2021-01-29').expect(200);
      expect(fp.body).toMatchObject({ procedure: 'forward-plan', rule: { days: 28, unit: 'calendar' }, clearDays: 27, met: false, earliestDecisionDate: '2021-01-30' });
      const ge = await api.as(USERS.officer).get('/api/calendar/forward-plan-check?procedure=general-exception&noticeAt=2021-02-01&decidedAt=2021-02-07').expect(200);
      expect(ge.body).toMatchObject({ procedure: 'general-exception', rule: { days: 5 }, clearDays: 5, met: true });
      const working = await api.as(USERS.officer).get('/api/calendar/forward-plan-check?noticeAt=2021-03-31&unit=working&days=5').expect(200);
      expect(working.body).toMatchObject({ decidedAt: null, met: null, earliestDecisionDate: '2021-04-10' });
      await api.as(USERS.officer).get('/api/calendar/forward-plan-check?noticeAt=soon').expect(400);
    });
  });
});
