import { londonDateOf } from '#libs/calendar';
import { displayStatus, type DecisionState } from '#libs/lifecycle';
import { emptyRecord, type DecisionRecord } from '#libs/records';

/** The columns the register reads: the record's public fields and its dates — nothing internal. */
export interface PublicRow {
  id: string;
  public_number: string;
  reference: string;
  title: string;
  decision_maker_title: string;
  is_key_decision: boolean;
  is_subject_to_call_in: boolean;
  purpose: string;
  recommendations: { text?: unknown; marker?: unknown }[];
  decision_text: string | null;
  reasons: string;
  alternative_options: { text?: unknown }[];
  contact: { name?: unknown; role?: unknown; phone?: unknown; email?: unknown } | null;
  funding: { amount?: unknown; currency?: unknown; source?: unknown }[];
  conflicts_of_interest: string | null;
  dispensation: string | null;
  wards_affected: unknown[];
  other_consulted: string | null;
  state: DecisionState;
  decided_at: string | null;
  published_at: string | null;
  effective_at: string | null;
  call_in_effective_at: string | null;
  call_in_deadline: string | null;
  for_determination_at: string | null;
  planned_determination_at: string | null;
  /** An imported record's own fields beside the columns (ImportedFrom.record), null for a decision made here. */
  imported_record: { emails?: unknown; documents?: unknown; decidedAtMeeting?: unknown; reportAuthor?: unknown; isUrgent?: unknown; risks?: unknown } | null;
  /** False when an imported record carried no reference (the register's generated one is not the record's). */
  reference_given: boolean | null;
  updated_at: Date;
}

export const PUBLIC_COLUMNS = `
  d.id, d.public_number::text AS public_number, d.reference, d.title, d.decision_maker_title, d.is_key_decision,
  d.is_subject_to_call_in, d.purpose, d.recommendations, d.decision_text, d.reasons, d.alternative_options, d.contact,
  d.funding, d.conflicts_of_interest, d.dispensation, d.wards_affected, d.other_consulted, d.state,
  d.decided_at::text AS decided_at, d.published_at::text AS published_at,
  d.lifecycle->'context'->>'effectiveAt' AS effective_at,
  d.lifecycle->'context'->>'callInEffectiveAt' AS call_in_effective_at,
  d.lifecycle->'context'->>'callInDeadline' AS call_in_deadline,
  d.lifecycle->'context'->>'forDeterminationAt' AS for_determination_at,
  d.planned_determination_at::text AS planned_determination_at,
  d.imported->'record' AS imported_record, (d.imported->>'referenceGiven')::boolean AS reference_given,
  d.updated_at`;

