import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { arrangementHeadline, renderArrangementReminder, type ArrangementReminderView } from './index.js';

const LINKS = {
  open: 'https://ratify.example/arrangements/a1',
  confirmEnded: 'https://ratify.example/api/action-links/tok123?do=confirm-ended',
  extendOrMakePermanent: 'https://ratify.example/arrangements/a1/settle',
};

const leads: ArrangementReminderView = {
  kind: 'arrangement-ending',
  recipientName: 'Alison Tomes',
  arrangement: {
    kind: 'temporary-post',
    title: 'Early Help Pathway Lead',
    count: 2,
    fte: 2,
    grade: 'Grade 9',
    fromGrade: null,
    toGrade: null,
    scalePoints: null,
    hoursFrom: null,
    hoursTo: null,
    funding: { source: 'COVID-19 pressures fund', amount: null, share: null },
    manager: { name: 'Alison Tomes', userId: null, email: null },
    resolvedStart: '2021-02-16',
    resolvedEnd: '2022-02-15',
  },
  decision: { reference: 'LOP&S - 2021035', title: 'Temporary additional staffing to support vulnerable children and young people' },
  links: LINKS,
};

describe('renderArrangementReminder', () => {
  it('says what ends when and asks for one of three things, with the facts and the links', () => {
    const m = renderArrangementReminder(leads);
    expect(m.subject).toBe('Early Help Pathway Lead (2 FTE, Grade 9) ends on 15/02/2022 — end it, extend it or make it permanent');
    expect(m.text).toContain('Dear Alison Tomes,');
    for (const line of [
      'Arrangement: Temporary post',
      'Runs: 16/02/2021 to 15/02/2022',
      'Posts: 2, 2 FTE',
      'Grade: Grade 9',
      'Funding: COVID-19 pressures fund',
      'Approved by: LOP&S - 2021035 — Temporary additional staffing to support vulnerable children and young people',
      'Managed by: Alison Tomes',
      `It has ended: confirm it in one click:\n${LINKS.confirmEnded}`,
      LINKS.extendOrMakePermanent,
      LINKS.open,
    ]) {
      expect(m.text).toContain(line);
    }
    expect(m.html).toContain('LOP&amp;S - 2021035');
    expect(m.html).toContain(`<a href="${LINKS.confirmEnded}">It has ended: confirm it in one click</a>`);
  });

  it('words the overdue reminder and the escalation apart', () => {
    expect(renderArrangementReminder({ ...leads, kind: 'arrangement-overdue' }).subject).toBe(
      'Overdue: Early Help Pathway Lead (2 FTE, Grade 9) ended on 15/02/2022 — end it, extend it or make it permanent',
    );
    const escalation = renderArrangementReminder({ ...leads, kind: 'arrangement-overdue-escalation', recipientName: null });
    expect(escalation.subject).toBe('Escalation: Early Help Pathway Lead (2 FTE, Grade 9) ended on 15/02/2022 and is not settled');
    expect(escalation.text.startsWith('Hello,')).toBe(true);
    expect(renderArrangementReminder({ ...leads, kind: 'arrangement-ends-today' }).text).toContain('ends today, 15/02/2022');
  });

  it("names an honorarium's uplift and an hours change in the headline and the facts", () => {
    const honorarium = { ...leads.arrangement, kind: 'honorarium' as const, title: 'MASH Customer Service Officer', count: 1, fte: null, grade: null, fromGrade: 'Grade 4', toGrade: 'Grade 5', scalePoints: 2 };
    expect(arrangementHeadline(honorarium)).toBe('MASH Customer Service Officer (Grade 4 to Grade 5)');
    expect(renderArrangementReminder({ ...leads, arrangement: honorarium }).text).toContain('Grade: Grade 4 to Grade 5 (2 scale points)');
    const hours = { ...leads.arrangement, kind: 'hours-change' as const, title: 'Business Support officer', count: 1, fte: null, grade: 'Grade 2', hoursFrom: 18.5, hoursTo: 37 };
    expect(arrangementHeadline(hours)).toBe('Business Support officer (Grade 2, 18.5 to 37 hours)');
    const share = { ...leads.arrangement, funding: { source: 'DfE social care transformation funding', amount: 10_000, share: '50%' } };
    expect(renderArrangementReminder({ ...leads, arrangement: share }).text).toContain('Funding: DfE social care transformation funding, 50% of the cost, £10,000');
  });

  it('escapes whatever the record holds, and keeps the subject on one line', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (title, name) => {
        const m = renderArrangementReminder({ ...leads, recipientName: name, arrangement: { ...leads.arrangement, title }, decision: { reference: '<R&D>', title: '"x"' } });
        expect(m.subject).not.toMatch(/[\r\n]/);
        expect(m.html).not.toMatch(/<R&D>|<script/i);
        const stripped = m.html.replace(/<\/?(p|h2|table|tr|th|td|ul|li|a)( [^>]*)?>/g, '');
        expect(stripped).not.toMatch(/[<>]/);
      }),
    );
  });
});
