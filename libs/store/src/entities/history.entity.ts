import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Append-only: one row per accepted action or timer, written in the transaction that changed the state. */
@Entity({ name: 'decision_history' })
export class HistoryEntity {
  @PrimaryGeneratedColumn('identity', { type: 'bigint' }) id: string;
  @Column({ name: 'decision_id', type: 'uuid' }) decisionId: string;
  @Column({ type: 'int' }) seq: number;
  @Column({ type: 'text' }) type: string;
  @Column({ type: 'timestamptz' }) at: Date;
  @Column({ name: 'actor_user_id', type: 'text' }) actorUserId: string;
  @Column({ name: 'actor_name', type: 'text' }) actorName: string;
  @Column({ name: 'from_state', type: 'text', nullable: true }) fromState: string | null;
  @Column({ name: 'to_state', type: 'text' }) toState: string;
  @Column({ type: 'jsonb', default: () => "'{}'" }) payload: Record<string, unknown>;
  /** SHA-256 over this entry and the previous entry's hash (migration 1700000000006): computed by the INSERT. */
  @Column({ type: 'text' }) hash: string;
}
