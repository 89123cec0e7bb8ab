import { ARRANGEMENT_KIND_LABELS, durationText } from '../forms/arrangement-rows.js';
import { longDate } from './format.js';

/** The words and GOV.UK tag colour of each arrangement state, the same on every page. */
const STATES: Record<string, { text: string; classes: string }> = {
  proposed: { text: 'Proposed', classes: 'govuk-tag--grey' },
  planned: { text: 'Planned', classes: 'govuk-tag--light-blue' },
  scheduled: { text: 'Scheduled', classes: 'govuk-tag--blue' },
  active: { text: 'Active', classes: 'govuk-tag--green' },
  'ending-soon': { text: 'Ending soon', classes: 'govuk-tag--yellow' },
  overdue: { text: 'Overdue', classes: 'govuk-tag--red' },
  ended: { text: 'Ended', classes: 'govuk-tag--grey' },
  extended: { text: 'Extended', classes: 'govuk-tag--turquoise' },
  'made-permanent': { text: 'Made permanent', classes: 'govuk-tag--purple' },
  cancelled: { text: 'Cancelled', classes: 'govuk-tag--grey' },
};

export function arrangementTag(state: string) {
  return STATES[state] ?? { text: state, classes: 'govuk-tag--grey' };
}

export function arrangementStateOptions(chosen: string) {
  return [{ value: '', text: 'Any state', selected: !chosen }, ...Object.entries(STATES).map(([value, s]) => ({ value, text: s.text, selected: value === chosen }))];
}

/** An arrangement as the representation has it (CONTRACT.md), the parts the pages show. */
export interface ArrangementView {
  id: string;
  kind: string;
  title: string;
  count?: number | null;
  fte?: number | null;
  grade?: string | null;
  fromGrade?: string | null;
  toGrade?: string | null;
  scalePoints?: number | null;
  hoursFrom?: number | string | null;
  hoursTo?: number | string | null;
  start?: string | null;
  end?: string | null;
  duration?: string | null;
  funding?: { source?: string | null; amount?: number | null; share?: string | number | null } | null;
  manager?: { name?: string | null; userId?: string | null; email?: string | null } | null;
  state: string;
  retrospective?: boolean;
  resolvedStart?: string | null;
  resolvedEnd?: string | null;
  /** What the reader may do to it now (HR), when the service says. */
  allowedActions?: string[];
}

/** HR's actions on an arrangement, as their links read. */
export const ACTION_TITLES: Record<string, string> = {
  'confirm-ended': 'Confirm it has ended',
  extend: 'Extend it',
  'make-permanent': 'Make it permanent',
  confirm: 'Confirm this proposed arrangement',
};

const money = (n: number) => `£${n.toLocaleString('en-GB', { minimumFractionDigits: Number.isInteger(n) ? 0 : 2, maximumFractionDigits: 2 })}`;

/** "1 December 2020 to 31 May 2021"; an unknown start is the day the decision takes effect. */
export function arrangementPeriod(a: ArrangementView): string {
  const start = a.resolvedStart ? longDate(a.resolvedStart) : a.start ? longDate(a.start) : 'when the decision takes effect';
  const end = a.resolvedEnd ? longDate(a.resolvedEnd) : a.duration ? `${durationText(a.duration)} later` : a.end ? a.end : 'an end not yet known';
  return `From ${start} to ${end}`;
}

/** What was approved, in a line: "2 posts, 2 FTE, Grade 9", "Grade 4 to Grade 5 (2 scale points)", "18.5 to 37 hours a week". */
export function arrangementSummary(a: ArrangementView): string {
  const parts: string[] = [ARRANGEMENT_KIND_LABELS[a.kind] ?? a.kind];
  if (a.count && a.count > 1) parts.push(`${a.count} posts`);
  if (a.fte != null) parts.push(`${a.fte} FTE`);
  if (a.grade) parts.push(a.grade);
  if (a.fromGrade && a.toGrade) parts.push(`${a.fromGrade} to ${a.toGrade}${a.scalePoints ? ` (${a.scalePoints} scale point${a.scalePoints === 1 ? '' : 's'})` : ''}`);
  if (a.hoursFrom != null && a.hoursTo != null) parts.push(`${a.hoursFrom} to ${a.hoursTo} hours a week`);
  return parts.join(', ');
}

export function arrangementFunding(a: ArrangementView): string {
  const f = a.funding;
  if (!f || (!f.source && f.amount == null && !f.share)) return '';
  return [f.amount != null ? money(f.amount) : null, f.share ? `${typeof f.share === 'number' ? `${f.share}%` : f.share} of the cost` : null, f.source ? `from ${f.source}` : null].filter(Boolean).join(' ');
}

export function arrangementManager(a: ArrangementView): string {
  const m = a.manager;
  return m ? ([m.name, m.email ?? m.userId].filter(Boolean).join(', ') || '') : '';
}

/** An arrangement as a summary card on a decision's page. */
export function arrangementCard(a: ArrangementView) {
  return {
    id: a.id,
    title: a.title,
    tag: arrangementTag(a.state),
    rows: [
      { key: 'What', value: arrangementSummary(a) },
      { key: 'When', value: arrangementPeriod(a) + (a.retrospective ? ' (approved after it started)' : '') },
      { key: 'Funding', value: arrangementFunding(a) },
      { key: 'Manager', value: arrangementManager(a) },
    ].filter((r) => r.value),
    actions: (a.allowedActions ?? []).filter((x) => ACTION_TITLES[x]).map((action) => ({ href: `/work/arrangements/${a.id}/act/${action}`, text: ACTION_TITLES[action], visuallyHiddenText: `: ${a.title}` })),
  };
}
