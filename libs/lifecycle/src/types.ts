import type { ClearDaysRule } from '#libs/calendar';

/**
 * The public vocabulary of the decision lifecycle. Pure types: no I/O, no clock.
 * Every event carries `at` (an ISO instant supplied by the shell), so the machine is deterministic.
 */

export const DECISION_STATES = [
  'draft',
  'consultation',
  'for-determination',
  'deferred',
  'approved',
  'call-in-period',
  'called-in',
  'referred-to-council',
  'effective',
  'closed',
  'rejected',
  'withdrawn',
] as const;
export type DecisionState = (typeof DECISION_STATES)[number];

/** The display words of DOMAIN.md, derived from the state and never stored apart from it. */
export type DisplayStatus =
  | 'Draft'
  | 'Consultation'
  | 'For Determination'
  | 'Recommendations Approved'
  | 'Recommendations Approved (subject to call-in)'
  | 'Called In'
  | 'Referred to Council'
  | 'Deferred'
  | 'Rejected'
  | 'Withdrawn'
  | 'Implemented';

/** The HTTP action names (POST /api/decisions/:id/<action>). `edit` is PATCH. */
export const ACTIONS = [
  'submit',
  'sign-off',
  'request-changes',
  'approve',
  'reject',
  'defer',
  'resume',
  'refer-back',
  'withdraw',
  'publish',
  'call-in',
  'scrutiny-outcome',
  'council-outcome',
] as const;
export type ActionName = (typeof ACTIONS)[number];

/** The forward-plan exception (reg. 10 general exception, reg. 11 special urgency): it waives the 28 days' notice, not call-in. */
export type Urgency = 'none' | 'general-exception' | 'special-urgency';
export const URGENCIES = ['none', 'general-exception', 'special-urgency'] as const satisfies readonly Urgency[];
export type ScrutinyOutcome = 'no-further-action' | 'refer-back' | 'refer-to-council';
export type CouncilOutcome = 'no-further-action' | 'refer-back';

/** The kind of decision; it selects the council's rule set (whether call-in applies, by how many members). */
export const DECISION_TYPES = ['executive', 'key-officer', 'officer', 'non-executive'] as const;
export type DecisionType = (typeof DECISION_TYPES)[number];

/** Reg. 11: the chair's agreement that the decision is urgent and cannot reasonably be deferred. */
export interface SpecialUrgency {
  agreedBy: string;
  /** YYYY-MM-DD; null only on records migrated from before Ratify kept it. */
  agreedAt: string | null;
}

/** The constitution's own urgency procedure that exempts a decision from call-in: why, and who agreed. */
export interface CallInWaiver {
  reason: string;
  agreedBy: string;
}

/** The facts of a decision that the lifecycle's guards depend on. Editable while in draft. */
export interface LifecycleFacts {
  decisionType: DecisionType;
  isKeyDecision: boolean;
  /** As the record states it; call-in applies only where the rule set for the type says so too. */
  isSubjectToCallIn: boolean;
  urgency: Urgency;
  /** YYYY-MM-DD the general exception notice was given (reg. 10): required with that urgency. */
  generalExceptionNoticeAt: string | null;
  /** Required with urgency 'special-urgency'. */
  specialUrgency: SpecialUrgency | null;
  /** When present, the decision is not subject to call-in, for the reason recorded. */
  callInWaiver: CallInWaiver | null;
  /** Consultee areas, e.g. ['hr', 'finance', 'legal']; consultation runs in parallel over them. */
  consultees: string[];
  /** Date (YYYY-MM-DD) the decision first appeared on the notice of key decisions (forward plan). */
  forwardPlanNoticeAt: string | null;
}

/** Facts as callers give them: the fields added with the constitution may be left out (defaults: executive, none). */
export type LifecycleFactsInput = Omit<LifecycleFacts, 'decisionType' | 'generalExceptionNoticeAt' | 'specialUrgency' | 'callInWaiver'> &
  Partial<Pick<LifecycleFacts, 'decisionType' | 'generalExceptionNoticeAt' | 'specialUrgency' | 'callInWaiver'>>;

/** Call-in under one decision type's rule set. */
export interface CallInRuleSet {
  /** Whether decisions of this type may be called in at all. */
  applies: boolean;
  /** Fewest members who may call a decision in. */
  minMembers: number;
  /** The chair of the scrutiny committee may call it in alone. */
  scrutinyChairAlone: boolean;
}

