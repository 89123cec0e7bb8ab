import { Logger } from '@nestjs/common';
import { Queue, type DefaultJobOptions, type JobType } from 'bullmq';
import type { Redis } from 'ioredis';

/** The states in which a job will still run. A failed or completed job "exists" but will not. */
export const WILL_RUN: JobType[] = ['waiting', 'delayed', 'prioritized', 'active', 'waiting-children'];

/** A job to put in the queue: its id (a database row's id), its name, its data and when it may run. */
export interface QueuedJob<T> {
  id: string;
  name: string;
  data: T;
  /** Milliseconds from now. */
  delay?: number;
}

const CHUNK = 1000;
const CHUNKS_AT_ONCE = 4;

/**
 * A BullMQ queue whose job ids are database row ids (so adding one twice is a no-op) and which can answer
 * the reconciler's two questions: which jobs will still run, and replace those that will not.
 */
export class JobQueue<T> {
  readonly queue: Queue<T>;

  constructor(
    name: string,
    private readonly connection: Redis,
    prefix: string,
    defaultJobOptions: DefaultJobOptions,
  ) {
    this.queue = new Queue<T>(name, { connection, prefix, defaultJobOptions });
    // Connection errors surface through health (and ioredis reconnects); without a listener BullMQ prints each one.
    this.queue.on('error', (e) => new Logger('Queue').debug(`${name}: ${e.message}`));
  }

  /**
   * Adds jobs (in chunks, a few at once: Redis runs one chunk's scripts while the next is being built); an
   * id the queue already holds, in any state, is left as it is.
   */
  async add(jobs: QueuedJob<T>[]): Promise<void> {
    let next = 0;
    const lane = async () => {
      while (next < jobs.length) {
        const i = next;
        next += CHUNK;
        await this.queue.addBulk(
          jobs.slice(i, i + CHUNK).map((j) => ({ name: j.name, data: j.data, opts: { jobId: j.id, ...(j.delay ? { delay: j.delay } : {}) } })) as never,
        );
      }
    };
    await Promise.all(Array.from({ length: Math.min(CHUNKS_AT_ONCE, Math.ceil(jobs.length / CHUNK)) }, lane));
  }

  /** The ids of every job that will still run (waiting, delayed, prioritized, active, waiting for children). */
  async willRun(): Promise<Set<string>> {
    return new Set(await this.queue.getRanges(WILL_RUN, 0, -1));
  }

  /** Whether this job will still run (the only sense of "in the queue" the reconciler cares about). */
  async has(id: string): Promise<boolean> {
    const state = await this.queue.getJobState(id);
    return (WILL_RUN as string[]).includes(state);
  }

  /**
   * Puts jobs back that will not run: a job left failed (e.g. by stalls) or completed under the same id is
   * removed first, since adding over it would be ignored.
   */
  async replace(jobs: QueuedJob<T>[]): Promise<void> {
    if (jobs.length === 0) return;
    const pipeline = this.connection.pipeline();
    for (const j of jobs) pipeline.exists(this.queue.toKey(j.id));
    const exists = (await pipeline.exec()) ?? [];
    const leftovers = jobs.filter((_, k) => exists[k]?.[1] === 1);
    await Promise.all(leftovers.map((j) => this.queue.remove(j.id).catch(() => 0)));
    await this.add(jobs);
  }

  async remove(id: string): Promise<void> {
    await this.queue.remove(id).catch(() => undefined);
  }

  close(): Promise<void> {
    return this.queue.close();
  }
}
