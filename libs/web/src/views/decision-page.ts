import type { DecisionRepresentation } from '#libs/decisions';
import { mayActForArea, type Actor, type Assignment } from '#libs/lifecycle';
import { actionForm, type ActionForm } from '../forms/action-forms.js';
import { arrangementCard, type ArrangementView } from './arrangements.js';
import { deadlinesOf, type DeadlineRules } from './deadlines.js';
import { statusTag } from './status-tag.js';
import { timelineOf, type HistoryEntry } from './timeline.js';

export interface NotificationEntry {
  kind: string;
  channel: string;
  recipient: string;
  subject: string;
  status: string;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

function assignmentOf(d: DecisionRepresentation): Assignment {
  return { authorUserId: d.author.userId, decisionMakerUserId: d.decisionMaker.userId ?? null, consultees: d.consultees };
}

export function areaLabels(d: DecisionRepresentation): Record<string, string> {
  return Object.fromEntries(d.consultees.map((c) => [c.area, c.label]));
}

/** The pending consultee areas this person may sign for, by the lifecycle's own assignment rule. */
export function areasFor(d: DecisionRepresentation, actor: Actor): { value: string; text: string }[] {
  const assignment = assignmentOf(d);
  return d.consultations
    .filter((c) => c.status === 'pending' && mayActForArea(assignment, actor, c.area))
    .map((c) => ({ value: c.area, text: c.label }));
}

const CONSULTATION_STATUS: Record<string, { text: string; classes: string }> = {
  pending: { text: 'Waiting', classes: 'govuk-tag--grey' },
  'signed-off': { text: 'Signed off', classes: 'govuk-tag--green' },
  'changes-requested': { text: 'Changes requested', classes: 'govuk-tag--orange' },
};

/** Everything the decision page shows, ready for the template; `allowedActions` decides which actions appear. */
export function decisionPage(input: {
  decision: DecisionRepresentation;
  history: HistoryEntry[];
  /** null: the person may not read the delivery log (it names recipients). */
  notifications: NotificationEntry[] | null;
  actor: Actor;
  rules: DeadlineRules;
  now: Date;
}) {
  const { decision: d, history, notifications, actor, rules, now } = input;
  const labels = areaLabels(d);
  const lastDefer = d.state === 'deferred' ? [...history].reverse().find((h) => h.type === 'defer') : undefined;
  const actions: (ActionForm & { primary: boolean })[] = d.allowedActions.map((a, i) => ({ ...actionForm(a), primary: i === 0 && !actionForm(a).warning }));
  const assignees = Object.fromEntries(d.consultees.map((c) => [c.area, c.assigneeUserId]));
  return {
    decision: d,
    tag: statusTag(d.state, d.status),
    isAuthor: d.author.userId === actor.userId,
    actions,
    consultations: d.consultations.map((c) => ({
      ...c,
      assignee: assignees[c.area] ?? null,
      tag: CONSULTATION_STATUS[c.status] ?? { text: c.status, classes: 'govuk-tag--grey' },
    })),
    deadlines: deadlinesOf(d, rules, now, (lastDefer?.payload.until as string | undefined) ?? null),
    timeline: timelineOf(history, labels),
    notifications,
    changesRequested: d.state === 'draft' ? d.consultations.filter((c) => c.status === 'changes-requested') : [],
    // null while the decision service does not report them (before the arrangements part is in this build).
    arrangements: arrangementsOf(d)?.map(arrangementCard) ?? null,
  };
}

function arrangementsOf(d: DecisionRepresentation): ArrangementView[] | null {
  const list = (d as { staffingArrangements?: ArrangementView[] }).staffingArrangements;
  return Array.isArray(list) ? list : null;
}

export type DecisionPageView = ReturnType<typeof decisionPage>;
