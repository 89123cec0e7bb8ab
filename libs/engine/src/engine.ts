import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { RATIFY_CONFIG, type RatifyConfig } from '#libs/config';
import { recordTimerFired } from '#libs/metrics';
import { TimerRepository, TransactionRunner, type TimerEntity, type Tx } from '#libs/store';
import type { Step } from './aggregate.js';
import { CLOCK, TIMER_SINK, type Clock, type TimerSink } from './ports.js';
import { EngineRegistry } from './registry.js';
import { UnitOfWork, WantedTimersMemo, type Work } from './unit-of-work.js';

/** What a timer job carries: the row id, and its subject so the subject can be locked first. */
export interface TimerRef {
  timerId: string;
  subjectType?: string;
  subjectId?: string;
}

export type FireOutcome = 'fired' | 'stale';

/**
 * The one engine loop for every aggregate. Each call is one transaction: lock the subject, let the work apply
 * the pure machine, write the row, its history and the timers it now wants, run reactions (which may change
 * other subjects in the same transaction); after commit, hand timers to the queue and run effects.
 */
@Injectable()
export class Engine implements OnModuleInit {
  private readonly logger = new Logger(Engine.name);
  private readonly horizonMs: number;
  private readonly memo = new WantedTimersMemo();

  constructor(
    @Inject(TransactionRunner) private readonly runner: TransactionRunner,
    @Inject(EngineRegistry) private readonly registry: EngineRegistry,
    @Inject(TIMER_SINK) private readonly sink: TimerSink,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(RATIFY_CONFIG) config: RatifyConfig,
  ) {
    this.horizonMs = config.timers.horizonSeconds * 1000;
  }

  onModuleInit() {
    // Discover adapters, handlers and reactions now, so a duplicate adapter fails the start, not a request.
    this.registry.reactions('');
  }

  /** Changes one subject (see UnitOfWork.change); null when the work declined. */
  change<A>(subjectType: string, id: string, work: Work<A>): Promise<{ before: A; after: A } | null> {
    return this.inTransaction((uow) => uow.change(subjectType, id, work));
  }

  /** Creates a subject (see UnitOfWork.create). */
  create<A>(subjectType: string, make: (uow: UnitOfWork) => Promise<Step<A>> | Step<A>): Promise<A> {
    return this.inTransaction((uow) => uow.create(subjectType, make));
  }

  /** Anything else that must be one transaction with the engine's bookkeeping (e.g. several subjects). */
  inTransaction<T>(work: (uow: UnitOfWork) => Promise<T>): Promise<T> {
    return this.run(work);
  }

  /**
   * Fires a durable timer: locks its subject, settles the timer as fired (unless it is no longer pending:
   * then nothing happens), and hands it to the one handler of its kind. A handler that finds its subject has
   * moved on answers 'stale', and the timer is recorded as cancelled — a stale firing changes nothing else.
   */
  async fire(ref: TimerRef): Promise<FireOutcome> {
    const [resolved] = await this.withSubjects([ref]);
    if (!resolved) return 'stale';
    return this.run(async (uow) => {
      const subject = await uow.load(resolved.subjectType, resolved.subjectId);
      const timer = await new TimerRepository(uow.tx).fire(resolved.timerId, uow.now);
      if (timer) uow.markSettled([timer.id]);
      return this.settle(uow, resolved, timer, subject);
    });
  }

  /**
   * Fires several timers in one transaction, each exactly as `fire` would: their subjects locked together
   * (in id order), the pending ones settled in one statement, then each handed to its handler. One commit for
   * the batch is what lets a worker keep up with many timers falling due at once. Should anything fail, the
   * batch rolls back and each timer is fired on its own, so one bad timer fails alone. Returns, for each ref
   * in order, its outcome or its error.
   */
  async fireMany(refs: TimerRef[]): Promise<(FireOutcome | Error)[]> {
    if (refs.length <= 1) return Promise.all(refs.map((r) => this.fire(r).catch((e: Error) => e)));
    const resolved = await this.withSubjects(refs);
    try {
      return await this.run(async (uow) => {
        for (const type of new Set(resolved.flatMap((r) => (r ? [r.subjectType] : [])))) {
          await uow.loadMany(type, resolved.filter((r) => r?.subjectType === type).map((r) => r!.subjectId));
        }
        const ids = resolved.flatMap((r) => (r ? [r.timerId] : []));
        const fired = new Map((await new TimerRepository(uow.tx).fireMany(ids, uow.now)).map((t) => [t.id, t]));
        uow.markSettled([...fired.keys()]);
        const out: FireOutcome[] = [];
        for (const r of resolved) {
          if (!r) {
            out.push('stale');
            continue;
          }
          // Taken once: the same timer twice in a batch (a duplicate job) is stale the second time.
          const timer = fired.get(r.timerId) ?? null;
          fired.delete(r.timerId);
          // The subject as it stands now: an earlier timer of the batch may have changed it (its lock is held).
          out.push(await this.settle(uow, r, timer, await uow.load(r.subjectType, r.subjectId)));
        }
        return out;
      });
    } catch (error) {
      this.logger.warn(`a batch of ${refs.length} timers failed (${(error as Error).message}); firing each on its own`);
      const out: (FireOutcome | Error)[] = [];
      for (const ref of refs) out.push(await this.fire(ref).catch((e: Error) => e));
      return out;
    }
  }

