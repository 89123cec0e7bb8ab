import { computeCallInDeadline, londonDateOf, londonInstant } from '#libs/calendar';
import { callInRuleFor, lifecycleRulesOf, type Constitution } from '#libs/constitution';
import { applyEvent, startLifecycle, type Actor, type PersistedLifecycle } from '#libs/lifecycle';
import { duplicateKey, type DecisionRecord as ParsedRecord, type Extraction } from '#libs/records';
import type { DecisionEntity, DecisionRecord, ImportedFrom } from '#libs/store';

/** A record that cannot be imported as it stands: the field (as the record labels it) and why. */
export class ImportRefused extends Error {
  constructor(readonly problems: { field: string; label: string; message: string }[]) {
    super(problems.map((p) => `${p.label} ${p.message}`).join('; '));
  }
}

export interface ImportSource {
  /** The file name, or "request body". */
  name: string;
  format: 'text' | 'html';
}

/**
 * The statuses an imported record may have, and the state each starts in before its dates are applied. Others
 * (Implemented, Called In, Rejected …) are refused by name: their state depends on facts a record does not
 * carry (its arrangements' ends, a call-in's members), and importing them as something else would change them.
 */
const IMPORTABLE: Record<string, 'for-determination' | 'approved'> = {
  'For Determination': 'for-determination',
  'Recommendations Approved': 'approved',
  'Recommendations Approved (subject to call-in)': 'approved',
};

/**
 * The decision a "Decision details" record describes, in the state its status and dates imply (pure: time
 * and the constitution are arguments). For Determination → `for-determination` (its date of decision is the
 * planned one). Recommendations Approved → `approved`; with a publication date, published as Ratify would
 * have published it: `effective` when not subject to call-in or when the call-in period (the council's rule,
 * counted by libs/calendar) has ended by `now`, else `call-in-period` with its deadline still to come.
 */
