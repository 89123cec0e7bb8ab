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
