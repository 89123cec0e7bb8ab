import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parse as parseCsv } from 'csv-parse/sync';
import ical from 'node-ical';
import { DataSource } from 'typeorm';
import { addDays, londonDateOf, startOfLondonDay } from '#libs/calendar';
import { DONCASTER_ARRANGEMENTS, OLDHAM_ARRANGEMENTS, calendarSignature } from '#libs/arrangements';
import { startSmtpCatcher } from '#libs/delivery';
import { Engine } from '#libs/engine';
import { ArrangementService } from '#libs/staffing';
import { cleanUp, eventually, JWT_SECRET, testConfig } from './support/environment.js';
import { startApi, USERS, type TestApi, type TestUser } from './support/api.js';
import { DONCASTER, OLDHAM } from './fixtures/seed-decisions.js';

/**
 * Temporary staffing arrangements end to end (issue 6), against real PostgreSQL, Redis and an SMTP server, with
 * the reminder policy counted in seconds: both seeds' arrangements entered through the API, the historical
 * ones overdue and escalated by themselves, HR's register, its actions, the exports, and the decision closing.
 */
const HR: TestUser = { sub: 'u-hr-manager', name: 'HR Manager', roles: ['hr'] };
const ALISON: TestUser = { sub: 'u-alison', name: 'Alison Tomes', roles: ['officer'] };

interface Arrangement {
  id: string;
  title: string;
  kind: string;
  state: string;
  resolvedStart: string | null;
  resolvedEnd: string | null;
  retrospective: boolean;
  allowedActions: string[];
  [more: string]: unknown;
}

