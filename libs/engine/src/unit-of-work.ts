import type { TimerEntity, TimerSync, Tx, WantedTimer } from '#libs/store';
import { TimerRepository } from '#libs/store';
import type { AggregateAdapter, HistoryEntry, MachineEvent, Step, Transition } from './aggregate.js';
import type { QueueableTimer } from './ports.js';
import type { EngineRegistry } from './registry.js';
import type { ChangeActor } from './subject.js';

/** A change the work declined to make (nothing is written). */
export type Work<A> = (current: A, uow: UnitOfWork) => Promise<Step<A> | null> | Step<A> | null;

/** What a timer handler is given, inside the transaction that settled the timer as fired. */
export interface TimerFiring<A = unknown> {
  timer: TimerEntity;
  /** The timer's subject, locked. */
  subject: A;
  adapter: AggregateAdapter<A>;
  uow: UnitOfWork;
  now: Date;
}

/**
 * The timers each stored version of a subject wants, remembered across transactions: a change's "after" is
 * the next change's "before", and working it out again (reminder calendars) is most of an action's CPU.
 * Keyed by subject and version, so an entry can never describe another state; bounded (LRU by insertion).
 */
export class WantedTimersMemo {
  private readonly entries = new Map<string, WantedTimer[]>();

  constructor(private readonly limit = 10_000) {}

  get(key: string): WantedTimer[] | undefined {
    return this.entries.get(key);
  }

  set(key: string, timers: WantedTimer[]): void {
    this.entries.delete(key);
    this.entries.set(key, timers);
    if (this.entries.size > this.limit) this.entries.delete(this.entries.keys().next().value!);
  }
}

/** Reactions that keep calling each other are a bug; stop them rather than loop. */
const MAX_DEPTH = 8;

/**
 * One transaction's worth of changes, possibly to several subjects (a change and the reactions it sets off).
 * Holds what it has locked — so a subject is read once per transaction — and what to do after commit.
 */
export class UnitOfWork {
  /** Subjects locked in this transaction, as they stand now (after any change made to them here). */
  private readonly held = new Map<string, unknown>();
  private readonly timersWanted = new WeakMap<object, WantedTimer[]>();
  private readonly learned = new Map<string, WantedTimer[]>();
  readonly toSchedule: QueueableTimer[] = [];
  readonly toCancel: string[] = [];
  readonly effects: (() => Promise<void>)[] = [];
  /** Timers settled in this transaction (fired here): no statement need cancel them again. */
  private readonly settled = new Set<string>();
  private depth = 0;

  constructor(
    readonly tx: Tx,
    readonly now: Date,
    private readonly registry: EngineRegistry,
    private readonly horizonMs: number,
    private readonly memo: WantedTimersMemo,
  ) {}

  adapter<A>(subjectType: string): AggregateAdapter<A> {
    return this.registry.adapter<A>(subjectType);
  }

  /** The subject, locked (the first time in this transaction) — null when there is none. */
  async load<A>(subjectType: string, id: string): Promise<A | null> {
    const key = `${subjectType}/${id}`;
    if (this.held.has(key)) return this.held.get(key) as A;
    const aggregate = await this.adapter<A>(subjectType).lock(this.tx, id);
    if (aggregate) this.held.set(key, aggregate);
    return aggregate;
  }

  /**
   * Locks several subjects of one type at once (the adapter's `lockMany`, else one at a time in id order),
   * so that the changes that follow in this transaction read them from here. Returns those found, by id.
   */
  async loadMany<A>(subjectType: string, ids: string[]): Promise<Map<string, A>> {
    const adapter = this.adapter<A>(subjectType);
    const wanted = [...new Set(ids)].filter((id) => !this.held.has(`${subjectType}/${id}`)).sort();
    if (adapter.lockMany && wanted.length > 1) {
      for (const aggregate of await adapter.lockMany(this.tx, wanted)) this.held.set(`${subjectType}/${adapter.idOf(aggregate)}`, aggregate);
    } else {
      for (const id of wanted) await this.load<A>(subjectType, id);
    }
    const found = new Map<string, A>();
    for (const id of ids) {
      const aggregate = this.held.get(`${subjectType}/${id}`) as A | undefined;
      if (aggregate) found.set(id, aggregate);
    }
    return found;
  }

