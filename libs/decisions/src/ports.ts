import type { TimerEntity } from '#libs/store';

/** Where time comes from; tests may pin it. */
export interface Clock {
  now(): Date;
}
export const CLOCK = Symbol('CLOCK');
export const systemClock: Clock = { now: () => new Date() };

/**
 * Runs after a transaction commits: hands new timers to the job queue and drops cancelled ones.
 * Failures here lose nothing — the rows are committed and the relay/reconciler retries them.
 */
export interface TimerSink {
  schedule(timers: TimerEntity[]): Promise<void>;
  cancel(timerIds: string[]): Promise<void>;
}
export const TIMER_SINK = Symbol('TIMER_SINK');
