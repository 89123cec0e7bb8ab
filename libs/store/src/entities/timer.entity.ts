import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

export type TimerStatus = 'pending' | 'fired' | 'cancelled';

/**
 * A durable clock (the outbox side of a BullMQ delayed job). The id is deterministic — decision id plus the
 * key the state asked for — and doubles as the BullMQ job id, so re-scheduling never makes a second job.
 */
@Entity({ name: 'timers' })
export class TimerEntity {
  @PrimaryColumn({ type: 'text' }) id: string;
  @Column({ name: 'decision_id', type: 'uuid' }) decisionId: string;
  /** What to do when it fires: a lifecycle event (CALL_IN_PERIOD_ENDED) or a reminder kind. */
  @Column({ type: 'text' }) kind: string;
  @Column({ name: 'due_at', type: 'timestamptz' }) dueAt: Date;
  @Column({ type: 'text' }) status: TimerStatus;
  @Column({ type: 'jsonb', default: () => "'{}'" }) payload: Record<string, unknown>;
  /** Set once the relay has handed it to BullMQ; null means "still to enqueue". */
  @Column({ name: 'enqueued_at', type: 'timestamptz', nullable: true }) enqueuedAt: Date | null;
  @Column({ name: 'settled_at', type: 'timestamptz', nullable: true }) settledAt: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
