import { arrangementRowFromJson, arrangementRowsFromBody, arrangementsBody, blankArrangement, type ArrangementLike, type ArrangementRow } from './arrangement-rows.js';
import { dateFromParts, isBlankRow, lines, partsFromDate, rows, text, yesNo, type DateParts, type FormBody } from './form-values.js';

/** The drafting form as the page shows it: every value a string, lists as rows. */
export interface DecisionFormValues {
  reference: string;
  title: string;
  decisionMaker: { title: string; userId: string };
  decisionType: string;
  isKeyDecision: string;
  isSubjectToCallIn: string;
  urgency: string;
  generalExceptionNoticeAt: DateParts;
  specialUrgency: { agreedBy: string; agreedAt: DateParts };
  callInWaiver: { reason: string; agreedBy: string };
  forwardPlanNoticeAt: DateParts;
  plannedDeterminationAt: DateParts;
  purpose: string;
  recommendations: { text: string }[];
  reasons: string;
  alternativeOptions: { text: string }[];
  consultees: { area: string; label: string; assigneeUserId: string }[];
  contact: { name: string; role: string; phone: string; email: string };
  funding: { amount: string; currency: string; source: string }[];
  conflictsOfInterest: string;
  dispensation: string;
  wardsAffected: string;
  otherConsulted: string;
  /** Absent while this build has no staffing arrangements (the form neither shows nor sends them). */
  staffingArrangements?: ArrangementRow[];
}

/** The lists the form lets you add rows to and remove rows from (the GOV.UK "add another" pattern, without JavaScript). */
export const ROW_LISTS = {
  recommendations: () => ({ text: '' }),
  alternativeOptions: () => ({ text: '' }),
  consultees: () => ({ area: '', label: '', assigneeUserId: '' }),
  funding: () => ({ amount: '', currency: 'GBP', source: '' }),
  staffingArrangements: blankArrangement,
} as const;
export type RowList = keyof typeof ROW_LISTS;

const DATE_FIELDS = ['forwardPlanNoticeAt', 'plannedDeterminationAt', 'generalExceptionNoticeAt', 'specialUrgency.agreedAt'] as const;
export const DECISION_DATE_FIELDS: readonly string[] = DATE_FIELDS;

/** A blank draft, with the consultees most decisions have (HR, finance, legal) ready to keep or remove. */
export function newDraftForm(options: { arrangements?: boolean } = {}): DecisionFormValues {
  return {
    ...(options.arrangements ? { staffingArrangements: [] } : {}),
    reference: '',
    title: '',
    decisionMaker: { title: '', userId: '' },
    decisionType: 'executive',
    isKeyDecision: '',
    isSubjectToCallIn: '',
    urgency: 'none',
    generalExceptionNoticeAt: partsFromDate(null),
    specialUrgency: { agreedBy: '', agreedAt: partsFromDate(null) },
    callInWaiver: { reason: '', agreedBy: '' },
    forwardPlanNoticeAt: partsFromDate(null),
    plannedDeterminationAt: partsFromDate(null),
    purpose: '',
    recommendations: [{ text: '' }],
    reasons: '',
    alternativeOptions: [{ text: '' }],
    consultees: [
      { area: 'hr', label: 'HR', assigneeUserId: '' },
      { area: 'finance', label: 'Finance', assigneeUserId: '' },
      { area: 'legal', label: 'Legal', assigneeUserId: '' },
    ],
    contact: { name: '', role: '', phone: '', email: '' },
    funding: [ROW_LISTS.funding()],
    conflictsOfInterest: '',
    dispensation: '',
    wardsAffected: '',
    otherConsulted: '',
  };
}

function rowValues<K extends string>(value: unknown, keys: readonly K[]): Record<K, string>[] {
  return rows(value).map((row) => Object.fromEntries(keys.map((k) => [k, typeof row[k] === 'string' ? (row[k] as string) : ''])) as Record<K, string>);
}

function dateParts(value: unknown): DateParts {
  const v = (value && typeof value === 'object' ? value : {}) as Record<string, unknown>;
  const s = (x: unknown) => (typeof x === 'string' ? x : '');
  return { day: s(v.day), month: s(v.month), year: s(v.year) };
}

