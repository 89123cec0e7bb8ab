import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { RATIFY_CONFIG, type RatifyConfig } from '#libs/config';
import { countReconcile } from '#libs/metrics';
import { DeliveryService } from '#libs/notifications';
import { REDIS } from '#libs/queue';
import { TransactionRunner } from '#libs/store';
import { TimerScheduler } from './timer-scheduler.js';

export interface Maintenance {
  relayed: number;
  restored: number;
  deliveries: number;
}

/**
 * Keeps the queue in step with the database on each worker's own clock — not as a job in the Redis it
 * repairs, which a wipe would delete with everything else:
 * - every TIMER_RELAY_EVERY_MS, the relay (each worker; rows are claimed with SKIP LOCKED);
 * - every RECONCILE_EVERY_MS, the reconciler (one worker at a time: a PostgreSQL advisory lock);
 * - every REDIS_WIPE_CHECK_MS, a look for the sentinel key this process set under the queue prefix: gone means
 *   Redis lost the queue's keys, and the reconciler runs at once.
 */
@Injectable()
export class QueueKeeper {
  private readonly logger = new Logger('Reconciler');
  private readonly intervals: NodeJS.Timeout[] = [];
  private readonly sentinel: string;
  private readonly lockName: string;
  private readonly busy = new Set<string>();
  /** The last failure of each task, so a Redis outage is logged once, not every second. */
  private readonly failing = new Map<string, string>();

  constructor(
    @Inject(RATIFY_CONFIG) private readonly config: RatifyConfig,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(TransactionRunner) private readonly db: TransactionRunner,
    @Inject(TimerScheduler) private readonly timers: TimerScheduler,
    @Inject(DeliveryService) private readonly deliveries: DeliveryService,
  ) {
    this.sentinel = `${config.queuePrefix}:ratify:sentinel`;
    this.lockName = `ratify-reconcile:${config.databaseSchema}:${config.queuePrefix}`;
  }

  /** Reconciles now, then keeps the clocks running until `stop`. */
  async start(): Promise<void> {
    await this.reconcileNow().catch((e) => this.logger.warn(`reconcile at start failed: ${(e as Error).message}`));
    const { relayEveryMs, reconcileEveryMs, wipeCheckEveryMs } = this.config.timers;
    this.every(relayEveryMs, 'relay', () => this.relay());
    this.every(reconcileEveryMs, 'reconcile', () => this.reconcileNow());
    this.every(wipeCheckEveryMs, 'wipe-check', () => this.checkForWipe());
  }

  stop(): void {
    this.intervals.splice(0).forEach(clearInterval);
  }

  /** Relay, then (if this process gets the lock) reconcile timers and deliveries; null when another worker holds the lock. */
  async reconcileNow(): Promise<Maintenance | null> {
    return this.db.exclusive(this.lockName, () =>
      countReconcile(async () => {
        // Set first: a wipe during the pass removes it again, and the next check catches that.
        await this.redis.set(this.sentinel, new Date().toISOString());
        try {
          const relayed = await this.timers.relay();
          const restored = (await this.timers.reconcile()).length;
          const deliveries = await this.deliveries.reconcile();
          if (restored + deliveries > 0) this.logger.log(`restored ${restored} timer job(s) and ${deliveries} delivery job(s)`);
          return { relayed, restored, deliveries };
        } catch (error) {
          await this.redis.del(this.sentinel).catch(() => undefined); // so the next check tries again
          throw error;
        }
      }),
    );
  }

  private async relay() {
    await this.timers.relay();
  }

  private async checkForWipe() {
    if (await this.redis.exists(this.sentinel)) return;
    this.logger.warn('the queue lost its Redis keys (sentinel gone): reconciling now');
    await this.reconcileNow();
  }

  /** A periodic task that never overlaps itself and logs instead of throwing. */
  private every(ms: number, name: string, task: () => Promise<unknown>) {
    const timer = setInterval(async () => {
      if (this.busy.has(name)) return;
      this.busy.add(name);
      try {
        await task();
        if (this.failing.delete(name)) this.logger.log(`${name} works again`);
      } catch (error) {
        const message = (error as Error).message;
        if (this.failing.get(name) !== message) this.logger.warn(`${name} failed: ${message}`);
        this.failing.set(name, message);
      } finally {
        this.busy.delete(name);
      }
    }, ms);
    timer.unref();
    this.intervals.push(timer);
  }
}
