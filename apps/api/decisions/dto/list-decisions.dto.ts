import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { DECISION_STATES, type DecisionState } from '#libs/lifecycle';

export class ListDecisionsDto {
  @ApiPropertyOptional({ enum: DECISION_STATES }) @IsOptional() @IsIn(DECISION_STATES) state?: DecisionState;
  @ApiPropertyOptional({ example: 'For Determination' }) @IsOptional() @IsString() status?: string;
  @ApiPropertyOptional({ enum: ['me'] }) @IsOptional() @IsIn(['me']) assignedTo?: 'me';
  @ApiPropertyOptional({ default: 1 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) page: number = 1;
  @ApiPropertyOptional({ default: 20 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) pageSize: number = 20;
}
