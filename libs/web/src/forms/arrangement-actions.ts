import { answersOf, type ActionForm } from './action-forms.js';

/** HR's actions on an arrangement (CONTRACT.md): the same form shapes as a decision's actions. */
export type ArrangementActionForm = Omit<ActionForm, 'action'> & { action: string };

const FORMS: Record<string, Omit<ArrangementActionForm, 'action'>> = {
  'confirm-ended': {
    title: 'Confirm it has ended',
    confirm: 'Confirm it has ended',
    describe: 'The post, honorarium or agency appointment has stopped: its reminders stop too.',
    warning: true,
    fields: [{ name: 'endedOn', kind: 'date', label: 'Last day worked (optional)', hint: 'Leave blank for its end date, or today if it ended early. For example, 31 5 2021' }],
  },
  extend: {
    title: 'Extend it',
    confirm: 'Extend it',
    describe: 'A new decision approved more time: every reminder moves to the new end.',
    fields: [
      { name: 'end', kind: 'date', label: 'New end date', hint: 'The new last day. For example, 31 3 2022' },
      { name: 'decisionReference', kind: 'text', label: 'Reference of the decision that approved the extension', width: 'govuk-!-width-one-half' },
    ],
  },
  'make-permanent': {
    title: 'Make it permanent',
    confirm: 'Make it permanent',
    describe: 'A new decision made it permanent: its reminders stop.',
    fields: [{ name: 'decisionReference', kind: 'text', label: 'Reference of the decision that made it permanent', width: 'govuk-!-width-one-half' }],
  },
  confirm: {
    title: 'Confirm this proposed arrangement',
    confirm: 'Confirm the arrangement',
    describe: 'It was read from an imported record: once confirmed, its clocks and reminders run.',
    // What the record's text often leaves out; anything else is corrected by editing the decision's draft.
    fields: [{ name: 'end', kind: 'date', label: 'End date (optional)', hint: 'Only if the record did not give one (or gave it wrong). For example, 31 3 2022' }],
  },
};

export function arrangementActionForm(action: string): ArrangementActionForm | null {
  return Object.hasOwn(FORMS, action) ? { action, ...FORMS[action] } : null;
}

export const ARRANGEMENT_ACTION_DATE_FIELDS = ['endedOn', 'end'];

/** The answers for the check-and-confirm step, in the arrangement's words (a blank last day is its end). */
export function arrangementAnswers(form: ArrangementActionForm, body: Record<string, unknown>) {
  const blank: Record<string, string> = { endedOn: 'Its end date, or today if it ended early', end: 'As read from the record' };
  return answersOf(form, body).map((a, i) => {
    const name = form.fields[i]?.name;
    return name && body[name] === undefined && blank[name] && form.action !== 'extend' ? { ...a, value: blank[name] } : a;
  });
}
