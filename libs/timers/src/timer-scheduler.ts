import { Inject, Injectable, Logger } from '@nestjs/common';
import { RATIFY_CONFIG, type RatifyConfig } from '#libs/config';
import { CLOCK, type Clock, type QueueableTimer, type TimerSink } from '#libs/engine';
import { REDIS_CALL_TIMEOUT_MS, TimerQueue, withTimeout } from '#libs/queue';
import { TimerRepository, TransactionRunner, type QueuedTimer } from '#libs/store';

const RELAY_BATCH = 500;
const RECONCILE_BATCH = 10_000;

/**
 * PostgreSQL is the source of truth for timers; Redis (BullMQ) caches those due within the horizon.
 * - after commit (`schedule`): timers due within the horizon are queued at once, so one due before the
 *   relay's next pass still fires on time;
 * - the relay moves timers that have come within the horizon into the queue, in batches;
 * - the reconciler checks the horizon against what the queue will run and puts back what is missing.
 * Far-future timers cost Redis nothing; the reconciler's work grows with timers due soon, not with all.
 */
@Injectable()
export class TimerScheduler implements TimerSink {
  private readonly logger = new Logger(TimerScheduler.name);
  private readonly horizonMs: number;

  constructor(
    @Inject(TransactionRunner) private readonly db: TransactionRunner,
    @Inject(TimerQueue) private readonly queue: TimerQueue,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(RATIFY_CONFIG) config: RatifyConfig,
  ) {
    this.horizonMs = config.timers.horizonSeconds * 1000;
  }

  /** Timers committed and marked enqueued: queue them; if Redis refuses, unmark them for the relay. */
  async schedule(timers: QueueableTimer[]): Promise<void> {
    if (timers.length === 0) return;
    try {
      // Bounded: Redis being down must not hold up the request that committed these timers.
      await withTimeout(this.queue.enqueue(timers, this.clock.now()), REDIS_CALL_TIMEOUT_MS, 'enqueueing timers');
    } catch (error) {
      this.logger.warn(`could not queue ${timers.length} timer(s) now, the relay will retry: ${(error as Error).message}`);
      await this.db.read((db) => new TimerRepository(db).clearEnqueued(timers.map((t) => t.id))).catch(() => undefined);
    }
  }

  async cancel(timerIds: string[]): Promise<void> {
    // Best effort: a cancelled timer that still fires finds its row settled and does nothing.
    await withTimeout(Promise.all(timerIds.map((id) => this.queue.remove(id))), REDIS_CALL_TIMEOUT_MS, 'removing timer jobs').catch(() => undefined);
  }

  /** Queues the timers that have come within the horizon and are not queued yet. Returns how many. */
  async relay(batchSize = RELAY_BATCH): Promise<number> {
    let relayed = 0;
    for (;;) {
      const n = await this.db.run(async (tx) => {
        const now = this.clock.now();
        const timers = new TimerRepository(tx);
        const due = await timers.claimUnqueued(new Date(now.getTime() + this.horizonMs), batchSize);
        if (due.length === 0) return 0;
        await this.queue.enqueue(due, now);
        await timers.markEnqueued(due.map((t) => t.id), now);
        return due.length;
      });
      relayed += n;
      if (n < batchSize) return relayed;
    }
  }

  /**
   * Puts back every pending timer due within the horizon that the queue will not run (Redis lost it, a job
   * failed by stalls, a queue call failed after commit). Reads the queue before the database, so a job that
   * ends in between shows up as a settled row, not as missing. Returns the ids restored.
   */
  async reconcile(batchSize = RECONCILE_BATCH): Promise<string[]> {
    const willRun = await this.queue.willRun();
    const now = this.clock.now();
    const until = new Date(now.getTime() + this.horizonMs);
    const restored: string[] = [];
    let after: { cursor: string; id: string } | null = null;
    // One batch is put back while the next is read (after a wipe, every batch is missing whole).
    let putting: Promise<void> = Promise.resolve();
    try {
      for (;;) {
        const batch = await this.db.read((db) => new TimerRepository(db).pendingIdsDueBefore(until, after, batchSize));
        if (batch.length === 0) break;
        const missingIds = batch.filter((t) => !willRun.has(t.id)).map((t) => t.id);
        if (missingIds.length) {
          const missing = await this.db.read((db) => new TimerRepository(db).queuedTimers(missingIds));
          await putting;
          putting = this.putBack(missing, now);
          restored.push(...missing.map((t) => t.id));
        }
        if (batch.length < batchSize) break;
        after = batch[batch.length - 1];
      }
    } catch (error) {
      await putting.catch(() => undefined); // never left to reject unobserved
      throw error;
    }
    await putting;
    if (restored.length) this.logger.log(`reconciler restored ${restored.length} timer job(s)`);
    return restored;
  }

  private async putBack(timers: QueuedTimer[], now: Date): Promise<void> {
    await this.queue.restore(timers, now);
    await this.db.read((db) => new TimerRepository(db).markEnqueued(timers.map((t) => t.id), now));
  }
}
