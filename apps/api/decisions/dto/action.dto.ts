import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { IsIsoDate } from '../../http/is-iso-date.js';

const TEXT = 20_000;

export class EmptyDto {}

export class SignOffDto {
  @ApiProperty({ example: 'hr' }) @IsString() @IsNotEmpty() @MaxLength(63) area: string;
  @ApiPropertyOptional({ nullable: true, type: String }) @IsOptional() @IsString() @MaxLength(TEXT) comments?: string | null;
}

export class RequestChangesDto {
  @ApiProperty({ example: 'hr' }) @IsString() @IsNotEmpty() @MaxLength(63) area: string;
  @ApiProperty({ example: 'Please cost the agency post.' }) @IsString() @IsNotEmpty() @MaxLength(TEXT) comments: string;
}

export class ApproveDto {
  @ApiPropertyOptional({ nullable: true, type: String }) @IsOptional() @IsString() @MaxLength(50_000) decisionText?: string | null;
  @ApiPropertyOptional({ example: '2020-11-18', nullable: true, description: 'YYYY-MM-DD, may lie in the past; defaults to today', type: String })
  @IsOptional() @IsIsoDate() decidedAt?: string | null;
}

export class RejectDto {
  @ApiProperty({ example: 'No budget this year.' }) @IsString() @IsNotEmpty() @MaxLength(TEXT) reasons: string;
}

export class DeferDto {
  @ApiProperty({ example: 'Awaiting the budget.' }) @IsString() @IsNotEmpty() @MaxLength(TEXT) reason: string;
  @ApiPropertyOptional({ example: '2021-03-01', nullable: true, type: String }) @IsOptional() @IsIsoDate() until?: string | null;
}

export class CommentsDto {
  @ApiProperty({ example: 'Please set out more options.' }) @IsString() @IsNotEmpty() @MaxLength(TEXT) comments: string;
}

export class ReasonDto {
  @ApiProperty({ example: 'Superseded.' }) @IsString() @IsNotEmpty() @MaxLength(TEXT) reason: string;
}

export class PublishDto {
  @ApiPropertyOptional({ example: '2020-11-18', nullable: true, description: 'YYYY-MM-DD, may lie in the past; defaults to today', type: String })
  @IsOptional() @IsIsoDate() publishedAt?: string | null;
  @ApiPropertyOptional({ example: '16:30', nullable: true, type: String, description: "HH:mm Europe/London, for a constitution's publication cut-off; defaults to now when published today" })
  @IsOptional() @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'publishedTime must be HH:mm (24-hour)' }) publishedTime?: string | null;
}

export class CallInDto {
  @ApiProperty({ example: ['Cllr A', 'Cllr B'] })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(100) @IsString({ each: true }) @IsNotEmpty({ each: true }) members: string[];
  @ApiProperty({ example: 'The cost is not justified.' }) @IsString() @IsNotEmpty() @MaxLength(TEXT) reasons: string;
  @ApiPropertyOptional({ description: 'true: the chair of the scrutiny committee calls it in alone (where the constitution allows it)' })
  @IsOptional() @IsBoolean() scrutinyChair?: boolean;
}

export class ScrutinyOutcomeDto {
  @ApiProperty({ enum: ['no-further-action', 'refer-back', 'refer-to-council'] })
  @IsIn(['no-further-action', 'refer-back', 'refer-to-council']) outcome: string;
  @ApiPropertyOptional({ nullable: true, type: String }) @IsOptional() @IsString() @MaxLength(TEXT) comments?: string | null;
}

export class CouncilOutcomeDto {
  @ApiProperty({ enum: ['no-further-action', 'refer-back'] }) @IsIn(['no-further-action', 'refer-back']) outcome: string;
  @ApiPropertyOptional({ nullable: true, type: String }) @IsOptional() @IsString() @MaxLength(TEXT) comments?: string | null;
}