/** Council rules the machine needs (configuration, not code), kept with each decision as they stood when it was drafted. */
export interface LifecycleRules {
  /** Clear days a key decision must be on the forward plan before it is taken (28, calendar days in most constitutions). */
  forwardPlan: ClearDaysRule;
  /** Clear days after the general exception notice (reg. 10: 5). */
  generalException: ClearDaysRule;
  callIn: Record<DecisionType, CallInRuleSet>;
  /** Spending at or above which a decision is normally key (£), for a warning only; null: none configured. */
  keyDecisionThreshold: number | null;
}

/** The rules' shape before the constitution (two numbers): read as calendar clear days, call-in for every type. */
export interface LegacyLifecycleRules {
  forwardPlanClearDays: number;
  callInMinMembers: number;
}

export interface SignOff {
  by: string;
  at: string;
  comments?: string | null;
}

export interface DecisionContext extends LifecycleFacts {
  rules: LifecycleRules;
  /** Starts at 1; each request-changes / refer-back makes a new revision and resets sign-offs. */
  revision: number;
  /** Sign-offs of the current revision, by area. */
  signOffs: Record<string, SignOff>;
  /** Latest changes requested, by area (cleared on submit). */
  changesRequested: Record<string, SignOff>;
  /** True after scrutiny referred it back: a reconsidered decision is not subject to call-in again. */
  reconsideration: boolean;
  submittedAt: string | null;
  forDeterminationAt: string | null;
  /** YYYY-MM-DD */
  decidedAt: string | null;
  /** YYYY-MM-DD */
  publishedAt: string | null;
  /** ISO instant */
  callInDeadline: string | null;
  /** ISO instant the decision takes effect once the call-in period ends (from the calendar at publication). */
  callInEffectiveAt: string | null;
  /** ISO instant, or the publication date (YYYY-MM-DD) when not subject to call-in. */
  effectiveAt: string | null;
  deferredUntil: string | null;
  calledInBy: string[];
}

export interface LifecycleInput {
  facts: LifecycleFactsInput;
  rules: LifecycleRules | LegacyLifecycleRules;
}

/** The call-in period as the calendar computed it; the shell passes it in with PUBLISH. */
export interface CallInPeriod {
  /** ISO instant the period ends. */
  deadline: string;
  /** ISO instant the decision takes effect (= deadline, next calendar day or next working day, per council). */
  effectiveAt: string;
}

export type LifecycleEvent =
  | { type: 'EDIT'; at: string; changes: Partial<LifecycleFacts> }
  | { type: 'SUBMIT'; at: string }
  | { type: 'SIGN_OFF'; at: string; area: string; by: string; comments?: string | null }
  | { type: 'REQUEST_CHANGES'; at: string; area: string; by: string; comments: string }
  | { type: 'APPROVE'; at: string; decidedAt: string }
  | { type: 'REJECT'; at: string; decidedAt: string; reasons: string }
  | { type: 'DEFER'; at: string; reason: string; until?: string | null }
  | { type: 'RESUME'; at: string }
  | { type: 'REFER_BACK'; at: string; comments: string }
  | { type: 'WITHDRAW'; at: string; reason: string }
  | { type: 'PUBLISH'; at: string; publishedAt: string; callIn: CallInPeriod }
  | { type: 'CALL_IN'; at: string; members: string[]; reasons: string; scrutinyChair?: boolean }
  | { type: 'SCRUTINY_OUTCOME'; at: string; outcome: ScrutinyOutcome; comments?: string | null }
  | { type: 'COUNCIL_OUTCOME'; at: string; outcome: CouncilOutcome; comments?: string | null }
  | { type: 'CALL_IN_PERIOD_ENDED'; at: string; dueAt: string }
  | { type: 'CLOSE'; at: string };

export type LifecycleEventType = LifecycleEvent['type'];

/** A timer the current state asks the shell to keep (a DB row + a BullMQ delayed job). */
export interface TimerRequest {
  /** The event to send when it fires. */
  event: 'CALL_IN_PERIOD_ENDED';
  /** ISO instant. */
  dueAt: string;
  /** Stable across retries, unique per state entry: derived from the state path, revision and due time; no ':'. */
  key: string;
}

/** What the shell persists and restores (a plain JSON object). */
export interface PersistedLifecycle {
  state: DecisionState;
  context: DecisionContext;
}

/** Who is acting, as the JWT says. */
export interface Actor {
  userId: string;
  name: string;
  roles: string[];
}

/** Who is assigned to what on one decision. */
export interface Assignment {
  authorUserId: string;
  decisionMakerUserId: string | null;
  consultees: { area: string; assigneeUserId?: string | null }[];
}
