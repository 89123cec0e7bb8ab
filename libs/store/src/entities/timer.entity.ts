import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

export type TimerStatus = 'pending' | 'fired' | 'cancelled';

/**
 * A durable clock of one subject (a decision, an arrangement …): the source of truth, of which a BullMQ
 * delayed job is a cache while it is due within the horizon. The id is deterministic — the subject's id plus
 * the key its state asked for — and doubles as the job id, so re-scheduling never makes a second job.
 */
@Entity({ name: 'timers' })
export class TimerEntity {
  @PrimaryColumn({ type: 'text' }) id: string;
  /** 'decision', 'arrangement' …: which aggregate's adapter owns the subject. */
  @Column({ name: 'subject_type', type: 'text' }) subjectType: string;
  @Column({ name: 'subject_id', type: 'uuid' }) subjectId: string;
  /** What to do when it fires: one @TimerHandler per kind (CALL_IN_PERIOD_ENDED, REMINDER …). */
  @Column({ type: 'text' }) kind: string;
  @Column({ name: 'due_at', type: 'timestamptz' }) dueAt: Date;
  @Column({ type: 'text' }) status: TimerStatus;
  @Column({ type: 'jsonb', default: () => "'{}'" }) payload: Record<string, unknown>;
  /** Set when the timer was handed to BullMQ (at commit, by the relay or the reconciler); null: not in Redis yet. */
  @Column({ name: 'enqueued_at', type: 'timestamptz', nullable: true }) enqueuedAt: Date | null;
  @Column({ name: 'settled_at', type: 'timestamptz', nullable: true }) settledAt: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

/** A timer as a subject's state wants it (before it is a row). */
export type WantedTimer = Pick<TimerEntity, 'id' | 'subjectType' | 'subjectId' | 'kind' | 'dueAt' | 'payload'>;