  /** Records that this transaction settled these timers (fired them), so syncing timers leaves them be. */
  markSettled(timerIds: string[]): void {
    for (const id of timerIds) this.settled.add(id);
  }

  /**
   * Changes one subject: lock it (if not yet), let `work` decide (pure machine, checks), write it and its
   * history, make its timers match what it now wants, run reactions. Null when `work` declined.
   */
  async change<A>(subjectType: string, id: string, work: Work<A>): Promise<{ before: A; after: A } | null> {
    const adapter = this.adapter<A>(subjectType);
    const before = await this.load<A>(subjectType, id);
    if (!before) throw adapter.notFound(id);
    const step = await work(before, this);
    if (!step) return null;
    const after = await this.commitStep(adapter, before, step);
    return { before, after };
  }

  /** Creates a subject: `make` builds it (its id chosen by the caller), then as `change`. */
  async create<A>(subjectType: string, make: (uow: UnitOfWork) => Promise<Step<A>> | Step<A>): Promise<A> {
    const adapter = this.adapter<A>(subjectType);
    return this.commitStep(adapter, null, await make(this));
  }

  /**
   * Applies a machine event to a subject in this transaction (a timer's event, a reaction's). Refused events
   * write nothing and say why; callers decide whether that is an error.
   */
  async dispatch(
    subjectType: string,
    id: string,
    event: MachineEvent,
    how: { actor: ChangeActor; historyType: string; payload?: Record<string, unknown> },
  ): Promise<{ accepted: true } | { accepted: false; reason: string }> {
    let refusal: string | null = null;
    await this.change(subjectType, id, (current) => {
      const adapter = this.adapter<unknown>(subjectType);
      const applied = adapter.apply(current, event);
      if (!applied.accepted) {
        refusal = applied.reason;
        return null;
      }
      return {
        next: applied.next,
        history: {
          type: how.historyType,
          at: new Date(event.at),
          actor: how.actor,
          fromState: adapter.stateOf(current),
          toState: adapter.stateOf(applied.next),
          payload: how.payload ?? {},
        },
      };
    });
    return refusal === null ? { accepted: true } : { accepted: false, reason: refusal };
  }

  /** Runs after commit (never if the transaction rolls back): sending, queueing. */
  afterCommit(effect: () => Promise<void>): void {
    this.effects.push(effect);
  }

  private async commitStep<A>(adapter: AggregateAdapter<A>, before: A | null, step: Step<A>): Promise<A> {
    if (++this.depth > MAX_DEPTH) throw new Error(`reactions nested more than ${MAX_DEPTH} deep (a reaction loop?) at ${adapter.subjectType}`);
    try {
      // A change's timers follow from its `after`: offered to the write to run in its own statement.
      const offered = before ? this.timerSync(adapter, before, step.next) : null;
      const after = await adapter.write(this.tx, before, step.next, step.history, offered ?? undefined);
      const id = adapter.idOf(after);
      this.held.set(`${adapter.subjectType}/${id}`, after);
      if (offered?.done) {
        if (after !== step.next) throw new Error(`${adapter.subjectType} ${id}: its write ran the timers of one version and returned another`);
        this.settle(offered);
      } else {
        await this.syncTimers(adapter, before, after);
      }
      const transition: Transition = { subjectType: adapter.subjectType, id, before, after, history: step.history };
      for (const reaction of this.registry.reactions(adapter.subjectType)) await reaction(transition, this);
      return after;
    } finally {
      this.depth--;
    }
  }

  /**
   * Makes the subject's pending timers match what its new state wants: the difference between what the
   * state wanted before and wants now (both pure), so no query asks what the transaction already knows.
   * Timers due within the horizon are marked enqueued as they are inserted and handed to the queue after commit.
   */
  private async syncTimers<A>(adapter: AggregateAdapter<A>, before: A | null, after: A): Promise<void> {
    const sync = this.timerSync(adapter, before, after);
    if (!sync) return;
    sync.done = await new TimerRepository(this.tx).sync(sync.cancel, sync.insert, sync.enqueueBefore, sync.now);
    this.settle(sync);
  }

