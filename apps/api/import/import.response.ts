import { ApiProperty } from '@nestjs/swagger';
import { ARRANGEMENT_KINDS } from '#libs/records';
import { DecisionView } from '../decisions/dto/decision.response.js';

/** Response shapes of POST /api/import/decision-record, as the OpenAPI document describes them. */

export class ProposedFundingView {
  @ApiProperty({ nullable: true, type: String, example: 'COVID-19 pressures fund' }) source: string | null;
  @ApiProperty({ nullable: true, type: Number, example: 226000 }) amount: number | null;
  @ApiProperty({ nullable: true, type: Number, example: 0.5, description: 'share of the cost, 0–1' }) share: number | null;
}

export class ProposedManagerView {
  @ApiProperty({ example: 'Alison Tomes' }) name: string;
  @ApiProperty({ nullable: true, type: String }) userId: null;
  @ApiProperty({ nullable: true, type: String }) email: null;
}

/** A temporary staffing arrangement read from the record, awaiting an officer's confirmation. */
export class ProposedArrangementView {
  @ApiProperty({ nullable: true, type: String, description: 'null until stored' }) id: string | null;
  @ApiProperty({ enum: ARRANGEMENT_KINDS }) kind: string;
  @ApiProperty({ example: 'Early Help Pathway Lead' }) title: string;
  @ApiProperty({ nullable: true, type: Number, example: 2 }) count: number | null;
  @ApiProperty({ nullable: true, type: Number, example: 2 }) fte: number | null;
  @ApiProperty({ nullable: true, type: String, example: 'Grade 9' }) grade: string | null;
  @ApiProperty({ nullable: true, type: String }) fromGrade: string | null;
  @ApiProperty({ nullable: true, type: String }) toGrade: string | null;
  @ApiProperty({ nullable: true, type: Number }) scalePoints: number | null;
  @ApiProperty({ nullable: true, type: String }) hoursFrom: string | null;
  @ApiProperty({ nullable: true, type: String }) hoursTo: string | null;
  @ApiProperty({ nullable: true, type: String, example: '2020-12-01' }) start: string | null;
  @ApiProperty({ nullable: true, type: String, example: '2021-05-31' }) end: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'P12M' }) duration: string | null;
  @ApiProperty({ nullable: true, type: ProposedFundingView }) funding: ProposedFundingView | null;
  @ApiProperty({ nullable: true, type: ProposedManagerView }) manager: ProposedManagerView | null;
  @ApiProperty({ enum: ['proposed'] }) state: string;
  @ApiProperty({ description: 'it started before the date of decision' }) retrospective: boolean;
  @ApiProperty({ nullable: true, type: String }) resolvedStart: string | null;
  @ApiProperty({ nullable: true, type: String }) resolvedEnd: string | null;
  @ApiProperty({ description: 'the sentence it was read from' }) sourceText: string;
  @ApiProperty({ enum: ['purpose', 'decision'] }) section: string;
  @ApiProperty({ minimum: 0, maximum: 1, example: 0.9 }) confidence: number;
}

export class ImportResultView {
  @ApiProperty({ type: DecisionView }) decision: DecisionView;
  @ApiProperty({ type: [ProposedArrangementView] }) proposedArrangements: ProposedArrangementView[];
}
