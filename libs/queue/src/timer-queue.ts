import { Logger } from '@nestjs/common';
import { Queue, type Job } from 'bullmq';
import type { Redis } from 'ioredis';

export const TIMERS_QUEUE = 'timers';

export interface TimerJobData {
  timerId: string;
  decisionId: string;
}

export interface DueTimer {
  id: string;
  decisionId: string;
  kind: string;
  dueAt: Date;
}

/**
 * The BullMQ side of durable timers. The job id is the timer row's id, so adding one twice is a no-op
 * (BullMQ ignores a duplicate id) and a retry never makes a second job.
 */
export class TimerQueue {
  readonly queue: Queue<TimerJobData>;

  constructor(connection: Redis, prefix: string) {
    this.queue = new Queue<TimerJobData>(TIMERS_QUEUE, {
      connection,
      prefix,
      defaultJobOptions: {
        attempts: 5,
        backoff: { type: 'exponential', delay: 1000 },
        removeOnComplete: { age: 24 * 3600, count: 10_000 },
        removeOnFail: { age: 7 * 24 * 3600 },
      },
    });
    // Connection errors surface through health (and ioredis reconnects); without a listener BullMQ prints each one.
    this.queue.on('error', (e) => new Logger('Queue').debug(`${this.queue.name}: ${e.message}`));
  }

  async enqueue(timers: DueTimer[], now: Date): Promise<void> {
    if (timers.length === 0) return;
    await this.queue.addBulk(
      timers.map((t) => ({
        name: t.kind,
        data: { timerId: t.id, decisionId: t.decisionId },
        opts: { jobId: t.id, delay: Math.max(0, t.dueAt.getTime() - now.getTime()) },
      })),
    );
  }

  async has(timerId: string): Promise<boolean> {
    const job: Job | undefined = await this.queue.getJob(timerId);
    return job !== undefined && job !== null;
  }

  async remove(timerId: string): Promise<void> {
    await this.queue.remove(timerId).catch(() => undefined);
  }

  async close(): Promise<void> {
    await this.queue.close();
  }
}
