import { checkClearDays, computeCallInDeadline, londonDateOf, type CallInComputation, type ClearDaysComputation } from '#libs/calendar';
import { callInRuleFor, type Constitution } from '#libs/constitution';
import type { DecisionRepresentation } from '#libs/decisions';
import { offset, type ReminderPolicy } from '#libs/reminders';

export interface DeadlineRules {
  constitution: Constitution;
  reminders: ReminderPolicy;
}

export interface CallInView extends Pick<CallInComputation, 'publishedAt' | 'effectiveAt' | 'countedDays' | 'skipped' | 'rule'> {
  /** true: not published yet, this is what publishing today would give. */
  preview: boolean;
  deadline: string;
}

/** A notice period (the forward plan, or a general exception's notice) counted to a date. */
export interface NoticeView {
  procedure: 'forward-plan' | 'general-exception';
  measuredToWhat: string;
  computation: ClearDaysComputation;
}

export interface DeadlinesView {
  signOffsDueAt: string | null;
  signOffsOverdue: boolean;
  /** A key decision with no notice recorded yet. */
  noticeMissing: { required: number; unit: string } | null;
  notice: NoticeView | null;
  specialUrgency: { agreedBy: string; agreedAt: string | null } | null;
  callInWaiver: { reason: string; agreedBy: string } | null;
  callIn: CallInView | null;
  deferredUntil: string | null;
}

/**
 * The decision's clocks with their working shown, from the functions and the constitution the engine uses
 * (libs/calendar, libs/constitution, libs/reminders): nothing here decides, it lays the computation out.
 */
export function deadlinesOf(d: DecisionRepresentation, rules: DeadlineRules, now: Date, deferredUntil: string | null = null): DeadlinesView {
  const today = londonDateOf(now.toISOString());
  const { constitution } = rules;
  // Consultees are chased, then escalated, on the council's reminder policy: the escalation is when sign-offs are due.
  const signOffsDueAt = d.state === 'consultation' && d.dates.submittedAt ? offset(d.dates.submittedAt, rules.reminders.consultee.escalation, rules.reminders) : null;

  const measuredTo = d.dates.decidedAt ?? d.plannedDeterminationAt ?? today;
  const measuredToWhat = d.dates.decidedAt ? 'the date of decision' : d.plannedDeterminationAt ? 'the planned date of decision' : 'today';
  let notice: NoticeView | null = null;
  let noticeMissing: DeadlinesView['noticeMissing'] = null;
  if (d.urgency === 'general-exception' && d.generalExceptionNoticeAt) {
    notice = { procedure: 'general-exception', measuredToWhat, computation: checkClearDays(d.generalExceptionNoticeAt, measuredTo, constitution.generalException) };
  } else if (d.isKeyDecision && d.urgency === 'none') {
    if (d.forwardPlanNoticeAt) notice = { procedure: 'forward-plan', measuredToWhat, computation: checkClearDays(d.forwardPlanNoticeAt, measuredTo, constitution.forwardPlan) };
    else noticeMissing = { required: constitution.forwardPlan.days, unit: constitution.forwardPlan.unit };
  }

  const rule = callInRuleFor(constitution, d.decisionType ?? 'executive');
  let callIn: CallInView | null = null;
  if (d.dates.publishedAt && d.dates.callInDeadline) {
    const c = computeCallInDeadline(d.dates.publishedAt, rule, { decidedAt: d.dates.decidedAt });
    // The deadline is the one the engine stored at publication (it knew the time of publication).
    callIn = { preview: false, publishedAt: c.publishedAt, deadline: d.dates.callInDeadline, effectiveAt: c.effectiveAt, countedDays: c.countedDays, skipped: c.skipped, rule: c.rule };
  } else if (!d.dates.publishedAt && constitution.callIn[d.decisionType ?? 'executive'].applies && d.isSubjectToCallIn && !d.callInWaiver && ['for-determination', 'approved', 'deferred'].includes(d.state)) {
    if (rule.countFrom !== 'decision' || d.dates.decidedAt) {
      const c = computeCallInDeadline(today, rule, { decidedAt: d.dates.decidedAt });
      callIn = { preview: true, publishedAt: today, deadline: c.deadline, effectiveAt: c.effectiveAt, countedDays: c.countedDays, skipped: c.skipped, rule: c.rule };
    }
  }

  return {
    signOffsDueAt,
    signOffsOverdue: signOffsDueAt !== null && signOffsDueAt < now.toISOString(),
    noticeMissing,
    notice,
    specialUrgency: d.urgency === 'special-urgency' && d.specialUrgency ? { agreedBy: d.specialUrgency.agreedBy, agreedAt: d.specialUrgency.agreedAt ?? null } : null,
    callInWaiver: d.callInWaiver ? { reason: d.callInWaiver.reason, agreedBy: d.callInWaiver.agreedBy } : null,
    callIn,
    deferredUntil,
  };
}
