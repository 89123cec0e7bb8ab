import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { parseDecisionRecord } from '../parse.js';
import { emptyRecord, type DecisionRecord } from '../record.js';
import { seedText } from '../testing/seeds.js';
import { extractArrangements } from './extract.js';
import { endOfDuration, findDateRange, findDuration, findFunding, parseAmount } from './phrases.js';

const seed = (name: 'oldham' | 'doncaster'): DecisionRecord => {
  const r = parseDecisionRecord(seedText(name));
  if (!r.ok) throw new Error('seed refused');
  return r.record;
};

const none = { count: null, fte: null, grade: null, fromGrade: null, toGrade: null, scalePoints: null, hoursFrom: null, hoursTo: null, funding: null, manager: null };

describe('the phrases of the issue', () => {
  it.each([
    ['From 1 October 2020 - 31 March 2021', '2020-10-01', '2021-03-31'],
    ['1 December 2020 – 31 May 2021', '2020-12-01', '2021-05-31'],
    ['from 27 September 2020 – 31 March 2021', '2020-09-27', '2021-03-31'],
    ['from 1 September 2020 – March 2021', '2020-09-01', '2021-03-31'],
    ['from 1 February 2024 to February 2024', '2024-02-01', '2024-02-29'],
    ['01/10/2020 to 31/03/2021', '2020-10-01', '2021-03-31'],
  ])('%s → %s … %s', (text, start, end) => {
    expect(findDateRange(text)).toEqual({ start, end });
  });

  it.each([
    ['for six weeks', 'P6W'],
    ['temporary for 12 months', 'P12M'],
    ['for a 6 month period', 'P6M'],
    ['fixed term for one year', 'P1Y'],
    ['a 12-month fixed term contract', 'P12M'],
    ['for a period of 18 months', 'P18M'],
  ])('%s → %s', (text, duration) => {
    expect(findDuration(text)).toBe(duration);
  });

  it('resolves a duration from its first day, inclusive', () => {
    expect(endOfDuration('2021-02-16', 'P12M')).toBe('2022-02-15');
    expect(endOfDuration('2020-11-18', 'P6W')).toBe('2020-12-29');
  });

  it('reads money and where it comes from', () => {
    expect(parseAmount('£226k')).toBe(226000);
    expect(parseAmount('£1.2m')).toBe(1200000);
    expect(parseAmount('£226,000')).toBe(226000);
    expect(findFunding('Allocate funding of £226k from the Council’s COVID-19 pressures fund.')).toEqual({ source: 'COVID-19 pressures fund', amount: 226000 });
    expect(findFunding('will be funded from DfE social care transformation funding for Team Around the School')).toEqual({
      source: 'DfE social care transformation funding',
      amount: null,
    });
  });
});

