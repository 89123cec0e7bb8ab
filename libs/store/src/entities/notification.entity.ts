import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type NotificationStatus = 'pending' | 'sent' | 'dead';

/**
 * One delivery (an email to one address, or one webhook call): the outbox row and the log entry in one.
 * `idempotencyKey` is unique, so a retried reminder never makes a second delivery; 'dead' is the
 * dead-letter record after the last try.
 */
@Entity({ name: 'notifications' })
export class NotificationEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'decision_id', type: 'uuid' }) decisionId: string;
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
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true }) sentAt: Date | null;
}
