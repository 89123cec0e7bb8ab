import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { IsIsoDate } from '../../http/is-iso-date.js';

const TEXT = 20_000;

export class EmptyDto {}

export class SignOffDto {
  @ApiProperty({ example: 'hr' }) @IsString() @IsNotEmpty() area: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(TEXT) comments?: string | null;
}

export class RequestChangesDto {
  @ApiProperty({ example: 'finance' }) @IsString() @IsNotEmpty() area: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(TEXT) comments: string;
}

export class ApproveDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(50_000) decisionText?: string | null;
  @ApiPropertyOptional({ example: '2020-11-18', description: 'YYYY-MM-DD, may lie in the past; defaults to today' })
  @IsOptional() @IsIsoDate() decidedAt?: string | null;
}

export class RejectDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(TEXT) reasons: string;
}

export class DeferDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(TEXT) reason: string;
  @ApiPropertyOptional({ example: '2021-03-01' }) @IsOptional() @IsIsoDate() until?: string | null;
}

export class CommentsDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(TEXT) comments: string;
}

export class ReasonDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(TEXT) reason: string;
}

export class PublishDto {
  @ApiPropertyOptional({ example: '2020-11-18', description: 'YYYY-MM-DD, may lie in the past; defaults to today' })
  @IsOptional() @IsIsoDate() publishedAt?: string | null;
  @ApiPropertyOptional({ example: '16:30', description: "HH:mm Europe/London, for a constitution's publication cut-off; defaults to now when published today" })
  @IsOptional() @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'publishedTime must be HH:mm (24-hour)' }) publishedTime?: string | null;
}

export class CallInDto {
  @ApiProperty({ example: ['Cllr A', 'Cllr B'] })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(100) @IsString({ each: true }) @IsNotEmpty({ each: true }) members: string[];
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(TEXT) reasons: string;
  @ApiPropertyOptional({ description: 'true: the chair of the scrutiny committee calls it in alone (where the constitution allows it)' })
  @IsOptional() @IsBoolean() scrutinyChair?: boolean;
}

export class ScrutinyOutcomeDto {
  @ApiProperty({ enum: ['no-further-action', 'refer-back', 'refer-to-council'] })
  @IsIn(['no-further-action', 'refer-back', 'refer-to-council']) outcome: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(TEXT) comments?: string | null;
}

export class CouncilOutcomeDto {
  @ApiProperty({ enum: ['no-further-action', 'refer-back'] }) @IsIn(['no-further-action', 'refer-back']) outcome: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(TEXT) comments?: string | null;
}
