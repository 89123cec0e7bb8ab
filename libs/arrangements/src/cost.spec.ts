import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import {
  DEFAULT_ARRANGEMENT_REMINDER_POLICY as POLICY,
  PayScalesError,
  applyArrangementEvent,
  estimateCost,
  fundingWarnings,
  parseArrangementList,
  parsePayScales,
  parsePayScalesJson,
  startArrangement,
  totalCost,
  type PayScales,
  type PersistedArrangement,
} from './index.js';
import { DONCASTER_ARRANGEMENTS, OLDHAM_ARRANGEMENTS } from './testing/seed-arrangements.js';

const SCALES: PayScales = { currency: 'GBP', onCostPercent: 25, fullTimeHours: 37, grades: { 'Grade 2': 18_500, 'Grade 4': 20_000, 'Grade 5': 22_000, 'Grade 7': 29_200, 'Grade 9': 36_500 } };

function effective(body: unknown[], decision: { effectiveAt: string; decidedAt: string }, at: string): PersistedArrangement[] {
  const parsed = parseArrangementList(body);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.value.map(({ facts }) => {
    const r = applyArrangementEvent(startArrangement({ facts }), { type: 'EFFECTIVE', at, decision }, POLICY);
    if (!r.accepted) throw new Error(r.reason);
    return r.next;
  });
}

const doncaster = () => effective(DONCASTER_ARRANGEMENTS, { effectiveAt: '2021-02-15', decidedAt: '2021-02-15' }, '2021-02-15T12:00:00.000Z');

describe('parsePayScales', () => {
  it('reads the example shipped in docs/', () => {
    const scales = parsePayScalesJson(readFileSync(new URL('../../../docs/pay-scales.example.json', import.meta.url), 'utf8'));
    expect(scales).toMatchObject({ currency: 'GBP', onCostPercent: 28, fullTimeHours: 37 });
    expect(scales.grades['Grade 9']).toBeGreaterThan(scales.grades['Grade 7']);
  });

  it('names every bad entry', () => {
    const error = (json: unknown) => {
      try {
        parsePayScales(json);
      } catch (e) {
        return (e as PayScalesError).problems;
      }
      return [];
    };
    expect(error({ onCostPercent: 130, grades: { 'Grade 9': -1, 'grade  9': 5, 'Grade 7': '29k' }, salaries: {} })).toEqual([
      'salaries is not a pay-scale setting (currency, onCostPercent, fullTimeHours, grades, description)',
      'onCostPercent must be a number from 0 to 100, got 130',
      'grades."Grade 9" must be an annual cost in pounds above 0, got -1',
      'grades."Grade 7" must be an annual cost in pounds above 0, got "29k"',
    ]);
    expect(error({ grades: { 'Grade 9': 1, 'grade  9': 2 } })).toEqual(['grades."grade  9" is the same grade as grades."Grade 9"']);
    expect(error({ grades: {} })).toEqual([expect.stringMatching(/^grades must be an object/)]);
    expect(() => parsePayScalesJson('{ "grades": ')).toThrow(/pay scales: not JSON/);
  });

  it('only ever throws a PayScalesError', () => {
    fc.assert(
      fc.property(fc.anything(), (json) => {
        try {
          parsePayScales(json);
        } catch (e) {
          expect(e).toBeInstanceOf(PayScalesError);
        }
      }),
    );
  });
});

