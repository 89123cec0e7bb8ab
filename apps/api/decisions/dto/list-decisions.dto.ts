import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { DECISION_STATES, type DecisionState } from '#libs/lifecycle';

export const MAX_PAGE = 100_000;
export const MAX_PAGE_SIZE = 100;

export class ListDecisionsDto {
  @ApiPropertyOptional({ enum: DECISION_STATES }) @IsOptional() @IsIn(DECISION_STATES) state?: DecisionState;
  @ApiPropertyOptional({ example: 'For Determination' }) @IsOptional() @IsString() @MaxLength(100) status?: string;
  @ApiPropertyOptional({ enum: ['me'] }) @IsOptional() @IsIn(['me']) assignedTo?: 'me';
  /** Capped so that the offset stays a number PostgreSQL takes (1e20 used to reach it and fail). */
  @ApiPropertyOptional({ default: 1, minimum: 1, maximum: MAX_PAGE }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(MAX_PAGE) page: number = 1;
  @ApiPropertyOptional({ default: 20, minimum: 1, maximum: MAX_PAGE_SIZE }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(MAX_PAGE_SIZE) pageSize: number = 20;
}
