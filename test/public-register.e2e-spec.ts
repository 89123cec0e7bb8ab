import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parseFeed } from '@rowanmanning/feed-parser';
import * as cheerio from 'cheerio';
import { isPublic } from '#libs/register';
import { parseDecisionRecord } from '#libs/records';
import type { DecisionState } from '#libs/lifecycle';
import { DONCASTER, OLDHAM } from './fixtures/seed-decisions.js';
import { startApi, USERS, type TestApi } from './support/api.js';
import { cleanUp, testConfig } from './support/environment.js';
import { base, driveTo, expectNothingInternal, INTERNAL_KEYS, publicNumbers, REACHABLE } from './support/register.js';

/**
 * The public register over real PostgreSQL: only published decisions, only public fields, in every
 * representation; search and filters; conditional GET; the ModernGov-shaped pages read with cheerio using
 * the issue's selectors; the Atom feed read back with a feed parser.
 */
describe('public register (HTTP, PostgreSQL)', () => {
  const config = testConfig({ COUNCIL_NAME: 'Test Borough Council', PUBLIC_URL: 'http://register.test' });
  const pendingConfig = { ...config, register: { ...config.register, publishPending: true } };
  let api: TestApi;
  let pendingApi: TestApi;
  const ids = {} as Record<DecisionState | 'oldham' | 'doncaster', string>;
  let numbers: Map<string, number>;

  beforeAll(async () => {
    api = await startApi(config);
    ids.oldham = await driveTo(api, 'effective', { ...OLDHAM, isSubjectToCallIn: false, wardsAffected: ['All wards'], consultees: [{ area: 'hr', assigneeUserId: 'u-hr' }] }, { decidedAt: '2020-11-18', publishedAt: '2020-11-18' });
    ids.doncaster = await driveTo(api, 'effective', { ...DONCASTER, consultees: [{ area: 'hr', assigneeUserId: 'u-hr' }], wardsAffected: ['Balby South'] });
    for (const state of REACHABLE) ids[state] = await driveTo(api, state, base(`STATE-${state}`), { decidedAt: '2022-06-01', publishedAt: '2022-06-02' });
    numbers = await publicNumbers(config);
    // The same database read by a council that publishes pending decisions.
    pendingApi = await startApi(pendingConfig);
  });
  afterAll(async () => {
    await pendingApi?.app.close();
    await api?.app.close();
    await cleanUp(config);
  });

  const visible = (state: DecisionState, pending: boolean) => isPublic(state, ['approved', 'rejected', 'withdrawn', 'draft', 'consultation', 'for-determination', 'deferred'].includes(state) ? null : '2021-03-02', pending);

  for (const pending of [false, true]) {
    it(`shows exactly the published decisions in every representation, for every state (publish pending: ${pending})`, async () => {
      const client = () => (pending ? pendingApi : api).anonymous();
      const list = await client().get('/api/public/decisions?pageSize=100').expect(200);
      const listed = new Set(list.body.items.map((d: { id: string }) => d.id));
      const feed = await client().get('/api/public/feed.atom').expect(200);
      const mgList = await client().get('/mgDelegatedDecisions.aspx').expect(200);
      for (const state of REACHABLE) {
        const id = ids[state];
        const shown = visible(state, pending);
        expect([state, listed.has(id)]).toEqual([state, shown]);
        expect([state, feed.text.includes(`urn:uuid:${id}`)]).toEqual([state, shown]);
        expect([state, mgList.text.includes(`ieDecisionDetails.aspx?ID=${numbers.get(id)}"`)]).toEqual([state, shown]);
        const status = shown ? 200 : 404;
        await client().get(`/api/public/decisions/${id}`).expect(status);
        await client().get(`/api/public/decisions/${encodeURIComponent(`STATE-${state}`)}`).set('Accept', 'text/plain').expect(status);
        await client().get(`/api/public/decisions/${id}`).set('Accept', 'text/html').expect(status);
        await client().get(`/ieDecisionDetails.aspx?ID=${numbers.get(id)}`).expect(status);
      }
      for (const text of [JSON.stringify(list.body), feed.text, mgList.text]) expectNothingInternal(text);
      for (const item of list.body.items) for (const key of INTERNAL_KEYS) expect(item).not.toHaveProperty(key);
      expect(list.body.items.every((d: { decisionMaker: object }) => Object.keys(d.decisionMaker).join() === 'title')).toBe(true);
    });
  }

  it('never shows an internal field of a published decision, in any representation', async () => {
    for (const id of [ids.oldham, ids.doncaster, ids['called-in']]) {
      const json = await api.anonymous().get(`/api/public/decisions/${id}`).expect(200);
      for (const key of INTERNAL_KEYS) expect(json.body).not.toHaveProperty(key);
      const bodies = await Promise.all(['text/plain', 'text/html'].map((accept) => api.anonymous().get(`/api/public/decisions/${id}`).set('Accept', accept)));
      const mg = await api.anonymous().get(`/ieDecisionDetails.aspx?ID=${numbers.get(id)}`);
      for (const text of [JSON.stringify(json.body), ...bodies.map((b) => b.text), mg.text]) expectNothingInternal(text);
    }
  });

  it('searches by text, decision maker, status, key decision, ward and dates, with a capped page size', async () => {
    const get = async (query: string) => (await api.anonymous().get(`/api/public/decisions?${query}`).expect(200)).body;
    const refs = (body: { items: { reference: string }[] }) => body.items.map((d) => d.reference).sort();
    expect(refs(await get('q=safeguarding'))).toEqual([OLDHAM.reference]);
    expect(refs(await get(`q=${encodeURIComponent('"COVID-19 pressures fund"')}`))).toEqual([DONCASTER.reference]);
    expect(refs(await get('decisionMaker=learning, opportunities'))).toEqual([DONCASTER.reference]);
    expect(refs(await get('status=called in'))).toEqual(['STATE-called-in']);
    expect(refs(await get('isKeyDecision=true'))).toEqual([]);
    expect(refs(await get('ward=Balby South'))).toEqual([DONCASTER.reference, OLDHAM.reference]); // Oldham's affects all wards
    expect(refs(await get('from=2020-11-01&to=2020-11-30'))).toEqual([OLDHAM.reference]);
    const paged = await get('pageSize=1000&page=2');
    expect(paged).toMatchObject({ page: 2, pageSize: 100, total: 6, items: [] });
    const small = await get('pageSize=2');
    expect(small.items).toHaveLength(2);
    expect(small.total).toBe(6);

    const bad = await api.anonymous().get('/api/public/decisions?status=Pending&isKeyDecision=maybe&from=18/11/2020&page=0').expect(400);
    expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['from', 'isKeyDecision', 'page', 'status']);
  });

  it('answers conditional GETs with 304, and 200 again once the register changes', async () => {
    for (const [path, accept] of [
      ['/api/public/decisions', 'application/json'],
      [`/api/public/decisions/${ids.doncaster}`, 'text/html'],
      [`/api/public/decisions/${ids.doncaster}`, 'text/plain'],
      ['/api/public/feed.atom', '*/*'],
      ['/api/public/forward-plan', 'application/json'],
      [`/ieDecisionDetails.aspx?ID=${numbers.get(ids.oldham)}`, 'text/html'],
      ['/mgDelegatedDecisions.aspx?DR=01/01/2020-31/12/2021', 'text/html'],
    ]) {
      const first = await api.anonymous().get(path).set('Accept', accept).expect(200);
      expect(first.headers.etag).toMatch(/^"[\w-]+"$/);
      await api.anonymous().get(path).set('Accept', accept).set('If-None-Match', first.headers.etag).expect(304);
      if (first.headers['last-modified']) {
        await api.anonymous().get(path).set('Accept', accept).set('If-Modified-Since', first.headers['last-modified']).expect(304);
      }
    }
    const before = await api.anonymous().get('/api/public/decisions').expect(200);
    const id = await driveTo(api, 'effective', base('LATE-1'), { decidedAt: '2023-01-10', publishedAt: '2023-01-11' });
    const after = await api.anonymous().get('/api/public/decisions').set('If-None-Match', before.headers.etag).expect(200);
    expect(after.body.items.map((d: { id: string }) => d.id)).toContain(id);
    // A different representation of the same decision has another validator.
    const html = await api.anonymous().get(`/api/public/decisions/${ids.oldham}`).set('Accept', 'text/html');
    const text = await api.anonymous().get(`/api/public/decisions/${ids.oldham}`).set('Accept', 'text/plain');
    expect(html.headers.etag).not.toBe(text.headers.etag);
    expect(html.headers.vary).toMatch(/Accept/);
  });

  it("serves a decision as JSON, as the seeds' text and as the Decision details page with schema.org JSON-LD", async () => {
    const json = await api.anonymous().get(`/api/public/decisions/${encodeURIComponent(DONCASTER.reference)}`).expect(200);
    expect(json.body).toMatchObject({
      id: ids.doncaster,
      number: numbers.get(ids.doncaster),
      reference: 'LOP&S - 2021035',
      status: 'Recommendations Approved',
      decisionMaker: { title: 'Director of Learning, Opportunities and Skills' },
      funding: [{ amount: 226000, currency: 'GBP', source: 'COVID-19 pressures fund' }],
      dates: { decidedAt: '2021-02-15', publishedAt: '2021-03-02', effectiveFrom: '2021-03-02', callInDeadline: null },
      links: { page: `http://register.test/ieDecisionDetails.aspx?ID=${numbers.get(ids.doncaster)}` },
    });

    const text = await api.anonymous().get(`/api/public/decisions/${ids.doncaster}`).set('Accept', 'text/plain').expect(200);
    expect(text.headers['content-type']).toMatch(/^text\/plain/);
    expect(text.text.startsWith('Decision details\n\nLOP&S - 2021035 - Temporary additional staffing')).toBe(true);
    const parsed = parseDecisionRecord(text.text);
    expect(parsed).toMatchObject({
      ok: true,
      record: {
        reference: DONCASTER.reference,
        title: DONCASTER.title,
        decisionMaker: DONCASTER.decisionMaker.title,
        status: 'Recommendations Approved',
        isKeyDecision: false,
        isSubjectToCallIn: false,
        purpose: DONCASTER.purpose,
        reasons: DONCASTER.reasons,
        alternativeOptions: DONCASTER.alternativeOptions[0].text,
        publicationDate: '2021-03-02',
        dateOfDecision: '2021-02-15',
        effectiveFrom: '2021-03-02',
        wardsAffected: ['Balby South'],
      },
    });
    if (parsed.ok) expect(parsed.record.decision.recommendations.map((r) => r.text)).toEqual(DONCASTER.recommendations.map((r) => r.text));

    const html = await api.anonymous().get(`/api/public/decisions/${ids.oldham}`).set('Accept', 'text/html').expect(200);
    const $ = cheerio.load(html.text);
    const ld = JSON.parse($('script[type="application/ld+json"]').text());
    expect(ld).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'Legislation',
      name: OLDHAM.title,
      legislationIdentifier: OLDHAM.reference,
      legislationDate: '2020-11-18',
      datePublished: '2020-11-18',
      legislationPassedBy: { jobTitle: OLDHAM.decisionMaker.title },
      legislationJurisdiction: { name: 'Test Borough Council' },
    });
    const labels = $('main dt, main h2').toArray().map((e) => $(e).text().trim());
    expect(labels).toEqual([
      'Reference:', 'Decision Maker:', 'Decision status:', 'Is Key decision?:', 'Is subject to call in?:', 'Wards affected:',
      'Purpose:', 'Decision:', 'Reasons for the decision:', 'Alternative options considered:', 'Conflict of interest declared:',
      'Dispensation granted:', 'Other reasons / organisations consulted', 'Contact:', 'Publication date:', 'Date of decision:',
      'Effective from:', 'Accompanying Documents:',
    ]);
    // The page reads back as the record it shows.
    const back = parseDecisionRecord(html.text);
    expect(back).toMatchObject({ ok: true, record: { reference: OLDHAM.reference, title: OLDHAM.title, dateOfDecision: '2020-11-18', publicationDate: '2020-11-18', contact: { name: 'Bruce Penhale', emails: ['bruce.penhale@oldham.gov.uk'] } } });
  });

  it('serves the ModernGov-shaped pages that scrapers read, every field under the issue’s selectors', async () => {
    const list = await api.anonymous().get('/mgDelegatedDecisions.aspx?DR=01/11/2020-31/03/2021').expect(200);
    const $ = cheerio.load(list.text);
    const rows = $('a[href^="ieDecisionDetails.aspx?ID="]')
      .toArray()
      .map((a) => ({
        number: Number($(a).attr('href')!.split('ID=')[1]),
        reference: $(a).find('span.mgHide').text(),
        published: $(a).closest('tr').find('td').eq(1).text().trim(),
      }));
    expect(rows).toEqual(
      expect.arrayContaining([
        { number: numbers.get(ids.oldham), reference: OLDHAM.reference, published: '18/11/2020' },
        { number: numbers.get(ids.doncaster), reference: DONCASTER.reference, published: '02/03/2021' },
      ]),
    );
    expect(rows.map((r) => r.reference).sort()).toEqual([DONCASTER.reference, OLDHAM.reference]); // others were taken outside the range
    await api.anonymous().get('/mgDelegatedDecisions.aspx?DR=31/13/2020-01/01/2021').expect(400);

    for (const [id, seed, published, decided] of [
      [ids.oldham, OLDHAM, '18/11/2020', '18/11/2020'],
      [ids.doncaster, DONCASTER, '02/03/2021', '15/02/2021'],
    ] as const) {
      const page = await api.anonymous().get(`/ieDecisionDetails.aspx?ID=${numbers.get(id)}`).expect(200);
      const d = cheerio.load(page.text);
      const field = (label: string) => {
        const p = d('p').filter((_, e) => d(e).find('span.mgLabel').text() === `${label}: `);
        return p.text().replace(`${label}: `, '').trim();
      };
      const section = (label: string) => d('h3.mgSubSubTitleTxt').filter((_, e) => d(e).text() === label).nextUntil('h3').filter('p').toArray().map((e) => d(e).text());
      expect(d('h2.mgSubTitleTxt').text()).toBe(`${seed.reference} - ${seed.title}`.replace(/^OLDHAM-MASH-2020 - /, ''));
      if (seed === OLDHAM) expect(field('Reference')).toBe(OLDHAM.reference);
      expect(field('Decision Maker')).toBe(seed.decisionMaker.title);
      expect(field('Decision status')).toBe('Recommendations Approved');
      expect(field('Is Key decision?')).toBe('No');
      expect(field('Is subject to call in?')).toBe('No');
      expect(field('Publication date')).toBe(published);
      expect(field('Date of decision')).toBe(decided);
      expect(section('Purpose:')).toEqual([seed.purpose]);
      expect(section('Decision:')).toEqual(seed.recommendations.map((r) => r.text));
      expect(d('ul.mgBulletList a').toArray()).toEqual([]);
      // A scraper that reads the whole page gets the same record back.
      expect(parseDecisionRecord(page.text)).toMatchObject({ ok: true, record: { reference: seed.reference, title: seed.title, decisionMaker: seed.decisionMaker.title, purpose: seed.purpose } });
    }
    await api.anonymous().get('/ieDecisionDetails.aspx?ID=999999').expect(404);
    await api.anonymous().get('/ieDecisionDetails.aspx?ID=abc').expect(404);
  });

  it('publishes an Atom feed that a feed parser reads back, filterable by decision maker, ward and key decision', async () => {
    const res = await api.anonymous().get('/api/public/feed.atom').expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/atom\+xml/);
    const feed = parseFeed(res.text);
    expect(feed.meta.type).toBe('atom');
    expect(feed.title).toBe('Test Borough Council: decisions');
    const doncaster = feed.items.find((i) => i.id === `urn:uuid:${ids.doncaster}`);
    expect(doncaster).toBeDefined();
    expect(doncaster!.title).toBe(`${DONCASTER.reference} – ${DONCASTER.title}`);
    expect(doncaster!.url).toBe(`http://register.test/ieDecisionDetails.aspx?ID=${numbers.get(ids.doncaster)}`);
    expect(doncaster!.content).toContain('Allocate funding of £226k');
    expect(doncaster!.categories.map((c) => c.term)).toEqual(expect.arrayContaining(['Recommendations Approved', 'Balby South']));

    const idsOf = async (query: string) => parseFeed((await api.anonymous().get(`/api/public/feed.atom?${query}`).expect(200)).text).items.map((i) => i.id);
    expect(await idsOf('decisionMaker=Learning')).toEqual([`urn:uuid:${ids.doncaster}`]);
    expect((await idsOf('ward=Balby South')).sort()).toEqual([`urn:uuid:${ids.doncaster}`, `urn:uuid:${ids.oldham}`].sort());
    expect(await idsOf('isKeyDecision=true')).toEqual([]);
    await api.anonymous().get('/api/public/feed.atom?isKeyDecision=perhaps').expect(400);
  });

  it('lists every key decision planned, with whether its 28 clear days are met, as JSON and HTML', async () => {
    const key = (reference: string, noticeAt: string, plannedAt: string | null, urgency = 'none') =>
      api.as(USERS.officer).post('/api/decisions', base(reference, { isKeyDecision: true, forwardPlanNoticeAt: noticeAt, plannedDeterminationAt: plannedAt, urgency, consultees: [], ...(urgency === 'special-urgency' ? { specialUrgency: { agreedBy: 'Cllr Chair, Overview and Scrutiny', agreedAt: '2029-12-31' } } : {}) })).expect(201);
    await key('KEY-MET', '2030-01-01', '2030-02-01');
    await key('KEY-SHORT', '2030-01-01', '2030-01-20');
    await key('KEY-UNDATED', '2030-01-01', null);
    await key('KEY-URGENT', '2030-01-01', '2030-01-05', 'special-urgency');
    await api.as(USERS.officer).post('/api/decisions', base('NOT-ON-PLAN', { isKeyDecision: true, consultees: [] })).expect(201);

    const plan = await api.anonymous().get('/api/public/forward-plan').expect(200);
    expect(plan.body.clearDaysRequired).toBe(28);
    expect(plan.body.items).toEqual([
      expect.objectContaining({ reference: 'KEY-URGENT', plannedAt: '2030-01-05', noticeMet: true, exception: 'special-urgency' }),
      expect.objectContaining({ reference: 'KEY-SHORT', noticeAt: '2030-01-01', plannedAt: '2030-01-20', clearDays: 18, noticeMet: false }),
      expect.objectContaining({ reference: 'KEY-MET', clearDays: 30, noticeMet: true, exception: null }),
      expect.objectContaining({ reference: 'KEY-UNDATED', plannedAt: null, clearDays: null, noticeMet: null }),
    ]);
    for (const item of plan.body.items) expect(Object.keys(item).sort()).toEqual(['clearDays', 'decisionMaker', 'exception', 'noticeAt', 'noticeMet', 'plannedAt', 'reference', 'title']);
    const html = await api.anonymous().get('/api/public/forward-plan').set('Accept', 'text/html').expect(200);
    const $ = cheerio.load(html.text);
    const short = $('tr').filter((_, tr) => $(tr).find('td').first().text() === 'KEY-SHORT');
    expect(short.find('td').toArray().map((td) => $(td).text().trim())).toEqual(['KEY-SHORT', 'Register test KEY-SHORT', 'Director of Register Tests', '01/01/2030', '20/01/2030', 'No (18 clear days)']);
  });
});
