import { describe, expect, it } from '@jest/globals';
import type { DecisionRepresentation } from '#libs/decisions';
import { DEFAULT_REMINDER_POLICY } from '#libs/reminders';
import { myWork } from './my-work.js';

function decision(id: string, over: Partial<DecisionRepresentation> & { submittedAt?: string; callInDeadline?: string } = {}): DecisionRepresentation {
  return {
    id,
    reference: `RAT-${id}`,
    title: `Decision ${id}`,
    state: 'consultation',
    status: 'Consultation',
    revision: 1,
    consultations: [],
    ...over,
    dates: { createdAt: '2026-01-01T09:00:00.000Z', submittedAt: over.submittedAt ?? null, forDeterminationAt: null, decidedAt: null, publishedAt: null, callInDeadline: over.callInDeadline ?? null, effectiveAt: null },
  } as unknown as DecisionRepresentation;
}

const none = { officerDrafts: [], signOffs: [], forDetermination: [], awaitingPublication: [], callInPeriods: [], calledIn: [] };
const now = new Date('2026-03-02T12:00:00.000Z');

describe('My work', () => {
  it('lists a consultee’s sign-offs overdue first, due at the escalation of the reminder policy', () => {
    const sections = myWork(
      { userId: 'u-hr', name: 'H', roles: ['consultee:hr'] },
      { ...none, signOffs: [decision('late-ish', { submittedAt: '2026-02-25T10:00:00.000Z' }), decision('overdue', { submittedAt: '2026-02-02T10:00:00.000Z' })] },
      DEFAULT_REMINDER_POLICY,
      now,
    );
    expect(sections.map((s) => s.id)).toEqual(['sign-offs']);
    const [first, second] = sections[0].items;
    expect(first).toMatchObject({ id: 'overdue', overdue: true, due: '2026-02-11T09:00:00.000Z', dueLabel: 'Sign off by' });
    expect(second).toMatchObject({ id: 'late-ish', overdue: false });
  });

  it('separates an officer’s drafts from what came back with changes requested', () => {
    const returned = decision('back', { state: 'draft', status: 'Draft', revision: 2, consultations: [{ area: 'legal', label: 'Legal', status: 'changes-requested', by: 'u-legal', at: null, comments: 'x' }] } as never);
    const fresh = decision('new', { state: 'draft', status: 'Draft' });
    const sections = myWork({ userId: 'u-officer', name: 'B', roles: ['officer'] }, { ...none, officerDrafts: [returned, fresh] }, DEFAULT_REMINDER_POLICY, now);
    expect(sections.find((s) => s.id === 'returned')!.items.map((i) => [i.id, i.note])).toEqual([['back', 'Changes requested by Legal']]);
    expect(sections.find((s) => s.id === 'drafts')!.items.map((i) => i.id)).toEqual(['new']);
  });

  it('gives democratic services and scrutiny the call-in periods ending soonest first, and HR its placeholder', () => {
    const periods = [decision('later', { state: 'call-in-period', callInDeadline: '2026-03-09T17:00:00.000Z' }), decision('sooner', { state: 'call-in-period', callInDeadline: '2026-03-04T17:00:00.000Z' })];
    const sections = myWork({ userId: 'u', name: 'U', roles: ['democratic-services', 'scrutiny', 'hr'] }, { ...none, callInPeriods: periods }, DEFAULT_REMINDER_POLICY, now);
    expect(sections.map((s) => s.id)).toEqual(['publication', 'call-in-ending', 'called-in', 'may-call-in', 'arrangements']);
    expect(sections.find((s) => s.id === 'may-call-in')!.items.map((i) => i.id)).toEqual(['sooner', 'later']);
    expect(sections.find((s) => s.id === 'arrangements')!.comingWith).toMatch(/staffing arrangements/);
  });
});
