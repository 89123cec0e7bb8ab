import type { ReminderRequest } from '#libs/reminders';
import type { TimerSync, Tx, WantedTimer } from '#libs/store';
import type { ChangeActor, SubjectSummary } from './subject.js';

/** The history entry an accepted change appends, in the same transaction. */
export interface HistoryEntry {
  type: string;
  at: Date;
  actor: ChangeActor;
  fromState: string | null;
  toState: string;
  payload: Record<string, unknown>;
}

/** One accepted change: the aggregate after it, and what the history records. */
export interface Step<A> {
  next: A;
  history: HistoryEntry;
}

/** An event for an aggregate's statechart; time is in the event (`at`), so applying it is pure. */
export interface MachineEvent {
  type: string;
  at: string;
  [field: string]: unknown;
}

/** An event applied, or refused: why in words, and the working behind it where there is some. */
export type Applied<A> = { accepted: true; next: A } | { accepted: false; reason: string; details?: Record<string, unknown> };

/** A person to remind, resolved from the directory. */
export interface ReminderPerson {
  name: string;
  email: string;
  userId: string | null;
}

/**
 * What an aggregate contributes to reminders (the policy itself is in its `timersFor`): the subject as
 * templates show it, the wording of each reminder kind, and any action links for a person.
 */
export interface ReminderTemplates<A> {
  summary(aggregate: A): SubjectSummary;
  /** The subject line's lead ("Reminder", "Escalation" …) and the sentence saying why the mail came. */
  phrase(kind: string): { lead: string; why: string };
  /** Links after "open" (e.g. a one-click sign-off); `timerId` makes single-use ids stable across retries. */
  links(aggregate: A, request: ReminderRequest, person: ReminderPerson, timerId: string): { label: string; url: string }[];
  /** Facts a webhook receiver gets about the subject besides the summary (e.g. its state). */
  facts(aggregate: A): Record<string, unknown>;
  /**
   * The whole message from the aggregate's own template, instead of the shared layout with `phrase`
   * (e.g. an arrangement's "ends on … — end it, extend it or make it permanent" with its facts).
   */
  render?(aggregate: A, request: ReminderRequest, person: ReminderPerson, links: { label: string; url: string }[]): { subject: string; text: string; html: string };
}

/**
 * How the engine drives one kind of aggregate. The engine owns the loop — lock, apply, write, history,
 * timers, reactions, effects after commit; the adapter owns the aggregate: its machine, its rows, its clocks.
 * Register one by decorating an injectable class with `@Aggregate()`.
 */
export interface AggregateAdapter<A> {
  /** `subject_type` of its timers and deliveries, e.g. 'decision'. */
  readonly subjectType: string;
  /** Every timer kind its `timersFor` returns; each must have exactly one @TimerHandler (checked at start-up). */
  readonly timerKinds: readonly string[];
  idOf(aggregate: A): string;
  stateOf(aggregate: A): string;
  /**
   * Bumped by every write (optimistic concurrency). With it (and timers that do not follow the clock), the
   * engine remembers the timers a stored version wants, so the next change need not work out its "before" again.
   */
  versionOf?(aggregate: A): number;
  /**
   * True when `timersFor` reads `now` — a series with no end, such as an overdue arrangement's weekly
   * reminder, of which only the next is kept. The engine then works a subject's timers out afresh in every
   * transaction, and after each firing inserts whatever the subject now wants (the next of the series).
   */
  readonly timersFollowTheClock?: boolean;
  /**
   * Loads the aggregate and locks its row until the transaction ends; null when there is none. An aggregate
   * that belongs to another (an arrangement to its decision) locks the owner's row first: one lock order.
   */
  lock(tx: Tx, id: string): Promise<A | null>;
  /**
   * Optional: loads and locks several in one statement, in id order (the order every batch locks in, so two
   * batches never wait on each other in a circle); those not found are left out. Used when timers fire in
   * batches; without it they are locked one at a time.
   */
  lockMany?(tx: Tx, ids: string[]): Promise<A[]>;
  /** The error for an unknown id (the API answers it 404). */
  notFound(id: string): Error;
  /**
   * Writes `after` (an INSERT when `before` is null, else only what changed, with an optimistic version check)
   * and appends `history`. Returns the aggregate as stored (e.g. with a generated reference).
   * `timers`, on a change (never a create): the change to its pending timers that `after` implies. The adapter
   * may run it in its own statement (libs/store timerSyncSql; it sets `timers.done`) and must then return
   * `after` itself; otherwise the engine runs it after the write.
   */
  write(tx: Tx, before: A | null, after: A, history: HistoryEntry, timers?: TimerSync): Promise<A>;
  /**
   * Pure: every timer the aggregate wants in its current state (its machine's clocks and its reminder
   * policy), with deterministic ids (no ':'). `now` is the transaction's time.
   */
  timersFor(aggregate: A, now: Date): WantedTimer[];
  /** Pure: applies a machine event (a timer's, a reaction's); a refusal says why. */
  apply(aggregate: A, event: MachineEvent): Applied<A>;
  /** Its reminders' templates; absent when it has none. */
  readonly reminders?: ReminderTemplates<A>;
}

/** A change as reactions see it: which subject, before (null when created) and after. */
export interface Transition<A = unknown> {
  subjectType: string;
  id: string;
  before: A | null;
  after: A;
  history: HistoryEntry;
}
