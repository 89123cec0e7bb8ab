import { describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import nodeIcal from 'node-ical';
import {
  CSV_COLUMNS,
  DEFAULT_ARRANGEMENT_REMINDER_POLICY as POLICY,
  applyArrangementEvent,
  calendarSignature,
  calendarUrl,
  estimateCost,
  parseArrangementList,
  renderArrangementsCalendar,
  renderArrangementsCsv,
  startArrangement,
  verifyCalendarSignature,
  type ArrangementRecord,
  type PersistedArrangement,
} from './index.js';
import { DONCASTER_ARRANGEMENTS, OLDHAM_ARRANGEMENTS } from './testing/seed-arrangements.js';

const DONCASTER = { reference: 'LOP&S - 2021035', title: 'Temporary additional staffing', decidedAt: '2021-02-15' };
const OLDHAM = { reference: 'OLDHAM-MASH-2020', title: 'Additional staffing to support Multi-Agency Safeguarding Hub Development', decidedAt: '2020-11-18' };

function records(body: unknown[], decision: typeof DONCASTER, effectiveAt: string, at: string, prefix: string): ArrangementRecord[] {
  const parsed = parseArrangementList(body);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.value.map(({ facts }, i) => {
    const r = applyArrangementEvent(startArrangement({ facts }), { type: 'EFFECTIVE', at, decision: { effectiveAt, decidedAt: decision.decidedAt } }, POLICY);
    if (!r.accepted) throw new Error(r.reason);
    return { id: `${prefix}${i + 1}`, arrangement: r.next, decision };
  });
}

const NOW = '2021-02-15T14:00:00.000Z';
const doncaster = () => records(DONCASTER_ARRANGEMENTS, DONCASTER, '2021-02-15', NOW, 'don-');
/** The calendar date of an all-day event as node-ical gives it (a local midnight). */
const dayOf = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

function parseIcs(text: string) {
  return Object.values(nodeIcal.sync.parseICS(text)).filter((c): c is nodeIcal.VEvent => c?.type === 'VEVENT');
}

describe('renderArrangementsCalendar', () => {
  const options = { name: 'Staffing arrangements — Alison Tomes', policy: POLICY, now: NOW, link: (id: string) => `https://ratify.example/arrangements/${id}` };

  it('holds the end date and every reminder date of each arrangement, read back with node-ical', () => {
    const text = renderArrangementsCalendar(doncaster().slice(0, 1), options);
    const events = parseIcs(text);
    expect(events.map((e) => [dayOf(e.start), e.summary, e.datetype])).toEqual([
      ['2022-02-15', 'Ends: Early Help Pathway Lead (2 FTE, Grade 9)', 'date'],
      ['2021-12-21', 'Reminder: Early Help Pathway Lead (2 FTE, Grade 9) ends on 15/02/2022', 'date'],
      ['2022-01-18', 'Reminder: Early Help Pathway Lead (2 FTE, Grade 9) ends on 15/02/2022', 'date'],
      ['2022-02-08', 'Reminder: Early Help Pathway Lead (2 FTE, Grade 9) ends on 15/02/2022', 'date'],
      ['2022-02-15', 'Last day: Early Help Pathway Lead (2 FTE, Grade 9) ends on 15/02/2022', 'date'],
    ]);
    expect(events[0].uid).toBe('don-1-end-20220215@ratify');
    expect(events[0].description).toContain('Approved by LOP&S - 2021035');
    expect((events[0].url as unknown as { val: string }).val).toBe('https://ratify.example/arrangements/don-1'); // URL;VALUE=URI
    expect(text).toContain('X-WR-CALNAME:Staffing arrangements — Alison Tomes');
    expect(renderArrangementsCalendar(doncaster().slice(0, 1), options)).toBe(text); // the same inputs, the same text
  });

  it('moves the events of an extended arrangement to its new end, under new UIDs', () => {
    const [leads] = doncaster();
    const r = applyArrangementEvent(leads.arrangement, { type: 'EXTEND', at: '2021-03-01T10:00:00.000Z', by: 'u-hr', end: '2022-08-31', decisionReference: 'LOP&S - 2021100' }, POLICY);
    if (!r.accepted) throw new Error(r.reason);
    const events = parseIcs(renderArrangementsCalendar([{ ...leads, arrangement: r.next }], { ...options, now: '2021-03-01T10:00:00.000Z' }));
    expect(events.map((e) => dayOf(e.start))).toEqual(['2022-08-31', '2022-07-06', '2022-08-03', '2022-08-24', '2022-08-31']);
    expect(events.some((e) => e.uid.includes('20220215'))).toBe(false);
  });

  it('shows an overdue arrangement on its end date and its next reminder, and leaves out settled or unapproved ones', () => {
    const overdue = records(DONCASTER_ARRANGEMENTS, DONCASTER, '2021-02-15', '2026-01-05T12:00:00.000Z', 'late-');
    const events = parseIcs(renderArrangementsCalendar(overdue.slice(0, 1), { ...options, now: '2026-01-05T12:00:01.000Z' }));
    expect(events.map((e) => [dayOf(e.start), e.summary])).toEqual([
      ['2022-02-15', 'Ends: Early Help Pathway Lead (2 FTE, Grade 9)'],
      ['2026-01-12', 'Overdue reminder: Early Help Pathway Lead (2 FTE, Grade 9) ended on 15/02/2022'],
    ]);
    const planned: ArrangementRecord = { ...overdue[0], arrangement: startArrangement({ facts: overdue[0].arrangement.context.facts }) };
    const ended = applyArrangementEvent(overdue[0].arrangement, { type: 'CONFIRM_ENDED', at: '2026-01-06T10:00:00.000Z', by: 'u-hr', endedOn: '2022-02-15' }, POLICY);
    const settled: ArrangementRecord = { ...overdue[0], arrangement: (ended as { next: PersistedArrangement }).next };
    expect(parseIcs(renderArrangementsCalendar([planned, settled], options))).toEqual([]);
  });
});

describe('renderArrangementsCsv', () => {
  it('parses back (csv-parse) with every arrangement of both seeds, its dates and costs', () => {
    const scales = { currency: 'GBP', onCostPercent: 25, fullTimeHours: 37, grades: { 'Grade 2': 18_500, 'Grade 7': 29_200, 'Grade 9': 36_500 } };
    const all = [...records(OLDHAM_ARRANGEMENTS, OLDHAM, '2020-11-18', '2020-11-18T15:00:00.000Z', 'old-'), ...doncaster()];
    const csv = renderArrangementsCsv(all.map((record) => ({ record, cost: estimateCost(record.arrangement, scales, '2021-02-15') })));
    const rows: Record<string, string>[] = parse(csv, { columns: true, bom: true });
    expect(Object.keys(rows[0])).toEqual([...CSV_COLUMNS]);
    expect(rows.map((r) => [r.id, r['resolved start'], r['resolved end'], r.retrospective, r.state])).toEqual([
      ['old-1', '2020-10-01', '2021-03-31', 'yes', 'active'],
      ['old-2', '2020-12-01', '2021-05-31', 'no', 'scheduled'],
      ['old-3', '2020-09-27', '2021-03-31', 'yes', 'active'],
      ['old-4', '2020-09-01', '2021-03-31', 'yes', 'active'],
      ['old-5', '2020-11-19', '2020-12-30', 'no', 'scheduled'],
      ['don-1', '2021-02-16', '2022-02-15', 'no', 'scheduled'],
      ['don-2', '2021-02-16', '2022-02-15', 'no', 'scheduled'],
    ]);
    expect(rows[3]).toMatchObject({ end: '2021-03', 'from grade': 'Grade 4', 'to grade': 'Grade 5', 'scale points': '2', 'cost basis': 'no estimate: Grade 4 is not in the pay scales' });
    expect(rows[0]).toMatchObject({ 'funding share': '50%', fte: '0.5', 'funding source': 'DfE social care transformation funding for Team Around the School' });
    expect(rows[5]).toMatchObject({ 'decision reference': 'LOP&S - 2021035', manager: 'Alison Tomes', duration: 'P12M', 'monthly cost': '7604.17', 'remaining cost': '91250' });
    expect(csv.split('\r\n')[0].startsWith('id,decision reference,')).toBe(true);
  });

  it('never lets a cell become a spreadsheet formula, and round-trips any title', () => {
    const [leads] = doncaster();
    fc.assert(
      fc.property(fc.string(), (title) => {
        const record = { ...leads, arrangement: { ...leads.arrangement, context: { ...leads.arrangement.context, facts: { ...leads.arrangement.context.facts, title } } } };
        const [row]: Record<string, string>[] = parse(renderArrangementsCsv([{ record }]), { columns: true, relax_column_count: false });
        expect(row.title).toBe(/^[=+\-@\t\r]/.test(title) ? `'${title}` : title);
      }),
    );
  });
});

describe('calendar URL signature', () => {
  const SECRET = 'calendar-secret';

  it('verifies its own signature, for that manager only, with the current or a retiring secret', () => {
    const sig = calendarSignature('u-alison', SECRET);
    expect(sig).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(verifyCalendarSignature('u-alison', sig, SECRET)).toBe(true);
    expect(verifyCalendarSignature('u-alison', sig, ['new-secret', SECRET])).toBe(true);
    expect(verifyCalendarSignature('u-bob', sig, SECRET)).toBe(false);
    expect(verifyCalendarSignature('u-alison', sig, 'other')).toBe(false);
    expect(verifyCalendarSignature('u-alison', undefined, SECRET)).toBe(false);
    expect(verifyCalendarSignature(['u-alison'], sig, SECRET)).toBe(false);
    const url = new URL(calendarUrl('https://ratify.example/', 'Alison Tomes & co', SECRET));
    expect(url.pathname).toBe('/api/arrangements/calendar.ics');
    expect(verifyCalendarSignature(url.searchParams.get('manager'), url.searchParams.get('sig'), SECRET)).toBe(true);
  });

  it('refuses every tampered signature', () => {
    const sig = calendarSignature('u-alison', SECRET);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: sig.length - 1 }), fc.constantFrom(...'ABCxyz019-_'), (i, c) => {
        fc.pre(sig[i] !== c);
        const tampered = sig.slice(0, i) + c + sig.slice(i + 1);
        // the last character carries 2 padding bits: a change there may decode to the same bytes
        fc.pre(!Buffer.from(tampered, 'base64url').equals(Buffer.from(sig, 'base64url')));
        expect(verifyCalendarSignature('u-alison', tampered, SECRET)).toBe(false);
      }),
    );
    expect(verifyCalendarSignature('u-alison', `${sig}A`, SECRET)).toBe(false);
    expect(verifyCalendarSignature('u-alison', sig.slice(1), SECRET)).toBe(false);
  });
});
