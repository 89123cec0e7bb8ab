import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { TimerSink } from '#libs/decisions';
import { REDIS_CALL_TIMEOUT_MS, TimerQueue, withTimeout } from '#libs/queue';
import { TimerRepository, type TimerEntity } from '#libs/store';

/**
 * The after-commit half of the timer outbox: enqueue, then mark the row enqueued. If Redis is down the
 * rows stay un-enqueued and the relay picks them up; nothing is lost, and the job id makes a repeat harmless.
 */
@Injectable()
export class TimerScheduler implements TimerSink {
  private readonly logger = new Logger(TimerScheduler.name);

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(TimerQueue) private readonly queue: TimerQueue,
  ) {}

  async schedule(timers: TimerEntity[]): Promise<void> {
    if (timers.length === 0) return;
    const now = new Date();
    try {
      await withTimeout(this.queue.enqueue(timers, now), REDIS_CALL_TIMEOUT_MS, 'enqueueing timers');
      await new TimerRepository(this.dataSource.manager).markEnqueued(timers.map((t) => t.id), now);
    } catch (error) {
      this.logger.warn(`could not enqueue ${timers.length} timer(s) now, the relay will retry: ${(error as Error).message}`);
    }
  }

  async cancel(timerIds: string[]): Promise<void> {
    // Best effort: a cancelled timer that still fires is refused as stale.
    await withTimeout(Promise.all(timerIds.map((id) => this.queue.remove(id))), REDIS_CALL_TIMEOUT_MS, 'removing timer jobs').catch(() => undefined);
  }

  /** Enqueues committed timers that were never handed over (the outbox relay). Returns how many. */
  async relay(limit = 500): Promise<number> {
    const pending = await new TimerRepository(this.dataSource.manager).notEnqueued(limit);
    await this.schedule(pending);
    return pending.length;
  }

  /**
   * Re-creates every pending timer's job that BullMQ no longer has (Redis flushed, restarted without
   * persistence). Returns the ids restored.
   */
  async reconcile(): Promise<string[]> {
    const pending = await new TimerRepository(this.dataSource.manager).allPending();
    const missing: TimerEntity[] = [];
    for (const timer of pending) if (!(await this.queue.has(timer.id))) missing.push(timer);
    if (missing.length) {
      await this.queue.enqueue(missing, new Date());
      this.logger.log(`reconciler restored ${missing.length} timer job(s)`);
    }
    return missing.map((t) => t.id);
  }
}
