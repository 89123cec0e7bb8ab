import { DiscoveryService } from '@nestjs/core';

/** Marks an injectable class as an aggregate's adapter (it implements AggregateAdapter); found at start-up. */
export const Aggregate = DiscoveryService.createDecorator<void>();

/**
 * Marks the method that fires timers of one kind: `(firing: TimerFiring) => Promise<'fired' | 'stale'>`.
 * Found at start-up; every kind an aggregate declares must have exactly one.
 */
export const TimerHandler = DiscoveryService.createDecorator<string>();

/**
 * Marks a method run inside the transaction of every change to subjects of one type:
 * `(change: Transition, uow: UnitOfWork) => Promise<void>` — e.g. "decision became effective → schedule its
 * arrangements". It may change other subjects through `uow` (same transaction, after the first subject's lock).
 */
export const Reaction = DiscoveryService.createDecorator<string>();
