import { DEFAULT_GENERAL_EXCEPTION_RULE, checkClearDays, isIsoDate, type ClearDaysComputation, type ClearDaysRule } from '#libs/calendar';
import { DECISION_TYPES, type DecisionContext, type LegacyLifecycleRules, type LifecycleRules } from './types.js';

/** Rules in the current shape; the two-number shape of before the constitution reads as it always did. */
export function lifecycleRules(rules: LifecycleRules | LegacyLifecycleRules): LifecycleRules {
  if (!('forwardPlanClearDays' in rules)) return rules;
  const callIn = { applies: true, minMembers: rules.callInMinMembers, scrutinyChairAlone: false };
  return {
    forwardPlan: { days: rules.forwardPlanClearDays, unit: 'calendar', closures: [] },
    generalException: DEFAULT_GENERAL_EXCEPTION_RULE,
    callIn: Object.fromEntries(DECISION_TYPES.map((t) => [t, callIn])) as LifecycleRules['callIn'],
    keyDecisionThreshold: null,
  };
}

/** Whether the decision goes into a call-in period when published: its rule set, its record, no waiver, not reconsidered. */
export function goesToCallIn(ctx: DecisionContext): boolean {
  return ctx.rules.callIn[ctx.decisionType].applies && ctx.isSubjectToCallIn && ctx.callInWaiver === null && !ctx.reconsideration;
}

export type NoticeCheck = { met: true } | { met: false; reason: string; computation?: ClearDaysComputation };

const describe = (r: ClearDaysRule) => `${r.days} clear ${r.unit === 'working' ? 'working ' : ''}days`;

/**
 * The notice a decision taken on `decidedAt` needs. A key decision must be on the forward plan for the
 * constitution's clear days, unless the general exception (its own notice, then 5 clear days: checked
 * whenever it is recorded) or special urgency (the chair's agreement, given before the decision) is recorded.
 */
export function noticeCheck(ctx: DecisionContext, decidedAt: string): NoticeCheck {
  const notDates = (from: string) => ({ met: false as const, reason: `'${from}' to '${decidedAt}' is not a pair of YYYY-MM-DD dates` });
  if (ctx.urgency === 'general-exception') {
    const rule = ctx.rules.generalException;
    if (!ctx.generalExceptionNoticeAt) {
      return { met: false, reason: 'general exception: the date its notice was given (generalExceptionNoticeAt) must be recorded before the decision is taken' };
    }
    if (!isIsoDate(ctx.generalExceptionNoticeAt) || !isIsoDate(decidedAt)) return notDates(ctx.generalExceptionNoticeAt);
    const computation = checkClearDays(ctx.generalExceptionNoticeAt, decidedAt, rule);
    if (computation.met) return { met: true };
    return {
      met: false,
      computation,
      reason:
        `general exception: the decision may be taken only after ${describe(rule)} from its notice on ${ctx.generalExceptionNoticeAt} ` +
        `(it has been ${computation.clearDays}; the earliest date is ${computation.earliestDecisionDate})`,
    };
  }
  if (!ctx.isKeyDecision) return { met: true };
  if (ctx.urgency === 'special-urgency') {
    if (!ctx.specialUrgency) return { met: false, reason: 'special urgency: who agreed and when (specialUrgency) must be recorded' };
    if (ctx.specialUrgency.agreedAt && ctx.specialUrgency.agreedAt > decidedAt) {
      return { met: false, reason: `special urgency: it was agreed on ${ctx.specialUrgency.agreedAt}, after the date of decision ${decidedAt}` };
    }
    return { met: true };
  }
  const rule = ctx.rules.forwardPlan;
  const needed = `key decision: it must be on the forward plan for ${describe(rule)} before it is taken`;
  const orException = ', or general exception / special urgency must be recorded';
  if (!ctx.forwardPlanNoticeAt) return { met: false, reason: `${needed} (no forward plan notice date is recorded)${orException}` };
  if (!isIsoDate(ctx.forwardPlanNoticeAt) || !isIsoDate(decidedAt)) return { met: false, reason: `${needed} (${notDates(ctx.forwardPlanNoticeAt).reason})${orException}` };
  const computation = checkClearDays(ctx.forwardPlanNoticeAt, decidedAt, rule);
  if (computation.met) return { met: true };
  const soFar =
    ctx.forwardPlanNoticeAt >= decidedAt
      ? `the notice of ${ctx.forwardPlanNoticeAt} is not before the decision`
      : `it has been ${computation.clearDays}; the earliest date is ${computation.earliestDecisionDate}`;
  return { met: false, computation, reason: `${needed} (${soFar})${orException}` };
}
