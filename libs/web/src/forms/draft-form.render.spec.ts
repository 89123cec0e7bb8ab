import { describe, expect, it } from '@jest/globals';
import { load } from 'cheerio';
import { parseArrangementList } from '#libs/arrangements';
import { createViewEnvironment } from '#libs/views';
import { addWebFilters } from '../views/format.js';
import { arrangementDateFields, arrangementsBody, blankArrangement } from './arrangement-rows.js';
import { applyRowIntent, newDraftForm, parseIntent } from './decision-form.js';
import { formErrors } from './errors.js';

const env = addWebFilters(createViewEnvironment({ councilName: 'Test Council' }));
const render = (locals: Record<string, unknown>) =>
  load(env.render('web/draft-form.njk', { mode: 'create', action: '/work/decisions/new', errors: { summary: [], byField: {} }, ...locals }));

describe('the drafting form’s staffing arrangements', () => {
  it('is a placeholder while this build has no arrangements', () => {
    const $ = render({ values: newDraftForm() });
    expect($('#arrangements + .govuk-inset-text').text()).toMatch(/when the staffing arrangements part of Ratify arrives/);
    expect($('[name="staffingArrangementsShown"]').length).toBe(0);
  });

  it('adds and removes rows, and shows each problem beside its field', () => {
    let values = newDraftForm({ arrangements: true });
    expect(render({ values })('button[value="add:staffingArrangements"]').length).toBe(1);
    values = applyRowIntent(values, parseIntent('add:staffingArrangements') as never);
    values = applyRowIntent(values, parseIntent('add:staffingArrangements') as never);
    values.staffingArrangements![0] = { ...blankArrangement(), kind: 'agency', title: 'Agency Senior Practitioner', end: { day: '31', month: '13', year: '2021' } };
    values = applyRowIntent(values, parseIntent('remove:staffingArrangements:1') as never);
    expect(values.staffingArrangements).toHaveLength(1);
    const parsed = parseArrangementList(arrangementsBody(values.staffingArrangements!));
    expect(parsed.ok).toBe(false);
    const errors = formErrors(parsed.ok ? [] : parsed.problems, { dateFields: arrangementDateFields(1) });
    const $ = render({ values, errors });
    expect($('#staffingArrangements-0-kind option[selected]').attr('value')).toBe('agency');
    expect($('#staffingArrangements-0-title').val()).toBe('Agency Senior Practitioner');
    expect($('#staffingArrangements-0-end-error').text()).toContain('Arrangement 1 end date must be a real date');
    expect($('.govuk-error-summary a[href="#staffingArrangements-0-end-day"]').length).toBe(1);
    expect($('button[value="remove:staffingArrangements:0"]').text()).toContain('Remove');
  });
});
