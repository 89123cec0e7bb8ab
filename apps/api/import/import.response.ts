import { ApiProperty } from '@nestjs/swagger';
import { ArrangementView } from '../arrangements/arrangement.dto.js';
import { DecisionView } from '../decisions/dto/decision.response.js';

/** Response shapes of POST /api/import/decision-record, as the OpenAPI document describes them. */

/** A temporary staffing arrangement read from the record, stored as `proposed` until an officer confirms it. */
export class ProposedArrangementView extends ArrangementView {
  @ApiProperty({ description: 'the sentence (a line, or one numbered item) it was read from' }) sourceText: string;
  @ApiProperty({ enum: ['purpose', 'decision'] }) section: string;
  @ApiProperty({ minimum: 0, maximum: 1, example: 0.85, description: 'how much of the arrangement the sentence stated' }) confidence: number;
  @ApiProperty({ type: [String], description: 'what the extraction read but could not carry over (left for the officer)' }) notes: string[];
}

export class ImportResultView {
  @ApiProperty({ type: DecisionView }) decision: DecisionView;
  @ApiProperty({ type: [ProposedArrangementView] }) proposedArrangements: ProposedArrangementView[];
}
