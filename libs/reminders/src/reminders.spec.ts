import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { DEFAULT_REMINDER_POLICY, parseReminderPolicy } from './policy.js';
import type { ReminderView } from './reminder-types.js';
import { offset, remindersFor } from './reminders.js';

const view = (v: Partial<ReminderView>): ReminderView => ({
  state: 'consultation',
  revision: 1,
  stateEnteredAt: '2020-11-18T10:00:00.000Z', // a Wednesday
  authorUserId: 'u-officer',
  decisionMakerUserId: 'u-dm',
  isKeyDecision: false,
  urgency: 'none',
  forwardPlanNoticeAt: null,
  plannedDeterminationAt: null,
  callInDeadline: null,
  consultations: [
    { area: 'hr', label: 'HR', assigneeUserId: 'u-hr', status: 'signed-off' },
    { area: 'finance', label: 'Finance', assigneeUserId: null, status: 'pending' },
  ],
  ...v,
});

describe('remindersFor', () => {
  it('reminds a pending consultee on working days 3 and 5 at 09:00, then escalates on day 7', () => {
    const reminders = remindersFor(view({}), DEFAULT_REMINDER_POLICY);
    expect(reminders.map((r) => [r.kind, r.dueAt, r.recipient])).toEqual([
      ['consultee-reminder', '2020-11-23T09:00:00.000Z', { type: 'role', role: 'consultee:finance' }],
      ['consultee-reminder', '2020-11-25T09:00:00.000Z', { type: 'role', role: 'consultee:finance' }],
      ['consultee-escalation', '2020-11-27T09:00:00.000Z', { type: 'escalation' }],
    ]);
    expect(reminders[0]).toMatchObject({ actionAsked: 'Sign off for Finance', deadline: '2020-11-27T09:00:00.000Z', area: 'finance', nth: 1 });
  });

  it('gives stable keys without colons, distinct per area, revision and state entry', () => {
    const a = remindersFor(view({}), DEFAULT_REMINDER_POLICY);
    expect(remindersFor(view({}), DEFAULT_REMINDER_POLICY).map((r) => r.key)).toEqual(a.map((r) => r.key));
    expect(a.every((r) => !r.key.includes(':'))).toBe(true);
    expect(new Set(a.map((r) => r.key)).size).toBe(a.length);
    const next = remindersFor(view({ revision: 2 }), DEFAULT_REMINDER_POLICY).map((r) => r.key);
    expect(next.some((k) => a.some((r) => r.key === k))).toBe(false);
  });

  it('asks the decision maker to determine, and alerts democratic services when forward-plan notice is about to be missed', () => {
    const reminders = remindersFor(
      view({ state: 'for-determination', isKeyDecision: true, plannedDeterminationAt: '2021-01-30', stateEnteredAt: '2020-12-01T10:00:00.000Z' }),
      DEFAULT_REMINDER_POLICY,
    );
    expect(reminders.filter((r) => r.kind === 'decision-maker-reminder')).toHaveLength(3);
    const alert = reminders.find((r) => r.kind === 'forward-plan-alert')!;
    expect(alert.deadline).toBe('2021-01-01T09:00:00.000Z'); // 28 clear days before 30 January
    expect(alert.dueAt).toBe('2020-12-30T09:00:00.000Z'); // two working days earlier
    expect(remindersFor(view({ state: 'for-determination', isKeyDecision: true, urgency: 'special-urgency', plannedDeterminationAt: '2021-01-30' }), DEFAULT_REMINDER_POLICY).some((r) => r.kind === 'forward-plan-alert')).toBe(false);
  });

  it("counts the forward-plan alert in the constitution's clear days, not an assumed 28", () => {
    const alertFor = (forwardPlanRule: { days: number; unit: 'calendar' | 'working' }) =>
      remindersFor(
        view({ state: 'for-determination', isKeyDecision: true, plannedDeterminationAt: '2021-01-30', stateEnteredAt: '2020-12-01T10:00:00.000Z', forwardPlanRule }),
        DEFAULT_REMINDER_POLICY,
      ).find((r) => r.kind === 'forward-plan-alert')!;
    expect(alertFor({ days: 10, unit: 'calendar' }).deadline).toBe('2021-01-19T09:00:00.000Z'); // 20–29 January: 10 clear days
    // 20 clear working days before Saturday 30 January are 4–29 January: a notice up to Sunday 3rd gives them
    expect(alertFor({ days: 20, unit: 'working' }).deadline).toBe('2021-01-03T09:00:00.000Z');
    // the 21st is Thursday 31 December (New Year's Day is a bank holiday)
    expect(alertFor({ days: 21, unit: 'working' }).deadline).toBe('2020-12-30T09:00:00.000Z');
  });

  it('warns democratic services the day before a call-in ends, and scrutiny when a call-in waits', () => {
    const callIn = remindersFor(view({ state: 'call-in-period', callInDeadline: '2020-11-25T17:00:00.000Z' }), DEFAULT_REMINDER_POLICY);
    expect(callIn).toEqual([expect.objectContaining({ kind: 'call-in-ends-tomorrow', dueAt: '2020-11-24T09:00:00.000Z' })]);
    expect(remindersFor(view({ state: 'called-in' }), DEFAULT_REMINDER_POLICY)[0]).toMatchObject({ kind: 'call-in-meeting-overdue', recipient: { type: 'role', role: 'scrutiny' } });
    expect(remindersFor(view({ state: 'approved' }), DEFAULT_REMINDER_POLICY)[0]).toMatchObject({ kind: 'approved-not-published' });
  });

  it('drops reminders that were already past when the state began, and wants none in final states', () => {
    const late = view({ state: 'call-in-period', callInDeadline: '2020-11-25T17:00:00.000Z', stateEnteredAt: '2026-01-01T00:00:00.000Z' });
    expect(remindersFor(late, DEFAULT_REMINDER_POLICY)).toEqual([]);
    for (const state of ['draft', 'effective', 'closed', 'rejected', 'withdrawn']) expect(remindersFor(view({ state }), DEFAULT_REMINDER_POLICY)).toEqual([]);
  });

  it('never schedules a reminder before the state was entered', () => {
    const states = fc.constantFrom('consultation', 'for-determination', 'approved', 'call-in-period', 'called-in');
    const instants = fc.integer({ min: 0, max: 3650 }).map((d) => new Date(Date.UTC(2019, 0, 1) + d * 86_400_000 + 3_600_000 * 11).toISOString());
    fc.assert(
      fc.property(states, instants, instants, (state, entered, deadline) => {
        for (const r of remindersFor(view({ state, stateEnteredAt: entered, callInDeadline: deadline }), DEFAULT_REMINDER_POLICY)) {
          expect(r.dueAt >= entered).toBe(true);
        }
      }),
    );
  });

  it('counts in seconds or minutes when the policy says so', () => {
    expect(offset('2020-11-18T10:00:00.000Z', 3, { ...DEFAULT_REMINDER_POLICY, unit: 'seconds' })).toBe('2020-11-18T10:00:03.000Z');
    expect(offset('2020-11-18T10:00:00.000Z', -2, { ...DEFAULT_REMINDER_POLICY, unit: 'minutes' })).toBe('2020-11-18T09:58:00.000Z');
    expect(offset('2020-11-23T10:00:00.000Z', -1, DEFAULT_REMINDER_POLICY)).toBe('2020-11-20T09:00:00.000Z'); // the Friday before
  });
});

