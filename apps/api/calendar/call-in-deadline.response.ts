import { ApiProperty } from '@nestjs/swagger';

export class SkippedDayView {
  @ApiProperty({ example: '2020-11-21' }) date: string;
  @ApiProperty({ example: 'Saturday' }) why: string;
}

/** The computation shown, so an officer can check it against the constitution (CONTRACT.md, Calendar). */
export class CallInDeadlineView {
  @ApiProperty({ example: '2020-11-18' }) publishedAt: string;
  @ApiProperty({ format: 'date-time', example: '2020-11-25T17:00:00.000Z' }) deadline: string;
  @ApiProperty({ format: 'date-time' }) effectiveAt: string;
  @ApiProperty({ type: [String], example: ['2020-11-19', '2020-11-20', '2020-11-23', '2020-11-24', '2020-11-25'] }) countedDays: string[];
  @ApiProperty({ type: [SkippedDayView] }) skipped: SkippedDayView[];
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'the rule applied' }) rule: Record<string, unknown>;
}

/** The clear days from a notice to a decision, as the key-decision guard counts them. */
export class ForwardPlanCheckView {
  @ApiProperty({ enum: ['forward-plan', 'general-exception'] }) procedure: string;
  @ApiProperty({ example: '2021-01-04' }) noticeAt: string;
  @ApiProperty({ nullable: true, type: String, example: '2021-02-15' }) decidedAt: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'the rule applied' }) rule: Record<string, unknown>;
  @ApiProperty({ nullable: true, type: Number, description: 'clear days between notice and decision (null without decidedAt)' }) clearDays: number | null;
  @ApiProperty({ example: 28 }) required: number;
  @ApiProperty({ nullable: true, type: Boolean }) met: boolean | null;
  @ApiProperty({ example: '2021-02-02' }) earliestDecisionDate: string;
  @ApiProperty({ type: [String] }) countedDays: string[];
  @ApiProperty({ type: [SkippedDayView] }) skipped: SkippedDayView[];
}
