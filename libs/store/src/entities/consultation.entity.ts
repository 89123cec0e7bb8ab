import { Column, Entity, PrimaryColumn } from 'typeorm';

export type ConsultationStatus = 'pending' | 'signed-off' | 'changes-requested';

/** One consultee area of a decision: who is assigned, and where its sign-off stands in this revision. */
@Entity({ name: 'consultations' })
export class ConsultationEntity {
  @PrimaryColumn({ name: 'decision_id', type: 'uuid' }) decisionId: string;
  @PrimaryColumn({ type: 'text' }) area: string;
  @Column({ type: 'int' }) position: number;
  @Column({ type: 'text' }) label: string;
  @Column({ name: 'assignee_user_id', type: 'text', nullable: true }) assigneeUserId: string | null;
  @Column({ type: 'text' }) status: ConsultationStatus;
  @Column({ type: 'text', nullable: true }) by: string | null;
  @Column({ type: 'timestamptz', nullable: true }) at: Date | null;
  @Column({ type: 'text', nullable: true }) comments: string | null;
}
