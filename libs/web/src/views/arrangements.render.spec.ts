import { describe, expect, it } from '@jest/globals';
import { load } from 'cheerio';
import { DEFAULT_REMINDER_POLICY } from '#libs/reminders';
import { createViewEnvironment } from '#libs/views';
import { actionBodyFromForm } from '../forms/action-forms.js';
import { arrangementActionForm, arrangementAnswers } from '../forms/arrangement-actions.js';
import { arrangementFilters, arrangementQuery, arrangementsRegisterPage, type RegisterArrangement } from './arrangements-register.js';
import { addWebFilters } from './format.js';
import { myWork } from './my-work.js';

const env = addWebFilters(createViewEnvironment({ councilName: 'Test Council' }));
const chrome = { errors: { summary: [], byField: {} } };

function arrangement(over: Partial<RegisterArrangement> = {}): RegisterArrangement {
  return {
    id: 'a1', kind: 'agency', title: 'Agency Senior Practitioner', count: 1, fte: 1, grade: 'Grade 9', start: '2020-12-01', end: '2021-05-31', duration: null,
    funding: { source: 'Early Help budget', amount: null, share: null }, manager: { name: 'Alison Tomes', userId: 'u-alison', email: null },
    state: 'overdue', retrospective: false, resolvedStart: '2020-12-01', resolvedEnd: '2021-05-31',
    decision: { id: 'd1', reference: 'OLDHAM-MASH-2020', title: 'Additional staffing', state: 'effective' },
    allowedActions: ['confirm-ended', 'extend', 'make-permanent'],
    cost: { estimated: true, basis: '1 FTE × Grade 9', monthly: 3900, total: 23400, remaining: 0, reason: null },
    ...over,
  };
}

describe('HR’s staffing arrangements pages', () => {
  it('reads the filters the registers’ way and keeps them in the CSV link', () => {
    const filters = arrangementFilters({ state: 'overdue', endingBefore: '31/5/2021', manager: 'Alison', page: '2' });
    expect(arrangementQuery(filters)).toEqual({ state: 'overdue', endingBefore: '2021-05-31', manager: 'Alison', page: '2' });
    const view = arrangementsRegisterPage(filters, { items: [arrangement()], total: 1, page: 1, pageSize: 20, cost: { monthly: 3900, total: 23400, remaining: 0, estimated: 1, unestimated: 0 } });
    expect(view.csvHref).toBe('/work/arrangements.csv?state=overdue&endingBefore=2021-05-31&manager=Alison');
  });

  it('lists each arrangement with its state, decision, cost and actions, and the totals', () => {
    const view = arrangementsRegisterPage(arrangementFilters({}), { items: [arrangement(), arrangement({ id: 'a2', state: 'active', allowedActions: [], cost: { estimated: false, basis: null, monthly: null, total: null, remaining: null, reason: 'the grade is not stated' } })], total: 2, page: 1, pageSize: 20, cost: { monthly: 3900, total: 23400, remaining: 0, estimated: 1, unestimated: 1 } });
    const $ = load(env.render('web/arrangements.njk', { ...chrome, view, calendar: { href: 'http://x/api/arrangements/calendar.ics?manager=u-alison&sig=s', manager: 'u-alison' } }));
    const first = $('#arrangement-a1');
    expect(first.find('.govuk-tag').text().trim()).toBe('Overdue');
    expect(first.find('a[href="/work/decisions/d1"]').text()).toContain('OLDHAM-MASH-2020');
    expect(first.text()).toContain('£3,900.00 a month');
    expect(first.find('a[href="/work/arrangements/a1/act/confirm-ended"]').text()).toContain('Confirm it has ended');
    expect($('#arrangement-a2').text()).toContain('Not estimated: the grade is not stated');
    expect($('#arrangement-a2 .app-inline-actions').length).toBe(0);
    expect($('.govuk-summary-list').text()).toContain('1 arrangement (no grade, FTE or dates to cost)');
    expect($('a[href*="calendar.ics"]').text()).toContain('u-alison');
  });

  it('gives HR a My work section of what ends within 8 weeks or is overdue', () => {
    const sections = myWork({ userId: 'u-hr-ops', name: 'P', roles: ['hr'] }, { officerDrafts: [], signOffs: [], forDetermination: [], awaitingPublication: [], callInPeriods: [], calledIn: [], arrangements: [arrangement()] }, DEFAULT_REMINDER_POLICY, new Date());
    const $ = load(env.render('web/my-work.njk', { ...chrome, user: { name: 'P' }, sections, roleNames: ['hr'] }));
    expect($('#section-arrangements').text()).toContain('(1)');
    expect($('#section-arrangements').parent().find('#arrangement-a1 .govuk-tag').text().trim()).toBe('Overdue');
    expect($('a[href="/work/arrangements"]').text()).toContain('See every staffing arrangement');
  });

  it('asks each action for what its API body takes, and says what a blank answer means', () => {
    expect(arrangementActionForm('no-such-action')).toBeNull();
    const extend = arrangementActionForm('extend')!;
    expect(actionBodyFromForm(extend, { end: { day: '31', month: '3', year: '2022' }, decisionReference: ' LOP&S - 2022011 ' })).toEqual({ end: '2022-03-31', decisionReference: 'LOP&S - 2022011' });
    const ended = arrangementActionForm('confirm-ended')!;
    expect(arrangementAnswers(ended, actionBodyFromForm(ended, {}))).toEqual([{ key: 'Last day worked', value: 'Its end date, or today if it ended early' }]);
    const confirm = arrangementActionForm('confirm')!;
    expect(arrangementAnswers(confirm, {})[0].value).toBe('As read from the record');
  });
});
