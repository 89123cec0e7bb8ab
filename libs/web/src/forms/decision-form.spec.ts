import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { applyRowIntent, bodyFromForm, formFromDecision, formValuesFromBody, newDraftForm, parseIntent } from './decision-form.js';
import { dateFromParts, flatten, partsFromDate } from './form-values.js';

/** Text as a form field gives it back: trimmed, one line. */
const line = fc.string({ minLength: 1, maxLength: 30 }).map((s) => s.replace(/\s+/g, ' ').trim()).filter((s) => s.length > 0);
const date = fc.date({ min: new Date('1990-01-01'), max: new Date('2040-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));

const stored = fc.record({
  reference: line,
  title: line,
  decisionMaker: fc.record({ title: line, userId: fc.option(line, { nil: null }) }),
  decisionType: fc.constantFrom('executive', 'key-officer', 'officer', 'non-executive'),
  isKeyDecision: fc.boolean(),
  isSubjectToCallIn: fc.boolean(),
  urgency: fc.constantFrom('none', 'general-exception', 'special-urgency'),
  generalExceptionNoticeAt: fc.option(date, { nil: null }),
  specialUrgency: fc.option(fc.record({ agreedBy: line, agreedAt: date }), { nil: null }),
  callInWaiver: fc.option(fc.record({ reason: line, agreedBy: line }), { nil: null }),
  forwardPlanNoticeAt: fc.option(date, { nil: null }),
  plannedDeterminationAt: fc.option(date, { nil: null }),
  purpose: fc.string().map((s) => s.trim()),
  recommendations: fc.array(fc.record({ text: line }), { maxLength: 4 }),
  reasons: fc.string().map((s) => s.trim()),
  alternativeOptions: fc.array(fc.record({ text: line }), { maxLength: 3 }),
  consultees: fc.array(fc.record({ area: line, label: fc.option(line, { nil: null }), assigneeUserId: fc.option(line, { nil: null }) }), { maxLength: 4 }),
  contact: fc.option(fc.record({ name: line, role: fc.option(line, { nil: null }), phone: fc.option(line, { nil: null }), email: fc.option(line, { nil: null }) }), { nil: null }),
  funding: fc.array(fc.record({ amount: fc.option(fc.integer({ min: 0, max: 10_000_000 }), { nil: null }), currency: fc.constant('GBP'), source: line }), { maxLength: 3 }),
  conflictsOfInterest: fc.option(line, { nil: null }),
  dispensation: fc.option(line, { nil: null }),
  wardsAffected: fc.array(line, { maxLength: 3 }),
  otherConsulted: fc.option(line, { nil: null }),
});

describe('the drafting form', () => {
  it('gives back the stored decision as the API body: stored → form → posted → body', () => {
    fc.assert(
      fc.property(stored, (d) => {
        const posted = formValuesFromBody(JSON.parse(JSON.stringify(formFromDecision(d))));
        const body = bodyFromForm(posted, 'create');
        const { reference, ...fields } = d;
        expect(body).toEqual({ ...fields, reference });
      }),
      { numRuns: 200 },
    );
  });

  it('turns the typed strings into the API types, and leaves what is wrong for the validator to name', () => {
    const form = newDraftForm();
    const body = bodyFromForm(
      {
        ...form,
        title: '  Additional staffing  ',
        isKeyDecision: 'no',
        isSubjectToCallIn: 'yes',
        forwardPlanNoticeAt: { day: '1', month: '2', year: '2021' },
        plannedDeterminationAt: { day: '31', month: 'Feb', year: '2021' },
        funding: [{ amount: '£226,000', currency: 'GBP', source: 'COVID-19 pressures fund' }, { amount: 'lots', currency: 'GBP', source: '' }, { amount: '', currency: 'GBP', source: '' }],
        wardsAffected: 'Alexandra\r\n\r\nChadderton North\n',
      },
      'create',
    );
    expect(body).toMatchObject({
      title: 'Additional staffing',
      isKeyDecision: false,
      isSubjectToCallIn: true,
      forwardPlanNoticeAt: '2021-02-01',
      plannedDeterminationAt: '2021-Feb-31',
      funding: [{ amount: 226000, currency: 'GBP', source: 'COVID-19 pressures fund' }, { amount: 'lots', currency: 'GBP', source: null }],
      wardsAffected: ['Alexandra', 'Chadderton North'],
      consultees: [{ area: 'hr', label: 'HR', assigneeUserId: null }, { area: 'finance', label: 'Finance', assigneeUserId: null }, { area: 'legal', label: 'Legal', assigneeUserId: null }],
      recommendations: [],
    });
    expect(body).not.toHaveProperty('reference');
    expect(bodyFromForm(newDraftForm(), 'create')).not.toHaveProperty('isKeyDecision');
    expect(bodyFromForm(newDraftForm(), 'create')).not.toHaveProperty('isSubjectToCallIn');
    // A part-filled group goes whole, for the validator to name the missing part.
    expect(bodyFromForm({ ...newDraftForm(), specialUrgency: { agreedBy: 'Cllr Smith', agreedAt: { day: '', month: '', year: '' } } }, 'create').specialUrgency).toEqual({ agreedBy: 'Cllr Smith', agreedAt: null });
  });

  it('adds and removes rows without JavaScript, keeping one row to fill in', () => {
    expect(parseIntent('add:consultees')).toEqual({ type: 'add', list: 'consultees' });
    expect(parseIntent('remove:funding:0')).toEqual({ type: 'remove', list: 'funding', index: 0 });
    expect(parseIntent('remove:title:0')).toEqual({ type: 'save' });
    expect(parseIntent(undefined)).toEqual({ type: 'save' });
    const form = newDraftForm();
    expect(applyRowIntent(form, { type: 'add', list: 'consultees' }).consultees).toHaveLength(4);
    const removed = applyRowIntent(form, { type: 'remove', list: 'consultees', index: 1 });
    expect(removed.consultees.map((c) => c.area)).toEqual(['hr', 'legal']);
    expect(applyRowIntent(form, { type: 'remove', list: 'funding', index: 0 }).funding).toHaveLength(1);
  });

  it('reads lists that qs parsed as objects (past its array limit)', () => {
    const posted = formValuesFromBody({ recommendations: { '10': { text: 'b' }, '2': { text: 'a' } } });
    expect(posted.recommendations).toEqual([{ text: 'a' }, { text: 'b' }]);
  });
});

describe('form values', () => {
  it('reads GOV.UK date inputs', () => {
    expect(dateFromParts({ day: '', month: '', year: '' })).toBeNull();
    expect(dateFromParts({ day: '5', month: '11', year: '2020' })).toBe('2020-11-05');
    expect(partsFromDate('2020-11-05')).toEqual({ day: '5', month: '11', year: '2020' });
    fc.assert(fc.property(date, (d) => expect(dateFromParts(partsFromDate(d))).toBe(d)));
  });

  it('flattens nested fields to the names a form posts', () => {
    expect(flatten({ area: 'hr', decidedAt: { day: '1', month: '2', year: '2021' } })).toEqual([
      { name: 'area', value: 'hr' },
      { name: 'decidedAt[day]', value: '1' },
      { name: 'decidedAt[month]', value: '2' },
      { name: 'decidedAt[year]', value: '2021' },
    ]);
  });
});
