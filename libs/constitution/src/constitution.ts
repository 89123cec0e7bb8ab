import {
  DEFAULT_CALL_IN_RULE,
  DEFAULT_FORWARD_PLAN_RULE,
  DEFAULT_GENERAL_EXCEPTION_RULE,
  type ClearDaysRule,
  type ResolvedCallInRule,
} from '#libs/calendar';
import { DECISION_TYPES, type CallInRuleSet, type DecisionType, type LifecycleRules } from '#libs/lifecycle';

/** Call-in for one kind of decision: whether it applies, who may call it in, and its period. */
export interface CallInSettings extends CallInRuleSet {
  period: ResolvedCallInRule;
}

/**
 * A council's constitution, as far as Ratify applies it: its call-in rules per kind of decision, its
 * forward-plan and general-exception notice, its closure days and its key-decision threshold.
 * Built from COUNCIL_CONFIG (a JSON or YAML file) or, for the simple case, from the CALL_IN_* and
 * FORWARD_PLAN_CLEAR_DAYS environment variables.
 */
export interface Constitution {
  /** Where it was read from: the file's path, or 'environment'. */
  source: string;
  /** Council closure days that are not bank holidays, applied to every working-day count. */
  closures: string[];
  /** £ at or above which spending is normally a key decision: a warning on unmarked decisions, never a block. */
  keyDecisionThreshold: number | null;
  forwardPlan: Required<ClearDaysRule>;
  generalException: Required<ClearDaysRule>;
  callIn: Record<DecisionType, CallInSettings>;
  /**
   * How long after the date of decision its record may wait unpublished before democratic services are
   * alerted ("as soon as reasonably practicable", 2012 Regulations reg. 13, made a number).
   */
  publication: PublicationLimit;
}

export interface PublicationLimit {
  days: number;
  unit: 'working' | 'calendar';
}

/** Five working days from the date of decision: a week's grace for a record the law wants "as soon as reasonably practicable". */
export const DEFAULT_PUBLICATION_LIMIT: PublicationLimit = { days: 5, unit: 'working' };

/**
 * Ratify's defaults, which the environment variables adjust: 5 clear working days ending 17:00, two
 * members, for executive and key officer decisions; other officer and non-executive decisions are not
 * called in; 28 clear calendar days on the forward plan; 5 after a general exception notice.
 */
export function defaultConstitution(overrides: { period?: Partial<ResolvedCallInRule>; minMembers?: number; forwardPlanDays?: number } = {}): Constitution {
  const period = { ...DEFAULT_CALL_IN_RULE, ...overrides.period };
  const set = (applies: boolean): CallInSettings => ({ applies, minMembers: overrides.minMembers ?? 2, scrutinyChairAlone: false, period });
  return {
    source: 'environment',
    closures: [],
    keyDecisionThreshold: null,
    forwardPlan: { ...DEFAULT_FORWARD_PLAN_RULE, closures: [], days: overrides.forwardPlanDays ?? DEFAULT_FORWARD_PLAN_RULE.days },
    generalException: { ...DEFAULT_GENERAL_EXCEPTION_RULE, closures: [] },
    callIn: { executive: set(true), 'key-officer': set(true), officer: set(false), 'non-executive': set(false) },
    publication: { ...DEFAULT_PUBLICATION_LIMIT },
  };
}

/** The rules a new decision's lifecycle keeps (see LifecycleRules). */
export function lifecycleRulesOf(c: Constitution): LifecycleRules {
  const callIn = Object.fromEntries(
    DECISION_TYPES.map((t) => {
      const { applies, minMembers, scrutinyChairAlone } = c.callIn[t];
      return [t, { applies, minMembers, scrutinyChairAlone }];
    }),
  ) as LifecycleRules['callIn'];
  return { forwardPlan: c.forwardPlan, generalException: c.generalException, callIn, keyDecisionThreshold: c.keyDecisionThreshold };
}

/** The call-in period rule for a kind of decision. */
export function callInRuleFor(c: Constitution, type: DecisionType = 'executive'): ResolvedCallInRule {
  return c.callIn[type].period;
}
