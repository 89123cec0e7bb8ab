import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { DelayedError, Queue, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { RATIFY_CONFIG, type RatifyConfig } from '#libs/config';
import { Engine } from '#libs/engine';
import { countDelivery } from '#libs/metrics';
import { DeliveryService } from '#libs/notifications';
import { DELIVERIES_QUEUE, REDIS, TIMERS_QUEUE, WorkerHost, redisDurabilityWarnings, type DeliveryJobData, type TimerJobData } from '#libs/queue';
import { FiringBatcher } from './firing-batcher.js';
import { QueueKeeper, type Maintenance } from './queue-keeper.js';

/** The queue an earlier version ran its reconcile schedule on (removed at start-up: nothing consumes it now). */
const LEGACY_MAINTENANCE_QUEUE = 'maintenance';

/**
 * The worker process: fires timers through the engine (one handler per kind, found at start-up; timers due
 * together in batches, see FiringBatcher), sends
 * deliveries, and keeps the queue in step with the database on its own clock (QueueKeeper).
 */
@Injectable()
export class JobWorker implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(JobWorker.name);
  private host?: WorkerHost;
  private readonly batcher: FiringBatcher;

  constructor(
    @Inject(RATIFY_CONFIG) private readonly config: RatifyConfig,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(Engine) private readonly engine: Engine,
    @Inject(DeliveryService) private readonly deliveries: DeliveryService,
    @Inject(QueueKeeper) private readonly keeper: QueueKeeper,
  ) {
    this.batcher = new FiringBatcher((refs) => this.engine.fireMany(refs), config.timers.batchSize, config.timers.batchesInFlight);
  }

  async onModuleInit() {
    this.engine.assertEveryKindHandled();
    for (const warning of await redisDurabilityWarnings(this.redis)) this.logger.warn(warning);
    const host = new WorkerHost(this.redis, { prefix: this.config.queuePrefix, ...this.config.worker });
    this.host = host;
    host.start<TimerJobData>(TIMERS_QUEUE, (job) => this.fire(job), this.config.timers.concurrency);
    host.start<DeliveryJobData>(DELIVERIES_QUEUE, (job, token) => this.deliver(job, token));
    await this.removeLegacySchedule();
    await this.keeper.start();
  }

  /** Each job settles with its own timer's outcome, though timers due together are fired a batch at a time. */
  async fire(job: Job<TimerJobData>) {
    const outcome = await this.batcher.fire(job.data);
    this.logger.debug(`timer ${job.data.timerId}: ${outcome}`);
    return outcome;
  }

  async deliver(job: Job<DeliveryJobData>, token?: string) {
    let leasedUntil: Date | null = null;
    const outcome = await countDelivery(job.name, async () => {
      const result = await this.deliveries.deliver(job.data.notificationId);
      if (typeof result !== 'object') return result;
      leasedUntil = result.leasedUntil;
      return 'leased';
    });
    if (leasedUntil) {
      // Another worker's claim still holds (it may have died mid-send): look again when the lease lapses.
      await job.moveToDelayed((leasedUntil as Date).getTime() + 100, token);
      throw new DelayedError();
    }
    return outcome;
  }

  /** The reconciler, now (tests; normally on the keeper's clock). Null when another worker holds the lock. */
  maintain(): Promise<Maintenance | null> {
    return this.keeper.reconcileNow();
  }

  private async removeLegacySchedule() {
    const legacy = new Queue(LEGACY_MAINTENANCE_QUEUE, { connection: this.redis, prefix: this.config.queuePrefix });
    try {
      if (await legacy.removeJobScheduler('reconcile')) await legacy.obliterate({ force: true });
    } catch {
      // Redis down at start: nothing to remove now, and the keeper copes.
    } finally {
      await legacy.close();
    }
  }

  async onApplicationShutdown() {
    this.keeper.stop();
    await this.host?.close();
  }
}
