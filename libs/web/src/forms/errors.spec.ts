import { describe, expect, it } from '@jest/globals';
import { fieldId, formErrors, friendlyMessage } from './errors.js';

describe('form errors', () => {
  it('links each problem to its field and words it by the field label', () => {
    const errors = formErrors(
      [
        { field: 'title', message: 'title must be longer than or equal to 3 characters' },
        { field: 'isKeyDecision', message: 'isKeyDecision must be a boolean value' },
        { field: 'forwardPlanNoticeAt', message: 'forwardPlanNoticeAt must be a date written YYYY-MM-DD' },
        { field: 'consultees.1.area', message: 'area must be lower-case letters, digits and dashes (e.g. hr, finance, legal)' },
        { field: 'consultees.1.area', message: 'must be unique' },
        { field: 'recommendations.0.text', message: 'text should not be empty' },
        { field: 'funding.2.amount', message: 'amount must be a number conforming to the specified constraints' },
      ],
      { dateFields: ['forwardPlanNoticeAt'] },
    );
    expect(errors.summary).toEqual([
      { text: 'Title must be 3 characters or more', href: '#title' },
      { text: 'Select yes if this is a key decision', href: '#isKeyDecision' },
      { text: 'Date on the forward plan must be a real date, like 18 11 2020', href: '#forwardPlanNoticeAt-day' },
      { text: 'Consultee 2 area must be lower-case letters, digits and dashes (e.g. hr, finance, legal)', href: '#consultees-1-area' },
      { text: 'Enter recommendation 1', href: '#recommendations-0-text' },
      { text: 'Funding 3 amount must be a number, like 226000', href: '#funding-2-amount' },
    ]);
    expect(errors.byField['consultees.1.area']).toMatch(/^Consultee 2 area must be lower-case/);
  });

  it('uses a form’s own labels, and never shows a property name it has no label for raw', () => {
    expect(friendlyMessage({ field: 'reasons', message: 'reasons should not be empty' }, { labels: { reasons: 'Reasons for rejecting' } })).toBe('Enter reasons for rejecting');
    expect(friendlyMessage({ field: 'publishedAt', message: 'must be on or after decidedAt (2020-11-18)' })).toBe('Publication date must be on or after decidedAt (2020-11-18)');
    expect(fieldId('decisionMaker.title')).toBe('decisionMaker-title');
  });
});
