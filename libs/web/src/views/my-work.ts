import type { DecisionRepresentation } from '#libs/decisions';
import type { Actor } from '#libs/lifecycle';
import { offset, type ReminderPolicy } from '#libs/reminders';
import { registerEntry, type RegisterArrangement } from './arrangements-register.js';
import { statusTag } from './status-tag.js';

export interface WorkItem {
  id: string;
  reference: string;
  title: string;
  tag: { text: string; classes: string };
  /** ISO instant or date; shown with its meaning in `dueLabel`. */
  due: string | null;
  dueLabel: string | null;
  overdue: boolean;
  note: string | null;
}

export interface WorkSection {
  id: string;
  title: string;
  empty: string;
  items: WorkItem[];
  /** A section whose pages have not arrived yet says so instead of listing. */
  comingWith?: string;
  /** Staffing arrangements (HR's section) instead of decisions. */
  arrangements?: ReturnType<typeof registerEntry>[];
  /** Where the whole list is. */
  more?: { href: string; text: string };
}

/** What My work asks the decision service for, one list a section (each already "waiting on me" or by state). */
export interface WorkQueries {
  officerDrafts: DecisionRepresentation[];
  signOffs: DecisionRepresentation[];
  forDetermination: DecisionRepresentation[];
  awaitingPublication: DecisionRepresentation[];
  callInPeriods: DecisionRepresentation[];
  calledIn: DecisionRepresentation[];
  /** HR: arrangements ending within 8 weeks and overdue, overdue first; absent while this build has none. */
  arrangements?: RegisterArrangement[];
}

function item(d: DecisionRepresentation, due: string | null, dueLabel: string | null, now: Date, note: string | null = null): WorkItem {
  return { id: d.id, reference: d.reference, title: d.title, tag: statusTag(d.state, d.status), due, dueLabel, overdue: due !== null && due < now.toISOString(), note };
}

/** Soonest (and so overdue) first; undated last. */
function byDue(a: WorkItem, b: WorkItem) {
  return (a.due ?? '9999').localeCompare(b.due ?? '9999');
}

/** The sections of My work for the roles this person holds, in the order their work comes. */
export function myWork(actor: Actor, q: WorkQueries, policy: ReminderPolicy, now: Date): WorkSection[] {
  const has = (role: string) => actor.roles.includes(role);
  const sections: WorkSection[] = [];
  if (has('officer')) {
    const returned = q.officerDrafts.filter((d) => d.consultations.some((c) => c.status === 'changes-requested') || d.revision > 1);
    const drafts = q.officerDrafts.filter((d) => !returned.includes(d));
    sections.push({
      id: 'returned',
      title: 'Came back to you with changes requested',
      empty: 'Nothing has come back to you.',
      items: returned.map((d) => {
        const asked = d.consultations.filter((c) => c.status === 'changes-requested').map((c) => c.label);
        return item(d, null, null, now, asked.length ? `Changes requested by ${asked.join(', ')}` : 'Referred back by the decision maker');
      }),
    });
    sections.push({ id: 'drafts', title: 'Your drafts', empty: 'You have no drafts.', items: drafts.map((d) => item(d, null, null, now)) });
  }
  if (actor.roles.some((r) => r.startsWith('consultee:'))) {
    sections.push({
      id: 'sign-offs',
      title: 'Waiting for your sign-off',
      empty: 'No decision is waiting for your sign-off.',
      items: q.signOffs
        .map((d) => item(d, d.dates.submittedAt ? offset(d.dates.submittedAt, policy.consultee.escalation, policy) : null, 'Sign off by', now))
        .sort(byDue),
    });
  }
  if (has('decision-maker')) {
    sections.push({
      id: 'determination',
      title: 'For determination by you',
      empty: 'Nothing is waiting for your decision.',
      items: q.forDetermination.map((d) => item(d, d.dates.forDeterminationAt, 'For determination since', now)).map((i) => ({ ...i, overdue: false })),
    });
  }
  if (has('democratic-services')) {
    sections.push({
      id: 'publication',
      title: 'Awaiting publication',
      empty: 'No decision is waiting to be published.',
      items: q.awaitingPublication.map((d) => item(d, d.dates.decidedAt, 'Decided on', now)).map((i) => ({ ...i, overdue: false })),
    });
    sections.push({
      id: 'call-in-ending',
      title: 'Call-in periods ending soonest',
      empty: 'No decision is in its call-in period.',
      items: q.callInPeriods.map((d) => item(d, d.dates.callInDeadline, 'Call-in ends', now)).sort(byDue),
    });
    sections.push({
      id: 'called-in',
      title: 'Called in, awaiting scrutiny or council',
      empty: 'No call-in is waiting.',
      items: q.calledIn.map((d) => item(d, null, null, now)),
    });
  }
  if (has('scrutiny')) {
    sections.push({
      id: 'may-call-in',
      title: 'You may call these in now',
      empty: 'No decision is in its call-in period.',
      items: q.callInPeriods.map((d) => item(d, d.dates.callInDeadline, 'Call-in ends', now)).sort(byDue),
    });
  }
  if (has('hr') && q.arrangements) {
    sections.push({
      id: 'arrangements',
      title: 'Staffing arrangements ending in the next 8 weeks, and overdue',
      empty: 'No arrangement ends in the next 8 weeks, and none is overdue.',
      items: [],
      arrangements: q.arrangements.map(registerEntry),
      more: { href: '/work/arrangements', text: 'See every staffing arrangement' },
    });
  } else if (has('hr')) {
    sections.push({
      id: 'arrangements',
      title: 'Staffing arrangements ending in the next 8 weeks, and overdue',
      empty: '',
      items: [],
      comingWith: 'The staffing arrangements register arrives with the staffing arrangements part of Ratify: temporary posts, honoraria and agency staff ending soon or overdue will be listed here.',
    });
  }
  return sections;
}
