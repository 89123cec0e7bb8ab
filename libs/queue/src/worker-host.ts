import { Logger } from '@nestjs/common';
import { Worker, type Processor } from 'bullmq';
import type { Redis } from 'ioredis';

export interface WorkerSettings {
  prefix: string;
  concurrency: number;
  lockDurationMs: number;
  stalledIntervalMs: number;
  /** BullMQ fails a job after this many stalls; the default (1) would turn two kills into a lost job. */
  maxStalledCount: number;
}

/**
 * Starts BullMQ workers, each on its own blocking connection, and closes them all (BullMQ leaves
 * passed-in connections to their owner).
 */
export class WorkerHost {
  private readonly logger = new Logger('Worker');
  private readonly workers: Worker[] = [];
  private readonly connections: Redis[] = [];

  constructor(
    private readonly redis: Redis,
    private readonly settings: WorkerSettings,
  ) {}

  /** A worker on `queue`; `concurrency` overrides the settings' (how many jobs it holds at once). */
  start<T>(queue: string, processor: Processor<T>, concurrency = this.settings.concurrency): Worker<T> {
    const connection = this.redis.duplicate();
    this.connections.push(connection);
    const worker = new Worker<T>(queue, processor, {
      connection,
      prefix: this.settings.prefix,
      concurrency,
      lockDuration: this.settings.lockDurationMs,
      stalledInterval: this.settings.stalledIntervalMs,
      maxStalledCount: this.settings.maxStalledCount,
    });
    worker.on('failed', (job, err) => this.logger.warn(`${queue} job ${job?.id} failed (attempt ${job?.attemptsMade}): ${err.message}`));
    worker.on('error', (err) => this.logger.error(`${queue} worker: ${err.message}`));
    this.workers.push(worker);
    return worker;
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.close()));
    this.connections.forEach((c) => c.disconnect());
  }
}