/** What a posted form holds, as form values (nothing dropped, so a page shown again keeps what was typed). */
export function formValuesFromBody(body: FormBody): DecisionFormValues {
  const s = (x: unknown) => (typeof x === 'string' ? x : '');
  const dm = (body.decisionMaker ?? {}) as Record<string, unknown>;
  const contact = (body.contact ?? {}) as Record<string, unknown>;
  const su = (body.specialUrgency ?? {}) as Record<string, unknown>;
  const waiver = (body.callInWaiver ?? {}) as Record<string, unknown>;
  return {
    reference: s(body.reference),
    title: s(body.title),
    decisionMaker: { title: s(dm.title), userId: s(dm.userId) },
    decisionType: s(body.decisionType),
    isKeyDecision: s(body.isKeyDecision),
    isSubjectToCallIn: s(body.isSubjectToCallIn),
    urgency: s(body.urgency),
    generalExceptionNoticeAt: dateParts(body.generalExceptionNoticeAt),
    specialUrgency: { agreedBy: s(su.agreedBy), agreedAt: dateParts(su.agreedAt) },
    callInWaiver: { reason: s(waiver.reason), agreedBy: s(waiver.agreedBy) },
    forwardPlanNoticeAt: dateParts(body.forwardPlanNoticeAt),
    plannedDeterminationAt: dateParts(body.plannedDeterminationAt),
    purpose: s(body.purpose),
    recommendations: rowValues(body.recommendations, ['text']),
    reasons: s(body.reasons),
    alternativeOptions: rowValues(body.alternativeOptions, ['text']),
    consultees: rowValues(body.consultees, ['area', 'label', 'assigneeUserId']),
    contact: { name: s(contact.name), role: s(contact.role), phone: s(contact.phone), email: s(contact.email) },
    funding: rowValues(body.funding, ['amount', 'currency', 'source']),
    conflictsOfInterest: s(body.conflictsOfInterest),
    dispensation: s(body.dispensation),
    wardsAffected: s(body.wardsAffected),
    otherConsulted: s(body.otherConsulted),
    // The form had the section when it posted its marker (a form with no rows left still says "none").
    ...(body.staffingArrangementsShown ? { staffingArrangements: arrangementRowsFromBody(body.staffingArrangements) } : {}),
  };
}

/** "£226,000" or "226000.50" → a number; anything else stays as typed, for the validator to refuse. */
function amount(raw: string): number | string | null {
  const t = raw.trim();
  if (!t) return null;
  const plain = t.replace(/^£\s*/, '').replace(/,(?=\d{3}(\D|$))/g, '');
  return /^\d+(\.\d+)?$/.test(plain) ? Number(plain) : t;
}

/**
 * The create/patch body of the API from the form: the same body the JSON API validates, so the page shows the
 * API's own verdict. Blank optional fields are sent as "cleared" (null, '' or []), blank rows are dropped.
 */
export function bodyFromForm(v: DecisionFormValues, mode: 'create' | 'edit'): Record<string, unknown> {
  const nullable = (x: string) => text(x) || null;
  const contact = { name: nullable(v.contact.name), role: nullable(v.contact.role), phone: nullable(v.contact.phone), email: nullable(v.contact.email) };
  const body: Record<string, unknown> = {
    title: text(v.title),
    decisionMaker: { title: text(v.decisionMaker.title), userId: nullable(v.decisionMaker.userId) },
    decisionType: text(v.decisionType) || undefined,
    isKeyDecision: yesNo(v.isKeyDecision),
    // Unanswered: the decision type's rule decides.
    isSubjectToCallIn: yesNo(v.isSubjectToCallIn),
    urgency: text(v.urgency) || undefined,
    generalExceptionNoticeAt: dateFromParts(v.generalExceptionNoticeAt),
    // A group with any part filled in is sent whole, so the validator names what is missing from it.
    specialUrgency:
      text(v.specialUrgency.agreedBy) || dateFromParts(v.specialUrgency.agreedAt) !== null
        ? { agreedBy: text(v.specialUrgency.agreedBy), agreedAt: dateFromParts(v.specialUrgency.agreedAt) }
        : null,
    callInWaiver: text(v.callInWaiver.reason) || text(v.callInWaiver.agreedBy) ? { reason: text(v.callInWaiver.reason), agreedBy: text(v.callInWaiver.agreedBy) } : null,
    forwardPlanNoticeAt: dateFromParts(v.forwardPlanNoticeAt),
    plannedDeterminationAt: dateFromParts(v.plannedDeterminationAt),
    purpose: text(v.purpose),
    recommendations: v.recommendations.filter((r) => !isBlankRow(r)).map((r) => ({ text: text(r.text) })),
    reasons: text(v.reasons),
    alternativeOptions: v.alternativeOptions.filter((r) => !isBlankRow(r)).map((r) => ({ text: text(r.text) })),
    consultees: v.consultees
      .filter((r) => !isBlankRow(r))
      .map((r) => ({ area: text(r.area), label: nullable(r.label), assigneeUserId: nullable(r.assigneeUserId) })),
    contact: Object.values(contact).some((x) => x !== null) ? contact : null,
    funding: v.funding
      // A row with only the currency filled in is a spare line.
      .filter((r) => text(r.amount) || text(r.source))
      .map((r) => ({ amount: amount(r.amount), currency: text(r.currency) || 'GBP', source: nullable(r.source) })),
    conflictsOfInterest: nullable(v.conflictsOfInterest),
    dispensation: nullable(v.dispensation),
    wardsAffected: lines(v.wardsAffected),
    otherConsulted: nullable(v.otherConsulted),
    staffingArrangements: v.staffingArrangements ? arrangementsBody(v.staffingArrangements) : undefined,
  };
  if (mode === 'create' && text(v.reference)) body.reference = text(v.reference);
  for (const key of Object.keys(body)) if (body[key] === undefined) delete body[key];
  return body;
}

