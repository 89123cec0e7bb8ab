import type { DataSource, EntityManager } from 'typeorm';
import { recordTimerFired } from '#libs/metrics';
import { DecisionRepository, TimerRepository, type DecisionEntity, type TimerEntity } from '#libs/store';

/**
 * Runs `work` on a pending timer and its decision, both locked, in one transaction; null when the
 * timer is gone or already settled. Locks decision → timer, the order every action uses, so a firing
 * and an action never deadlock.
 */
export async function withPendingTimer<T>(
  dataSource: DataSource,
  timerId: string,
  work: (m: EntityManager, decision: DecisionEntity, timer: TimerEntity) => Promise<T>,
): Promise<T | null> {
  const decisionId = (await new TimerRepository(dataSource.manager).find(timerId))?.decisionId;
  if (!decisionId) return null;
  return dataSource.transaction(async (m) => {
    const decision = await new DecisionRepository(m).findForUpdate(decisionId);
    const timer = await new TimerRepository(m).findForUpdate(timerId);
    if (!decision || !timer || timer.status !== 'pending') return null;
    recordTimerFired(timer.kind, timer.dueAt);
    return work(m, decision, timer);
  });
}