describe('estimateCost', () => {
  it("costs Doncaster's posts by grade and FTE with on-costs, over their 365 days", () => {
    const [leads, practitioners] = doncaster();
    expect(estimateCost(leads, SCALES, '2021-02-15')).toEqual({
      known: true,
      estimate: { basis: '2 FTE × Grade 9 (£36,500) + 25% on-costs', annual: 91_250, monthly: 7604.17, total: 91_250, remaining: 91_250 },
    });
    expect(estimateCost(practitioners, SCALES, '2021-08-16')).toMatchObject({ known: true, estimate: { annual: 146_000, monthly: 12_166.67, total: 146_000, remaining: 73_600 } });
  });

  it('costs an uplift as the difference of grades, an hours change as a share of full time, and says why when it cannot', () => {
    const oldham = effective(OLDHAM_ARRANGEMENTS, { effectiveAt: '2020-11-18', decidedAt: '2020-11-18' }, '2020-11-18T15:00:00.000Z');
    const results = oldham.map((p) => estimateCost(p, SCALES, '2020-11-18'));
    expect(results.map((r) => (r.known ? r.estimate.basis : r.reason))).toEqual([
      'no grade is stated',
      'no grade is stated',
      'no grade is stated',
      'the FTE of the uplift is not stated',
      '1 × 18.5 of 37 weekly hours × Grade 2 (£18,500) + 25% on-costs',
    ]);
    // six weeks (42 days) of an extra half-time Grade 2
    expect(results[4]).toMatchObject({ known: true, estimate: { annual: 11_562.5, total: 1330.48 } });
    const withFte = { ...oldham[3], context: { ...oldham[3].context, facts: { ...oldham[3].context.facts, fte: 1 } } };
    expect(estimateCost(withFte, SCALES, '2020-11-18')).toMatchObject({ known: true, estimate: { basis: '1 FTE × uplift Grade 4 (£20,000) → Grade 5 (£22,000) + 25% on-costs', annual: 2500 } });
    const unknownGrade = { ...oldham[4], context: { ...oldham[4].context, facts: { ...oldham[4].context.facts, grade: 'SO2' } } };
    expect(estimateCost(unknownGrade, SCALES, '2020-11-18')).toEqual({ known: false, reason: 'SO2 is not in the pay scales' });
  });

  it('has nothing remaining once past its end or settled, and no total while its dates are unknown', () => {
    const [leads] = doncaster();
    expect(estimateCost(leads, SCALES, '2023-01-01')).toMatchObject({ estimate: { remaining: 0 } });
    const planned = startArrangement({ facts: leads.context.facts });
    expect(estimateCost(planned, SCALES, '2021-01-01')).toMatchObject({ known: true, estimate: { total: null, remaining: null, monthly: 7604.17 } });
  });

  it('totals what can be estimated and counts what cannot', () => {
    const [leads, practitioners] = doncaster();
    const results = [estimateCost(leads, SCALES, '2021-02-15'), estimateCost(practitioners, SCALES, '2021-02-15'), { known: false as const, reason: 'no grade is stated' }];
    expect(totalCost(results)).toEqual({ monthly: 19_770.84, total: 237_250, remaining: 237_250, estimated: 2, unestimated: 1 });
  });
});

describe('fundingWarnings', () => {
  const decisionFunding = [{ amount: 226_000, currency: 'GBP', source: 'COVID-19 pressures fund' }];

  it("warns that Doncaster's posts are estimated above the £226k allocated, and never when they fit", () => {
    const ps = doncaster();
    const arrangements = ps.map((p) => ({ facts: p.context.facts, cost: estimateCost(p, SCALES, '2021-02-15') }));
    expect(fundingWarnings(decisionFunding, arrangements)).toEqual([
      { field: 'funding', message: "arrangements funded from 'COVID-19 pressures fund' are estimated at £237,250, more than the £226,000 the decision allocates" },
    ]);
    const cheaper = { ...SCALES, onCostPercent: 15 };
    expect(fundingWarnings(decisionFunding, ps.map((p) => ({ facts: p.context.facts, cost: estimateCost(p, cheaper, '2021-02-15') })))).toEqual([]);
    // without estimates nothing can be said
    expect(fundingWarnings(decisionFunding, ps.map((p) => ({ facts: p.context.facts })))).toEqual([]);
  });

  it('warns of a source the decision does not name, of stated amounts above the allocation, and of funding the decision does not record', () => {
    const [leads] = doncaster();
    const other = { ...leads.context.facts, funding: { source: 'Public health grant', amount: null, share: null } };
    expect(fundingWarnings(decisionFunding, [{ facts: other }])).toEqual([
      { field: 'staffingArrangements.0.funding.source', message: "'Public health grant' is not among the decision's funding sources (COVID-19 pressures fund)" },
    ]);
    const claims = { ...leads.context.facts, funding: { source: 'covid-19 Pressures Fund', amount: 130_000, share: null } };
    expect(fundingWarnings(decisionFunding, [{ facts: claims }, { facts: claims }])).toEqual([
      { field: 'funding', message: "arrangements funded from 'COVID-19 pressures fund' state £260,000, more than the £226,000 the decision allocates" },
    ]);
    expect(fundingWarnings([], [{ facts: leads.context.facts }])).toEqual([{ field: 'funding', message: 'the arrangements cite funding (COVID-19 pressures fund) that the decision does not record' }]);
  });

  it("takes Oldham's 50% share as a share, and the longer name of its DfE source as the same source", () => {
    const oldham = effective(OLDHAM_ARRANGEMENTS, { effectiveAt: '2020-11-18', decidedAt: '2020-11-18' }, '2020-11-18T15:00:00.000Z');
    const supervisor = { ...oldham[0].context.facts, grade: 'Grade 9' };
    const p = { ...oldham[0], context: { ...oldham[0].context, facts: supervisor } };
    const cost = estimateCost(p, SCALES, '2020-11-18'); // 0.5 FTE × £36,500 × 1.25 for 182 days ≈ £11,374
    const funding = (amount: number) => [{ amount, currency: 'GBP', source: 'DfE social care transformation funding' }];
    expect(fundingWarnings(funding(6000), [{ facts: supervisor, cost }])).toEqual([]); // half of it is about £5,687
    expect(fundingWarnings(funding(5000), [{ facts: supervisor, cost }])).toHaveLength(1);
  });
});
