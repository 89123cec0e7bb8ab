import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import request from 'supertest';
import { parseDecisionRecord } from '#libs/records';
import { startApi, tokenFor, USERS, type TestApi } from './support/api.js';
import { databaseSnapshot } from './support/db-snapshot.js';
import { cleanUp, testConfig } from './support/environment.js';

const OLDHAM = readFileSync('test/fixtures/seeds/000_df90ee194b41cad9.txt', 'utf8');
const DONCASTER = readFileSync('test/fixtures/seeds/002_90fd4c86da8dc638.txt', 'utf8');

/**
 * POST /api/import/decision-record over real PostgreSQL: both seeds in, every field; the state their status
 * and dates imply; 409 on a second import; 400 naming what is missing with the database unchanged.
 */
describe('import (HTTP, PostgreSQL)', () => {
  const config = testConfig({ COUNCIL_NAME: 'Test Borough Council', REGISTER_PUBLISH_PENDING: 'true' });
  let api: TestApi;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    api = await startApi(config);
  });
  afterAll(async () => {
    await api?.app.close();
    await cleanUp(config);
  });

  const post = (content: string, type = 'text/plain', user = USERS.democratic, source?: string) =>
    request(api.server)
      .post(`/api/import/decision-record${source ? `?source=${encodeURIComponent(source)}` : ''}`)
      .set('Authorization', `Bearer ${tokenFor(user)}`)
      .set('Content-Type', `${type}; charset=utf-8`)
      .send(content);

  it('imports Oldham as an effective decision, every field, with an import history entry', async () => {
    const res = await post(OLDHAM, 'text/plain', USERS.democratic, '000_df90ee194b41cad9.txt');
    expect(res.status).toBe(201);
    const d = res.body.decision;
    ids.Oldham = d.id;
    expect(d).toMatchObject({
      state: 'effective',
      status: 'Recommendations Approved',
      title: 'Additional staffing to support Multi-Agency Safeguarding Hub Development',
      decisionMaker: { title: 'Managing Director Children and Young People (DCS)' },
      isKeyDecision: false,
      isSubjectToCallIn: false,
    });
    expect(d.dates).toMatchObject({ decidedAt: '2020-11-18', publishedAt: '2020-11-18', effectiveAt: '2020-11-18' });
    const history = await api.as(USERS.democratic).get(`/api/decisions/${d.id}/history`).expect(200);
    expect(history.body).toHaveLength(1);
    expect(history.body[0]).toMatchObject({ type: 'import', toState: 'effective', payload: { importedFrom: '000_df90ee194b41cad9.txt', format: 'text' } });
  });

  it('imports Doncaster as For Determination', async () => {
    const res = await post(DONCASTER);
    expect(res.status).toBe(201);
    ids.Doncaster = res.body.decision.id;
    expect(res.body.decision).toMatchObject({ state: 'for-determination', reference: 'LOP&S - 2021035' });
  });

  for (const [name, seed] of [['Oldham', OLDHAM], ['Doncaster', DONCASTER]] as const) {
    it(`round trip: ${name} imported and exported as text (Accept: text/plain) reproduces every field of the original`, async () => {
      const original = parseDecisionRecord(seed);
      if (!original.ok) throw new Error('seed does not parse');
      const text = await api.anonymous().get(`/api/public/decisions/${ids[name]}`).set('Accept', 'text/plain').expect(200);
      const back = parseDecisionRecord(text.text);
      if (!back.ok) throw new Error(`export does not parse: ${JSON.stringify(back.problems)}`);
      // The register adds "Effective from" once known (the original did not show it); every other field is the original's.
      const { effectiveFrom, ...fields } = back.record;
      const { effectiveFrom: originalEffectiveFrom, ...originalFields } = original.record;
      expect(fields).toEqual(originalFields);
      expect(originalEffectiveFrom).toBeNull();
      expect(effectiveFrom).toBe(name === 'Oldham' ? '2020-11-18' : null);
    });
  }

  it('refuses the same record again with 409, changing nothing', async () => {
    const before = await databaseSnapshot(config);
    const again = await post(DONCASTER);
    expect(again.status).toBe(409);
    expect(again.body.duplicateOf.reference).toBe('LOP&S - 2021035');
    const html = await post(`<html><body>${OLDHAM.split('\n').map((l) => `<p>${l.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>`).join('')}</body></html>`, 'text/html');
    expect(html.status).toBe(409);
    expect(await databaseSnapshot(config)).toEqual(before);
  });

  it('refuses a record missing its date of decision with 400 naming it, changing nothing', async () => {
    const before = await databaseSnapshot(config);
    const res = await post(OLDHAM.replace(/Date of decision: .*\n?/, ''));
    expect(res.status).toBe(400);
    expect(res.body.details.map((d: { field: string }) => d.field)).toContain('dateOfDecision');
    expect(await databaseSnapshot(config)).toEqual(before);
    expect(parseDecisionRecord(OLDHAM).ok).toBe(true);
  });
});
