import { ArrangementView } from '../../arrangements/arrangement.dto.js';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ACTIONS, DECISION_STATES } from '#libs/lifecycle';
import { ContactDto, FundingDto, TextItemDto } from './create-decision.dto.js';

/** Response shapes of the decisions resource, as the OpenAPI document describes them (validated in every e2e test). */

const DISPLAY_STATUSES = [
  'Draft', 'Consultation', 'For Determination', 'Recommendations Approved', 'Recommendations Approved (subject to call-in)',
  'Called In', 'Referred to Council', 'Deferred', 'Rejected', 'Withdrawn', 'Implemented',
];

export class DecisionMakerView {
  @ApiProperty({ example: 'Managing Director Children and Young People (DCS)' }) title: string;
  @ApiProperty({ example: 'u-dm', nullable: true, type: String }) userId: string | null;
}

export class PersonView {
  @ApiProperty({ example: 'u-officer' }) userId: string;
  @ApiProperty({ example: 'Bruce Penhale' }) name: string;
}

export class ConsulteeView {
  @ApiProperty({ example: 'hr' }) area: string;
  @ApiProperty({ example: 'HR' }) label: string;
  @ApiProperty({ example: 'u-hr', nullable: true, type: String }) assigneeUserId: string | null;
}

export class ConsultationView {
  @ApiProperty({ example: 'hr' }) area: string;
  @ApiProperty({ example: 'HR' }) label: string;
  @ApiProperty({ enum: ['pending', 'signed-off', 'changes-requested'] }) status: string;
  @ApiProperty({ nullable: true, type: String, example: 'u-hr' }) by: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) at: string | null;
  @ApiProperty({ nullable: true, type: String }) comments: string | null;
}

export class DecisionDates {
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) submittedAt: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) forDeterminationAt: string | null;
  @ApiProperty({ nullable: true, type: String, example: '2020-11-18' }) decidedAt: string | null;
  @ApiProperty({ nullable: true, type: String, example: '2020-11-18' }) publishedAt: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) callInDeadline: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'an instant, or the publication date when not subject to call-in' }) effectiveAt: string | null;
}

/** GET /api/decisions/:id, and the 200 of every action (CONTRACT.md). */
export class DecisionView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'RAT-2026-0001' }) reference: string;
  @ApiProperty({ example: 7 }) version: number;
  @ApiProperty({ enum: DECISION_STATES }) state: string;
  @ApiProperty({ enum: DISPLAY_STATUSES }) status: string;
  @ApiProperty({ example: 1 }) revision: number;
  @ApiProperty() title: string;
  @ApiProperty({ type: DecisionMakerView }) decisionMaker: DecisionMakerView;
  @ApiProperty() isKeyDecision: boolean;
  @ApiProperty() isSubjectToCallIn: boolean;
  @ApiProperty({ enum: ['none', 'general-exception', 'special-urgency'] }) urgency: string;
  @ApiProperty({ nullable: true, type: String, example: '2021-01-04' }) forwardPlanNoticeAt: string | null;
  @ApiProperty({ nullable: true, type: String, example: '2021-02-15' }) plannedDeterminationAt: string | null;
  @ApiProperty() purpose: string;
  @ApiProperty({ type: [TextItemDto] }) recommendations: TextItemDto[];
  @ApiProperty() reasons: string;
  @ApiProperty({ type: [TextItemDto] }) alternativeOptions: TextItemDto[];
  @ApiProperty({ type: ContactDto, nullable: true }) contact: ContactDto | null;
  @ApiProperty({ type: [FundingDto] }) funding: FundingDto[];
  @ApiProperty({ type: [ArrangementView], description: 'its temporary staffing arrangements (CONTRACT.md)' }) staffingArrangements: ArrangementView[];
  @ApiProperty({ nullable: true, type: String }) conflictsOfInterest: string | null;
  @ApiProperty({ nullable: true, type: String }) dispensation: string | null;
  @ApiProperty({ type: [String] }) wardsAffected: string[];
  @ApiProperty({ nullable: true, type: String }) otherConsulted: string | null;
  @ApiProperty({ type: PersonView }) author: PersonView;
  @ApiProperty({ type: [ConsulteeView] }) consultees: ConsulteeView[];
  @ApiProperty({ nullable: true, type: String }) decisionText: string | null;
  @ApiProperty({ type: [ConsultationView] }) consultations: ConsultationView[];
  @ApiProperty({ type: DecisionDates }) dates: DecisionDates;
  @ApiProperty({ enum: ACTIONS, isArray: true, description: 'what the caller may do now' }) allowedActions: string[];
}

export class DecisionList {
  @ApiProperty({ type: [DecisionView] }) items: DecisionView[];
  @ApiProperty({ example: 1 }) total: number;
}

export class HistoryEntryView {
  @ApiProperty({ example: 1 }) seq: number;
  @ApiProperty({ example: 'submit' }) type: string;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ type: PersonView }) actor: PersonView;
  @ApiProperty({ nullable: true, type: String, enum: DECISION_STATES }) fromState: string | null;
  @ApiProperty({ enum: DECISION_STATES }) toState: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'the action body, or the timer that fired' }) payload: Record<string, unknown>;
  @ApiProperty({ description: 'SHA-256 (hex) over this entry and the previous entry’s hash', example: 'a3f1…' }) hash: string;
}

export class ChainBreak {
  @ApiProperty({ example: 3 }) seq: number;
  @ApiProperty({ example: 'entry 3 does not match its hash: it, or entry 2 before it, was changed' }) reason: string;
}

export class ChainVerdictView {
  @ApiProperty() valid: boolean;
  @ApiProperty({ example: 8 }) entries: number;
  @ApiProperty({ nullable: true, type: String, description: 'the latest entry’s hash' }) head: string | null;
  @ApiPropertyOptional({ type: ChainBreak }) brokenAt?: ChainBreak;
}

export class DecisionSummary {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() reference: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: DECISION_STATES }) state: string;
  @ApiProperty({ enum: DISPLAY_STATUSES }) status: string;
}
