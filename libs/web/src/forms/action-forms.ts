import type { ActionName } from '#libs/lifecycle';
import { dateFromParts, lines, optional, text, type FormBody } from './form-values.js';

export type ActionField =
  | { name: string; kind: 'textarea'; label: string; hint?: string; required: boolean }
  | { name: string; kind: 'date'; label: string; hint?: string }
  | { name: string; kind: 'lines'; label: string; hint?: string }
  | { name: string; kind: 'text'; label: string; hint?: string; width?: string }
  | { name: string; kind: 'checkbox'; label: string; hint?: string }
  | { name: string; kind: 'radios'; label: string; options: { value: string; text: string; hint?: string }[] }
  | { name: 'area'; kind: 'area'; label: string };

/** What the page for one action shows: its question, its fields, and the words of its buttons. */
export interface ActionForm {
  action: ActionName;
  title: string;
  /** The confirm button: says exactly what will happen. */
  confirm: string;
  /** A short line for the decision page's list of actions. */
  describe: string;
  /** Actions that end or send back a decision get a warning button. */
  warning?: boolean;
  fields: ActionField[];
}

const SCRUTINY_OUTCOMES = [
  { value: 'no-further-action', text: 'No further action', hint: 'The decision takes effect now.' },
  { value: 'refer-back', text: 'Refer back to the decision maker', hint: 'The decision maker reconsiders it; it cannot be called in again.' },
  { value: 'refer-to-council', text: 'Refer to full council' },
];

const FORMS: Record<ActionName, Omit<ActionForm, 'action'>> = {
  submit: { title: 'Submit this draft', confirm: 'Submit', describe: 'Send it to its consultees, or straight to the decision maker when it has none.', fields: [] },
  'sign-off': {
    title: 'Sign off',
    confirm: 'Sign off',
    describe: 'Sign off for your area.',
    fields: [
      { name: 'area', kind: 'area', label: 'Which area are you signing off for?' },
      { name: 'comments', kind: 'textarea', label: 'Comments (optional)', required: false },
    ],
  },
  'request-changes': {
    title: 'Request changes',
    confirm: 'Request changes',
    describe: 'Send the draft back to its author with your comments; every sign-off starts again.',
    warning: true,
    fields: [
      { name: 'area', kind: 'area', label: 'Which area are you requesting changes for?' },
      { name: 'comments', kind: 'textarea', label: 'What needs to change?', required: true },
    ],
  },
  approve: {
    title: 'Approve the recommendations',
    confirm: 'Approve',
    describe: 'Take the decision.',
    fields: [
      { name: 'decidedAt', kind: 'date', label: 'Date of decision', hint: 'Leave blank for today. A decision taken on paper earlier may carry its own date.' },
      { name: 'decisionText', kind: 'textarea', label: 'The decision as taken (optional)', hint: 'Only if it differs from the recommendations.', required: false },
    ],
  },
  reject: { title: 'Reject', confirm: 'Reject', describe: 'Refuse the recommendations.', warning: true, fields: [{ name: 'reasons', kind: 'textarea', label: 'Reasons for rejecting', required: true }] },
  defer: {
    title: 'Defer',
    confirm: 'Defer',
    describe: 'Put off the decision.',
    fields: [
      { name: 'reason', kind: 'textarea', label: 'Why is it deferred?', required: true },
      { name: 'until', kind: 'date', label: 'Deferred until (optional)' },
    ],
  },
  resume: { title: 'Resume', confirm: 'Resume', describe: 'Bring a deferred decision back for determination.', fields: [] },
  'refer-back': {
    title: 'Refer back to the author',
    confirm: 'Refer back',
    describe: 'Send it back to its author as a new draft revision.',
    warning: true,
    fields: [{ name: 'comments', kind: 'textarea', label: 'What should the author change?', required: true }],
  },
  withdraw: { title: 'Withdraw', confirm: 'Withdraw', describe: 'Withdraw the decision for good.', warning: true, fields: [{ name: 'reason', kind: 'textarea', label: 'Why is it withdrawn?', required: true }] },
  publish: {
    title: 'Publish the decision record',
    confirm: 'Publish',
    describe: 'Publish the record; the call-in period starts when it applies.',
    fields: [
      { name: 'publishedAt', kind: 'date', label: 'Publication date', hint: 'Leave blank for today. The call-in period is counted from this date.' },
      {
        name: 'publishedTime',
        kind: 'text',
        label: 'Time of publication (optional)',
        hint: 'Only where the constitution has a publication cut-off, such as "published after 4pm counts as the next working day". 24-hour, for example 16:30.',
        width: 'govuk-input--width-5',
      },
    ],
  },
  'call-in': {
    title: 'Call in',
    confirm: 'Call in',
    describe: 'Call the decision in for scrutiny.',
    warning: true,
    fields: [
      { name: 'members', kind: 'lines', label: 'Members calling it in', hint: 'One name a line.' },
      { name: 'reasons', kind: 'textarea', label: 'Reasons for the call-in', required: true },
      { name: 'scrutinyChair', kind: 'checkbox', label: 'The chair of the scrutiny committee calls it in alone', hint: 'Only where the constitution allows it.' },
    ],
  },
  'scrutiny-outcome': {
    title: 'Record the scrutiny outcome',
    confirm: 'Record the outcome',
    describe: 'Record what scrutiny decided on the call-in.',
    fields: [
      { name: 'outcome', kind: 'radios', label: 'What did scrutiny decide?', options: SCRUTINY_OUTCOMES },
      { name: 'comments', kind: 'textarea', label: 'Comments (optional)', required: false },
    ],
  },
  'council-outcome': {
    title: 'Record the full council outcome',
    confirm: 'Record the outcome',
    describe: 'Record what full council decided.',
    fields: [
      { name: 'outcome', kind: 'radios', label: 'What did full council decide?', options: SCRUTINY_OUTCOMES.slice(0, 2) },
      { name: 'comments', kind: 'textarea', label: 'Comments (optional)', required: false },
    ],
  },
};

