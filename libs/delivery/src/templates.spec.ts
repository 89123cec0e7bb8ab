import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { escapeHtml, formatLondon, renderReminder, type ReminderMessage } from './templates.js';

const subject = { type: 'decision', id: 'd1', reference: 'LOP&S - 2021035', title: 'Temporary additional staffing', link: 'http://localhost:3000/decisions/d1' };
const message: ReminderMessage = {
  subject,
  lead: 'Reminder',
  why: 'Your sign-off is still awaited on this decision.',
  recipientName: 'HR Officer',
  actionAsked: 'Sign off for HR',
  deadline: '2020-11-25T17:00:00.000Z',
  links: [
    { label: 'Open the decision', url: 'http://localhost:3000/decisions/d1' },
    { label: 'Sign off now', url: 'http://localhost:3000/api/one-click/def?a=1&b=2' },
  ],
};

/** The markup the template itself writes; anything else that looks like markup came from the data. */
const stripTemplateTags = (html: string) => html.replace(/<\/?(p|strong|ul|li|a)( href="[^"<>]*")?>/g, '');

describe('renderReminder', () => {
  it('names the reference and the action in the subject, and the decision, deadline and links in the body', () => {
    const { subject, text, html } = renderReminder(message);
    expect(subject).toBe('Reminder: Sign off for HR — LOP&S - 2021035');
    expect(text).toContain('Dear HR Officer,');
    expect(text).toContain('Decision: Temporary additional staffing (LOP&S - 2021035)');
    expect(text).toContain('Asked of you: Sign off for HR');
    expect(text).toContain('By: Wednesday 25 November 2020, 17:00');
    expect(text).toContain('Open the decision: http://localhost:3000/decisions/d1');
    expect(text).toContain('Sign off now: http://localhost:3000/api/one-click/def?a=1&b=2');
    expect(html).toContain('<strong>Temporary additional staffing</strong> (LOP&amp;S - 2021035)');
    expect(html).toContain('Wednesday 25 November 2020, 17:00');
    expect(html).toContain('<a href="http://localhost:3000/decisions/d1">Open the decision</a>');
    expect(html).toContain('<a href="http://localhost:3000/api/one-click/def?a=1&amp;b=2">Sign off now</a>');
  });

  it('renders the London deadline and every link', () => {
    // 08:00 UTC in June is 09:00 British Summer Time.
    const { subject, text, html } = renderReminder({ ...message, deadline: '2021-06-01T08:00:00.000Z' });
    expect(subject).toContain('LOP&S - 2021035');
    expect(subject).toContain('Sign off for HR');
    for (const body of [text, html]) expect(body).toContain('Tuesday 1 June 2021, 09:00');
    for (const link of message.links) {
      expect(text).toContain(`${link.label}: ${link.url}`);
      expect(html).toContain(`href="${escapeHtml(link.url)}"`);
      expect(html).toContain(`>${link.label}</a>`);
    }
  });

  it("uses the aggregate's wording and labels the body with the subject's type", () => {
    const { subject: line, text } = renderReminder({
      ...message,
      subject: { ...subject, type: 'arrangement', reference: 'AR-1', title: 'Early Help Pathway Lead' },
      lead: 'Ending soon',
      why: 'This arrangement ends in 8 weeks.',
    });
    expect(line).toBe('Ending soon: Sign off for HR — AR-1');
    expect(text.split('\n')[2]).toBe('This arrangement ends in 8 weeks.');
    expect(text).toContain('Arrangement: Early Help Pathway Lead (AR-1)');
  });

  it('copes without a deadline or a recipient name', () => {
    const { text, html } = renderReminder({ ...message, deadline: null, recipientName: null });
    expect(text.startsWith('Hello,')).toBe(true);
    expect(text).not.toContain('By:');
    expect(html).not.toContain('By:');
  });

  it('numbers repeat reminders in the subject', () => {
    expect(renderReminder({ ...message, nth: 1 }).subject).toBe('Reminder: Sign off for HR — LOP&S - 2021035');
    expect(renderReminder({ ...message, nth: 2 }).subject).toMatch(/\(2nd reminder\)$/);
    expect(renderReminder({ ...message, nth: 11 }).subject).toMatch(/\(11th reminder\)$/);
    expect(renderReminder({ ...message, nth: 23 }).subject).toMatch(/\(23rd reminder\)$/);
  });

  it('keeps the subject on one line', () => {
    const { subject } = renderReminder({ ...message, actionAsked: 'Sign off\r\nBcc: victim@example.com' });
    expect(subject).toBe('Reminder: Sign off Bcc: victim@example.com — LOP&S - 2021035');
  });

  it('escapes markup and ampersands in the HTML but not in the text', () => {
    const title = '<script>alert("x")</script> & <b>co</b>';
    const { text, html } = renderReminder({ ...message, subject: { ...subject, title } });
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;co&lt;/b&gt;');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<b>');
    expect(text).toContain(title);
  });

  it('never lets a generated title put a raw < into the HTML', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (title) => {
        const { html } = renderReminder({ ...message, subject: { ...subject, title: `<${title}` } });
        expect(stripTemplateTags(html)).not.toMatch(/[<>]/);
      }),
      { numRuns: 500 },
    );
  });

  it('never lets any field break out of the HTML, attributes included', () => {
    const field = fc.string({ unit: 'grapheme-ascii' });
    fc.assert(
      fc.property(
        fc.record({ name: field, reference: field, title: field, action: field, links: fc.array(fc.record({ label: field, url: field }), { maxLength: 3 }) }),
        (r) => {
          const { html } = renderReminder({
            ...message,
            recipientName: r.name || null,
            subject: { ...subject, reference: r.reference, title: r.title },
            actionAsked: r.action,
            links: r.links,
          });
          // Every tag left after removing the template's own is data, and so is every quote inside an href.
          expect(stripTemplateTags(html)).not.toMatch(/[<>]/);
          for (const [, href] of html.matchAll(/href="([^"]*)"/g)) expect(href).not.toMatch(/['<>]/);
          expect(html.match(/<a /g)?.length ?? 0).toBe(r.links.length);
        },
      ),
    );
  });

  it('refuses a deadline that is not an instant', () => {
    expect(() => renderReminder({ ...message, deadline: 'next Tuesday' })).toThrow(/not an ISO instant/);
  });
});

describe('formatLondon', () => {
  it('shows GMT and BST wall-clock times', () => {
    expect(formatLondon('2020-11-25T17:00:00.000Z')).toBe('Wednesday 25 November 2020, 17:00');
    expect(formatLondon('2021-06-01T08:00:00.000Z')).toBe('Tuesday 1 June 2021, 09:00');
    expect(formatLondon('2021-06-01T09:00:00+01:00')).toBe('Tuesday 1 June 2021, 09:00');
  });
});
