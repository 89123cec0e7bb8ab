import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { signToken } from '#libs/auth';
import { cleanUp, testConfig } from './support/environment.js';
import { startApi, tokenFor, USERS, type TestApi, type TestUser } from './support/api.js';
import { DONCASTER, OLDHAM } from './fixtures/seed-decisions.js';

type Case = { name: string; send: () => request.Test; status: number; message?: RegExp; field?: string };

/** Every 4xx of the contract, with the stored decision unchanged after each. */
describe('errors: 400 / 401 / 403 / 404 / 409, and nothing stored', () => {
  const config = testConfig();
  let api: TestApi;
  let draftId: string;
  let pendingId: string;
  let keyId: string;
  let approvedId: string;
  let callInId: string;

  const create = async (body: object) => (await api.as(USERS.officer).post('/api/decisions', body).expect(201)).body.id as string;
  const snapshot = async (id: string) => {
    const decision = await api.as(USERS.admin).get(`/api/decisions/${id}`).expect(200);
    const history = await api.as(USERS.admin).get(`/api/decisions/${id}/history`).expect(200);
    return { decision: { ...decision.body, allowedActions: undefined }, history: history.body };
  };

  beforeAll(async () => {
    api = await startApi(config);
    draftId = await create({ ...OLDHAM, reference: 'ERR-DRAFT' });
    pendingId = await create({ ...OLDHAM, reference: 'ERR-CONSULT' });
    await api.as(USERS.officer).post(`/api/decisions/${pendingId}/submit`).expect(200);
    await api.as(USERS.hr).post(`/api/decisions/${pendingId}/sign-off`, { area: 'hr' }).expect(200);
    keyId = await create({ ...DONCASTER, reference: 'ERR-KEY', consultees: [], isKeyDecision: true, forwardPlanNoticeAt: '2021-02-01' });
    await api.as(USERS.officer).post(`/api/decisions/${keyId}/submit`).expect(200);
    approvedId = await create({ ...DONCASTER, reference: 'ERR-APPROVED', consultees: [] });
    await api.as(USERS.officer).post(`/api/decisions/${approvedId}/submit`).expect(200);
    await api.as(USERS.dm).post(`/api/decisions/${approvedId}/approve`, { decidedAt: '2021-02-15' }).expect(200);
    callInId = await create({ ...OLDHAM, reference: 'ERR-CALLIN', consultees: [] });
    await api.as(USERS.officer).post(`/api/decisions/${callInId}/submit`).expect(200);
    await api.as(USERS.dm).post(`/api/decisions/${callInId}/approve`).expect(200);
    await api.as(USERS.democratic).post(`/api/decisions/${callInId}/publish`).expect(200);
  });
  afterAll(async () => {
    await api?.app.close();
    await cleanUp(config);
  });

  const other: TestUser = { sub: 'u-hr-2', name: 'Other HR', roles: ['consultee:hr'] };
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

  const cases = (): Case[] => [
    // 401
    { name: 'no token', send: () => api.anonymous().get(`/api/decisions/${draftId}`), status: 401, message: /bearer token/ },
    { name: 'a token signed with another secret', send: () => api.anonymous().post(`/api/decisions/${draftId}/submit`).set(bearer(signToken(USERS.officer, 'wrong'))), status: 401, message: /invalid token/ },
    { name: 'a malformed Authorization header', send: () => api.anonymous().get('/api/decisions').set('Authorization', 'Basic abc'), status: 401 },
    // 400
    { name: 'create without a title', send: () => api.as(USERS.officer).post('/api/decisions', { ...OLDHAM, reference: 'X1', title: undefined }), status: 400, field: 'title' },
    { name: 'create with an unknown urgency', send: () => api.as(USERS.officer).post('/api/decisions', { ...OLDHAM, reference: 'X2', urgency: 'soon' }), status: 400, field: 'urgency' },
    { name: 'create with a bad consultee area', send: () => api.as(USERS.officer).post('/api/decisions', { ...OLDHAM, reference: 'X3', consultees: [{ area: 'H R' }] }), status: 400, field: 'consultees.0.area' },
    { name: 'create with a consultee area twice', send: () => api.as(USERS.officer).post('/api/decisions', { ...OLDHAM, reference: 'X4', consultees: [{ area: 'hr' }, { area: 'hr' }] }), status: 400, field: 'consultees.1.area' },
    { name: 'create with an unknown field', send: () => api.as(USERS.officer).post('/api/decisions', { ...OLDHAM, reference: 'X5', colour: 'red' }), status: 400, field: 'colour' },
    { name: 'malformed JSON', send: () => api.anonymous().post('/api/decisions').set(bearer(tokenFor(USERS.officer))).set('Content-Type', 'application/json').send('{"title": '), status: 400, message: /malformed JSON/ },
    { name: 'sign-off without an area', send: () => api.as(USERS.hr).post(`/api/decisions/${pendingId}/sign-off`, {}), status: 400, field: 'area' },
    { name: 'sign-off for an area that is not a consultee', send: () => api.as(USERS.hr).post(`/api/decisions/${pendingId}/sign-off`, { area: 'estates' }), status: 400, field: 'area' },
    { name: 'approve with an impossible date', send: () => api.as(USERS.dm).post(`/api/decisions/${keyId}/approve`, { decidedAt: '2021-02-30' }), status: 400, field: 'decidedAt' },
    { name: 'approve with a future date', send: () => api.as(USERS.dm).post(`/api/decisions/${keyId}/approve`, { decidedAt: '2999-01-01' }), status: 400, field: 'decidedAt' },
    { name: 'publish before the date of decision', send: () => api.as(USERS.democratic).post(`/api/decisions/${approvedId}/publish`, { publishedAt: '2021-02-01' }), status: 400, field: 'publishedAt' },
    { name: 'call-in with no members', send: () => api.as(USERS.scrutiny).post(`/api/decisions/${callInId}/call-in`, { members: [], reasons: 'x' }), status: 400, field: 'members' },
    { name: 'a bad If-Match', send: () => api.as(USERS.officer).patch(`/api/decisions/${draftId}`, { reasons: 'x' }).set('If-Match', 'abc'), status: 400, field: 'If-Match' },
    { name: 'a list page size over 100', send: () => api.as(USERS.officer).get('/api/decisions?pageSize=1000'), status: 400, field: 'pageSize' },
    { name: 'a list status that does not exist', send: () => api.as(USERS.officer).get('/api/decisions?status=Pending'), status: 400, field: 'status' },
    { name: 'a call-in deadline for a non-date', send: () => api.as(USERS.officer).get('/api/calendar/call-in-deadline?publishedAt=18/11/2020'), status: 400, field: 'publishedAt' },
    // 403
    { name: 'a non-officer creating', send: () => api.as(USERS.hr).post('/api/decisions', { ...OLDHAM, reference: 'X6' }), status: 403 },
    { name: 'someone else submitting the draft', send: () => api.as(USERS.otherOfficer).post(`/api/decisions/${draftId}/submit`), status: 403, message: /author/ },
    { name: 'finance signing off for HR', send: () => api.as(USERS.finance).post(`/api/decisions/${pendingId}/sign-off`, { area: 'hr' }), status: 403 },
    { name: 'an HR officer who is not the assignee', send: () => api.as(other).post(`/api/decisions/${pendingId}/request-changes`, { area: 'hr', comments: 'no' }), status: 403, message: /assigned/ },
    { name: 'another decision maker approving', send: () => api.as(USERS.otherDm).post(`/api/decisions/${keyId}/approve`), status: 403, message: /decision maker/ },
    { name: 'an officer publishing', send: () => api.as(USERS.officer).post(`/api/decisions/${approvedId}/publish`), status: 403, message: /democratic-services/ },
    { name: 'an officer calling in', send: () => api.as(USERS.officer).post(`/api/decisions/${callInId}/call-in`, { members: ['a', 'b'], reasons: 'x' }), status: 403 },
    { name: 'someone else editing the draft', send: () => api.as(USERS.otherOfficer).patch(`/api/decisions/${draftId}`, { reasons: 'x' }), status: 403 },
    // 404
    { name: 'an unknown id', send: () => api.as(USERS.officer).get('/api/decisions/00000000-0000-4000-8000-000000000000'), status: 404 },
    { name: 'an id that is not a UUID', send: () => api.as(USERS.officer).post('/api/decisions/not-an-id/submit'), status: 404 },
    { name: 'the history of an unknown id', send: () => api.as(USERS.officer).get('/api/decisions/00000000-0000-4000-8000-000000000000/history'), status: 404 },
    // 409
    { name: 'approving a draft', send: () => api.as(USERS.dm).post(`/api/decisions/${draftId}/approve`), status: 409, message: /not allowed in state 'draft'/ },
    { name: 'submitting twice', send: () => api.as(USERS.officer).post(`/api/decisions/${pendingId}/submit`), status: 409 },
    { name: 'HR signing off twice', send: () => api.as(USERS.hr).post(`/api/decisions/${pendingId}/sign-off`, { area: 'hr' }), status: 409 },
    { name: 'a stale If-Match', send: () => api.as(USERS.officer).patch(`/api/decisions/${draftId}`, { reasons: 'x' }).set('If-Match', '99'), status: 409, message: /stale/ },
    { name: 'editing outside draft', send: () => api.as(USERS.officer).patch(`/api/decisions/${pendingId}`, { reasons: 'x' }), status: 409 },
    { name: 'a reference used before', send: () => api.as(USERS.officer).post('/api/decisions', { ...OLDHAM, reference: 'ERR-DRAFT' }), status: 409, message: /already exists/ },
    { name: 'a key decision without 28 clear days of notice', send: () => api.as(USERS.dm).post(`/api/decisions/${keyId}/approve`, { decidedAt: '2021-02-15' }), status: 409, message: /forward plan/ },
    { name: 'a call-in by one member', send: () => api.as(USERS.scrutiny).post(`/api/decisions/${callInId}/call-in`, { members: ['Cllr A'], reasons: 'x' }), status: 409, message: /at least 2 members/ },
  ];

  it('answers each bad request with the contract error and changes nothing', async () => {
    const ids = () => [draftId, pendingId, keyId, approvedId, callInId];
    const before = await Promise.all(ids().map(snapshot));
    const totalBefore = (await api.as(USERS.admin).get('/api/decisions').expect(200)).body.total;
    for (const c of cases()) {
      const res = await c.send();
      expect({ case: c.name, status: res.status }).toEqual({ case: c.name, status: c.status });
      expect(res.body).toMatchObject({ statusCode: c.status, error: expect.any(String), message: expect.any(String) });
      if (c.message) expect({ case: c.name, message: res.body.message }).toEqual({ case: c.name, message: expect.stringMatching(c.message) });
      if (c.field) {
        expect({ case: c.name, fields: res.body.details.map((d: { field: string }) => d.field) }).toEqual({
          case: c.name,
          fields: expect.arrayContaining([c.field]),
        });
      }
      if (c.status === 409 && res.body.state) expect(Array.isArray(res.body.allowedActions)).toBe(true);
    }
    expect(await Promise.all(ids().map(snapshot))).toEqual(before);
    expect((await api.as(USERS.admin).get('/api/decisions').expect(200)).body.total).toBe(totalBefore);
  });

  it('puts state and allowedActions in a 409 body', async () => {
    const res = await api.as(USERS.officer).post(`/api/decisions/${pendingId}/submit`).expect(409);
    expect(res.body).toMatchObject({ statusCode: 409, error: 'Conflict', state: 'consultation', allowedActions: ['withdraw'] });
  });
});
