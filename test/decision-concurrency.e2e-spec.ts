import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { cleanUp, testConfig } from './support/environment.js';
import { startApi, USERS, type TestApi } from './support/api.js';
import { DONCASTER } from './fixtures/seed-decisions.js';

/** Concurrent actions on one decision never lose an update: both apply, or the loser gets 409. */
describe('concurrent actions on one decision', () => {
  const config = testConfig();
  let api: TestApi;
  const areas = Array.from({ length: 20 }, (_, i) => `area-${i + 1}`);

  beforeAll(async () => {
    api = await startApi(config);
  });
  afterAll(async () => {
    await api?.app.close();
    await cleanUp(config);
  });

  it('applies 20 simultaneous sign-offs for 20 areas, then exactly one of 20 simultaneous approvals', async () => {
    const { body } = await api.as(USERS.officer)
      .post('/api/decisions', { ...DONCASTER, reference: 'CONCURRENT-1', consultees: areas.map((area) => ({ area })) })
      .expect(201);
    const id = body.id;
    await api.as(USERS.officer).post(`/api/decisions/${id}/submit`).expect(200);

    const signOffs = await Promise.all(
      areas.map((area) => api.as({ sub: `u-${area}`, name: area, roles: [`consultee:${area}`] }).post(`/api/decisions/${id}/sign-off`, { area })),
    );
    expect(signOffs.map((r) => r.status)).toEqual(areas.map(() => 200));

    const after = await api.as(USERS.officer).get(`/api/decisions/${id}`).expect(200);
    expect(after.body.state).toBe('for-determination');
    expect(after.body.version).toBe(2 + areas.length);
    expect(after.body.consultations.every((c: { status: string }) => c.status === 'signed-off')).toBe(true);

    const approvals = await Promise.all(areas.map(() => api.as(USERS.dm).post(`/api/decisions/${id}/approve`, { decidedAt: '2021-02-15' })));
    const statuses = approvals.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(areas.length - 1);
    expect(approvals.find((r) => r.status === 409)!.body).toMatchObject({ state: 'approved', allowedActions: [] });

    const history = await api.as(USERS.officer).get(`/api/decisions/${id}/history`).expect(200);
    const types = history.body.map((h: { type: string }) => h.type);
    expect(types.filter((t: string) => t === 'sign-off')).toHaveLength(areas.length);
    expect(types.filter((t: string) => t === 'approve')).toHaveLength(1);
    expect(history.body.map((h: { seq: number }) => h.seq)).toEqual(types.map((_: string, i: number) => i + 1));
  });

  it('lets one of several edits with the same If-Match win and answers the rest 409', async () => {
    const { body } = await api.as(USERS.officer).post('/api/decisions', { ...DONCASTER, reference: 'CONCURRENT-2' }).expect(201);
    const edits = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        api.as(USERS.officer).patch(`/api/decisions/${body.id}`, { reasons: `edit ${i}` }).set('If-Match', String(body.version)),
      ),
    );
    const winners = edits.filter((r) => r.status === 200);
    expect(winners).toHaveLength(1);
    expect(edits.filter((r) => r.status === 409)).toHaveLength(9);
    const now = await api.as(USERS.officer).get(`/api/decisions/${body.id}`).expect(200);
    expect(now.body).toMatchObject({ version: body.version + 1, reasons: winners[0].body.reasons });
  });
});
