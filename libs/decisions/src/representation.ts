import { displayStatus, permittedActions, type Actor, type Assignment, type ActionName } from '#libs/lifecycle';
import type { ConsultationEntity, DecisionEntity, HistoryEntity } from '#libs/store';
import type { DecisionDraft } from './decision-input.js';

export function assignmentOf(d: DecisionEntity, consultations: ConsultationEntity[]): Assignment {
  return {
    authorUserId: d.authorUserId,
    decisionMakerUserId: d.decisionMakerUserId,
    consultees: consultations.map((c) => ({ area: c.area, assigneeUserId: c.assigneeUserId })),
  };
}

export function allowedActionsFor(d: DecisionEntity, consultations: ConsultationEntity[], actor: Actor): ActionName[] {
  return permittedActions(d.lifecycle, assignmentOf(d, consultations), actor);
}

/** The record's own fields, as the create body has them (also what a PATCH is laid over). */
export function draftOf(d: DecisionEntity): Omit<DecisionDraft, 'reference'> {
  return {
    title: d.title,
    decisionMaker: { title: d.decisionMakerTitle, userId: d.decisionMakerUserId },
    decisionType: d.decisionType,
    isKeyDecision: d.isKeyDecision,
    isSubjectToCallIn: d.isSubjectToCallIn,
    urgency: d.urgency,
    generalExceptionNoticeAt: d.generalExceptionNoticeAt,
    specialUrgency: d.specialUrgency,
    callInWaiver: d.callInWaiver,
    forwardPlanNoticeAt: d.forwardPlanNoticeAt,
    plannedDeterminationAt: d.plannedDeterminationAt,
    purpose: d.purpose,
    recommendations: d.recommendations,
    reasons: d.reasons,
    alternativeOptions: d.alternativeOptions,
    contact: d.contact,
    funding: d.funding,
    conflictsOfInterest: d.conflictsOfInterest,
    dispensation: d.dispensation,
    wardsAffected: d.wardsAffected,
    otherConsulted: d.otherConsulted,
  };
}

/** The decision as CONTRACT.md shows it, with what *this caller* may do now. */
export function representDecision(d: DecisionEntity, consultations: ConsultationEntity[], actor: Actor) {
  const ctx = d.lifecycle.context;
  return {
    id: d.id,
    reference: d.reference,
    version: d.version,
    state: d.state,
    status: displayStatus(d.state),
    revision: ctx.revision,
    ...draftOf(d),
    author: { userId: d.authorUserId, name: d.authorName },
    consultees: consultations.map((c) => ({ area: c.area, label: c.label, assigneeUserId: c.assigneeUserId })),
    decisionText: d.decisionText,
    consultations: consultations.map((c) => ({
      area: c.area,
      label: c.label,
      status: c.status,
      by: c.by,
      at: c.at ? c.at.toISOString() : null,
      comments: c.comments,
    })),
    dates: {
      createdAt: d.createdAt.toISOString(),
      submittedAt: ctx.submittedAt,
      forDeterminationAt: ctx.forDeterminationAt,
      decidedAt: ctx.decidedAt,
      publishedAt: ctx.publishedAt,
      callInDeadline: ctx.callInDeadline,
      effectiveAt: ctx.effectiveAt,
    },
    warnings: warningsFor(d),
    allowedActions: allowedActionsFor(d, consultations, actor),
  };
}

/** Which decision, and where it stands: no field of its record. */
export function summarise(d: Pick<DecisionEntity, 'id' | 'reference' | 'title' | 'state'>) {
  return { id: d.id, reference: d.reference, title: d.title, state: d.state, status: displayStatus(d.state) };
}

/**
 * What an officer should check, never a block: funding at or above the council's key-decision threshold on a
 * decision not marked key, and a decision its rule set calls in that is marked not subject to call-in with
 * no waiver saying why.
 */
export function warningsFor(d: DecisionEntity): string[] {
  const ctx = d.lifecycle.context;
  const warnings: string[] = [];
  const threshold = ctx.rules.keyDecisionThreshold;
  const total = (d.funding ?? []).reduce((sum, f) => sum + (typeof f.amount === 'number' ? f.amount : 0), 0);
  // Key decisions are executive decisions (reg. 8 of the 2012 Regulations): never a warning on a non-executive one.
  if (threshold !== null && !ctx.isKeyDecision && ctx.decisionType !== 'non-executive' && total >= threshold) {
    warnings.push(
      `its funding (£${total.toLocaleString('en-GB')}) reaches the key-decision threshold of £${threshold.toLocaleString('en-GB')}, but it is not marked as a key decision: check whether it is one`,
    );
  }
  if (ctx.rules.callIn[ctx.decisionType]?.applies && !ctx.isSubjectToCallIn && !ctx.callInWaiver) {
    warnings.push(`${ctx.decisionType} decisions are subject to call-in under the constitution, but this one is marked not subject to call-in and no call-in waiver records why`);
  }
  return warnings;
}

export type DecisionRepresentation = ReturnType<typeof representDecision>;

export function representHistory(h: HistoryEntity) {
  return {
    seq: h.seq,
    type: h.type,
    at: h.at.toISOString(),
    actor: { userId: h.actorUserId, name: h.actorName },
    fromState: h.fromState,
    toState: h.toState,
    payload: h.payload,
    hash: h.hash,
  };
}
