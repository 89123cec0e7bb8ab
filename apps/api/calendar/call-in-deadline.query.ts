import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min, ValidateBy, buildMessage } from 'class-validator';
import { COUNT_FROM, PERIOD_UNITS, TAKES_EFFECT, closureProblem } from '#libs/calendar';
import { DECISION_TYPES } from '#libs/lifecycle';
import { IsIsoDate } from '../http/is-iso-date.js';

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;
const HH_MM_OR_NONE = /^(([01]\d|2[0-3]):[0-5]\d|none)$/;
const oneOf = (name: string, values: readonly string[]) => ({ message: `${name} must be one of: ${values.join(', ')}` });

/** Comma-separated closure days (YYYY-MM-DD, YYYY-MM-DD/YYYY-MM-DD, --MM-DD, --MM-DD/--MM-DD); empty for none. */
function IsClosureList() {
  return ValidateBy({
    name: 'isClosureList',
    validator: {
      validate: (value) => typeof value === 'string' && splitClosures(value).every((c) => closureProblem(c) === null),
      defaultMessage: buildMessage(
        () => '$property must be comma-separated dates: YYYY-MM-DD, YYYY-MM-DD/YYYY-MM-DD, --MM-DD (every year) or --MM-DD/--MM-DD',
      ),
    },
  });
}

export function splitClosures(value: string): string[] {
  return value.split(',').map((c) => c.trim()).filter(Boolean);
}

/** A rule to try: each omitted parameter takes the value configured for the decision type. */
export class CallInDeadlineQuery {
  @ApiProperty({ example: '2020-11-18' }) @IsIsoDate() publishedAt: string;
  @ApiPropertyOptional({ enum: DECISION_TYPES, default: 'executive', description: 'whose configured rule the omitted parameters take' })
  @IsOptional() @IsIn(DECISION_TYPES, oneOf('decisionType', DECISION_TYPES)) decisionType?: (typeof DECISION_TYPES)[number];
  @ApiPropertyOptional({ example: 5, minimum: 1, maximum: 99 }) @IsOptional() @Type(() => Number) @IsInt({ message: 'days must be a whole number' }) @Min(1, { message: 'days must be at least 1' }) @Max(99, { message: 'days must be at most 99' }) days?: number;
  @ApiPropertyOptional({ enum: PERIOD_UNITS }) @IsOptional() @IsIn(PERIOD_UNITS, oneOf('unit', PERIOD_UNITS)) unit?: (typeof PERIOD_UNITS)[number];
  @ApiPropertyOptional({ enum: ['true', 'false'] }) @IsOptional() @IsIn(['true', 'false'], oneOf('clear', ['true', 'false'])) clear?: 'true' | 'false';
  @ApiPropertyOptional({ example: '17:00', description: 'HH:mm, or 24:00 for the end of the last day' })
  @IsOptional() @Matches(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, { message: 'endsAt must be HH:mm (24-hour) or 24:00' }) endsAt?: string;
  @ApiPropertyOptional({ enum: TAKES_EFFECT }) @IsOptional() @IsIn(TAKES_EFFECT, oneOf('takesEffect', TAKES_EFFECT)) takesEffect?: (typeof TAKES_EFFECT)[number];
  @ApiPropertyOptional({ example: '09:00', description: 'HH:mm on the day it takes effect (not with at-end), or none' })
  @IsOptional() @Matches(HH_MM_OR_NONE, { message: 'effectiveTime must be HH:mm (24-hour) or none' }) effectiveTime?: string;
  @ApiPropertyOptional({ example: '2024-12-27/2024-12-31,--08-01', description: 'council closure days, comma-separated; empty for none' })
  @IsOptional() @IsClosureList() closures?: string;
  @ApiPropertyOptional({ enum: COUNT_FROM }) @IsOptional() @IsIn(COUNT_FROM, oneOf('countFrom', COUNT_FROM)) countFrom?: (typeof COUNT_FROM)[number];
  @ApiPropertyOptional({ example: '2020-11-17', description: 'YYYY-MM-DD, needed when counting from the date of decision' }) @IsOptional() @IsIsoDate() decidedAt?: string;
  @ApiPropertyOptional({ example: '16:30', description: 'HH:mm the record was published, for a cut-off' })
  @IsOptional() @Matches(HH_MM, { message: 'publishedTime must be HH:mm (24-hour)' }) publishedTime?: string;
  @ApiPropertyOptional({ example: '16:00', description: 'HH:mm: published after it counts as published the next working day; or none' })
  @IsOptional() @Matches(HH_MM_OR_NONE, { message: 'cutOff must be HH:mm (24-hour) or none' }) cutOff?: string;
}

/** The clear-day check the key-decision guard makes, for the forward plan or the general exception. */
export class ForwardPlanCheckQuery {
  @ApiProperty({ example: '2021-01-01', description: 'YYYY-MM-DD the notice was given' }) @IsIsoDate() noticeAt: string;
  @ApiPropertyOptional({ example: '2021-01-30', description: 'YYYY-MM-DD of the decision; omitted: only the earliest date is worked out' })
  @IsOptional() @IsIsoDate() decidedAt?: string;
  @ApiPropertyOptional({ enum: ['forward-plan', 'general-exception'], default: 'forward-plan' })
  @IsOptional() @IsIn(['forward-plan', 'general-exception'], oneOf('procedure', ['forward-plan', 'general-exception'])) procedure?: 'forward-plan' | 'general-exception';
  @ApiPropertyOptional({ example: 28, minimum: 0, maximum: 365 }) @IsOptional() @Type(() => Number) @IsInt({ message: 'days must be a whole number' }) @Min(0, { message: 'days must be at least 0' }) @Max(365, { message: 'days must be at most 365' }) days?: number;
  @ApiPropertyOptional({ enum: PERIOD_UNITS }) @IsOptional() @IsIn(PERIOD_UNITS, oneOf('unit', PERIOD_UNITS)) unit?: (typeof PERIOD_UNITS)[number];
  @ApiPropertyOptional({ description: 'council closure days, comma-separated; empty for none' }) @IsOptional() @IsClosureList() closures?: string;
}
