import { Logger } from '@nestjs/common';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';

export const DELIVERIES_QUEUE = 'deliveries';

export interface DeliveryJobData {
  notificationId: string;
}

/** One job per notification row (job id = row id), retried with exponential back-off. */
export class DeliveryQueue {
  readonly queue: Queue<DeliveryJobData>;

  constructor(connection: Redis, prefix: string, opts: { attempts: number; backoffMs: number }) {
    this.queue = new Queue<DeliveryJobData>(DELIVERIES_QUEUE, {
      connection,
      prefix,
      defaultJobOptions: {
        attempts: opts.attempts,
        backoff: { type: 'exponential', delay: opts.backoffMs },
        removeOnComplete: { age: 24 * 3600, count: 10_000 },
        removeOnFail: { age: 7 * 24 * 3600 },
      },
    });
    // Connection errors surface through health (and ioredis reconnects); without a listener BullMQ prints each one.
    this.queue.on('error', (e) => new Logger('Queue').debug(`${this.queue.name}: ${e.message}`));
  }

  async enqueue(notifications: { id: string; channel: string }[]): Promise<void> {
    if (notifications.length === 0) return;
    await this.queue.addBulk(notifications.map((n) => ({ name: n.channel, data: { notificationId: n.id }, opts: { jobId: n.id } })));
  }

  async has(id: string): Promise<boolean> {
    return Boolean(await this.queue.getJob(id));
  }

  close() {
    return this.queue.close();
  }
}
