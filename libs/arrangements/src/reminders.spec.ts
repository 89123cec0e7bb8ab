import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  DEFAULT_ARRANGEMENT_REMINDER_POLICY as POLICY,
  applyArrangementEvent,
  parseArrangementFacts,
  parseArrangementReminderPolicy,
  remindersFor,
  startArrangement,
  timersFor,
  type ArrangementReminderPolicy,
  type PersistedArrangement,
} from './index.js';

const facts = (() => {
  const r = parseArrangementFacts({ kind: 'temporary-post', title: 'Lead', start: '2021-01-04', end: '2021-07-30', manager: { userId: 'u-alison' } });
  if (!r.ok) throw new Error('facts');
  return r.value;
})();

function effective(at: string, policy: ArrangementReminderPolicy = POLICY): PersistedArrangement {
  const r = applyArrangementEvent(startArrangement({ facts }), { type: 'EFFECTIVE', at, decision: { effectiveAt: '2020-12-01', decidedAt: '2020-12-01' } }, policy);
  if (!r.accepted) throw new Error(r.reason);
  return r.next;
}

describe('remindersFor', () => {
  it('reminds the manager 8, 4 and 1 weeks before the last day and on it, at 09:00 London (BST in summer)', () => {
    const rs = remindersFor(effective('2020-12-02T10:00:00.000Z'), POLICY, '2020-12-02T10:00:00.000Z');
    expect(rs.map((r) => [r.kind, r.dueAt, r.nth])).toEqual([
      ['arrangement-ending', '2021-06-04T08:00:00.000Z', 56],
      ['arrangement-ending', '2021-07-02T08:00:00.000Z', 28],
      ['arrangement-ending', '2021-07-23T08:00:00.000Z', 7],
      ['arrangement-ends-today', '2021-07-30T08:00:00.000Z', 0],
    ]);
    expect(rs.every((r) => r.recipient.type === 'user' && r.recipient.userId === 'u-alison')).toBe(true);
  });

  it('drops the reminders already past when the clock started (entered late), keeping the rest', () => {
    const rs = remindersFor(effective('2021-07-01T10:00:00.000Z'), POLICY, '2021-07-01T10:00:00.000Z');
    expect(rs.map((r) => r.nth)).toEqual([28, 7, 0]);
  });

  it('overdue: one escalation, then the latest weekly reminder already due and the next, whatever the outage', () => {
    const p = effective('2021-08-10T13:00:00.000Z'); // overdue since 31 July; entered on 10 August
    expect(p.state).toBe('overdue');
    const at = (now: string) => remindersFor(p, POLICY, now).map((r) => [r.kind, r.dueAt, r.nth]);
    expect(at('2021-08-10T13:00:00.000Z')).toEqual([
      ['arrangement-overdue-escalation', '2021-08-10T13:00:00.000Z', 0],
      ['arrangement-overdue', '2021-08-17T08:00:00.000Z', 1],
    ]);
    expect(at('2021-08-17T08:00:00.000Z')).toEqual([
      ['arrangement-overdue-escalation', '2021-08-10T13:00:00.000Z', 0],
      ['arrangement-overdue', '2021-08-17T08:00:00.000Z', 1],
      ['arrangement-overdue', '2021-08-24T08:00:00.000Z', 2],
    ]);
    // across the end of British Summer Time, still 09:00 London
    expect(at('2021-11-01T12:00:00.000Z').slice(1)).toEqual([
      ['arrangement-overdue', '2021-10-26T08:00:00.000Z', 11],
      ['arrangement-overdue', '2021-11-02T09:00:00.000Z', 12],
    ]);
  });

  it('the escalation is due at 09:00 on the day after the last day when the clock ran on time', () => {
    const p = effective('2020-12-02T10:00:00.000Z');
    const soon = applyArrangementEvent(p, { type: 'START_REACHED', at: '2021-01-04T00:00:00.000Z', dueAt: '2021-01-04T00:00:00.000Z' }, POLICY);
    if (!soon.accepted) throw new Error(soon.reason);
    const ending = applyArrangementEvent(soon.next, { type: 'ENDING_SOON_REACHED', at: '2021-06-04T00:00:00.000Z', dueAt: '2021-06-03T23:00:00.000Z' }, POLICY);
    if (!ending.accepted) throw new Error(ending.reason);
    expect(ending.next.state).toBe('ending-soon');
    const over = applyArrangementEvent(ending.next, { type: 'END_PASSED', at: '2021-07-30T23:00:00.000Z', dueAt: '2021-07-30T23:00:00.000Z' }, POLICY);
    if (!over.accepted) throw new Error(over.reason);
    expect(remindersFor(over.next, POLICY, '2021-07-30T23:00:00.000Z')[0]).toMatchObject({ kind: 'arrangement-overdue-escalation', dueAt: '2021-07-31T08:00:00.000Z' });
  });

  it('keeps the weekly series a pure function of now: the next reminder is always after now, the latest before', () => {
    const p = effective('2021-08-10T13:00:00.000Z');
    const instants = fc.integer({ min: Date.parse('2021-08-10T13:00:00Z'), max: Date.parse('2031-08-10T13:00:00Z') }).map((n) => new Date(n).toISOString());
    fc.assert(
      fc.property(instants, (now) => {
        const weekly = remindersFor(p, POLICY, now).filter((r) => r.kind === 'arrangement-overdue');
        const next = weekly.at(-1)!;
        expect(Date.parse(next.dueAt)).toBeGreaterThan(Date.parse(now));
        if (weekly.length === 2) expect(Date.parse(weekly[0].dueAt)).toBeLessThanOrEqual(Date.parse(now));
        expect(Date.parse(next.dueAt) - Date.parse(now)).toBeLessThanOrEqual(7 * 86_400_000 + 3_600_000);
      }),
    );
  });

  it('counts in seconds for a demo: the escalation at once, then every 7 seconds', () => {
    const seconds = { ...POLICY, unit: 'seconds' as const };
    const p = effective('2026-01-05T12:00:00.000Z', seconds);
    expect(remindersFor(p, seconds, '2026-01-05T12:00:08.500Z').map((r) => r.dueAt)).toEqual([
      '2026-01-05T12:00:00.000Z',
      '2026-01-05T12:00:07.000Z',
      '2026-01-05T12:00:14.000Z',
    ]);
    const running = effective('2020-12-02T10:00:00.000Z', seconds);
    expect(remindersFor(running, seconds, '2020-12-02T10:00:00.000Z').map((r) => r.dueAt)).toEqual([
      '2021-07-30T07:59:04.000Z',
      '2021-07-30T07:59:32.000Z',
      '2021-07-30T07:59:53.000Z',
      '2021-07-30T08:00:00.000Z',
    ]);
  });

  it('reminds whoever can be reached: user, else address, else HR', () => {
    const withEmail = { ...facts, manager: { name: 'Alison Tomes', userId: null, email: 'a.tomes@example.org' } };
    const r = applyArrangementEvent(startArrangement({ facts: withEmail }), { type: 'EFFECTIVE', at: '2020-12-02T10:00:00.000Z', decision: { effectiveAt: '2020-12-01', decidedAt: null } }, POLICY);
    if (!r.accepted) throw new Error(r.reason);
    expect(remindersFor(r.next, POLICY, '2020-12-02T10:00:00.000Z')[0].recipient).toEqual({ type: 'email', email: 'a.tomes@example.org', name: 'Alison Tomes' });
  });

  it('settled or not yet effective: no timers at all', () => {
    expect(timersFor(startArrangement({ facts }), POLICY, '2021-01-01T00:00:00.000Z')).toEqual([]);
    const ended = applyArrangementEvent(effective('2021-08-10T13:00:00.000Z'), { type: 'CONFIRM_ENDED', at: '2021-08-11T10:00:00.000Z', by: 'u-hr', endedOn: '2021-07-30' }, POLICY);
    expect(ended.accepted && timersFor(ended.next, POLICY, '2021-08-11T10:00:00.000Z')).toEqual([]);
  });
});

