import type { LifecycleFacts, LifecycleRules } from '#libs/lifecycle';
import type { ConsulteeInput, DecisionDraft, DecisionPatch } from './decision-input.js';
import { InvalidInput } from './errors.js';

type Problem = { field: string; message: string };

/**
 * A record's call-in and urgency fields made whole and consistent, or a 400 naming each bad field.
 * `merged` is the whole record after the change (the create body, or the stored record with the patch laid
 * over it); `given` is what the caller sent. Returns the fields to store besides what was sent:
 * - `decisionType` defaults to 'executive';
 * - `isSubjectToCallIn`, when not sent, follows the type's rule set (on create, and when a patch changes
 *   the type); it may not be true for a type the constitution never calls in;
 * - the urgency's record is required (`generalExceptionNoticeAt`, `specialUrgency`), may not be sent with
 *   another urgency, and is cleared when a patch changes the urgency.
 */
export function settleCallInFields<T extends DecisionPatch>(merged: DecisionPatch, given: T, callIn: LifecycleRules['callIn']): T & Required<Pick<DecisionDraft, 'decisionType' | 'isSubjectToCallIn'>> {
  const problems: Problem[] = [];
  const decisionType = merged.decisionType ?? 'executive';
  const applies = callIn[decisionType].applies;
  const settled: DecisionPatch = { ...given, decisionType };

  if (given.isSubjectToCallIn === undefined && (merged.isSubjectToCallIn === undefined || given.decisionType !== undefined)) {
    settled.isSubjectToCallIn = applies;
  } else {
    settled.isSubjectToCallIn = given.isSubjectToCallIn ?? merged.isSubjectToCallIn;
    if (settled.isSubjectToCallIn && !applies) {
      problems.push({ field: 'isSubjectToCallIn', message: `${decisionType} decisions are never subject to call-in under this council's constitution: leave it out or send false` });
    }
  }

  const urgency = merged.urgency ?? 'none';
  if (given.generalExceptionNoticeAt && urgency !== 'general-exception') {
    problems.push({ field: 'generalExceptionNoticeAt', message: "goes only with urgency 'general-exception'" });
  }
  if (given.specialUrgency && urgency !== 'special-urgency') {
    problems.push({ field: 'specialUrgency', message: "goes only with urgency 'special-urgency'" });
  }
  if (urgency === 'general-exception' && !merged.generalExceptionNoticeAt) {
    problems.push({ field: 'generalExceptionNoticeAt', message: 'is required with the general exception: the date (YYYY-MM-DD) notice was given to the scrutiny chair and the public' });
  }
  if (urgency === 'special-urgency' && !merged.specialUrgency) {
    problems.push({ field: 'specialUrgency', message: 'is required with special urgency: { "agreedBy", "agreedAt" }, who agreed the decision could not reasonably be deferred, and when' });
  }
  if (problems.length) throw new InvalidInput(`invalid ${[...new Set(problems.map((p) => p.field))].join(', ')}`, problems);

  if (urgency !== 'general-exception' && merged.generalExceptionNoticeAt) settled.generalExceptionNoticeAt = null;
  if (urgency !== 'special-urgency' && merged.specialUrgency) settled.specialUrgency = null;
  return settled as T & Required<Pick<DecisionDraft, 'decisionType' | 'isSubjectToCallIn'>>;
}

/** The lifecycle's facts of a (settled) record. */
export function lifecycleFactsOf(d: DecisionDraft, consultees: ConsulteeInput[]): LifecycleFacts {
  return {
    decisionType: d.decisionType ?? 'executive',
    isKeyDecision: d.isKeyDecision,
    isSubjectToCallIn: d.isSubjectToCallIn ?? true,
    urgency: d.urgency,
    generalExceptionNoticeAt: d.generalExceptionNoticeAt ?? null,
    specialUrgency: d.specialUrgency ?? null,
    callInWaiver: d.callInWaiver ?? null,
    consultees: consultees.map((c) => c.area),
    forwardPlanNoticeAt: d.forwardPlanNoticeAt ?? null,
  };
}

/** The facts a (settled) patch changes. */
export function factChangesOf(patch: DecisionPatch, consultees?: ConsulteeInput[]): Partial<LifecycleFacts> {
  const facts: Partial<LifecycleFacts> = {};
  const set = facts as Record<string, unknown>;
  for (const key of ['decisionType', 'isKeyDecision', 'isSubjectToCallIn', 'urgency'] as const) if (patch[key] != null) set[key] = patch[key];
  for (const key of ['generalExceptionNoticeAt', 'specialUrgency', 'callInWaiver', 'forwardPlanNoticeAt'] as const) if (patch[key] !== undefined) set[key] = patch[key] ?? null;
  if (consultees) facts.consultees = consultees.map((c) => c.area);
  return facts;
}
