/**
 * The vocabulary of a temporary staffing arrangement (issue 6, "post expiry"). Pure types: no I/O, no clock.
 * Every event carries `at` (an ISO instant supplied by the shell), so the machine is deterministic.
 */

export const ARRANGEMENT_KINDS = [
  'temporary-post',
  'agency',
  'honorarium',
  'acting-up',
  'hours-change',
  'time-allocation',
  'secondment',
  'maternity-cover',
] as const;
export type ArrangementKind = (typeof ARRANGEMENT_KINDS)[number];

export const ARRANGEMENT_STATES = [
  'proposed',
  'planned',
  'scheduled',
  'active',
  'ending-soon',
  'overdue',
  'ended',
  'extended',
  'made-permanent',
  'cancelled',
] as const;
export type ArrangementState = (typeof ARRANGEMENT_STATES)[number];

/** States an arrangement never leaves: nothing more to remind anyone of. */
export const SETTLED_STATES = ['ended', 'made-permanent', 'cancelled'] as const satisfies readonly ArrangementState[];
export type SettledState = (typeof SETTLED_STATES)[number];

/** Where the running clock of an arrangement is (it is "active" or "extended" while `running`). */
export type Position = 'scheduled' | 'running' | 'ending-soon' | 'overdue';

export interface ArrangementFunding {
  source: string | null;
  /** Pounds (GBP), at most two decimal places. */
  amount: number | null;
  /** The share of the cost this source pays, as a percentage string: "50%" (0 < share ≤ 100). */
  share: string | null;
}

export interface ArrangementManager {
  name: string | null;
  userId: string | null;
  email: string | null;
}

/** What an officer states about an arrangement: the editable part of CONTRACT.md's JSON, normalised. */
export interface ArrangementFacts {
  kind: ArrangementKind;
  title: string;
  /** How many people / posts. */
  count: number;
  /** Total full-time equivalent across `count` (2 posts at full time: 2), null when not stated. */
  fte: number | null;
  grade: string | null;
  /** Honoraria and acting-up: the substantive grade and the grade acted up to. */
  fromGrade: string | null;
  toGrade: string | null;
  scalePoints: number | null;
  /** Weekly contracted hours before and after (hours changes). */
  hoursFrom: number | null;
  hoursTo: number | null;
  /** YYYY-MM-DD, or null: "when the decision takes effect". */
  start: string | null;
  /** YYYY-MM-DD, or YYYY-MM for "until March 2021" (the month's last day); kept as given. */
  end: string | null;
  /** ISO 8601 duration (P12M, P6W, P1Y6M), resolved against the start; the end is inclusive. */
  duration: string | null;
  funding: ArrangementFunding;
  manager: ArrangementManager;
}

/** The decision's dates an arrangement depends on. */
export interface DecisionDates {
  /** ISO instant (end of a call-in period), or the publication date YYYY-MM-DD; null until effective. */
  effectiveAt: string | null;
  /** YYYY-MM-DD, the date of decision; null until decided. */
  decidedAt: string | null;
}

export interface Extension {
  /** The new end as given (YYYY-MM-DD or YYYY-MM). */
  end: string;
  resolvedEnd: string;
  /** The reference of the decision that approved the extension. */
  decisionReference: string;
  at: string;
  by: string;
}

export interface ArrangementContext {
  facts: ArrangementFacts;
  /** Entered by an officer, or extracted from an imported record's text (then `proposed` until confirmed). */
  origin: 'entered' | 'imported';
  decision: DecisionDates;
  /** ISO instant the current end date took hold (effect, confirmation or extension): reminders due before it are dropped. */
  clockFrom: string | null;
  /** ISO instant it became overdue (the escalation is due no earlier). */
  overdueSince: string | null;
  extensions: Extension[];
  confirmed: { at: string; by: string } | null;
  ended: { on: string; at: string; by: string } | null;
  madePermanent: { decisionReference: string; at: string; by: string } | null;
  cancelled: { reason: string; at: string } | null;
}

export interface ArrangementInput {
  facts: ArrangementFacts;
  /** True for one extracted from an imported record's text, awaiting an officer's `confirm`. */
  proposed?: boolean;
}

/** Events sent when a durable timer fires; `dueAt` must still be what the arrangement wants (else stale). */
export type ClockEventType = 'START_REACHED' | 'ENDING_SOON_REACHED' | 'END_PASSED';

export type ArrangementEvent =
  | { type: 'EDIT'; at: string; facts: ArrangementFacts }
  | { type: 'CONFIRM'; at: string; by: string; facts: ArrangementFacts }
  | { type: 'EFFECTIVE'; at: string; decision: DecisionDates }
  | { type: 'CANCEL'; at: string; reason: string }
  | { type: ClockEventType; at: string; dueAt: string }
  | { type: 'CONFIRM_ENDED'; at: string; by: string; endedOn: string }
  | { type: 'EXTEND'; at: string; by: string; end: string; decisionReference: string }
  | { type: 'MAKE_PERMANENT'; at: string; by: string; decisionReference: string };

export type ArrangementEventType = ArrangementEvent['type'];

/** The HTTP actions of CONTRACT.md (POST /api/arrangements/:id/<action>). */
export const ARRANGEMENT_ACTIONS = ['confirm-ended', 'extend', 'make-permanent', 'confirm'] as const;
export type ArrangementAction = (typeof ARRANGEMENT_ACTIONS)[number];

/** What the shell persists and restores (a plain JSON object). */
export interface PersistedArrangement {
  state: ArrangementState;
  context: ArrangementContext;
}

/** One bad field: `field` is its path in the body (staffingArrangements.0.end), as the API's 400 details. */
export interface FieldProblem {
  field: string;
  message: string;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; problems: FieldProblem[] };