describe("the seeds' arrangements", () => {
  it("proposes Oldham's five, three of them retrospective", () => {
    const { arrangements, funding } = extractArrangements(seed('oldham'));
    expect(arrangements).toEqual([
      expect.objectContaining({
        ...none, kind: 'time-allocation', title: 'Early Help Development Team supervisor', count: 1, fte: 0.5,
        start: '2020-10-01', end: '2021-03-31', duration: null, retrospective: true,
        funding: { source: 'DfE social care transformation funding', amount: null, share: 0.5 },
      }),
      expect.objectContaining({
        ...none, kind: 'agency', title: 'Senior Practitioner', count: 1, start: '2020-12-01', end: '2021-05-31', duration: 'P6M', retrospective: false,
      }),
      expect.objectContaining({
        ...none, kind: 'maternity-cover', title: 'Customer Service Officer acting as Early Help Process officer', count: 1,
        start: '2020-09-27', end: '2021-03-31', retrospective: true,
      }),
      expect.objectContaining({
        ...none, kind: 'honorarium', title: 'Children’s Social Care MASH Customer Service Officer acting as Early Help Process officer', count: 1,
        fromGrade: 'Grade 4', toGrade: 'Grade 5', scalePoints: 2, start: '2020-09-01', end: '2021-03-31', retrospective: true,
      }),
      expect.objectContaining({
        ...none, kind: 'hours-change', title: 'Business Support officer', count: 1, grade: 'Grade 2', hoursFrom: 'half-time', hoursTo: 'full-time',
        start: null, end: null, duration: 'P6W', retrospective: false, resolvedStart: null, resolvedEnd: null,
      }),
    ]);
    for (const a of arrangements) {
      expect(a).toMatchObject({ id: null, state: 'proposed', section: 'decision' });
      expect(seed('oldham').decision.recommendations.map((r) => r.text)).toContain(a.sourceText);
      expect(a.confidence).toBeGreaterThan(0.5);
      expect(a.confidence).toBeLessThanOrEqual(1);
    }
    expect(funding).toEqual([{ amount: null, currency: 'GBP', source: 'DfE social care transformation funding' }]);
  });

  it("proposes Doncaster's posts for 12 months, funded from the COVID-19 pressures fund, with Alison Tomes managing the leads", () => {
    const { arrangements, funding } = extractArrangements(seed('doncaster'), { takesEffect: '2021-02-16' });
    const fund = { source: 'COVID-19 pressures fund', amount: null, share: null };
    expect(arrangements).toEqual([
      expect.objectContaining({
        ...none, kind: 'temporary-post', title: 'Early Help Pathway Lead', count: 2, fte: 2, grade: 'Grade 9', start: null, end: null, duration: 'P12M',
        funding: fund, manager: { name: 'Alison Tomes', userId: null, email: null },
        retrospective: false, resolvedStart: '2021-02-16', resolvedEnd: '2022-02-15',
        sourceText: '2 FTE Early Help Pathway Leads (Grade 9) temporary for 12 months.', section: 'purpose',
      }),
      expect.objectContaining({
        ...none, kind: 'temporary-post', title: 'Family Lead Practitioner', count: 4, fte: 4, grade: 'Grade 7', start: null, end: null, duration: 'P12M',
        funding: fund, manager: null, resolvedStart: '2021-02-16', resolvedEnd: '2022-02-15',
        sourceText: '4 FTE Family Lead Practitioners (Grade 7) temporary for 12 months',
      }),
    ]);
    expect(funding).toEqual([{ amount: 226000, currency: 'GBP', source: 'COVID-19 pressures fund' }]);
  });

  it('leaves the start unresolved while the date it takes effect is unknown', () => {
    const { arrangements } = extractArrangements(seed('doncaster'));
    expect(arrangements.map((a) => [a.resolvedStart, a.resolvedEnd])).toEqual([[null, null], [null, null]]);
  });

  it('reads a secondment, acting up and a lone "for a 6 month period"', () => {
    const record: DecisionRecord = {
      ...emptyRecord(),
      dateOfDecision: '2022-05-01',
      decision: {
        preamble: null,
        recommendations: [
          { marker: '1.', text: 'Approve the secondment of a Planning Officer for a 6 month period.' },
          { marker: '2.', text: 'A Team Leader to act up as Service Manager from Grade 8 to Grade 10 from 1 April 2022 to 30 September 2022.' },
        ],
      },
    };
    const { arrangements } = extractArrangements(record, { takesEffect: '2022-05-02' });
    expect(arrangements).toEqual([
      expect.objectContaining({ kind: 'secondment', title: 'Planning Officer', duration: 'P6M', start: null, resolvedStart: '2022-05-02', resolvedEnd: '2022-11-01' }),
      expect.objectContaining({ kind: 'acting-up', title: 'Team Leader acting as Service Manager', fromGrade: 'Grade 8', toGrade: 'Grade 10', start: '2022-04-01', end: '2022-09-30', retrospective: true }),
    ]);
  });

  it('never throws and proposes only well-formed arrangements, whatever the text', () => {
    const words = fc.constantFrom('agency', 'honorarium', 'FTE', '2', 'Grade 5', 'from', '1 May 2021', '–', 'March 2022', 'for', 'six', 'weeks', 'posts', 'the', 'hours', 'of', 'maternity cover', '£10k', 'funded from', 'fund', 'will manage', 'Ann Lee', '%', 'time');
    fc.assert(
      fc.property(fc.array(fc.array(fc.oneof(words, fc.string({ maxLength: 12 })), { maxLength: 25 }).map((w) => w.join(' ')), { maxLength: 6 }), (lines) => {
        const record = { ...emptyRecord(), purpose: lines.join('\n'), dateOfDecision: '2021-06-01' };
        const { arrangements } = extractArrangements(record, { takesEffect: '2021-06-02' });
        for (const a of arrangements) {
          expect(a.state).toBe('proposed');
          expect(lines.some((l) => l.includes(a.sourceText))).toBe(true);
          for (const d of [a.start, a.end, a.resolvedStart, a.resolvedEnd]) if (d !== null) expect(d).toMatch(/^\d{4}-\d{2}-\d{2}$/);
          if (a.duration !== null) expect(a.duration).toMatch(/^P\d+[DWMY]$/);
          expect(a.confidence).toBeGreaterThan(0);
          expect(a.confidence).toBeLessThanOrEqual(0.95);
        }
      }),
      { numRuns: 300 },
    );
  });
});