  /** The refs with their subjects (a job queued before subjects existed names only its timer); null for no such timer. */
  private async withSubjects(refs: TimerRef[]): Promise<(Required<TimerRef> | null)[]> {
    const unknown = refs.filter((r) => !r.subjectType || !r.subjectId).map((r) => r.timerId);
    const rows = unknown.length ? await this.runner.read((db) => new TimerRepository(db).subjectsOf(unknown)) : [];
    const found = new Map(rows.map((r) => [r.id, r]));
    return refs.map((r) => {
      if (r.subjectType && r.subjectId) return r as Required<TimerRef>;
      const row = found.get(r.timerId);
      return row ? { timerId: r.timerId, subjectType: row.subjectType, subjectId: row.subjectId } : null;
    });
  }

  /** A timer its transaction has just tried to settle as fired (null: it was not pending), under its subject's lock. */
  private async settle(uow: UnitOfWork, ref: Required<TimerRef>, timer: TimerEntity | null, subject: unknown): Promise<FireOutcome> {
    if (!timer) return 'stale';
    const timers = new TimerRepository(uow.tx);
    recordTimerFired(timer.kind, timer.dueAt, uow.now);
    if (!subject) {
      await timers.recordStale(timer.id, uow.now);
      return 'stale';
    }
    const adapter = uow.adapter(ref.subjectType);
    const outcome = await this.registry.handler(timer.kind)({ timer, subject, adapter, uow, now: uow.now });
    if (outcome === 'stale') await timers.recordStale(timer.id, uow.now);
    // A series that follows the clock wants its next timer now that this one has fired.
    if (adapter.timersFollowTheClock) await uow.topUpTimers(ref.subjectType, await uow.load(ref.subjectType, ref.subjectId));
    return outcome;
  }

  /**
   * Re-derives the timers of every subject of a type that has pending ones, in batches (after a change of
   * reminder configuration: new clocks inserted, unwanted ones cancelled). Returns how many were cancelled.
   */
  async resync(subjectType: string, batch = 200): Promise<{ subjects: number; cancelled: number; inserted: number }> {
    let after: string | null = null;
    const totals = { subjects: 0, cancelled: 0, inserted: 0 };
    for (;;) {
      const ids: string[] = await this.runner.read((db) => new TimerRepository(db).subjectsWithPending(subjectType, after, batch));
      if (ids.length === 0) return totals;
      for (const id of ids) {
        const { cancelled, inserted } = await this.run(async (uow) => {
          const subject = await uow.load(subjectType, id);
          if (!subject) return { cancelled: 0, inserted: 0 };
          return uow.resyncTimers(subjectType, subject);
        });
        totals.subjects++;
        totals.cancelled += cancelled;
        totals.inserted += inserted;
      }
      after = ids[ids.length - 1];
    }
  }

  /** The registry's start-up check (run by the worker, where timers fire). */
  assertEveryKindHandled() {
    this.registry.assertEveryKindHandled();
  }

  private async run<T>(work: (uow: UnitOfWork) => Promise<T>): Promise<T> {
    let uow!: UnitOfWork;
    const result = await this.runner.run(async (tx: Tx) => {
      uow = new UnitOfWork(tx, this.clock.now(), this.registry, this.horizonMs, this.memo);
      return work(uow);
    });
    uow.remember();
    await this.afterCommit(uow);
    return result;
  }

  private async afterCommit(uow: UnitOfWork) {
    try {
      if (uow.toCancel.length) await this.sink.cancel(uow.toCancel);
      if (uow.toSchedule.length) await this.sink.schedule(uow.toSchedule);
    } catch (error) {
      this.logger.warn(`after commit: ${(error as Error).message} (the relay and reconciler repair the queue)`);
    }
    for (const effect of uow.effects) {
      try {
        await effect();
      } catch (error) {
        this.logger.warn(`after commit: ${(error as Error).message}`);
      }
    }
  }
}
