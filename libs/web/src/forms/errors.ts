import { ARRANGEMENT_LABELS } from './arrangement-rows.js';

/** One problem with one field, as the API's validation and the decision service name them. */
export interface FieldProblem {
  field: string;
  message: string;
}

/** What the page needs: the error summary's list (linking to each field) and the message beside each field. */
export interface FormErrors {
  summary: { text: string; href: string }[];
  byField: Record<string, string>;
}

export const NO_ERRORS: FormErrors = { summary: [], byField: {} };

const ORDINAL = (path: string) => path.replace(/\.(\d+)\./g, (_, n) => ` ${Number(n) + 1} `);

/** Labels of the fields (by path, list indexes as *), in the words the page uses. */
const LABELS: Record<string, string> = {
  reference: 'Reference',
  title: 'Title',
  'decisionMaker.title': 'Decision maker',
  'decisionMaker.userId': 'Decision maker’s user ID',
  decisionType: 'Type of decision',
  generalExceptionNoticeAt: 'Date of the general exception notice',
  'specialUrgency.agreedBy': 'Who agreed to special urgency',
  'specialUrgency.agreedAt': 'Date special urgency was agreed',
  'callInWaiver.reason': 'Reason for the call-in waiver',
  'callInWaiver.agreedBy': 'Who agreed the call-in waiver',
  publishedTime: 'Time of publication',
  isKeyDecision: 'Key decision',
  isSubjectToCallIn: 'Subject to call-in',
  urgency: 'Urgency',
  forwardPlanNoticeAt: 'Date on the forward plan',
  plannedDeterminationAt: 'Planned date of decision',
  purpose: 'Purpose',
  'recommendations.*.text': 'Recommendation *',
  reasons: 'Reasons for the decision',
  'alternativeOptions.*.text': 'Alternative option *',
  'consultees.*.area': 'Consultee * area',
  'consultees.*.label': 'Consultee * name',
  'consultees.*.assigneeUserId': 'Consultee * assignee',
  'contact.name': 'Contact name',
  'contact.role': 'Contact post',
  'contact.phone': 'Contact phone',
  'contact.email': 'Contact email',
  'funding.*.amount': 'Funding * amount',
  'funding.*.currency': 'Funding * currency',
  'funding.*.source': 'Funding * source',
  conflictsOfInterest: 'Conflicts of interest',
  dispensation: 'Dispensation',
  wardsAffected: 'Wards affected',
  otherConsulted: 'Others consulted',
  area: 'Consultee area',
  comments: 'Comments',
  decisionText: 'Decision as taken',
  decidedAt: 'Date of decision',
  reason: 'Reason',
  until: 'Deferred until',
  publishedAt: 'Publication date',
  members: 'Members calling it in',
  outcome: 'Outcome',
  ...ARRANGEMENT_LABELS,
};

/** Messages for the answers a GOV.UK page asks for in its own words (a choice not made, a date not real). */
const ASKS: Record<string, string> = {
  isKeyDecision: 'Select yes if this is a key decision',
  isSubjectToCallIn: 'Select yes if the decision is subject to call-in',
  urgency: 'Select the urgency procedure, or none',
  decisionType: 'Select the type of decision',
  outcome: 'Select the outcome',
  area: 'Select the consultee area you are signing for',
  'staffingArrangements.*.kind': 'Select the kind of arrangement *',
};

export interface ErrorOptions {
  /** Fields shown as GOV.UK date inputs (day, month, year). */
  dateFields?: readonly string[];
  /** Labels of this form's own fields, over the defaults. */
  labels?: Record<string, string>;
}

export function labelOf(field: string, labels: Record<string, string> = {}): string {
  const pattern = field.replace(/\.\d+\./g, '.*.');
  const index = /\.(\d+)\./.exec(field);
  const label = labels[field] ?? LABELS[pattern] ?? LABELS[field] ?? ORDINAL(field);
  return index ? label.replace('*', String(Number(index[1]) + 1)) : label;
}

/** The id of the input a problem links to (`consultees.1.area` → `consultees-1-area`; dates link to their day box). */
export function fieldId(field: string, dateFields: readonly string[] = []): string {
  const id = field.replace(/\./g, '-');
  return dateFields.includes(field) ? `${id}-day` : id;
}

/** The validator's message in the page's words: the field's label first, never its property name. */
export function friendlyMessage(problem: FieldProblem, { dateFields = [], labels }: ErrorOptions = {}): string {
  const { field, message } = problem;
  const label = labelOf(field, labels);
  const ask = ASKS[field] ?? ASKS[field.replace(/\.\d+\./g, '.*.')];
  const index = /\.(\d+)\./.exec(field);
  if (ask && /must be|should not|one of the following|is required/.test(message)) return index ? ask.replace('*', String(Number(index[1]) + 1)) : ask;
  if (dateFields.includes(field) && /YYYY-MM-DD/.test(message)) return `${label} must be a real date, like 18 11 2020`;
  const property = field.split('.').at(-1)!;
  const rest = message.startsWith(`${property} `) ? message.slice(property.length + 1) : message;
  if (/^should not be empty$/.test(rest)) return `Enter ${label.charAt(0).toLowerCase()}${label.slice(1)}`;
  if (/^must be a number/.test(rest)) return `${label} must be a number, like 226000`;
  if (/^must be longer than or equal to (\d+) characters$/.test(rest)) return `${label} must be ${/\d+/.exec(rest)![0]} characters or more`;
  return `${label} ${rest}`;
}

/** Field problems → the page's errors, in the order the fields appear (one message per field: the first). */
export function formErrors(problems: FieldProblem[], options: ErrorOptions = {}): FormErrors {
  const byField: Record<string, string> = {};
  const summary: FormErrors['summary'] = [];
  for (const p of problems) {
    if (byField[p.field]) continue;
    const text = friendlyMessage(p, options);
    byField[p.field] = text;
    summary.push({ text, href: `#${fieldId(p.field, options.dateFields)}` });
  }
  return { summary, byField };
}