export function actionForm(action: ActionName): ActionForm {
  return { action, ...FORMS[action] };
}

export function isActionName(value: string): value is ActionName {
  return Object.hasOwn(FORMS, value);
}

/** The action's API body from its form; optional blanks are left out, so the API applies its defaults. */
export function actionBodyFromForm(form: Pick<ActionForm, 'fields'>, body: FormBody): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of form.fields) {
    const raw = body[field.name];
    if (field.kind === 'date') {
      const date = dateFromParts(raw);
      if (date !== null) out[field.name] = date;
    } else if (field.kind === 'lines') {
      out[field.name] = lines(raw);
    } else if (field.kind === 'checkbox') {
      if (text(raw) === 'yes') out[field.name] = true;
    } else if (field.kind === 'textarea' && field.required) {
      out[field.name] = text(raw);
    } else {
      const value = optional(raw);
      if (value !== undefined) out[field.name] = value;
    }
  }
  return out;
}

/** The answers as "check your answers" rows, for the confirmation step. */
export function answersOf(form: Pick<ActionForm, 'fields'>, apiBody: Record<string, unknown>, areaLabels: Record<string, string> = {}): { key: string; value: string }[] {
  return form.fields.map((field) => {
    const value = apiBody[field.name];
    let shown: string;
    if (value === undefined || value === '') shown = field.kind === 'date' ? 'Today' : field.kind === 'checkbox' ? 'No' : 'None';
    else if (value === true) shown = 'Yes';
    else if (Array.isArray(value)) shown = value.join(', ');
    else if (field.kind === 'radios') shown = field.options.find((o) => o.value === value)?.text ?? String(value);
    else if (field.kind === 'area') shown = areaLabels[String(value)] ?? String(value);
    else shown = String(value);
    return { key: field.label.replace(/ \(optional\)$/, ''), value: shown };
  });
}

/** The labels the error summary uses for this form's fields. */
export function actionLabels(form: Pick<ActionForm, 'fields'>): Record<string, string> {
  return Object.fromEntries(form.fields.map((f) => [f.name, f.label.replace(/ \(optional\)$/, '').replace(/\?$/, '')]));
}
