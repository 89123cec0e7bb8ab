import type { ConsultationEntity, DecisionEntity } from '#libs/store';
import type { ReminderView } from '#libs/reminders';

/** What the reminder policy reads of a stored decision (and, for the publication alert, the constitution's limit). */
export function reminderViewOf(d: DecisionEntity, consultations: ConsultationEntity[], publicationLimit?: ReminderView['publicationLimit']): ReminderView {
  const ctx = d.lifecycle.context;
  return {
    state: d.state,
    revision: ctx.revision,
    stateEnteredAt: d.stateEnteredAt.toISOString(),
    authorUserId: d.authorUserId,
    decisionMakerUserId: d.decisionMakerUserId,
    isKeyDecision: ctx.isKeyDecision,
    urgency: ctx.urgency,
    forwardPlanNoticeAt: ctx.forwardPlanNoticeAt,
    forwardPlanRule: ctx.rules.forwardPlan,
    plannedDeterminationAt: d.plannedDeterminationAt,
    callInDeadline: ctx.callInDeadline,
    decidedAt: ctx.decidedAt,
    publicationLimit,
    consultations: consultations.map((c) => ({ area: c.area, label: c.label, assigneeUserId: c.assigneeUserId, status: c.status })),
  };
}

/** The timer kind of every reminder, whatever its subject (defined once in libs/reminders). */
export { REMINDER_TIMER } from '#libs/reminders';