describe('parseArrangementReminderPolicy', () => {
  it('defaults to 8, 4 and 1 weeks and the day, weekly when overdue, at 09:00', () => {
    expect(parseArrangementReminderPolicy({})).toEqual({ unit: 'days', sendAt: '09:00', beforeEnd: [56, 28, 7, 0], overdueEvery: 7 });
  });

  it('reads the shared unit and send time and its own offsets', () => {
    expect(parseArrangementReminderPolicy({ REMINDER_UNIT: 'seconds', REMINDER_SEND_AT: '08:30', ARRANGEMENT_REMINDERS_BEFORE_END: '0, 14,84,14', ARRANGEMENT_OVERDUE_EVERY: '3' })).toEqual({
      unit: 'seconds',
      sendAt: '08:30',
      beforeEnd: [84, 14, 0],
      overdueEvery: 3,
    });
    expect(parseArrangementReminderPolicy({ ARRANGEMENT_REMINDERS_BEFORE_END: '' }).beforeEnd).toEqual([]);
  });

  it('only ever throws an Error naming the variable', () => {
    const names = ['REMINDER_UNIT', 'REMINDER_SEND_AT', 'ARRANGEMENT_REMINDERS_BEFORE_END', 'ARRANGEMENT_OVERDUE_EVERY'];
    fc.assert(
      fc.property(fc.constantFrom(...names), fc.string(), (name, value) => {
        try {
          parseArrangementReminderPolicy({ [name]: value });
        } catch (error) {
          expect((error as Error).message.startsWith(name)).toBe(true);
        }
      }),
    );
    expect(() => parseArrangementReminderPolicy({ ARRANGEMENT_OVERDUE_EVERY: '0' })).toThrow(/ARRANGEMENT_OVERDUE_EVERY must be a whole number ≥ 1/);
  });
});
