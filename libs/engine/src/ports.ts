import type { TimerEntity } from '#libs/store';

/** Where time comes from; tests pin it (a fake clock) and the pure core takes it as an argument. */
export interface Clock {
  now(): Date;
}
export const CLOCK = Symbol('CLOCK');
export const systemClock: Clock = { now: () => new Date() };

/** A timer as the queue needs it: its row id (the job id), its subject, its kind and when it is due. */
export type QueueableTimer = Pick<TimerEntity, 'id' | 'subjectType' | 'subjectId' | 'kind' | 'dueAt'>;

/**
 * Runs after a transaction commits: hands timers due within the horizon to the job queue and drops
 * cancelled ones. Failures here lose nothing — the rows are committed and the relay/reconciler repairs the
 * queue from them. Tests substitute a recording sink.
 */
export interface TimerSink {
  schedule(timers: QueueableTimer[]): Promise<void>;
  cancel(timerIds: string[]): Promise<void>;
}
export const TIMER_SINK = Symbol('TIMER_SINK');
