import { describe, expect, it } from '@jest/globals';
import { parseArrangementList } from '#libs/arrangements';
import { arrangementDateFields, arrangementRowFromJson, arrangementRowsFromBody, arrangementsBody, blankArrangement, durationFromText, durationText } from './arrangement-rows.js';
import { formErrors } from './errors.js';

describe('staffing arrangement rows of the drafting form', () => {
  it('turns a posted row into the API body, which the arrangements validation accepts', () => {
    const posted = {
      0: {
        kind: 'temporary-post', title: 'Early Help Pathway Lead', count: '2', fte: '2', grade: 'Grade 9', start: { day: '', month: '', year: '' },
        end: { day: '', month: '', year: '' }, duration: '12 months', funding: { source: 'COVID-19 pressures fund', amount: '£226,000', share: '50' },
        manager: { name: 'Alison Tomes', userId: '', email: '' },
      },
      1: { kind: '', title: '', start: { day: '', month: '', year: '' }, end: { day: '', month: '', year: '' }, funding: {}, manager: {} },
      2: { kind: 'agency', title: 'Agency Senior Practitioner', start: { day: '1', month: '12', year: '2020' }, end: { day: '', month: '5', year: '2021' } },
    };
    const body = arrangementsBody(arrangementRowsFromBody(posted));
    expect(body).toHaveLength(2);
    expect(body[0]).toMatchObject({ count: 2, fte: 2, start: null, end: null, duration: 'P12M', funding: { amount: 226000, share: '50%' }, manager: { name: 'Alison Tomes', userId: null } });
    expect(body[1]).toMatchObject({ start: '2020-12-01', end: '2021-05', count: 1, funding: null, manager: null });
    const parsed = parseArrangementList(body);
    expect(parsed.ok).toBe(true);
  });

  it('shows the validation’s problems in the page’s words, dates linked to their day box', () => {
    const rows = [{ ...blankArrangement(), title: 'Lead', end: { day: '31', month: '2', year: '2021' } }, { ...blankArrangement(), kind: 'agency', title: 'x', count: 'two' }];
    const parsed = parseArrangementList(arrangementsBody(rows));
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    const errors = formErrors(parsed.problems, { dateFields: arrangementDateFields(rows.length) });
    expect(errors.byField['staffingArrangements.0.kind']).toBe('Select the kind of arrangement 1');
    expect(errors.byField['staffingArrangements.0.end']).toBe('Arrangement 1 end date must be a real date, like 18 11 2020');
    expect(errors.summary.find((s) => s.href === '#staffingArrangements-0-end-day')).toBeDefined();
    expect(errors.byField['staffingArrangements.1.count']).toMatch(/^Arrangement 2 number of people or posts must be a whole number/);
  });

  it('reads durations in words and shows stored ones back the same way', () => {
    expect(durationFromText('6 weeks')).toBe('P6W');
    expect(durationFromText('1 year')).toBe('P1Y');
    expect(durationFromText('p1y6m')).toBe('P1Y6M');
    expect(durationFromText('a while')).toBe('a while');
    expect(durationText('P12M')).toBe('12 months');
    expect(durationText('P1Y6M')).toBe('P1Y6M');
    const row = arrangementRowFromJson({ id: 'a1', kind: 'honorarium', title: 'H', count: 1, end: '2021-03', duration: null, funding: null, manager: null });
    expect(row).toMatchObject({ id: 'a1', count: '', end: { day: '', month: '3', year: '2021' } });
    expect(arrangementsBody([row])[0]).toMatchObject({ id: 'a1', end: '2021-03', count: 1 });
  });
});