describe('staffing arrangements: stored, running, reminded, exported', () => {
  let catcher: Awaited<ReturnType<typeof startSmtpCatcher>>;
  let config: ReturnType<typeof testConfig>;
  let api: TestApi;
  let db: DataSource;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    catcher = await startSmtpCatcher();
    config = testConfig({
      SMTP_URL: `smtp://127.0.0.1:${catcher.port}`,
      REMINDER_UNIT: 'seconds',
      // A "week" of an hour: the escalation comes at once, the weekly reminder not within this test.
      ARRANGEMENT_OVERDUE_EVERY: '3600',
      ARRANGEMENT_PAY_SCALES_FILE: 'docs/pay-scales.example.json',
      DELIVERY_BACKOFF_MS: '50',
    });
    api = await startApi(config, { withWorker: true });
    db = api.app.get(DataSource);
  });

  afterAll(async () => {
    await api?.app.close();
    await catcher?.close();
    await cleanUp(config);
  });

  const today = () => londonDateOf(new Date().toISOString());
  const pendingTimers = (subjectId: string) =>
    db.query(`SELECT id, kind, due_at FROM timers WHERE subject_type = 'arrangement' AND subject_id = $1 AND status = 'pending' ORDER BY due_at`, [subjectId]) as Promise<{ id: string; kind: string; due_at: Date }[]>;

  /** Draft → consultation → approved → published, as the seeds were. */
  async function takeEffect(id: string, consultees: { area: string; by: TestUser }[], decidedAt: string, publishedAt: string) {
    await api.as(USERS.officer).post(`/api/decisions/${id}/submit`).expect(200);
    for (const c of consultees) await api.as(c.by).post(`/api/decisions/${id}/sign-off`, { area: c.area }).expect(200);
    await api.as(USERS.dm).post(`/api/decisions/${id}/approve`, { decidedAt }).expect(200);
    await api.as(USERS.democratic).post(`/api/decisions/${id}/publish`, { publishedAt }).expect(200);
  }

  it("refuses a bad arrangement in a decision's body naming the field, and stores nothing", async () => {
    const bad = [DONCASTER_ARRANGEMENTS[0], { ...DONCASTER_ARRANGEMENTS[1], duration: null, end: '2022-13-01' }];
    const res = await api.as(USERS.officer).post('/api/decisions', { ...DONCASTER, reference: 'BAD-1', staffingArrangements: bad }).expect(400);
    expect(res.body.details).toEqual([expect.objectContaining({ field: 'staffingArrangements.1.end' })]);
    expect((await api.as(USERS.officer).get('/api/decisions').expect(200)).body.items.map((d: { reference: string }) => d.reference)).not.toContain('BAD-1');
    expect(await db.query(`SELECT count(*)::int AS n FROM arrangements`)).toEqual([{ n: 0 }]);
  });

  it("enters Doncaster's posts with the draft: planned, dates unknown until the decision takes effect", async () => {
    const { body } = await api.as(USERS.officer).post('/api/decisions', { ...DONCASTER, staffingArrangements: DONCASTER_ARRANGEMENTS }).expect(201);
    ids.doncaster = body.id;
    expect(body.staffingArrangements).toHaveLength(2);
    expect(body.staffingArrangements.map((a: Arrangement) => [a.title, a.kind, a.count, a.fte, a.grade, a.start, a.duration, a.state, a.resolvedStart, a.resolvedEnd])).toEqual([
      ['Early Help Pathway Lead', 'temporary-post', 2, 2, 'Grade 9', null, 'P12M', 'planned', null, null],
      ['Family Lead Practitioner', 'temporary-post', 4, 4, 'Grade 7', null, 'P12M', 'planned', null, null],
    ]);
    expect(body.staffingArrangements[0].manager).toEqual({ name: 'Alison Tomes', userId: null, email: null });
    expect(body.staffingArrangements[0].funding).toEqual({ source: 'COVID-19 pressures fund', amount: null, share: null });
  });

  it('edits the list while a draft: an item with its id is kept, the rest replaced', async () => {
    const { body: before } = await api.as(USERS.officer).get(`/api/decisions/${ids.doncaster}`).expect(200);
    const [leads, flps] = before.staffingArrangements as Arrangement[];
    const edited = await api.as(USERS.officer).patch(`/api/decisions/${ids.doncaster}`, { staffingArrangements: [{ ...leads, manager: { name: 'Alison Tomes', userId: ALISON.sub, email: null } }, flps] }).expect(200);
    expect(edited.body.staffingArrangements.map((a: Arrangement) => a.id)).toEqual([leads.id, flps.id]);
    expect(edited.body.staffingArrangements[0].manager.userId).toBe(ALISON.sub);
    expect(edited.body.version).toBe(before.version + 1);
    const same = await api.as(USERS.officer).patch(`/api/decisions/${ids.doncaster}`, { staffingArrangements: edited.body.staffingArrangements }).expect(400);
    expect(same.body.message).toMatch(/changes nothing/);
  });

  it("runs Doncaster's 2021 posts from the day after publication for 12 months: overdue at once, escalated exactly once, by themselves", async () => {
    await takeEffect(ids.doncaster, [{ area: 'hr', by: USERS.hr }, { area: 'finance', by: USERS.finance }], '2021-02-15', '2021-02-15');
    const { body } = await api.as(HR).get(`/api/decisions/${ids.doncaster}`).expect(200);
    expect(body.state).toBe('effective');
    const posts = body.staffingArrangements as Arrangement[];
    expect(posts.map((a) => [a.title, a.state, a.resolvedStart, a.resolvedEnd, a.retrospective])).toEqual([
      ['Early Help Pathway Lead', 'overdue', '2021-02-16', '2022-02-15', false],
      ['Family Lead Practitioner', 'overdue', '2021-02-16', '2022-02-15', false],
    ]);
    expect(posts[0].allowedActions).toEqual(['confirm-ended', 'extend', 'make-permanent']);
    // 2 FTE Grade 9 and 4 FTE Grade 7 for a year, with on-costs, cost more than the £226k allocated: a warning, not a refusal.
    expect(body.warnings).toEqual(expect.arrayContaining([expect.stringMatching(/^funding: arrangements funded from 'COVID-19 pressures fund' are estimated at £251,136, more than the £226,000/)]));
    ids.leads = posts[0].id;
    ids.flps = posts[1].id;

    const escalations = () => catcher.messages.filter((m) => m.subject.startsWith('Escalation:') && m.subject.includes('2022'));
    await eventually(async () => escalations().length >= 2, 15_000);
    const lead = escalations().find((m) => m.subject.includes('Early Help Pathway Lead'))!;
    expect(lead.subject).toBe('Escalation: Early Help Pathway Lead (2 FTE, Grade 9) ended on 15/02/2022 and is not settled');
    expect(lead.to).toContain('escalations@ratify.local');
    expect(lead.text).toContain('Approved by: LOP&S - 2021035');
    expect(lead.text).toContain('Managed by: Alison Tomes');
    expect(lead.text).toContain('Funding: COVID-19 pressures fund');
    expect(lead.text).toMatch(/It has ended: confirm it in one click:\s+http:\/\/localhost:3000\/api\/one-click\/\S+/);
    // Exactly once: the escalation timers are fired, nothing more is pending for them, and no second mail comes.
    await new Promise((r) => setTimeout(r, 2000));
    expect(escalations()).toHaveLength(2);
    const timers = await pendingTimers(ids.leads);
    expect(timers.map((t) => t.id)).toEqual([`${ids.leads}-overdue-20220215-w1`]); // the next "weekly" reminder only
  });

  it("enters Oldham's five arrangements: every date, duration and flag, three of them retrospective", async () => {
    const { body } = await api.as(USERS.officer).post('/api/decisions', { ...OLDHAM, staffingArrangements: OLDHAM_ARRANGEMENTS }).expect(201);
    ids.oldham = body.id;
    await takeEffect(ids.oldham, [{ area: 'hr', by: USERS.hr }, { area: 'finance', by: USERS.finance }, { area: 'legal', by: USERS.legal }], '2020-11-18', '2020-11-18');
    // The call-in period (to 25/11/2020 17:00) is long past: its timer fires at once, and the decision takes effect.
    const effective = await eventually(async () => {
      const res = await api.as(HR).get(`/api/decisions/${ids.oldham}`).expect(200);
      return res.body.state === 'effective' ? res.body : undefined;
    }, 15_000);
    expect(effective.staffingArrangements.map((a: Arrangement) => [a.kind, a.start, a.end, a.duration, a.resolvedStart, a.resolvedEnd, a.retrospective, a.state])).toEqual([
      ['time-allocation', '2020-10-01', '2021-03-31', null, '2020-10-01', '2021-03-31', true, 'overdue'],
      ['agency', '2020-12-01', '2021-05-31', null, '2020-12-01', '2021-05-31', false, 'overdue'],
      ['honorarium', '2020-09-27', '2021-03-31', null, '2020-09-27', '2021-03-31', true, 'overdue'],
      ['honorarium', '2020-09-01', '2021-03', null, '2020-09-01', '2021-03-31', true, 'overdue'],
      // Six weeks from the first whole day in effect (the call-in period ended 25/11/2020 at 17:00).
      ['hours-change', null, null, 'P6W', '2020-11-26', '2021-01-06', false, 'overdue'],
    ]);
    const [share, , , uplift, hours] = effective.staffingArrangements;
    expect(share).toMatchObject({ fte: 0.5, funding: { source: 'DfE social care transformation funding for Team Around the School', share: '50%' } });
    expect(uplift).toMatchObject({ fromGrade: 'Grade 4', toGrade: 'Grade 5', scalePoints: 2 });
    expect(hours).toMatchObject({ hoursFrom: 18.5, hoursTo: 37, grade: 'Grade 2' });
    expect(effective.staffingArrangements.filter((a: Arrangement) => a.retrospective)).toHaveLength(3);
  });

  it('answers "what ends in the next 8 weeks?" for HR: overdue first, then by end, with their cost', async () => {
    const endingBefore = addDays(today(), 56);
    const res = await api.as(HR).get(`/api/arrangements?endingBefore=${endingBefore}&state=scheduled,active,extended,ending-soon,overdue`).expect(200);
    expect(res.body.total).toBe(7);
    expect(res.body.items.every((a: Arrangement) => a.state === 'overdue')).toBe(true);
    const ends = res.body.items.map((a: Arrangement) => a.resolvedEnd);
    expect(ends).toEqual([...ends].sort());
    expect(ends[0]).toBe('2021-01-06');
    // 2 FTE × Grade 9 (£37,900) + 4 FTE × Grade 7 (£30,100), 28% on-costs, for 365 days each.
    const leads = res.body.items.find((a: Arrangement) => a.id === ids.leads);
    expect(leads.cost).toMatchObject({ estimated: true, annual: 97024, monthly: 8085.33, total: 97024 });
    // Estimated where grade and FTE (or hours) are known: the leads, the practitioners, the hours change.
    expect(res.body.cost).toMatchObject({ estimated: 3, unestimated: 4 });
    // Paged, the total is all of them.
    const page = await api.as(HR).get(`/api/arrangements?endingBefore=${endingBefore}&pageSize=2&page=2`).expect(200);
    expect(page.body).toMatchObject({ total: 7, page: 2, pageSize: 2 });
    expect(page.body.items.map((a: Arrangement) => a.id)).toEqual(res.body.items.slice(2, 4).map((a: Arrangement) => a.id));
    // Filters: the decision, the manager.
    expect((await api.as(HR).get(`/api/arrangements?decision=${ids.doncaster}`).expect(200)).body.total).toBe(2);
    expect((await api.as(HR).get(`/api/arrangements?manager=alison%20tomes`).expect(200)).body.items.map((a: Arrangement) => a.id)).toEqual([ids.leads]);
    await api.as(HR).get('/api/arrangements?state=finished').expect(400);
    await api.as(HR).get('/api/arrangements?endingBefore=soon').expect(400);
  });

  it('lets a manager read their own arrangements and nobody else but HR', async () => {
    const own = await api.as(ALISON).get('/api/arrangements').expect(200);
    expect(own.body.items.map((a: Arrangement) => a.id)).toEqual([ids.leads]);
    expect(own.body.items[0].allowedActions).toEqual([]);
    await api.as(ALISON).get(`/api/arrangements/${ids.leads}`).expect(200);
    await api.as(ALISON).get(`/api/arrangements/${ids.flps}`).expect(403);
    await api.as(ALISON).post(`/api/arrangements/${ids.leads}/confirm-ended`).expect(403);
    expect((await api.as(USERS.officer).get('/api/arrangements').expect(200)).body.total).toBe(0);
  });

  it("serves a manager's signed calendar feed that parses back with the end dates, and refuses a tampered signature", async () => {
    const manager = 'Alison Tomes';
    const sig = calendarSignature(manager, JWT_SECRET);
    const handed = await api.as(HR).get(`/api/arrangements/calendar-link?manager=${encodeURIComponent(manager)}`).expect(200);
    expect(new URL(handed.body.url).searchParams.get('sig')).toBe(sig);
    await api.as(ALISON).get(`/api/arrangements/calendar-link?manager=${encodeURIComponent(manager)}`).expect(403);
    const res = await api.anonymous().get(`/api/arrangements/calendar.ics?manager=${encodeURIComponent(manager)}&sig=${sig}`).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/calendar/);
    const events = Object.values(ical.sync.parseICS(res.text)).filter((e) => e?.type === 'VEVENT') as ical.VEvent[];
    const end = events.find((e) => String(e.summary).startsWith('Ends: Early Help Pathway Lead'))!;
    expect(end).toBeDefined();
    expect(londonDateOf((end.start as Date).toISOString())).toBe('2022-02-15');
    expect(events.every((e) => String(e.summary).includes('Early Help Pathway Lead'))).toBe(true);
    const tampered = sig.slice(0, -1) + (sig.endsWith('A') ? 'B' : 'A');
    await api.anonymous().get(`/api/arrangements/calendar.ics?manager=${encodeURIComponent(manager)}&sig=${tampered}`).expect(403);
    await api.anonymous().get(`/api/arrangements/calendar.ics?manager=Someone%20Else&sig=${sig}`).expect(403);
  });

  it("exports HR's register as CSV that parses back", async () => {
    const res = await api.as(HR).get(`/api/arrangements.csv?decision=${ids.oldham}`).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const rows = parseCsv(res.text, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(5);
    expect(rows.map((r) => [r.kind, r['resolved start'], r['resolved end'], r.retrospective, r['decision reference']])).toEqual([
      ['hours-change', '2020-11-26', '2021-01-06', 'no', OLDHAM.reference],
      ['time-allocation', '2020-10-01', '2021-03-31', 'yes', OLDHAM.reference],
      ['honorarium', '2020-09-27', '2021-03-31', 'yes', OLDHAM.reference],
      ['honorarium', '2020-09-01', '2021-03-31', 'yes', OLDHAM.reference],
      ['agency', '2020-12-01', '2021-05-31', 'no', OLDHAM.reference],
    ]);
    await api.as(USERS.officer).get('/api/arrangements.csv').expect(200);
  });

  it('extends an arrangement: every reminder moves to the new end; a bad extension is refused naming the field', async () => {
    const end = addDays(today(), 40);
    const { body } = await api.as(USERS.officer).post('/api/decisions', { ...DONCASTER, reference: 'EXT-1', consultees: [], staffingArrangements: [{ ...DONCASTER_ARRANGEMENTS[0], duration: null, end }] }).expect(201);
    await api.as(USERS.officer).post(`/api/decisions/${body.id}/submit`).expect(200);
    await api.as(USERS.dm).post(`/api/decisions/${body.id}/approve`, { decidedAt: today() }).expect(200);
    const published = await api.as(USERS.democratic).post(`/api/decisions/${body.id}/publish`, { publishedAt: today() }).expect(200);
    const a = published.body.staffingArrangements[0] as Arrangement;
    expect(a).toMatchObject({ state: 'scheduled', resolvedStart: addDays(today(), 1), resolvedEnd: end });
    const key = end.replace(/-/g, '');
    const before = await pendingTimers(a.id);
    // It starts at 00:00 London on its first day; it is reminded 56, 28 and 7 "days" (seconds) before its last day's send time, and on it.
    const startKey = startOfLondonDay(addDays(today(), 1)).replace(/\D/g, '');
    expect(before.map((t) => t.id).sort()).toEqual([`${a.id}-ending-0s-${key}`, `${a.id}-ending-28s-${key}`, `${a.id}-ending-56s-${key}`, `${a.id}-ending-7s-${key}`, `${a.id}-start-${startKey}`].sort());

    const missing = await api.as(HR).post(`/api/arrangements/${a.id}/extend`, { end: addDays(end, 30) }).expect(400);
    expect(missing.body.details).toEqual([expect.objectContaining({ field: 'decisionReference' })]);
    const earlier = await api.as(HR).post(`/api/arrangements/${a.id}/extend`, { end: addDays(end, -1), decisionReference: 'EXT-2' }).expect(400);
    expect(earlier.body.details).toEqual([expect.objectContaining({ field: 'end' })]);

    const newEnd = addDays(end, 30);
    const extended = await api.as(HR).post(`/api/arrangements/${a.id}/extend`, { end: newEnd, decisionReference: 'EXT-2' }).expect(200);
    expect(extended.body).toMatchObject({ state: 'scheduled', resolvedEnd: newEnd, extensions: [expect.objectContaining({ resolvedEnd: newEnd, decisionReference: 'EXT-2' })] });
    const newKey = newEnd.replace(/-/g, '');
    const after = (await pendingTimers(a.id)).filter((t) => t.kind === 'REMINDER');
    expect(after.map((t) => t.id).sort()).toEqual(['0s', '28s', '56s', '7s'].map((n) => `${a.id}-ending-${n}-${newKey}`).sort());
    const old = await db.query(`SELECT status FROM timers WHERE subject_id = $1 AND id LIKE $2`, [a.id, `%-${key}`]);
    expect(old.map((t: { status: string }) => t.status)).toEqual(['cancelled', 'cancelled', 'cancelled', 'cancelled']);

    const history = await api.as(HR).get(`/api/arrangements/${a.id}`).expect(200);
    expect(history.body.history.map((h: { type: string }) => h.type)).toEqual(['create', 'decision-effective', 'extend']);

    // Made permanent: no reminder is left.
    await api.as(HR).post(`/api/arrangements/${a.id}/make-permanent`, { decisionReference: 'EXT-3' }).expect(200);
    expect(await pendingTimers(a.id)).toEqual([]);
    const refused = await api.as(HR).post(`/api/arrangements/${a.id}/extend`, { end: addDays(newEnd, 30), decisionReference: 'EXT-4' }).expect(409);
    expect(refused.body).toMatchObject({ state: 'made-permanent', allowedActions: [] });
    // Its decision had one arrangement: now settled, the decision is closed.
    expect((await api.as(USERS.officer).get(`/api/decisions/${body.id}`).expect(200)).body.state).toBe('closed');
  });

  it('stores proposed arrangements for a decision in the caller\'s transaction, and HR confirms them with edits', async () => {
    const { body } = await api.as(USERS.officer).post('/api/decisions', { ...DONCASTER, reference: 'PROP-1', consultees: [] }).expect(201);
    await api.as(USERS.officer).post(`/api/decisions/${body.id}/submit`).expect(200);
    await api.as(USERS.dm).post(`/api/decisions/${body.id}/approve`, { decidedAt: '2021-02-15' }).expect(200);
    await api.as(USERS.democratic).post(`/api/decisions/${body.id}/publish`, { publishedAt: '2021-02-15' }).expect(200);
    const facts = { ...DONCASTER_ARRANGEMENTS[0], fromGrade: null, toGrade: null, scalePoints: null, hoursFrom: null, hoursTo: null, end: null, duration: null, manager: { name: null, userId: null, email: null } };
    const [proposed] = await api.app.get(Engine).inTransaction((uow) => api.app.get(ArrangementService).propose(uow, body.id, [facts as never], { userId: 'import', name: 'Import' }));
    const shown = await api.as(HR).get(`/api/arrangements/${proposed.id}`).expect(200);
    expect(shown.body).toMatchObject({ state: 'proposed', resolvedStart: '2021-02-16', resolvedEnd: null, allowedActions: ['confirm'] });
    expect(await pendingTimers(proposed.id)).toEqual([]);
    // No end yet: confirming needs one, and the 400 names it.
    const noEnd = await api.as(HR).post(`/api/arrangements/${proposed.id}/confirm`, {}).expect(400);
    expect(noEnd.body.details).toEqual([expect.objectContaining({ field: 'end' })]);
    await api.as(HR).post(`/api/arrangements/${proposed.id}/confirm-ended`).expect(409);
    const confirmed = await api.as(HR).post(`/api/arrangements/${proposed.id}/confirm`, { duration: 'P12M' }).expect(200);
    expect(confirmed.body).toMatchObject({ state: 'overdue', resolvedStart: '2021-02-16', resolvedEnd: '2022-02-15', duration: 'P12M' });
    expect((await pendingTimers(proposed.id)).map((t) => t.kind)).toEqual(expect.arrayContaining(['REMINDER']));
  });

  it('cancels the arrangements of a withdrawn decision, and of a rejected one', async () => {
    const { body } = await api.as(USERS.officer).post('/api/decisions', { ...DONCASTER, reference: 'WD-1', staffingArrangements: DONCASTER_ARRANGEMENTS }).expect(201);
    const withdrawn = await api.as(USERS.officer).post(`/api/decisions/${body.id}/withdraw`, { reason: 'superseded' }).expect(200);
    expect(withdrawn.body.staffingArrangements.map((a: Arrangement) => a.state)).toEqual(['cancelled', 'cancelled']);
    expect(withdrawn.body.state).toBe('withdrawn');
    for (const a of withdrawn.body.staffingArrangements) expect(await pendingTimers(a.id)).toEqual([]);
    const history = await api.as(HR).get(`/api/arrangements/${withdrawn.body.staffingArrangements[0].id}`).expect(200);
    expect(history.body).toMatchObject({ cancelled: { reason: 'decision withdrawn: superseded' } });
    expect(history.body.history.map((h: { type: string }) => h.type)).toEqual(['create', 'decision-withdrawn']);

    const { body: other } = await api.as(USERS.officer).post('/api/decisions', { ...DONCASTER, reference: 'RJ-1', consultees: [], staffingArrangements: DONCASTER_ARRANGEMENTS }).expect(201);
    await api.as(USERS.officer).post(`/api/decisions/${other.id}/submit`).expect(200);
    const rejected = await api.as(USERS.dm).post(`/api/decisions/${other.id}/reject`, { reasons: 'no budget' }).expect(200);
    expect(rejected.body.staffingArrangements.map((a: Arrangement) => a.state)).toEqual(['cancelled', 'cancelled']);
  });

  it('closes the decision when its last arrangement ends: once by the email link, once through the API', async () => {
    const mail = catcher.messages.find((m) => m.subject.startsWith('Escalation: Early Help Pathway Lead'))!;
    const link = /It has ended: confirm it in one click:\s+http:\/\/localhost:3000(\S+)/.exec(mail.text)![1];
    const page = await api.anonymous().get(link).set('Accept', 'text/html').expect(200);
    expect(page.text).toContain('<form method="post"');
    const done = await api.anonymous().post(link).expect(200);
    expect(done.body).toMatchObject({ action: 'confirm-ended', arrangement: { id: ids.leads, state: 'ended', resolvedEnd: '2022-02-15' } });
    expect((await api.anonymous().post(link).expect(409)).body.message).toMatch(/already been used/);
    expect((await api.as(HR).get(`/api/decisions/${ids.doncaster}`).expect(200)).body.state).toBe('effective');

    const again = await api.as(HR).post(`/api/arrangements/${ids.leads}/confirm-ended`).expect(409);
    expect(again.body).toMatchObject({ state: 'ended', allowedActions: [] });
    const ended = await api.as(HR).post(`/api/arrangements/${ids.flps}/confirm-ended`, { endedOn: '2022-02-15' }).expect(200);
    expect(ended.body).toMatchObject({ state: 'ended', ended: { on: '2022-02-15', by: HR.sub } });
    expect(await pendingTimers(ids.flps)).toEqual([]);
    const decision = await api.as(HR).get(`/api/decisions/${ids.doncaster}`).expect(200);
    expect(decision.body.state).toBe('closed');
    const history = await api.as(USERS.officer).get(`/api/decisions/${ids.doncaster}/history`).expect(200);
    expect(history.body.at(-1)).toMatchObject({ type: 'close', fromState: 'effective', toState: 'closed' });
  });
});
