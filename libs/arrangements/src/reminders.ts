import { addDays, londonDateOf, londonInstant } from '#libs/calendar';
import { clockTimerFor, digits, overdueAt, reminderDue, startsAt, type ClockTimer } from './clocks.js';
import { currentDates } from './dates.js';
import type { ArrangementReminderPolicy } from './policy.js';
import type { ArrangementManager, PersistedArrangement } from './types.js';

export type ArrangementReminderKind =
  /** n units before the last day, to the manager: end it, extend it or make it permanent. */
  | 'arrangement-ending'
  /** On the last day, to the manager. */
  | 'arrangement-ends-today'
  /** Once, when it has become overdue, to the HR escalation contact. */
  | 'arrangement-overdue-escalation'
  /** Every `overdueEvery` units after the escalation, to the manager, until it is settled. */
  | 'arrangement-overdue';

/** Who hears: the manager (by user id, or by address when only that is known), HR, or the escalation contact. */
export type ArrangementRecipient =
  | { type: 'user'; userId: string }
  | { type: 'email'; email: string; name: string | null }
  | { type: 'role'; role: string }
  | { type: 'escalation' };

export interface ArrangementReminder {
  kind: ArrangementReminderKind;
  /** ISO instant. */
  dueAt: string;
  /** Stable and unique per arrangement; no ':'. It names the end date, so an extension moves every one. */
  key: string;
  recipient: ArrangementRecipient;
  /** The last day it reminds about (YYYY-MM-DD). */
  endDate: string;
  /** Units before the last day ('arrangement-ending'), or the weekly count ('arrangement-overdue'). */
  nth: number;
}

export interface ReminderTimer {
  type: 'reminder';
  dueAt: string;
  key: string;
  reminder: ArrangementReminder;
}

export type ArrangementTimer = ClockTimer | ReminderTimer;

/** A manager to remind: their user id, else their address, else whoever holds the `hr` role. */
export function managerRecipient(manager: ArrangementManager): ArrangementRecipient {
  if (manager.userId) return { type: 'user', userId: manager.userId };
  if (manager.email) return { type: 'email', email: manager.email, name: manager.name };
  return { type: 'role', role: 'hr' };
}

const RUNNING = new Set(['scheduled', 'active', 'extended', 'ending-soon']);
const UNIT_MS = { minutes: 60_000, seconds: 1000 } as const;
const ms = (s: string) => Date.parse(s);

/**
 * The reminders an arrangement wants now. Before the end: the policy's reminders, except those due before
 * its current end took hold (`clockFrom`: nobody is reminded of what was already past when it began) or
 * before its first day. Overdue: the escalation — due when it became overdue, or at the send time of the
 * day after the last if that is later — and of the weekly series only the latest already due and the next
 * one (so the series never ends, yet a long outage does not release a backlog). Settled: none.
 *
 * The shell must not re-arm a wanted reminder whose timer already fired: keys are deterministic, so the
 * timer row id says so.
 */
export function remindersFor(p: PersistedArrangement, policy: ArrangementReminderPolicy, now: string): ArrangementReminder[] {
  const { resolvedStart, resolvedEnd } = currentDates(p.context);
  if (!resolvedStart || !resolvedEnd) return [];
  const ctx = p.context;
  const manager = managerRecipient(ctx.facts.manager);
  const endKey = digits(resolvedEnd);

  if (RUNNING.has(p.state)) {
    const floor = Math.max(ms(startsAt(resolvedStart)), ctx.clockFrom ? ms(ctx.clockFrom) : -Infinity);
    const letter = policy.unit[0];
    return [...policy.beforeEnd]
      .sort((a, b) => b - a)
      .map((n): ArrangementReminder => ({
        kind: n === 0 ? 'arrangement-ends-today' : 'arrangement-ending',
        dueAt: reminderDue(resolvedEnd, n, policy),
        key: `ending-${n}${letter}-${endKey}`,
        recipient: manager,
        endDate: resolvedEnd,
        nth: n,
      }))
      .filter((r) => ms(r.dueAt) >= floor);
  }

  if (p.state === 'overdue') {
    const natural = policy.unit === 'days' ? londonInstant(addDays(resolvedEnd, 1), policy.sendAt) : overdueAt(resolvedEnd);
    const since = ctx.overdueSince ?? natural;
    const escalationDue = ms(since) > ms(natural) ? new Date(ms(since)).toISOString() : natural;
    const escalation: ArrangementReminder = {
      kind: 'arrangement-overdue-escalation',
      dueAt: escalationDue,
      key: `escalation-${endKey}`,
      recipient: { type: 'escalation' },
      endDate: resolvedEnd,
      nth: 0,
    };
    const weekly = (k: number): ArrangementReminder => ({
      kind: 'arrangement-overdue',
      dueAt: weeklyDue(escalationDue, k, policy),
      key: `overdue-${endKey}-w${k}`,
      recipient: manager,
      endDate: resolvedEnd,
      nth: k,
    });
    const next = nextWeekly(escalationDue, now, policy);
    return [escalation, ...(next > 1 ? [weekly(next - 1)] : []), weekly(next)];
  }
  return [];
}

/** The k-th weekly overdue reminder: days land on the send time, k × every days after the escalation's day. */
function weeklyDue(escalationDue: string, k: number, policy: ArrangementReminderPolicy): string {
  if (policy.unit === 'days') return londonInstant(addDays(londonDateOf(escalationDue), k * policy.overdueEvery), policy.sendAt);
  return new Date(ms(escalationDue) + k * policy.overdueEvery * UNIT_MS[policy.unit]).toISOString();
}

/** The smallest k ≥ 1 whose weekly reminder is due after `now` (estimated, then corrected across DST). */
function nextWeekly(escalationDue: string, now: string, policy: ArrangementReminderPolicy): number {
  const step = policy.overdueEvery * (policy.unit === 'days' ? 86_400_000 : UNIT_MS[policy.unit]);
  let k = Math.max(1, Math.floor((ms(now) - ms(escalationDue)) / step));
  while (k > 1 && ms(weeklyDue(escalationDue, k - 1, policy)) > ms(now)) k--;
  while (ms(weeklyDue(escalationDue, k, policy)) <= ms(now)) k++;
  return k;
}

/**
 * Every durable timer the arrangement wants now: its next state change and its reminders, each with a key
 * the shell prefixes with the arrangement's id to make the timer row id and the BullMQ job id.
 */
export function timersFor(p: PersistedArrangement, policy: ArrangementReminderPolicy, now: string): ArrangementTimer[] {
  const clock = clockTimerFor(p, policy);
  const reminders = remindersFor(p, policy, now).map((reminder): ReminderTimer => ({ type: 'reminder', dueAt: reminder.dueAt, key: reminder.key, reminder }));
  return [...(clock ? [clock] : []), ...reminders];
}
