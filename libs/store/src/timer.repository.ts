import { In, IsNull, LessThan, type EntityManager, type QueryDeepPartialEntity } from 'typeorm';
import { TimerEntity } from './entities/timer.entity.js';

/** The timers table: the durable half of every clock. */
export class TimerRepository {
  constructor(private readonly db: EntityManager) {}

  pendingFor(decisionId: string): Promise<TimerEntity[]> {
    return this.db.find(TimerEntity, { where: { decisionId, status: 'pending' } });
  }

  find(id: string): Promise<TimerEntity | null> {
    return this.db.findOne(TimerEntity, { where: { id } });
  }

  findForUpdate(id: string): Promise<TimerEntity | null> {
    return this.db.findOne(TimerEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** Inserts timers that do not exist yet; an id seen before (even settled) is never re-armed. */
  async insertNew(timers: Pick<TimerEntity, 'id' | 'decisionId' | 'kind' | 'dueAt' | 'payload'>[]): Promise<TimerEntity[]> {
    if (timers.length === 0) return [];
    const result = await this.db
      .createQueryBuilder()
      .insert()
      .into(TimerEntity)
      .values(timers.map((t) => ({ ...t, status: 'pending' })) as QueryDeepPartialEntity<TimerEntity>[])
      .orIgnore()
      .returning('*')
      .execute();
    const inserted = new Set((result.raw as { id: string }[]).map((r) => r.id));
    return this.db.find(TimerEntity, { where: { id: In([...inserted]) } });
  }

  async settle(ids: string[], status: 'fired' | 'cancelled', at: Date): Promise<void> {
    if (ids.length) await this.db.update(TimerEntity, { id: In(ids), status: 'pending' }, { status, settledAt: at });
  }

  async markEnqueued(ids: string[], at: Date): Promise<void> {
    if (ids.length) await this.db.update(TimerEntity, { id: In(ids), enqueuedAt: IsNull() }, { enqueuedAt: at });
  }

  /** Pending timers the relay has not handed to BullMQ yet (the commit happened, the enqueue did not). */
  notEnqueued(limit: number): Promise<TimerEntity[]> {
    return this.db.find(TimerEntity, { where: { status: 'pending', enqueuedAt: IsNull() }, order: { dueAt: 'ASC' }, take: limit });
  }

  /** The pending timer most past its due time, if any is past it. */
  oldestOverdue(now: Date): Promise<TimerEntity | null> {
    return this.db.findOne(TimerEntity, { where: { status: 'pending', dueAt: LessThan(now) }, order: { dueAt: 'ASC' } });
  }

  allPending(): Promise<TimerEntity[]> {
    return this.db.find(TimerEntity, { where: { status: 'pending' }, order: { dueAt: 'ASC' } });
  }
}
