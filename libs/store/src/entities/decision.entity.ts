import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { CallInWaiver, DecisionState, DecisionType, PersistedLifecycle, SpecialUrgency, Urgency } from '#libs/lifecycle';

export interface TextItem {
  text: string;
}
export interface Contact {
  name?: string | null;
  role?: string | null;
  phone?: string | null;
  email?: string | null;
}
export interface Funding {
  amount?: number | null;
  currency?: string | null;
  source?: string | null;
}

/**
 * Where an imported decision came from, and the fields of its "Decision details" record that have no column
 * of their own (so the register can show the record as it was).
 */
export interface ImportedFrom {
  /** The file name (or "request body") and its format. */
  source: { name: string; format: 'text' | 'html' };
  /** ISO instant of the import. */
  at: string;
  /** False when the record carried no reference: the generated one is the register's, not the record's. */
  referenceGiven: boolean;
  /** The record's own fields beside the columns: its emails (all of them), documents and the rarer labels. */
  record: {
    emails: string[];
    documents: { title: string; url: string | null }[];
    effectiveFrom: string | null;
    decidedAtMeeting: string | null;
    reportAuthor: string | null;
    isUrgent: boolean | null;
    risks: string | null;
    /** The status exactly as the record wrote it, when it is not one of Ratify's display words. */
    statusAsWritten: string | null;
  };
  /**
   * Where each staffing arrangement proposed from the record's text came from: the decision's arrangement at
   * `position`, the sentence it was read from, its section and the extraction's confidence (0–1), and what
   * could not be carried over. `refused` lists what was read but could not be proposed, and why.
   */
  proposals?: { position: number; sourceText: string; section: string; confidence: number; notes: string[] }[];
  refusedProposals?: { sourceText: string; problems: string[] }[];
}

/**
 * One decision. `lifecycle` is the statechart's persisted snapshot; `state` is copied from it in the same
 * write so lists can filter on it. `version` is bumped by every accepted change (optimistic concurrency).
 */
@Entity({ name: 'decisions' })
export class DecisionEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'text', unique: true }) reference: string;
  @Column({ type: 'int' }) version: number;
  @Column({ type: 'text' }) state: DecisionState;
  @Column({ type: 'jsonb' }) lifecycle: PersistedLifecycle;

  @Column({ type: 'text' }) title: string;
  @Column({ name: 'decision_maker_title', type: 'text' }) decisionMakerTitle: string;
  @Column({ name: 'decision_maker_user_id', type: 'text', nullable: true }) decisionMakerUserId: string | null;
  @Column({ name: 'author_user_id', type: 'text' }) authorUserId: string;
  @Column({ name: 'author_name', type: 'text' }) authorName: string;
  @Column({ name: 'decision_type', type: 'text', default: 'executive' }) decisionType: DecisionType;
  @Column({ name: 'is_key_decision', type: 'boolean' }) isKeyDecision: boolean;
  @Column({ name: 'is_subject_to_call_in', type: 'boolean' }) isSubjectToCallIn: boolean;
  @Column({ type: 'text' }) urgency: Urgency;
  @Column({ name: 'general_exception_notice_at', type: 'date', nullable: true }) generalExceptionNoticeAt: string | null;
  @Column({ name: 'special_urgency', type: 'jsonb', nullable: true }) specialUrgency: SpecialUrgency | null;
  /** Why the decision is exempt from call-in, and who agreed (the constitution's urgency procedure). */
  @Column({ name: 'call_in_waiver', type: 'jsonb', nullable: true }) callInWaiver: CallInWaiver | null;
  @Column({ name: 'forward_plan_notice_at', type: 'date', nullable: true }) forwardPlanNoticeAt: string | null;

  @Column({ type: 'text', default: '' }) purpose: string;
  @Column({ type: 'jsonb', default: () => "'[]'" }) recommendations: TextItem[];
  @Column({ type: 'text', default: '' }) reasons: string;
  @Column({ name: 'alternative_options', type: 'jsonb', default: () => "'[]'" }) alternativeOptions: TextItem[];
  @Column({ type: 'jsonb', nullable: true }) contact: Contact | null;
  @Column({ type: 'jsonb', default: () => "'[]'" }) funding: Funding[];
  @Column({ name: 'conflicts_of_interest', type: 'text', nullable: true }) conflictsOfInterest: string | null;
  @Column({ type: 'text', nullable: true }) dispensation: string | null;
  @Column({ name: 'wards_affected', type: 'jsonb', default: () => "'[]'" }) wardsAffected: string[];
  @Column({ name: 'other_consulted', type: 'text', nullable: true }) otherConsulted: string | null;
  @Column({ name: 'decision_text', type: 'text', nullable: true }) decisionText: string | null;

  /** Copied from the lifecycle for the public register's date filters. */
  @Column({ name: 'decided_at', type: 'date', nullable: true }) decidedAt: string | null;
  @Column({ name: 'published_at', type: 'date', nullable: true }) publishedAt: string | null;

  /** Set on a decision imported from an existing register (see ImportedFrom); null for one made here. */
  @Column({ type: 'jsonb', nullable: true }) imported?: ImportedFrom | null;
  /** What makes a record import once (libs/records `duplicateKey`); null for decisions made here. */
  @Column({ name: 'import_key', type: 'text', nullable: true }) importKey?: string | null;

  @Column({ name: 'planned_determination_at', type: 'date', nullable: true }) plannedDeterminationAt: string | null;
  /** When the current state was entered: reminders count from it. */
  @Column({ name: 'state_entered_at', type: 'timestamptz' }) stateEnteredAt: Date;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
