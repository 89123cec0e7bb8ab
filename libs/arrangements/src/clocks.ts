import { addDays, londonDateOf, londonInstant, startOfLondonDay } from '#libs/calendar';
import { currentDates } from './dates.js';
import type { ArrangementReminderPolicy } from './policy.js';
import type { ArrangementContext, ArrangementState, ClockEventType, PersistedArrangement } from './types.js';

/**
 * The clocks of an arrangement. State changes happen at the start of a London day (it starts on its first
 * day, is overdue from the day after its last); reminders go out at the policy's send time. Everything here
 * is a pure function of the arrangement, the policy and (for the weekly overdue series only) `now`.
 */

const UNIT_MS = { minutes: 60_000, seconds: 1000 } as const;

const ms = (instant: string) => Date.parse(instant);
const iso = (n: number) => new Date(n).toISOString();

/** The instant `n` units before the last day's send time (days land on the send time of that day). */
export function reminderDue(resolvedEnd: string, n: number, policy: ArrangementReminderPolicy): string {
  if (policy.unit === 'days') return londonInstant(addDays(resolvedEnd, -n), policy.sendAt);
  return iso(ms(londonInstant(resolvedEnd, policy.sendAt)) - n * UNIT_MS[policy.unit]);
}

/** 00:00 London on the first day. */
export function startsAt(resolvedStart: string): string {
  return startOfLondonDay(resolvedStart);
}

/** 00:00 London on the day after the last day: from then on it is overdue until someone settles it. */
export function overdueAt(resolvedEnd: string): string {
  return startOfLondonDay(addDays(resolvedEnd, 1));
}

/** 00:00 London on the day of the first reminder; null when the policy sends none before the end. */
export function endingSoonAt(resolvedEnd: string, policy: ArrangementReminderPolicy): string | null {
  if (policy.beforeEnd.length === 0) return null;
  return startOfLondonDay(londonDateOf(reminderDue(resolvedEnd, Math.max(...policy.beforeEnd), policy)));
}

/** The running state where the dates put an arrangement at `instant` (needs both dates resolved). */
export function stateByDates(ctx: Pick<ArrangementContext, 'facts' | 'decision' | 'extensions'>, instant: string, policy: ArrangementReminderPolicy): ArrangementState {
  const { resolvedStart, resolvedEnd } = currentDates(ctx);
  if (!resolvedStart || !resolvedEnd) throw new RangeError('the dates of this arrangement are not known yet');
  const t = ms(instant);
  // Overdue first: an end that fell before a late start ("until March 2021", in effect from April) is past.
  if (t >= ms(overdueAt(resolvedEnd))) return 'overdue';
  if (t < ms(startsAt(resolvedStart))) return 'scheduled';
  const soon = endingSoonAt(resolvedEnd, policy);
  if (soon !== null && t >= ms(soon)) return 'ending-soon';
  return ctx.extensions.length > 0 ? 'extended' : 'active';
}

export interface ClockTimer {
  type: 'clock';
  event: ClockEventType;
  /** ISO instant. */
  dueAt: string;
  /** Stable for the same due time, no ':' (part of a BullMQ job id once the shell prefixes the subject). */
  key: string;
}

/** The one state change the arrangement waits for in its current state, if any. */
export function clockTimerFor(p: PersistedArrangement, policy: ArrangementReminderPolicy): ClockTimer | null {
  const { resolvedStart, resolvedEnd } = currentDates(p.context);
  if (!resolvedStart || !resolvedEnd) return null;
  const make = (event: ClockEventType, dueAt: string): ClockTimer => ({ type: 'clock', event, dueAt, key: `${KEY_OF[event]}-${digits(dueAt)}` });
  switch (p.state) {
    case 'scheduled':
      return make('START_REACHED', startsAt(resolvedStart));
    case 'active':
    case 'extended': {
      const soon = endingSoonAt(resolvedEnd, policy);
      return soon ? make('ENDING_SOON_REACHED', soon) : make('END_PASSED', overdueAt(resolvedEnd));
    }
    case 'ending-soon':
      return make('END_PASSED', overdueAt(resolvedEnd));
    default:
      return null;
  }
}

const KEY_OF: Record<ClockEventType, string> = { START_REACHED: 'start', ENDING_SOON_REACHED: 'ending-soon', END_PASSED: 'end-passed' };

export function digits(s: string): string {
  return s.replace(/\D/g, '');
}
