import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { Queue, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { RATIFY_CONFIG, type RatifyConfig } from '#libs/config';
import { DecisionService } from '#libs/decisions';
import { REDIS, TIMERS_QUEUE, type TimerJobData } from '#libs/queue';
import { TimerScheduler } from './timer-scheduler.js';

export const MAINTENANCE_QUEUE = 'maintenance';
const RECONCILE_EVERY_MS = 60_000;

/**
 * The worker side of durable timers: fires due timers through the same DecisionService as the API, and
 * keeps BullMQ in step with the timers table (relay on start, then a reconcile job every minute).
 */
@Injectable()
export class TimerWorker implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(TimerWorker.name);
  private workers: Worker[] = [];
  private connections: Redis[] = [];
  private maintenance?: Queue;

  constructor(
    @Inject(RATIFY_CONFIG) private readonly config: RatifyConfig,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(DecisionService) private readonly decisions: DecisionService,
    @Inject(TimerScheduler) private readonly scheduler: TimerScheduler,
  ) {}

  async onModuleInit() {
    const prefix = this.config.queuePrefix;
    const timers = new Worker<TimerJobData>(TIMERS_QUEUE, (job) => this.fire(job), {
      connection: this.connection(),
      prefix,
      concurrency: this.config.worker.concurrency,
      lockDuration: this.config.worker.lockDurationMs,
      stalledInterval: this.config.worker.stalledIntervalMs,
    });
    const maintenance = new Worker(MAINTENANCE_QUEUE, () => this.maintain(), { connection: this.connection(), prefix });
    for (const w of [timers, maintenance]) w.on('failed', (job, err) => this.logger.error(`${w.name} job ${job?.id} failed: ${err.message}`));
    this.workers = [timers, maintenance];
    this.maintenance = new Queue(MAINTENANCE_QUEUE, { connection: this.redis, prefix });
    await this.maintenance.upsertJobScheduler(
      'reconcile-timers',
      { every: RECONCILE_EVERY_MS },
      { name: 'reconcile', opts: { removeOnComplete: 100, removeOnFail: 100 } },
    );
    await this.maintain();
  }

  async fire(job: Job<TimerJobData>) {
    const outcome = await this.decisions.fireTimer(job.data.timerId);
    this.logger.log(`timer ${job.data.timerId} (${job.name}): ${outcome}`);
    return outcome;
  }

  async maintain() {
    const relayed = await this.scheduler.relay();
    const restored = await this.scheduler.reconcile();
    return { relayed, restored: restored.length };
  }

  /** Workers block on Redis, so each gets its own connection; BullMQ leaves passed-in ones to us to close. */
  private connection(): Redis {
    const connection = this.redis.duplicate();
    this.connections.push(connection);
    return connection;
  }

  async onApplicationShutdown() {
    await Promise.all(this.workers.map((w) => w.close()));
    await this.maintenance?.close();
    this.connections.forEach((c) => c.disconnect());
  }
}
