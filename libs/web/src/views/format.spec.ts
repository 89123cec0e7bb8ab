import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { dateTime, dayDate, longDate, paragraphs } from './format.js';

describe('formatting for pages', () => {
  it('writes dates the GOV.UK way, in Europe/London', () => {
    expect(longDate('2020-11-18')).toBe('18 November 2020');
    expect(dateTime('2020-11-25T17:00:00.000Z')).toBe('25 November 2020 at 5:00pm');
    expect(dateTime('2021-06-01T08:30:00.000Z')).toBe('1 June 2021 at 9:30am');
    expect(dayDate('2020-11-21')).toBe('Saturday 21 November 2020');
    expect(longDate(null)).toBe('');
  });

  it('turns text into paragraphs and never lets markup through', () => {
    expect(paragraphs('One\nline two\n\nTwo').toString()).toBe('<p class="govuk-body">One<br>line two</p><p class="govuk-body">Two</p>');
    fc.assert(
      fc.property(fc.string(), (s) => {
        const html = paragraphs(s).toString().replace(/<\/?p( class="govuk-body")?>|<br>/g, '');
        expect(html).not.toMatch(/[<>"']/);
      }),
    );
  });
});