/** A stored decision (the API representation) as form values, for the edit page. */
export function formFromDecision(d: {
  reference: string;
  title: string;
  decisionMaker: { title: string; userId?: string | null };
  decisionType?: string | null;
  isKeyDecision: boolean;
  isSubjectToCallIn?: boolean;
  urgency: string;
  generalExceptionNoticeAt?: string | null;
  specialUrgency?: { agreedBy: string; agreedAt?: string | null } | null;
  callInWaiver?: { reason: string; agreedBy: string } | null;
  forwardPlanNoticeAt?: string | null;
  plannedDeterminationAt?: string | null;
  purpose?: string | null;
  recommendations?: { text: string }[];
  reasons?: string | null;
  alternativeOptions?: { text: string }[];
  consultees: { area: string; label?: string | null; assigneeUserId?: string | null }[];
  contact?: { name?: string | null; role?: string | null; phone?: string | null; email?: string | null } | null;
  funding?: { amount?: number | null; currency?: string | null; source?: string | null }[];
  conflictsOfInterest?: string | null;
  dispensation?: string | null;
  wardsAffected?: string[];
  otherConsulted?: string | null;
  staffingArrangements?: ArrangementLike[];
}): DecisionFormValues {
  const s = (x: string | null | undefined) => x ?? '';
  const atLeastOne = <T>(list: T[], blank: () => T) => (list.length ? list : [blank()]);
  return {
    reference: d.reference,
    title: d.title,
    decisionMaker: { title: d.decisionMaker.title, userId: s(d.decisionMaker.userId) },
    decisionType: s(d.decisionType),
    isKeyDecision: d.isKeyDecision ? 'yes' : 'no',
    isSubjectToCallIn: d.isSubjectToCallIn === undefined ? '' : d.isSubjectToCallIn ? 'yes' : 'no',
    urgency: d.urgency,
    generalExceptionNoticeAt: partsFromDate(d.generalExceptionNoticeAt),
    specialUrgency: { agreedBy: s(d.specialUrgency?.agreedBy), agreedAt: partsFromDate(d.specialUrgency?.agreedAt) },
    callInWaiver: { reason: s(d.callInWaiver?.reason), agreedBy: s(d.callInWaiver?.agreedBy) },
    forwardPlanNoticeAt: partsFromDate(d.forwardPlanNoticeAt),
    plannedDeterminationAt: partsFromDate(d.plannedDeterminationAt),
    purpose: s(d.purpose),
    recommendations: atLeastOne((d.recommendations ?? []).map((r) => ({ text: r.text })), ROW_LISTS.recommendations),
    reasons: s(d.reasons),
    alternativeOptions: atLeastOne((d.alternativeOptions ?? []).map((r) => ({ text: r.text })), ROW_LISTS.alternativeOptions),
    consultees: atLeastOne(
      d.consultees.map((c) => ({ area: c.area, label: s(c.label), assigneeUserId: s(c.assigneeUserId) })),
      ROW_LISTS.consultees,
    ),
    contact: { name: s(d.contact?.name), role: s(d.contact?.role), phone: s(d.contact?.phone), email: s(d.contact?.email) },
    funding: atLeastOne(
      (d.funding ?? []).map((f) => ({ amount: f.amount == null ? '' : String(f.amount), currency: s(f.currency) || 'GBP', source: s(f.source) })),
      ROW_LISTS.funding,
    ),
    conflictsOfInterest: s(d.conflictsOfInterest),
    dispensation: s(d.dispensation),
    wardsAffected: (d.wardsAffected ?? []).join('\n'),
    otherConsulted: s(d.otherConsulted),
    ...(d.staffingArrangements ? { staffingArrangements: d.staffingArrangements.map(arrangementRowFromJson) } : {}),
  };
}

export type FormIntent = { type: 'save' } | { type: 'add'; list: RowList } | { type: 'remove'; list: RowList; index: number };

/** The button pressed: "save", "add:consultees" or "remove:consultees:2". Unknown → save. */
export function parseIntent(raw: unknown): FormIntent {
  const m = /^(add|remove):(\w+)(?::(\d+))?$/.exec(text(raw));
  if (m && m[2] in ROW_LISTS) {
    const list = m[2] as RowList;
    if (m[1] === 'add') return { type: 'add', list };
    if (m[3] !== undefined) return { type: 'remove', list, index: Number(m[3]) };
  }
  return { type: 'save' };
}

/** Adds a blank row or removes one; a list keeps one (blank) row so it can always be filled in. */
export function applyRowIntent(v: DecisionFormValues, intent: Exclude<FormIntent, { type: 'save' }>): DecisionFormValues {
  if (v[intent.list] === undefined) return v;
  const list = [...(v[intent.list] as object[])];
  if (intent.type === 'add') list.push(ROW_LISTS[intent.list]());
  else list.splice(intent.index, 1);
  // Arrangements are optional: a decision may approve none, so that list may be empty.
  if (list.length === 0 && intent.list !== 'staffingArrangements') list.push(ROW_LISTS[intent.list]());
  return { ...v, [intent.list]: list };
}