export function importedDecision(
  record: ParsedRecord,
  extraction: Extraction,
  ctx: { id: string; now: Date; actor: Actor; constitution: Constitution; source: ImportSource },
): DecisionRecord {
  const { now, constitution } = ctx;
  const at = now.toISOString();
  const today = londonDateOf(at);
  const start = startState(record);
  const decided = record.dateOfDecision!;
  const published = record.publicationDate;
  const problems: ImportRefused['problems'] = [];
  if (start === 'approved') {
    if (decided > today) problems.push({ field: 'dateOfDecision', label: 'Date of decision', message: `is in the future (${decided}): an approved decision was taken on or before today` });
    if (published && published > today) problems.push({ field: 'publicationDate', label: 'Publication date', message: `is in the future (${published})` });
    if (published && published < decided) problems.push({ field: 'publicationDate', label: 'Publication date', message: `(${published}) is before the date of decision (${decided})` });
  }
  if (problems.length) throw new ImportRefused(problems);

  const rules = lifecycleRulesOf(constitution);
  const decisionType = 'executive' as const;
  // "Is subject to call in?" as the record says; when it does not say, the rule for the type decides (as for a new draft).
  const isSubjectToCallIn = record.isSubjectToCallIn ?? rules.callIn[decisionType].applies;
  let lifecycle = startLifecycle({
    facts: { decisionType, isKeyDecision: record.isKeyDecision ?? false, isSubjectToCallIn, urgency: 'none', consultees: [], forwardPlanNoticeAt: null },
    rules,
  });
  // A pending record has been For Determination since it appeared on its register.
  const pendingSince = start === 'for-determination' && published && published <= today ? londonInstant(published, '00:00') : at;
  lifecycle = accept(lifecycle, { type: 'SUBMIT', at: pendingSince });
  if (start === 'approved') {
    // Approved elsewhere: the record is the determination, so Ratify's own approval guard (the forward-plan
    // notice it checks when a decision maker approves here) is not applied again.
    lifecycle = { state: 'approved', context: { ...lifecycle.context, decidedAt: decided } };
    if (published) {
      const { deadline, effectiveAt } = computeCallInDeadline(published, callInRuleFor(constitution, decisionType), { publishedTime: null, decidedAt: decided });
      lifecycle = accept(lifecycle, { type: 'PUBLISH', at, publishedAt: published, callIn: { deadline, effectiveAt } });
      if (lifecycle.state === 'call-in-period' && Date.parse(deadline) <= now.getTime()) {
        lifecycle = accept(lifecycle, { type: 'CALL_IN_PERIOD_ENDED', at, dueAt: deadline });
      }
    }
  }

  const lc = lifecycle.context;
  const contact = record.contact;
  const imported: ImportedFrom = {
    source: ctx.source,
    at,
    referenceGiven: record.reference !== null,
    record: {
      emails: contact?.emails ?? [],
      documents: record.documents,
      effectiveFrom: record.effectiveFrom,
      decidedAtMeeting: record.decidedAtMeeting,
      reportAuthor: record.reportAuthor,
      isUrgent: record.isUrgent,
      risks: record.risks,
      statusAsWritten: record.status && !(record.status in IMPORTABLE) ? record.status : null,
    },
  };
  const decision = {
    id: ctx.id,
    reference: record.reference ?? '',
    version: 1,
    state: lifecycle.state,
    lifecycle,
    title: record.title,
    decisionMakerTitle: record.decisionMaker,
    decisionMakerUserId: null,
    authorUserId: ctx.actor.userId,
    authorName: ctx.actor.name,
    decisionType,
    isKeyDecision: record.isKeyDecision ?? false,
    isSubjectToCallIn,
    urgency: 'none',
    generalExceptionNoticeAt: null,
    specialUrgency: null,
    callInWaiver: null,
    forwardPlanNoticeAt: null,
    purpose: record.purpose ?? '',
    recommendations: record.decision.recommendations.map((r) => (r.marker ? { marker: r.marker, text: r.text } : { text: r.text })),
    reasons: record.reasons ?? '',
    alternativeOptions: (record.alternativeOptions ?? '').split('\n').map((t) => t.trim()).filter(Boolean).map((text) => ({ text })),
    contact: contact ? { name: contact.name, role: contact.post, phone: contact.phone, email: contact.emails[0] ?? null } : null,
    funding: extraction.funding.map((f) => ({ amount: f.amount, currency: f.currency, source: f.source })),
    conflictsOfInterest: record.conflictsOfInterest,
    dispensation: record.dispensation,
    wardsAffected: record.wardsAffected,
    otherConsulted: record.otherConsulted,
    decisionText: record.decision.preamble,
    decidedAt: lc.decidedAt,
    publishedAt: lc.publishedAt,
    // A pending record's date of decision is the date it is planned to be taken.
    plannedDeterminationAt: start === 'for-determination' ? decided : null,
    imported,
    importKey: duplicateKey(record),
    stateEnteredAt: now,
    createdAt: now,
    updatedAt: now,
  } as DecisionEntity;
  return { decision, consultations: [] };
}

/** The state the record's status starts from, or why it cannot be imported. */
export function startState(record: ParsedRecord): 'for-determination' | 'approved' {
  const accepted = Object.keys(IMPORTABLE).join(', ');
  if (!record.status) {
    throw new ImportRefused([{ field: 'status', label: 'Decision status', message: `is missing: the record needs one of ${accepted}` }]);
  }
  const start = IMPORTABLE[record.status];
  if (!start) {
    throw new ImportRefused([{ field: 'status', label: 'Decision status', message: `'${record.status}' cannot be imported: it must be one of ${accepted}` }]);
  }
  return start;
}

function accept(lifecycle: PersistedLifecycle, event: Parameters<typeof applyEvent>[1]): PersistedLifecycle {
  const result = applyEvent(lifecycle, event);
  // Every event above is one the state takes; a refusal is a bug in this mapping, not bad input.
  if (!result.accepted) throw new Error(`import: ${event.type} refused in ${lifecycle.state}: ${result.reason}`);
  return result.next;
}
