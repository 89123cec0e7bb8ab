import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** pending → sending (claimed under a lease) → sent | dead; a lapsed lease makes a 'sending' row claimable again. */
export type NotificationStatus = 'pending' | 'sending' | 'sent' | 'dead';

/**
 * One delivery (an email to one address, or one webhook call) about one subject: the outbox row and the log
 * entry in one. `idempotencyKey` is unique, so a re-fired reminder never makes a second delivery, and it is
 * what every resend carries (Message-ID / Idempotency-Key); 'dead' is the dead-letter record after the last try.
 */
@Entity({ name: 'notifications' })
export class NotificationEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'subject_type', type: 'text' }) subjectType: string;
  @Column({ name: 'subject_id', type: 'uuid' }) subjectId: string;
  @Column({ name: 'timer_id', type: 'text', nullable: true }) timerId: string | null;
  @Column({ type: 'text' }) kind: string;
  @Column({ type: 'text' }) channel: 'email' | 'webhook';
  @Column({ type: 'text' }) recipient: string;
  @Column({ type: 'text' }) subject: string;
  @Column({ type: 'jsonb', default: () => "'{}'" }) payload: Record<string, unknown>;
  @Column({ name: 'idempotency_key', type: 'text', unique: true }) idempotencyKey: string;
  @Column({ type: 'text' }) status: NotificationStatus;
  @Column({ type: 'int', default: 0 }) attempts: number;
  @Column({ name: 'last_error', type: 'text', nullable: true }) lastError: string | null;
  /** The claim of the worker sending it now, and until when that claim holds. */
  @Column({ name: 'claim_token', type: 'uuid', nullable: true }) claimToken: string | null;
  @Column({ name: 'lease_until', type: 'timestamptz', nullable: true }) leaseUntil: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true }) sentAt: Date | null;
}
