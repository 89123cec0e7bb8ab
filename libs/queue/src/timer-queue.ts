import type { Redis } from 'ioredis';
import { JobQueue } from './job-queue.js';

export const TIMERS_QUEUE = 'timers';

/** A timer job: the row id (also the job id) and its subject, so the worker locks the subject first. */
export interface TimerJobData {
  timerId: string;
  subjectType: string;
  subjectId: string;
}

export interface DueTimer {
  id: string;
  subjectType: string;
  subjectId: string;
  kind: string;
  dueAt: Date;
}

/**
 * The BullMQ side of durable timers: a cache of the timers due within the horizon. The job id is the timer
 * row's id, so adding one twice is a no-op and a retry never makes a second job.
 */
export class TimerQueue extends JobQueue<TimerJobData> {
  constructor(connection: Redis, prefix: string) {
    super(TIMERS_QUEUE, connection, prefix, {
      attempts: 5,
      backoff: { type: 'exponential', delay: 1000 },
      removeOnComplete: { age: 24 * 3600, count: 10_000 },
      removeOnFail: { age: 7 * 24 * 3600 },
    });
  }

  static jobs(timers: DueTimer[], now: Date) {
    return timers.map((t) => ({
      id: t.id,
      name: t.kind,
      data: { timerId: t.id, subjectType: t.subjectType, subjectId: t.subjectId },
      delay: Math.max(0, t.dueAt.getTime() - now.getTime()),
    }));
  }

  enqueue(timers: DueTimer[], now: Date): Promise<void> {
    return this.add(TimerQueue.jobs(timers, now));
  }

  /** Re-creates jobs for timers the queue will not run (see JobQueue.replace). */
  restore(timers: DueTimer[], now: Date): Promise<void> {
    return this.replace(TimerQueue.jobs(timers, now));
  }
}
