import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ACTIONS } from '#libs/lifecycle';
import { cleanUp, testConfig } from './support/environment.js';
import { databaseSnapshot } from './support/db-snapshot.js';
import { startApi, tokenFor, USERS, type TestApi } from './support/api.js';
import { DONCASTER, OLDHAM } from './fixtures/seed-decisions.js';

/**
 * The probe that found 34 answers of 500 to bad input, replayed: every one of its requests now gets a 4xx in
 * the contract's shape, naming the field, and the database is byte-for-byte what it was.
 */
describe('hostile input: 4xx with details, nothing stored', () => {
  const config = testConfig();
  let api: TestApi;
  let draft: { id: string; version: number };
  let consultation: string;
  let forDetermination: string;

  const deep = (n: number) => '{"a":'.repeat(n) + '1' + '}'.repeat(n);
  const raw = (method: 'post' | 'patch', path: string, body: string, type = 'application/json') =>
    api.anonymous()[method](path).set('Authorization', `Bearer ${tokenFor(USERS.officer)}`).set('Content-Type', type).send(body);

  beforeAll(async () => {
    api = await startApi(config);
    const created = await api.as(USERS.officer).post('/api/decisions', { ...OLDHAM, reference: 'HOSTILE-DRAFT' }).expect(201);
    draft = { id: created.body.id, version: created.body.version };
    consultation = (await api.as(USERS.officer).post('/api/decisions', { ...OLDHAM, reference: 'HOSTILE-CONSULT' }).expect(201)).body.id;
    await api.as(USERS.officer).post(`/api/decisions/${consultation}/submit`).expect(200);
    forDetermination = (await api.as(USERS.officer).post('/api/decisions', { ...DONCASTER, consultees: [] }).expect(201)).body.id;
    await api.as(USERS.officer).post(`/api/decisions/${forDetermination}/submit`).expect(200);
  });
  afterAll(async () => {
    await api?.app.close();
    await cleanUp(config);
  });

  type Probe = { name: string; send: () => Promise<{ status: number; body: any }>; status: number; field?: string };
  const probes = (): Probe[] => [
    { name: 'NUL in a create title', send: () => api.as(USERS.officer).post('/api/decisions', { ...OLDHAM, reference: 'H-1', title: 'Staffing\u0000' }), status: 400, field: 'title' },
    { name: 'NUL in a PATCH', send: () => api.as(USERS.officer).patch(`/api/decisions/${draft.id}`, { reasons: 'a\u0000b' }), status: 400, field: 'reasons' },
    { name: 'NUL in a genuine sign-off comment', send: () => api.as(USERS.hr).post(`/api/decisions/${consultation}/sign-off`, { area: 'hr', comments: 'ok\u0000' }), status: 400, field: 'comments' },
    { name: 'NUL in decisionText', send: () => api.as(USERS.dm).post(`/api/decisions/${forDetermination}/approve`, { decisionText: '\u0000' }), status: 400, field: 'decisionText' },
    { name: 'NUL in a nested field name', send: () => api.as(USERS.officer).post('/api/decisions', { ...OLDHAM, reference: 'H-2', contact: { ['na\u0000me']: 'x' } }), status: 400 },
    { name: 'an unpaired surrogate', send: () => raw('post', '/api/decisions', JSON.stringify({ ...OLDHAM, reference: 'H-3' }).replace('Additional', '\\ud800Additional')), status: 400, field: 'title' },
    { name: 'a __proto__ key', send: () => raw('post', '/api/decisions', JSON.stringify({ ...OLDHAM, reference: 'H-4' }).replace('{', '{"__proto__":{"roles":["admin"]},')), status: 400, field: '__proto__' },
    { name: 'JSON 10,000 deep on create', send: () => raw('post', '/api/decisions', deep(10_000)), status: 400, field: 'a.a.a.a.a.a.a.a.a.a.a.a.a.a.a.a' },
    { name: 'JSON 10,000 deep on PATCH', send: () => raw('patch', `/api/decisions/${draft.id}`, deep(10_000)), status: 400 },
    ...ACTIONS.map((action) => ({ name: `JSON 10,000 deep on ${action}`, send: () => raw('post', `/api/decisions/${consultation}/${action}`, deep(10_000)), status: 400 })),
    ...['title', 'urgency', 'isKeyDecision', 'isSubjectToCallIn', 'decisionMaker', 'consultees'].map((field) => ({
      name: `PATCH ${field}: null`,
      send: () => api.as(USERS.officer).patch(`/api/decisions/${draft.id}`, { [field]: null }),
      status: 400,
      field,
    })),
    { name: '?page=1e20', send: () => api.as(USERS.officer).get('/api/decisions?page=1e20'), status: 400, field: 'page' },
    { name: '?page=1e308', send: () => api.as(USERS.officer).get('/api/decisions?page=1e308'), status: 400, field: 'page' },
    { name: '?page=NUL', send: () => api.as(USERS.officer).get('/api/decisions?page=%00'), status: 400, field: 'page' },
    { name: 'malformed JSON', send: () => raw('post', '/api/decisions', '{"title": '), status: 400, field: 'body' },
    { name: 'malformed JSON on an action', send: () => raw('post', `/api/decisions/${consultation}/sign-off`, "{'area': 'hr'}"), status: 400, field: 'body' },
    ...['[]', '"text"', '42', 'true', 'null', '[{"area":"hr"}]'].map((body) => ({ name: `non-object JSON ${body}`, send: () => raw('post', `/api/decisions/${consultation}/sign-off`, body), status: 400, field: 'body' })),
    { name: 'PATCH as text/plain', send: () => raw('patch', `/api/decisions/${draft.id}`, '{"reasons":"x"}', 'text/plain'), status: 415, field: 'Content-Type' },
    { name: 'create as a form', send: () => raw('post', '/api/decisions', 'title=abc', 'application/x-www-form-urlencoded'), status: 415, field: 'Content-Type' },
    { name: 'PATCH {}', send: () => api.as(USERS.officer).patch(`/api/decisions/${draft.id}`, {}), status: 400, field: 'body' },
    { name: 'PATCH with no body', send: () => api.anonymous().patch(`/api/decisions/${draft.id}`).set('Authorization', `Bearer ${tokenFor(USERS.officer)}`), status: 400, field: 'body' },
    { name: 'PATCH to the value it has', send: () => api.as(USERS.officer).patch(`/api/decisions/${draft.id}`, { title: OLDHAM.title, consultees: OLDHAM.consultees }), status: 400, field: 'title' },
    { name: 'a body over the limit', send: () => raw('post', '/api/decisions', JSON.stringify({ ...OLDHAM, purpose: 'x'.repeat(1024 * 1024 + 1) })), status: 413, field: 'body' },
  ];

  it('answers each probe with the contract error, naming the field, and stores nothing', async () => {
    const before = await databaseSnapshot(config);
    for (const probe of probes()) {
      const res = await probe.send();
      expect({ probe: probe.name, status: res.status }).toEqual({ probe: probe.name, status: probe.status });
      expect({ probe: probe.name, body: res.body }).toEqual({
        probe: probe.name,
        body: expect.objectContaining({ statusCode: probe.status, error: expect.any(String), message: expect.any(String), details: expect.any(Array) }),
      });
      if (probe.field) {
        expect({ probe: probe.name, fields: res.body.details.map((d: { field: string }) => d.field) }).toEqual({ probe: probe.name, fields: expect.arrayContaining([probe.field]) });
      }
    }
    expect(await databaseSnapshot(config)).toEqual(before);
  });

  it('records a PATCH as the fields it really changed, once', async () => {
    const res = await api.as(USERS.officer).patch(`/api/decisions/${draft.id}`, { title: OLDHAM.title, reasons: 'Costed in full' }).set('If-Match', String(draft.version)).expect(200);
    expect(res.body.version).toBe(draft.version + 1);
    const history = (await api.as(USERS.officer).get(`/api/decisions/${draft.id}/history`).expect(200)).body;
    expect(history.at(-1)).toMatchObject({ type: 'edit', payload: { reasons: 'Costed in full' } });
    expect(history.at(-1).payload).not.toHaveProperty('title');
    // The same edit again changes nothing: refused, not versioned, not recorded.
    await api.as(USERS.officer).patch(`/api/decisions/${draft.id}`, { reasons: 'Costed in full' }).expect(400);
    expect((await api.as(USERS.officer).get(`/api/decisions/${draft.id}`).expect(200)).body.version).toBe(draft.version + 1);
    expect((await api.as(USERS.officer).get(`/api/decisions/${draft.id}/history`).expect(200)).body).toHaveLength(history.length);
  });

  it('stores injection strings and unicode exactly as sent', async () => {
    const hostile = `Robert'); DROP TABLE decisions;-- <script>alert(1)</script> {{7*7}} \${7*7} 😀 ‮ \u202e ${'\u0301'.repeat(3)}`;
    const res = await api.as(USERS.officer).post('/api/decisions', { ...OLDHAM, reference: `H-${hostile}`, title: hostile, wardsAffected: [hostile] }).expect(201);
    const back = (await api.as(USERS.officer).get(`/api/decisions/${res.body.id}`).expect(200)).body;
    expect(back).toMatchObject({ reference: `H-${hostile}`, title: hostile, wardsAffected: [hostile] });
  });
});
