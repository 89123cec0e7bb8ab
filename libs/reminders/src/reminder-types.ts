import type { ClearDaysRule } from '#libs/calendar';

export type ReminderKind =
  | 'consultee-reminder'
  | 'consultee-escalation'
  | 'decision-maker-reminder'
  | 'forward-plan-alert'
  | 'approved-not-published'
  | 'publication-overdue'
  | 'call-in-ends-tomorrow'
  | 'call-in-meeting-overdue';

/**
 * Who a reminder is for: a user, anyone holding a role / consultee area, the escalation contact, or an
 * address known only as such (an arrangement's manager who is not a user).
 */
export type Recipient =
  | { type: 'user'; userId: string }
  | { type: 'role'; role: string }
  | { type: 'escalation' }
  | { type: 'email'; email: string; name: string | null };

/** What the decision's reminder policy needs to know about a decision (built by the shell from the store). */
export interface ReminderView {
  state: string;
  revision: number;
  /** ISO instant the decision entered its current state. */
  stateEnteredAt: string;
  authorUserId: string;
  decisionMakerUserId: string | null;
  isKeyDecision: boolean;
  urgency: string;
  forwardPlanNoticeAt: string | null;
  /** The constitution's clear days on the forward plan (default: 28 calendar days). */
  forwardPlanRule?: ClearDaysRule;
  /** YYYY-MM-DD the decision maker plans to decide (key decisions: drives the forward-plan alert). */
  plannedDeterminationAt: string | null;
  /** ISO instant. */
  callInDeadline: string | null;
  /** YYYY-MM-DD the decision was taken (approved). */
  decidedAt?: string | null;
  /** The constitution's limit on how long a taken decision may wait unpublished (absent: no alert). */
  publicationLimit?: { days: number; unit: 'working' | 'calendar'; closures?: readonly string[] };
  consultations: { area: string; label: string; assigneeUserId: string | null; status: string }[];
}

/** One reminder a subject wants (any aggregate's policy makes these; `kind` is that aggregate's word for it). */
export interface ReminderRequest<K extends string = string> {
  kind: K;
  /** ISO instant. */
  dueAt: string;
  /** Stable and unique per subject; no ':' (it becomes part of a BullMQ job id). */
  key: string;
  recipient: Recipient;
  /** What the recipient is asked to do, e.g. "Sign off for HR". */
  actionAsked: string;
  /** ISO instant the asked-for thing is due by, when there is one. */
  deadline: string | null;
  area?: string;
  nth?: number;
}

/** The timer kind of every reminder, of any subject: one handler (libs/notifications) fires them all. */
export const REMINDER_TIMER = 'REMINDER';