  /** The change to the subject's pending timers from `before` to `after`; null when there is none. */
  private timerSync<A>(adapter: AggregateAdapter<A>, before: A | null, after: A): TimerSync | null {
    const was = before ? this.wanted(adapter, before) : [];
    const now = this.wanted(adapter, after);
    const nowIds = new Set(now.map((t) => t.id));
    const wasIds = new Set(was.map((t) => t.id));
    const cancel = was.filter((t) => !nowIds.has(t.id) && !this.settled.has(t.id)).map((t) => t.id);
    const insert = now.filter((t) => !wasIds.has(t.id));
    if (cancel.length === 0 && insert.length === 0) return null;
    return { cancel, insert, enqueueBefore: new Date(this.now.getTime() + this.horizonMs), now: this.now };
  }

  /** After a sync ran: what to take out of the queue and put in it after commit. */
  private settle(sync: TimerSync): void {
    const { cancelledQueued, inserted } = sync.done!;
    this.toCancel.push(...cancelledQueued);
    if (sync.cancel.length) {
      const dropped = new Set(sync.cancel);
      for (let i = this.toSchedule.length - 1; i >= 0; i--) if (dropped.has(this.toSchedule[i].id)) this.toSchedule.splice(i, 1);
    }
    this.toSchedule.push(...inserted.filter((t) => t.enqueuedAt !== null));
  }

  /**
   * Makes a subject's pending timers match what it wants by asking the database (not the previous state):
   * for a resync after the reminder configuration changed.
   */
  async resyncTimers<A>(subjectType: string, subject: A): Promise<{ cancelled: number; inserted: number }> {
    const adapter = this.adapter<A>(subjectType);
    const wanted = adapter.timersFor(subject, this.now);
    const wantedIds = new Set(wanted.map((t) => t.id));
    const timers = new TimerRepository(this.tx);
    const pending = await timers.pendingFor(subjectType, adapter.idOf(subject));
    const unwanted = pending.filter((t) => !wantedIds.has(t.id)).map((t) => t.id);
    this.toCancel.push(...(await timers.cancel(unwanted, this.now)));
    const inserted = await timers.insertNew(wanted, new Date(this.now.getTime() + this.horizonMs), this.now);
    this.toSchedule.push(...inserted.filter((t) => t.enqueuedAt !== null));
    return { cancelled: unwanted.length, inserted: inserted.length };
  }

  /**
   * Inserts the timers a subject wants now that it has no row for yet (a row once fired or cancelled is never
   * re-armed). For subjects whose timers follow the clock, after a firing that changed nothing else.
   */
  async topUpTimers<A>(subjectType: string, subject: A): Promise<void> {
    const adapter = this.adapter<A>(subjectType);
    const inserted = await new TimerRepository(this.tx).insertNew(adapter.timersFor(subject, this.now), new Date(this.now.getTime() + this.horizonMs), this.now);
    this.toSchedule.push(...inserted.filter((t) => t.enqueuedAt !== null));
  }

  private wanted<A>(adapter: AggregateAdapter<A>, aggregate: A): WantedTimer[] {
    const key = aggregate as object;
    let timers = this.timersWanted.get(key);
    if (!timers) {
      const version =
        adapter.versionOf && !adapter.timersFollowTheClock ? `${adapter.subjectType}/${adapter.idOf(aggregate)}@${adapter.versionOf(aggregate)}` : null;
      timers = (version && this.memo.get(version)) || adapter.timersFor(aggregate, this.now);
      // Remembered only once committed: a version written by a transaction that rolled back will be written
      // again, with other content.
      if (version) this.learned.set(version, timers);
      this.timersWanted.set(key, timers);
    }
    return timers;
  }

  /** After commit: what this transaction worked out about stored versions becomes known to the next ones. */
  remember(): void {
    for (const [version, timers] of this.learned) this.memo.set(version, timers);
  }
}

export type { HistoryEntry };
