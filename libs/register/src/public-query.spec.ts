import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { parseDateRange, parsePublicQuery } from './public-query.js';

describe('public list query', () => {
  it('reads every filter', () => {
    expect(parsePublicQuery({ q: ' staffing ', decisionMaker: 'Director', status: 'recommendations approved', isKeyDecision: 'yes', ward: 'Hyde Park', from: '2020-01-01', to: '2020-12-31', page: '2', pageSize: '10' }, 100)).toEqual({
      ok: true,
      query: { q: 'staffing', decisionMaker: 'Director', states: ['approved', 'effective'], isKeyDecision: true, ward: 'Hyde Park', from: '2020-01-01', to: '2020-12-31', page: 2, pageSize: 10 },
    });
  });

  it('caps the page size and defaults the page', () => {
    expect(parsePublicQuery({ pageSize: '5000' }, 100)).toMatchObject({ ok: true, query: { page: 1, pageSize: 100 } });
    expect(parsePublicQuery({}, 10)).toMatchObject({ ok: true, query: { pageSize: 10 } });
  });

  it('names each bad parameter', () => {
    const result = parsePublicQuery({ status: 'Draftish', isKeyDecision: '2', from: '2021-02-30', to: 'x', page: '-1', pageSize: '0' }, 100);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.map((p) => p.field).sort()).toEqual(['from', 'isKeyDecision', 'page', 'pageSize', 'status', 'to']);
  });

  it('never throws, whatever the query string holds', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom('q', 'status', 'isKeyDecision', 'from', 'to', 'page', 'pageSize', 'ward', 'x'), fc.oneof(fc.string(), fc.array(fc.string()))), (raw) => {
        const result = parsePublicQuery(raw, 100);
        if (result.ok) expect(result.query.pageSize).toBeLessThanOrEqual(100);
        else expect(result.problems.length).toBeGreaterThan(0);
      }),
    );
  });

  it("reads ModernGov's DR range", () => {
    expect(parseDateRange('01/11/2020-31/03/2021')).toEqual({ ok: true, from: '2020-11-01', to: '2021-03-31' });
    expect(parseDateRange('01/11/2020-')).toEqual({ ok: true, from: '2020-11-01', to: null });
    expect(parseDateRange(null)).toEqual({ ok: true, from: null, to: null });
    expect(parseDateRange('31/13/2020-01/01/2021').ok).toBe(false);
    expect(parseDateRange('01/02/2021-01/01/2021').ok).toBe(false);
  });
});