describe('parseReminderPolicy', () => {
  it('reads the variables and keeps the order of consultee reminders', () => {
    expect(parseReminderPolicy({ REMINDER_UNIT: 'minutes', REMINDER_CONSULTEE_FIRST: '1', REMINDER_CONSULTEE_SECOND: '2', REMINDER_CONSULTEE_ESCALATION: '4' })).toMatchObject({
      unit: 'minutes',
      consultee: { first: 1, second: 2, escalation: 4 },
    });
    expect(() => parseReminderPolicy({ REMINDER_CONSULTEE_FIRST: '9' })).toThrow(/REMINDER_CONSULTEE_FIRST < REMINDER_CONSULTEE_SECOND/);
  });

  it('only ever throws an Error naming a REMINDER_ variable', () => {
    const names = ['REMINDER_UNIT', 'REMINDER_SEND_AT', 'REMINDER_CONSULTEE_FIRST', 'REMINDER_DECISION_MAKER_EVERY', 'REMINDER_SCRUTINY_MEETING_WITHIN'];
    fc.assert(
      fc.property(fc.constantFrom(...names), fc.string(), (name, value) => {
        try {
          parseReminderPolicy({ [name]: value });
        } catch (error) {
          expect((error as Error).message).toMatch(/REMINDER_/);
        }
      }),
    );
  });

  describe('publication-overdue', () => {
    const limit = { days: 5, unit: 'working' as const };
    it("alerts democratic services on the first working day after the constitution's limit, counted from the date of decision", () => {
      // Decided Wed 18/11/2020: 5 working days → Wed 25/11; alert Thu 26/11 at 09:00 (London = UTC in November).
      const r = remindersFor(view({ state: 'approved', decidedAt: '2020-11-18', publicationLimit: limit }), DEFAULT_REMINDER_POLICY).find((x) => x.kind === 'publication-overdue');
      expect(r).toMatchObject({ dueAt: '2020-11-26T09:00:00.000Z', deadline: '2020-11-26T00:00:00.000Z', recipient: { type: 'role', role: 'democratic-services' } });
    });
    it('counts calendar days and skips closure days when the constitution says so', () => {
      const calendar = remindersFor(view({ state: 'approved', decidedAt: '2020-11-18', publicationLimit: { days: 3, unit: 'calendar' } }), DEFAULT_REMINDER_POLICY);
      // 18 + 3 calendar days = Sat 21/11: the alert waits for Monday 23/11.
      expect(calendar.find((x) => x.kind === 'publication-overdue')?.dueAt).toBe('2020-11-23T09:00:00.000Z');
      const closed = remindersFor(view({ state: 'approved', decidedAt: '2020-11-18', publicationLimit: { ...limit, closures: ['2020-11-19'] } }), DEFAULT_REMINDER_POLICY);
      expect(closed.find((x) => x.kind === 'publication-overdue')?.dueAt).toBe('2020-11-27T09:00:00.000Z');
    });
    it('alerts one policy unit after approval when the limit had already passed (a record entered or imported late)', () => {
      const late = view({ state: 'approved', stateEnteredAt: '2026-01-05T10:00:00.000Z', decidedAt: '2020-11-18', publicationLimit: limit });
      expect(remindersFor(late, DEFAULT_REMINDER_POLICY).find((x) => x.kind === 'publication-overdue')?.dueAt).toBe('2026-01-06T09:00:00.000Z');
      const seconds = { ...DEFAULT_REMINDER_POLICY, unit: 'seconds' as const };
      expect(remindersFor(late, seconds).find((x) => x.kind === 'publication-overdue')?.dueAt).toBe('2026-01-05T10:00:01.000Z');
    });
    it('wants nothing without a limit or a date of decision, nor in any other state', () => {
      expect(remindersFor(view({ state: 'approved', decidedAt: '2020-11-18' }), DEFAULT_REMINDER_POLICY).map((r) => r.kind)).toEqual(['approved-not-published']);
      expect(remindersFor(view({ state: 'approved', publicationLimit: limit }), DEFAULT_REMINDER_POLICY).map((r) => r.kind)).toEqual(['approved-not-published']);
      for (const state of ['call-in-period', 'effective', 'for-determination']) {
        expect(remindersFor(view({ state, decidedAt: '2020-11-18', publicationLimit: limit }), DEFAULT_REMINDER_POLICY).some((r) => r.kind === 'publication-overdue')).toBe(false);
      }
    });
  });
});
