import { describe, expect, it } from '@jest/globals';
import { parsePublicQuery } from '#libs/register';
import { pageNumbers, publicStatuses, registerErrors, registerListPage, registerQuery, registerSearch } from './register-list.js';

describe('the public register page', () => {
  it('reads dates the registers’ way and leaves one it cannot read for the query to refuse', () => {
    const search = registerSearch({ q: ' hub ', from: '1/11/2020', to: '30 November 2020', page: '2', ignored: 'x' });
    expect(registerQuery(search)).toEqual({ q: 'hub', from: '2020-11-01', to: '2020-11-30', page: '2' });
    const refused = parsePublicQuery(registerQuery(registerSearch({ from: '31/02/2020' })), 100);
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(registerErrors(refused.problems)).toEqual({
      summary: [{ text: 'Decided from must be a real date, like 18/11/2020', href: '#from' }],
      byField: { from: 'Decided from must be a real date, like 18/11/2020' },
    });
  });

  it('offers only statuses the public can see', () => {
    expect(publicStatuses()).toContain('Recommendations Approved (subject to call-in)');
    expect(publicStatuses()).not.toContain('Draft');
    expect(publicStatuses()).not.toContain('Consultation');
  });

  it('keeps the filters in every page link, and shows gaps as ellipses', () => {
    expect(pageNumbers(1, 1)).toEqual([1]);
    expect(pageNumbers(5, 10)).toEqual([1, null, 4, 5, 6, null, 10]);
    expect(pageNumbers(2, 3)).toEqual([1, 2, 3]);
    const item = { id: 'a', reference: 'R', title: 'T', status: 'Called In', isKeyDecision: true, decisionMaker: { title: 'D' }, dates: { decidedAt: null, publishedAt: null } };
    const view = registerListPage(registerSearch({ q: 'hub', status: 'Called In', page: '2' }), { items: [item], total: 45, page: 2, pageSize: 20 });
    expect(view.from).toBe(21);
    expect(view.to).toBe(21);
    expect(view.items[0].tag.classes).toBe('govuk-tag--orange');
    expect(view.pagination?.next?.href).toBe('/register?q=hub&status=Called+In&page=3');
    expect(view.pagination?.items.map((i) => ('number' in i ? i.number : '…'))).toEqual([1, 2, 3]);
    expect(view.statusOptions.find((o) => o.selected)?.value).toBe('Called In');
  });
});