/** A published decision as the public sees it: the record, its display status and its public dates. */
export interface PublicDecision {
  id: string;
  /** Stable public number: the `ID=` of /ieDecisionDetails.aspx. */
  number: number;
  reference: string;
  title: string;
  decisionMaker: { title: string };
  status: string;
  isKeyDecision: boolean;
  isSubjectToCallIn: boolean;
  purpose: string;
  recommendations: { marker?: string; text: string }[];
  decisionText: string | null;
  reasons: string;
  alternativeOptions: { text: string }[];
  otherConsulted: string | null;
  /** `email` is the first of `emails` (a record may give several). */
  contact: { name: string | null; role: string | null; phone: string | null; email: string | null; emails: string[] } | null;
  funding: { amount: number | null; currency: string | null; source: string | null }[];
  conflictsOfInterest: string | null;
  dispensation: string | null;
  wardsAffected: string[];
  /** Accompanying documents (an imported record's). */
  documents: { title: string; url: string | null }[];
  /** Fields some registers add, kept from an imported record (null otherwise). */
  extra: { decidedAtMeeting: string | null; reportAuthor: string | null; isUrgent: boolean | null; risks: string | null };
  /** False when the decision was imported from a record that carried no reference of its own. */
  referenceGiven: boolean;
  dates: {
    /** YYYY-MM-DD */
    decidedAt: string | null;
    /** YYYY-MM-DD the record appeared on the register (a pending decision: when it became For Determination). */
    publishedAt: string | null;
    /** YYYY-MM-DD it may be implemented, when known (the end of the call-in period once published). */
    effectiveFrom: string | null;
    callInDeadline: string | null;
    /** Calendar days from the date of decision to publication (0: published the day it was taken), when both are known. */
    publicationLagDays: number | null;
  };
  updatedAt: string;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const dateOf = (v: string | null): string | null => (!v ? null : /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : londonDateOf(v));

/** Only named fields are copied, so nothing stored beside them (now or later) can leak. */
export function toPublicDecision(row: PublicRow): PublicDecision {
  const pending = row.state === 'for-determination' || row.state === 'deferred';
  const extra = row.imported_record ?? {};
  const email = row.contact ? str(row.contact.email) : null;
  const importedEmails = Array.isArray(extra.emails) ? extra.emails.filter((e): e is string => typeof e === 'string' && e.trim() !== '') : [];
  const decidedAt = row.decided_at ?? (pending ? row.planned_determination_at : null);
  const publishedAt = row.published_at ?? (pending ? dateOf(row.for_determination_at) : null);
  return {
    id: row.id,
    number: Number(row.public_number),
    reference: row.reference,
    title: row.title,
    decisionMaker: { title: row.decision_maker_title },
    status: displayStatus(row.state),
    isKeyDecision: row.is_key_decision,
    isSubjectToCallIn: row.is_subject_to_call_in,
    purpose: row.purpose,
    recommendations: (row.recommendations ?? []).flatMap((r) => {
      const text = str(r?.text);
      if (!text) return [];
      const marker = str(r?.marker);
      return [marker ? { marker, text } : { text }];
    }),
    decisionText: str(row.decision_text),
    reasons: row.reasons,
    alternativeOptions: (row.alternative_options ?? []).flatMap((a) => (str(a?.text) ? [{ text: str(a.text)! }] : [])),
    otherConsulted: str(row.other_consulted),
    contact: row.contact
      ? { name: str(row.contact.name), role: str(row.contact.role), phone: str(row.contact.phone), email, emails: importedEmails.length ? importedEmails : email ? [email] : [] }
      : null,
    funding: (row.funding ?? []).map((f) => ({ amount: num(f?.amount), currency: str(f?.currency), source: str(f?.source) })),
    conflictsOfInterest: str(row.conflicts_of_interest),
    dispensation: str(row.dispensation),
    wardsAffected: (row.wards_affected ?? []).filter((w): w is string => typeof w === 'string'),
    documents: (Array.isArray(extra.documents) ? extra.documents : []).flatMap((d: { title?: unknown; url?: unknown }) => (str(d?.title) ? [{ title: str(d.title)!, url: str(d.url) }] : [])),
    extra: { decidedAtMeeting: str(extra.decidedAtMeeting), reportAuthor: str(extra.reportAuthor), isUrgent: typeof extra.isUrgent === 'boolean' ? extra.isUrgent : null, risks: str(extra.risks) },
    referenceGiven: row.reference_given !== false,
    dates: {
      decidedAt,
      publishedAt,
      effectiveFrom: dateOf(row.effective_at ?? row.call_in_effective_at),
      callInDeadline: row.call_in_deadline,
      publicationLagDays: publicationLag(decidedAt, row.published_at),
    },
    updatedAt: row.updated_at.toISOString(),
  };
}

/** Whole calendar days from the date of decision to its publication (a pending record has none yet). */
export function publicationLag(decidedAt: string | null, publishedAt: string | null): number | null {
  if (!decidedAt || !publishedAt) return null;
  return Math.round((Date.parse(`${publishedAt}T00:00:00Z`) - Date.parse(`${decidedAt}T00:00:00Z`)) / 86_400_000);
}

/** The decision as a "Decision details" record, for the text layout and the pages. */
export function toRecord(d: PublicDecision): DecisionRecord {
  const contact = d.contact && (d.contact.name || d.contact.role || d.contact.phone || d.contact.emails.length)
    ? { name: d.contact.name, post: d.contact.role, phone: d.contact.phone, emails: d.contact.emails }
    : null;
  return {
    ...emptyRecord(),
    reference: d.referenceGiven ? d.reference : null,
    title: d.title,
    decisionMaker: d.decisionMaker.title,
    status: d.status,
    isKeyDecision: d.isKeyDecision,
    isSubjectToCallIn: d.isSubjectToCallIn,
    purpose: d.purpose.trim() || null,
    // The decision maker's words at approval lead the section; the recommendations follow as items.
    decision: { preamble: d.decisionText, recommendations: d.recommendations.map((r) => ({ marker: r.marker ?? null, text: r.text })) },
    reasons: d.reasons.trim() || null,
    alternativeOptions: d.alternativeOptions.map((a) => a.text).join('\n') || null,
    otherConsulted: d.otherConsulted,
    contact,
    publicationDate: d.dates.publishedAt,
    dateOfDecision: d.dates.decidedAt,
    effectiveFrom: d.dates.effectiveFrom,
    wardsAffected: d.wardsAffected,
    conflictsOfInterest: d.conflictsOfInterest,
    dispensation: d.dispensation,
    documents: d.documents,
    decidedAtMeeting: d.extra.decidedAtMeeting,
    reportAuthor: d.extra.reportAuthor,
    isUrgent: d.extra.isUrgent,
    risks: d.extra.risks,
  };
}

/** schema.org `Legislation`, for the HTML page's JSON-LD. */
export function jsonLd(d: PublicDecision, links: { page: string; councilName: string }) {
  return {
    '@context': 'https://schema.org',
    '@type': 'Legislation',
    '@id': links.page,
    url: links.page,
    name: d.title,
    identifier: d.reference,
    legislationIdentifier: d.reference,
    legislationType: d.isKeyDecision ? 'Key decision' : 'Decision',
    legislationDate: d.dates.decidedAt ?? undefined,
    datePublished: d.dates.publishedAt ?? undefined,
    legislationDateVersion: d.dates.effectiveFrom ?? undefined,
    legislationLegalForce: d.dates.effectiveFrom && ['Recommendations Approved', 'Implemented'].includes(d.status) ? 'InForce' : 'NotInForce',
    legislationPassedBy: { '@type': 'Person', jobTitle: d.decisionMaker.title },
    legislationJurisdiction: { '@type': 'AdministrativeArea', name: links.councilName },
    abstract: d.purpose || undefined,
    text: [d.decisionText, ...d.recommendations.map((r) => (r.marker ? `${r.marker} ${r.text}` : r.text))].filter(Boolean).join('\n') || undefined,
    dateModified: d.updatedAt,
  };
}
