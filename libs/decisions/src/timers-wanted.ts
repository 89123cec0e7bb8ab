import type { RatifyConfig } from '#libs/config';
import { timersFor } from '#libs/lifecycle';
import { REMINDER_TIMER, remindersFor, type ReminderView } from '#libs/reminders';
import type { DecisionRecord, WantedTimer } from '#libs/store';
import { reminderViewOf } from './reminder-view.js';

export const DECISION = 'decision';

/**
 * Every timer a decision wants in its current state: the lifecycle's own clocks and the reminders of the
 * council's policy, with the row ids they are kept under. The engine keeps the timers table in step with it.
 */
export function wantedTimers({ decision, consultations }: DecisionRecord, reminders: RatifyConfig['reminders'], publicationLimit?: ReminderView['publicationLimit']): WantedTimer[] {
  const lifecycle = timersFor(decision.lifecycle).map((t) => ({
    id: `${decision.id}-${t.key}`,
    subjectType: DECISION,
    subjectId: decision.id,
    kind: t.event as string,
    dueAt: new Date(t.dueAt),
    payload: { dueAt: t.dueAt } as Record<string, unknown>,
  }));
  const reminderTimers = remindersFor(reminderViewOf(decision, consultations, publicationLimit), reminders).map((r) => ({
    id: `${decision.id}-${r.key}`,
    subjectType: DECISION,
    subjectId: decision.id,
    kind: REMINDER_TIMER,
    dueAt: new Date(r.dueAt),
    payload: { ...r } as Record<string, unknown>,
  }));
  return [...lifecycle, ...reminderTimers];
}
