import type { Redis } from 'ioredis';
import { JobQueue } from './job-queue.js';

export const DELIVERIES_QUEUE = 'deliveries';

export interface DeliveryJobData {
  notificationId: string;
}

/** One job per notification row (job id = row id), retried with exponential back-off. */
export class DeliveryQueue extends JobQueue<DeliveryJobData> {
  constructor(connection: Redis, prefix: string, opts: { attempts: number; backoffMs: number }) {
    super(DELIVERIES_QUEUE, connection, prefix, {
      attempts: opts.attempts,
      backoff: { type: 'exponential', delay: opts.backoffMs },
      removeOnComplete: { age: 24 * 3600, count: 10_000 },
      removeOnFail: { age: 7 * 24 * 3600 },
    });
  }

  static jobs(notifications: { id: string; channel: string }[]) {
    return notifications.map((n) => ({ id: n.id, name: n.channel, data: { notificationId: n.id } }));
  }

  enqueue(notifications: { id: string; channel: string }[]): Promise<void> {
    return this.add(DeliveryQueue.jobs(notifications));
  }

  /** Re-creates jobs for deliveries the queue will not run (see JobQueue.replace). */
  restore(notifications: { id: string; channel: string }[]): Promise<void> {
    return this.replace(DeliveryQueue.jobs(notifications));
  }
}
