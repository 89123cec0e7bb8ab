import { computeCallInDeadline, londonDateOf, type CallInRule } from '#libs/calendar';
import { clearDaysBetween } from '#libs/lifecycle';
import { offset, type ReminderPolicy } from '#libs/reminders';
import type { DecisionRepresentation } from '#libs/decisions';

export interface DeadlineRules {
  callInRule: CallInRule;
  forwardPlanClearDays: number;
  reminders: ReminderPolicy;
}

export interface CallInView {
  /** true: not published yet, this is what publishing today would give. */
  preview: boolean;
  publishedAt: string;
  deadline: string;
  effectiveAt: string;
  countedDays: string[];
  skipped: { date: string; why: string }[];
  rule: CallInRule;
}

export interface DeadlinesView {
  signOffsDueAt: string | null;
  signOffsOverdue: boolean;
  forwardPlan: { required: number; noticeAt: string | null; measuredTo: string; measuredToWhat: string; clearDays: number | null; met: boolean; exception: string | null } | null;
  callIn: CallInView | null;
  deferredUntil: string | null;
}

/**
 * The decision's clocks with their working shown, from the same calendar and policy functions the engine
 * uses (libs/calendar, libs/reminders): nothing here decides, it only lays the computation out.
 */
export function deadlinesOf(d: DecisionRepresentation, rules: DeadlineRules, now: Date, deferredUntil: string | null = null): DeadlinesView {
  const today = londonDateOf(now.toISOString());
  // Consultees are chased, then escalated, on the council's reminder policy: the escalation is when sign-offs are due.
  const signOffsDueAt = d.state === 'consultation' && d.dates.submittedAt ? offset(d.dates.submittedAt, rules.reminders.consultee.escalation, rules.reminders) : null;

  let forwardPlan: DeadlinesView['forwardPlan'] = null;
  if (d.isKeyDecision) {
    const measuredTo = d.dates.decidedAt ?? d.plannedDeterminationAt ?? today;
    const measuredToWhat = d.dates.decidedAt ? 'the date of decision' : d.plannedDeterminationAt ? 'the planned date of decision' : 'today';
    const clearDays = d.forwardPlanNoticeAt ? clearDaysBetween(d.forwardPlanNoticeAt, measuredTo) : null;
    const exception = d.urgency === 'none' ? null : d.urgency;
    forwardPlan = {
      required: rules.forwardPlanClearDays,
      noticeAt: d.forwardPlanNoticeAt ?? null,
      measuredTo,
      measuredToWhat,
      clearDays,
      met: exception !== null || (clearDays !== null && clearDays >= rules.forwardPlanClearDays),
      exception,
    };
  }

  let callIn: CallInView | null = null;
  if (d.dates.publishedAt && d.dates.callInDeadline) {
    const c = computeCallInDeadline(d.dates.publishedAt, rules.callInRule);
    callIn = { preview: false, publishedAt: c.publishedAt, deadline: d.dates.callInDeadline, effectiveAt: c.effectiveAt, countedDays: c.countedDays, skipped: c.skipped, rule: c.rule };
  } else if (!d.dates.publishedAt && d.isSubjectToCallIn && d.urgency === 'none' && ['for-determination', 'approved', 'deferred'].includes(d.state)) {
    const c = computeCallInDeadline(today, rules.callInRule);
    callIn = { preview: true, publishedAt: today, deadline: c.deadline, effectiveAt: c.effectiveAt, countedDays: c.countedDays, skipped: c.skipped, rule: c.rule };
  }

  return { signOffsDueAt, signOffsOverdue: signOffsDueAt !== null && signOffsDueAt < now.toISOString(), forwardPlan, callIn, deferredUntil };
}
