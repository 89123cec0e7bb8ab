import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import request from 'supertest';
import { DataSource } from 'typeorm';
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
    expect(d.purpose).toMatch(/^During October 2020 – March 2021 there will be a number of inter-connected changes .*\n• Restructuring of the Early Help .*in transition\.$/s);
    expect(d.decisionText).toBe('RESOLVED - That:');
    expect(d.recommendations.map((r: { marker: string }) => r.marker)).toEqual(['1.', '2.', 'a)', 'b)', 'c)', 'd)']);
    expect(d.recommendations[0].text).toMatch(/^50% of the time of an Early Help Development Team supervisor .* for Team Around the School$/);
    expect(d.recommendations[5].text).toMatch(/^Increasing the hours of a Grade 2 Business Support officer from half-time to full-time for six weeks/);
    expect(d.reasons).toBe('Option 1 - To agree the additional temporary capacity\nOption 2 - Not to agree the additional temporary capacity');
    expect(d.alternativeOptions).toEqual([{ text: 'Option 2 - Not to agree the additional temporary capacity' }]);
    expect(d.otherConsulted).toBe("There has been consultation with the teams affected, HR, finance, legal services and the Director of Children's Social Care");
    expect(d.contact).toEqual({ name: 'Bruce Penhale', role: 'Head of Stronger Communities Service', phone: '0161 770 4196', email: 'bruce.penhale@oldham.gov.uk' });
    expect(d.funding).toEqual([{ amount: null, currency: 'GBP', source: 'DfE social care transformation funding' }]);
    expect(d.consultations).toEqual([]);

    // Oldham's five arrangements with their dates, three of them retrospective, awaiting an officer.
    const proposed = res.body.proposedArrangements;
    expect(proposed.map((a: { kind: string; start: string | null; end: string | null; duration: string | null; retrospective: boolean; state: string }) => [a.kind, a.start, a.end, a.duration, a.retrospective, a.state])).toEqual([
      ['time-allocation', '2020-10-01', '2021-03-31', null, true, 'proposed'],
      ['agency', '2020-12-01', '2021-05-31', null, false, 'proposed'],
      ['maternity-cover', '2020-09-27', '2021-03-31', null, true, 'proposed'],
      ['honorarium', '2020-09-01', '2021-03-31', null, true, 'proposed'],
      ['hours-change', null, null, 'P6W', false, 'proposed'],
    ]);
    expect(proposed[3]).toMatchObject({ fromGrade: 'Grade 4', toGrade: 'Grade 5', scalePoints: 2 });
    // "for six weeks" from when the decision took effect (published 18/11/2020: the arrangements lib starts it the next day).
    expect(proposed[4]).toMatchObject({ resolvedStart: '2020-11-19', resolvedEnd: '2020-12-30' });
    for (const a of proposed) expect(a.sourceText.length).toBeGreaterThan(20);
    // "for a 6 month period from 1 December 2020 – 31 May 2021": the dates are kept, the duration noted.
    expect(proposed[1]).toMatchObject({ sourceText: expect.stringMatching(/^Appointing an agency Senior Practitioner/), section: 'decision', notes: [expect.stringContaining('duration P6M dropped')] });
    // Stored, awaiting an officer: HR's register lists them, and the decision carries them.
    const hr = { sub: 'u-hr-ops', name: 'Priya Shah', roles: ['hr'] };
    const listed = await api.as(hr).get(`/api/arrangements?state=proposed&decision=${d.id}`).expect(200);
    expect(listed.body.items.map((a: { id: string }) => a.id).sort()).toEqual(proposed.map((a: { id: string }) => a.id).sort());
    expect(d.staffingArrangements.map((a: { state: string }) => a.state)).toEqual(['proposed', 'proposed', 'proposed', 'proposed', 'proposed']);
    // HR confirms one with an edit: it leaves `proposed` and runs on its own clocks.
    const confirmed = await api.as(hr).post(`/api/arrangements/${proposed[1].id}/confirm`, { end: '2021-06-30' }).expect(200);
    expect(confirmed.body).toMatchObject({ id: proposed[1].id, end: '2021-06-30', resolvedEnd: '2021-06-30' });
    expect(confirmed.body.state).not.toBe('proposed');
    const history = await api.as(USERS.democratic).get(`/api/decisions/${d.id}/history`).expect(200);
    expect(history.body).toHaveLength(1);
    expect(history.body[0]).toMatchObject({ type: 'import', toState: 'effective', payload: { importedFrom: '000_df90ee194b41cad9.txt', format: 'text' } });
  });

  it('imports Doncaster as For Determination', async () => {
    const res = await post(DONCASTER);
    expect(res.status).toBe(201);
    ids.Doncaster = res.body.decision.id;
    const d = res.body.decision;
    expect(d).toMatchObject({
      state: 'for-determination',
      status: 'For Determination',
      reference: 'LOP&S - 2021035',
      title: 'Temporary additional staffing to support vulnerable children and young people who step down from social care, in particular into educational settings, many of whom have Social, Emotional and Mental Health (SEMH) needs.',
      decisionMaker: { title: 'Director of Learning, Opportunities and Skills' },
      isKeyDecision: false,
      isSubjectToCallIn: false,
      reasons: '',
      decisionText: null,
      contact: null,
      otherConsulted: null,
      plannedDeterminationAt: '2021-02-15',
    });
    expect(d.dates).toMatchObject({ decidedAt: null, publishedAt: null });
    expect(d.dates.forDeterminationAt.slice(0, 10)).toBe('2021-03-02');
    expect(d.purpose.split('\n')).toHaveLength(8);
    expect(d.recommendations.map((r: { text: string }) => r.text.slice(0, 30))).toEqual(['Recruit to four temporary agen', 'Provide additional leadership ', 'Allocate funding of £226k from']);
    expect(d.alternativeOptions).toEqual([{ text: expect.stringMatching(/^Do Nothing – The impact of doing nothing .*current circumstances\.$/) }]);
    expect(d.funding).toEqual([{ amount: 226000, currency: 'GBP', source: 'COVID-19 pressures fund' }]);
    // 2 FTE Grade 9 and 4 FTE Grade 7 for 12 months, £226k from the COVID-19 pressures fund, Alison Tomes managing the leads.
    expect(res.body.proposedArrangements).toEqual([
      expect.objectContaining({ kind: 'temporary-post', title: 'Early Help Pathway Lead', count: 2, fte: 2, grade: 'Grade 9', duration: 'P12M', start: null, end: null, funding: expect.objectContaining({ source: 'COVID-19 pressures fund' }), manager: expect.objectContaining({ name: 'Alison Tomes' }), state: 'proposed', retrospective: false }),
      expect.objectContaining({ kind: 'temporary-post', title: 'Family Lead Practitioner', count: 4, fte: 4, grade: 'Grade 7', duration: 'P12M', funding: expect.objectContaining({ source: 'COVID-19 pressures fund' }), manager: expect.objectContaining({ name: null }), state: 'proposed' }),
    ]);
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

  it('imports a record whose call-in period is still running as call-in-period, with its deadline as a timer', async () => {
    const today = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London' }).format(new Date());
    const record = OLDHAM.replace('Additional staffing', 'CALL - 2026001 - Additional staffing')
      .replace('Decision status: Recommendations Approved', 'Decision status: Recommendations Approved (subject to call-in)')
      .replace('Is subject to call in?: No', 'Is subject to call in?: Yes')
      .replace(/Publication date: .*/, `Publication date: ${today}`)
      .replace(/Date of decision: .*/, `Date of decision: ${today}`);
    const res = await post(record);
    expect(res.status).toBe(201);
    expect(res.body.decision).toMatchObject({ state: 'call-in-period', status: 'Recommendations Approved (subject to call-in)', isSubjectToCallIn: true });
    expect(Date.parse(res.body.decision.dates.callInDeadline)).toBeGreaterThan(Date.now());
    const rows = await api.app.get(DataSource).query(`SELECT kind, due_at, status FROM timers WHERE subject_id = $1`, [res.body.decision.id]);
    expect(rows).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'CALL_IN_PERIOD_ENDED', due_at: new Date(res.body.decision.dates.callInDeadline), status: 'pending' })]));
  });

  it('refuses a status it cannot import, and a date of decision in the future, naming the field', async () => {
    const before = await databaseSnapshot(config);
    const implemented = await post(OLDHAM.replace('Recommendations Approved', 'Implemented').replace('Additional staffing', 'IMPL - 2020001 - Additional staffing'));
    expect(implemented.status).toBe(400);
    expect(implemented.body.details).toEqual([{ field: 'status', message: expect.stringContaining("'Implemented' cannot be imported") }]);
    const future = await post(OLDHAM.replace(/Date of decision: .*/, 'Date of decision: 01/01/2099').replace('Additional staffing', 'FUT - 2020001 - Additional staffing'));
    expect(future.status).toBe(400);
    expect(future.body.details).toEqual([
      { field: 'dateOfDecision', message: expect.stringContaining('is in the future') },
      { field: 'publicationDate', message: 'Publication date (2020-11-18) is before the date of decision (2099-01-01)' },
    ]);
    const forbidden = await post(OLDHAM.replace('Additional staffing', 'ROLE - 2020001 - Additional staffing'), 'text/plain', USERS.officer);
    expect(forbidden.status).toBe(403);
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
