import type { RatifyConfig } from '#libs/config';
import { timersFor } from '#libs/lifecycle';
import { remindersFor } from '#libs/reminders';
import type { ConsultationEntity, DecisionEntity, TimerEntity } from '#libs/store';
import { REMINDER_TIMER, reminderViewOf } from './reminder-view.js';

export type WantedTimer = Pick<TimerEntity, 'id' | 'decisionId' | 'kind' | 'dueAt' | 'payload'>;

/**
 * Every timer a decision wants in its current state: the lifecycle's own clocks and the reminders of the
 * council's policy, with the row ids they are kept under. Actions sync to this; a firing checks against it.
 */
export function wantedTimers(decision: DecisionEntity, consultations: ConsultationEntity[], reminders: RatifyConfig['reminders']): WantedTimer[] {
  const lifecycle = timersFor(decision.lifecycle).map((t) => ({
    id: `${decision.id}-${t.key}`,
    decisionId: decision.id,
    kind: t.event as string,
    dueAt: new Date(t.dueAt),
    payload: { dueAt: t.dueAt } as Record<string, unknown>,
  }));
  const reminderTimers = remindersFor(reminderViewOf(decision, consultations), reminders).map((r) => ({
    id: `${decision.id}-${r.key}`,
    decisionId: decision.id,
    kind: REMINDER_TIMER,
    dueAt: new Date(r.dueAt),
    payload: { ...r } as Record<string, unknown>,
  }));
  return [...lifecycle, ...reminderTimers];
}
