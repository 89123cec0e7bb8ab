import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { Queue, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { RATIFY_CONFIG, type RatifyConfig } from '#libs/config';
import { countDelivery, countReconcile } from '#libs/metrics';
import { DecisionService, REMINDER_TIMER } from '#libs/decisions';
import { DeliveryService, ReminderService } from '#libs/notifications';
import { DELIVERIES_QUEUE, REDIS, TIMERS_QUEUE, WorkerHost, redisDurabilityWarnings, type DeliveryJobData, type TimerJobData } from '#libs/queue';
import { TimerScheduler } from './timer-scheduler.js';

export const MAINTENANCE_QUEUE = 'maintenance';
const RECONCILE_EVERY_MS = 60_000;

/** Every kind of timer row, each with exactly one handler (checked at start-up). */
export const TIMER_KINDS = ['CALL_IN_PERIOD_ENDED', REMINDER_TIMER] as const;

/**
 * The worker process: fires timers through the same services as the API, sends deliveries, and keeps
 * BullMQ in step with the database (relay and reconcile on start, then every minute).
 */
@Injectable()
export class JobWorker implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(JobWorker.name);
  private host?: WorkerHost;
  private maintenance?: Queue;
  private safetyNet?: NodeJS.Timeout;
  private readonly handlers: Record<string, (timerId: string) => Promise<string>>;

  constructor(
    @Inject(RATIFY_CONFIG) private readonly config: RatifyConfig,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(DecisionService) private readonly decisions: DecisionService,
    @Inject(ReminderService) private readonly reminders: ReminderService,
    @Inject(DeliveryService) private readonly deliveries: DeliveryService,
    @Inject(TimerScheduler) private readonly scheduler: TimerScheduler,
  ) {
    this.handlers = {
      CALL_IN_PERIOD_ENDED: (id) => this.decisions.fireTimer(id),
      [REMINDER_TIMER]: (id) => this.reminders.fire(id),
    };
    assertOneHandlerEach(this.handlers);
  }

  async onModuleInit() {
    for (const warning of await redisDurabilityWarnings(this.redis)) this.logger.warn(warning);
    const host = new WorkerHost(this.redis, { prefix: this.config.queuePrefix, ...this.config.worker });
    this.host = host;
    host.start<TimerJobData>(TIMERS_QUEUE, (job) => this.fire(job));
    host.start<DeliveryJobData>(DELIVERIES_QUEUE, (job) => this.deliver(job));
    host.start(MAINTENANCE_QUEUE, () => this.maintain());
    this.maintenance = new Queue(MAINTENANCE_QUEUE, { connection: this.redis, prefix: this.config.queuePrefix });
    await this.maintain();
    // A local safety net: if Redis lost the job scheduler itself, this process still reconciles.
    this.safetyNet = setInterval(() => this.maintain().catch((e) => this.logger.error(`reconcile failed: ${e.message}`)), 5 * RECONCILE_EVERY_MS);
    this.safetyNet.unref();
  }

  async fire(job: Job<TimerJobData>) {
    const handler = this.handlers[job.name];
    if (!handler) throw new Error(`no handler for timer kind '${job.name}'`);
    const outcome = await handler(job.data.timerId);
    this.logger.log(`timer ${job.data.timerId}: ${outcome}`);
    return outcome;
  }

  async deliver(job: Job<DeliveryJobData>) {
    return countDelivery(job.name, () => this.deliveries.deliver(job.data.notificationId, { made: job.attemptsMade, max: job.opts.attempts ?? 1 }));
  }

  /** The reconciler: cancel timers whose decision moved on, enqueue what the database has and Redis lacks. */
  async maintain() {
    return countReconcile(() => this.reconcileOnce());
  }

  private async reconcileOnce() {
    // Re-declared every run (idempotent), so a flushed Redis gets its schedule back with its jobs.
    await this.maintenance?.upsertJobScheduler(
      'reconcile',
      { every: RECONCILE_EVERY_MS },
      { name: 'reconcile', opts: { removeOnComplete: 100, removeOnFail: 100 } },
    );
    const cancelled = await this.decisions.resyncTimers();
    const relayed = await this.scheduler.relay();
    const restored = await this.scheduler.reconcile();
    const deliveries = await this.deliveries.reconcile();
    if (cancelled.length + restored.length + deliveries > 0) {
      this.logger.log(`reconciled: ${cancelled.length} stale timer(s) cancelled, ${restored.length} timer job(s) and ${deliveries} delivery job(s) restored`);
    }
    return { cancelled: cancelled.length, relayed, restored: restored.length, deliveries };
  }

  async onApplicationShutdown() {
    clearInterval(this.safetyNet);
    await this.host?.close();
    await this.maintenance?.close();
  }
}

function assertOneHandlerEach(handlers: Record<string, unknown>) {
  const missing = TIMER_KINDS.filter((k) => !handlers[k]);
  const unknown = Object.keys(handlers).filter((k) => !(TIMER_KINDS as readonly string[]).includes(k));
  if (missing.length || unknown.length) {
    throw new Error(`timer handlers out of step: missing ${missing.join(', ') || 'none'}, unknown ${unknown.join(', ') || 'none'}`);
  }
}
