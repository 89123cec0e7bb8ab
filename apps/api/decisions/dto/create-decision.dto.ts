import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
  IsNotEmpty,
} from 'class-validator';
import { DECISION_TYPES, URGENCIES, type DecisionType, type Urgency } from '#libs/lifecycle';
import { IsIsoDate } from '../../http/is-iso-date.js';
import { ArrangementInputDto } from '../../arrangements/arrangement.dto.js';

export class DecisionMakerDto {
  @ApiProperty({ example: 'Managing Director Children and Young People (DCS)' })
  @IsString() @IsNotEmpty() @MaxLength(300) title: string;
  @ApiPropertyOptional({ example: 'u-dm', nullable: true, description: 'the user who may determine it (they also need the decision-maker role)', type: String })
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(200) userId?: string | null;
}

export class TextItemDto {
  @ApiProperty({ example: 'Appoint an agency Senior Practitioner for 6 months.' }) @IsString() @IsNotEmpty() @MaxLength(20_000) text: string;
}

export class ConsulteeDto {
  @ApiProperty({ example: 'hr', description: 'lower-case area name; signed off by `consultee:<area>`' })
  @IsString() @Matches(/^[a-z0-9][a-z0-9-]{0,62}$/, { message: 'area must be lower-case letters, digits and dashes (e.g. hr, finance, legal)' })
  area: string;
  @ApiPropertyOptional({ example: 'HR', nullable: true, type: String }) @IsOptional() @IsString() @MaxLength(200) label?: string | null;
  @ApiPropertyOptional({ example: 'u-hr', nullable: true, type: String }) @IsOptional() @IsString() @IsNotEmpty() @MaxLength(200) assigneeUserId?: string | null;
}

export class ContactDto {
  @ApiPropertyOptional({ example: 'Bruce Penhale', nullable: true, type: String }) @IsOptional() @IsString() @MaxLength(300) name?: string | null;
  @ApiPropertyOptional({ example: 'Head of Stronger Communities Service', nullable: true, type: String }) @IsOptional() @IsString() @MaxLength(300) role?: string | null;
  @ApiPropertyOptional({ example: '0161 770 4196', nullable: true, type: String }) @IsOptional() @IsString() @MaxLength(100) phone?: string | null;
  @ApiPropertyOptional({ example: 'bruce.penhale@oldham.gov.uk', nullable: true, type: String }) @IsOptional() @IsString() @MaxLength(300) email?: string | null;
}

export class FundingDto {
  @ApiPropertyOptional({ example: 226000, nullable: true, type: Number }) @IsOptional() @IsNumber() @Min(0) amount?: number | null;
  @ApiPropertyOptional({ example: 'GBP', nullable: true, type: String }) @IsOptional() @IsString() @Matches(/^[A-Z]{3}$/, { message: 'currency must be a 3-letter code such as GBP' }) currency?: string | null;
  @ApiPropertyOptional({ example: 'COVID-19 pressures fund', nullable: true, type: String }) @IsOptional() @IsString() @MaxLength(500) source?: string | null;
}

export class SpecialUrgencyDto {
  @ApiProperty({ example: 'Cllr A Smith, Chair of Overview and Scrutiny Committee', description: 'who agreed the decision could not reasonably be deferred (reg. 11)' })
  @IsString() @IsNotEmpty() @MaxLength(500) agreedBy: string;
  @ApiProperty({ example: '2021-02-10', description: 'YYYY-MM-DD they agreed' }) @IsIsoDate() agreedAt: string;
}

export class CallInWaiverDto {
  @ApiProperty({ example: 'Delay would prejudice the council: the grant offer lapses on 31 March' })
  @IsString() @IsNotEmpty() @MaxLength(10_000) reason: string;
  @ApiProperty({ example: 'Cllr A Smith, Chair of Overview and Scrutiny Committee', description: 'the scrutiny chair (or the chairman) who agreed' })
  @IsString() @IsNotEmpty() @MaxLength(500) agreedBy: string;
}

/** The create body of CONTRACT.md. */
export class CreateDecisionDto {
  @ApiPropertyOptional({ description: 'the register reference; generated when absent' })
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(200) reference?: string;
  @ApiProperty({ example: 'Additional staffing to support Multi-Agency Safeguarding Hub Development' }) @IsString() @MinLength(3) @MaxLength(1000) title: string;
  @ApiProperty({ type: DecisionMakerDto }) @ValidateNested() @Type(() => DecisionMakerDto) decisionMaker: DecisionMakerDto;
  @ApiPropertyOptional({ enum: DECISION_TYPES, default: 'executive', description: "selects the council's rule set (whether call-in applies, by how many members, its period)" })
  @IsOptional() @IsIn(DECISION_TYPES, { message: `decisionType must be one of: ${DECISION_TYPES.join(', ')}` }) decisionType?: DecisionType;
  @ApiProperty() @IsBoolean() isKeyDecision: boolean;
  @ApiPropertyOptional({ description: "omitted: follows the decision type's rule set" }) @IsOptional() @IsBoolean() isSubjectToCallIn?: boolean;
  @ApiProperty({ enum: URGENCIES, description: "the forward-plan exception: waives the 28 days' notice, not call-in" })
  @IsIn(URGENCIES, { message: `urgency must be one of: ${URGENCIES.join(', ')}` }) urgency: Urgency;
  @ApiPropertyOptional({ example: '2021-02-01', nullable: true, type: String, description: 'YYYY-MM-DD the general exception notice was given; required with urgency general-exception' })
  @IsOptional() @IsIsoDate() generalExceptionNoticeAt?: string | null;
  @ApiPropertyOptional({ type: SpecialUrgencyDto, nullable: true, description: 'required with urgency special-urgency' })
  @IsOptional() @ValidateNested() @Type(() => SpecialUrgencyDto) specialUrgency?: SpecialUrgencyDto | null;
  @ApiPropertyOptional({ type: CallInWaiverDto, nullable: true, description: 'exempts the decision from call-in, with why and who agreed' })
  @IsOptional() @ValidateNested() @Type(() => CallInWaiverDto) callInWaiver?: CallInWaiverDto | null;
  @ApiPropertyOptional({ example: '2021-01-04', nullable: true, type: String, description: 'YYYY-MM-DD the decision first appeared on the notice of key decisions' })
  @IsOptional() @IsIsoDate() forwardPlanNoticeAt?: string | null;
  @ApiPropertyOptional({ example: '2021-02-15', nullable: true, description: 'YYYY-MM-DD the decision maker plans to decide (drives the forward-plan alert)', type: String })
  @IsOptional() @IsIsoDate() plannedDeterminationAt?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(50_000) purpose?: string;
  @ApiPropertyOptional({ type: [TextItemDto] }) @IsOptional() @IsArray() @ArrayMaxSize(200) @ValidateNested({ each: true }) @Type(() => TextItemDto) recommendations?: TextItemDto[];
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(50_000) reasons?: string;
  @ApiPropertyOptional({ type: [TextItemDto] }) @IsOptional() @IsArray() @ArrayMaxSize(200) @ValidateNested({ each: true }) @Type(() => TextItemDto) alternativeOptions?: TextItemDto[];
  @ApiPropertyOptional({ type: [ConsulteeDto] }) @IsOptional() @IsArray() @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => ConsulteeDto) consultees?: ConsulteeDto[];
  @ApiPropertyOptional({ type: ContactDto, nullable: true }) @IsOptional() @ValidateNested() @Type(() => ContactDto) contact?: ContactDto | null;
  @ApiPropertyOptional({ type: [FundingDto] }) @IsOptional() @IsArray() @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => FundingDto) funding?: FundingDto[];
  @ApiPropertyOptional({ type: [ArrangementInputDto], maxItems: 100, description: "temporary staffing arrangements (CONTRACT.md); while a draft, the decision's whole list: an item with an id edits it, one without is new, one left out is removed" })
  @IsOptional() @IsArray() @ArrayMaxSize(100) staffingArrangements?: ArrangementInputDto[];
  @ApiPropertyOptional({ example: 'None', nullable: true, type: String }) @IsOptional() @IsString() @MaxLength(10_000) conflictsOfInterest?: string | null;
  @ApiPropertyOptional({ example: 'None', nullable: true, type: String }) @IsOptional() @IsString() @MaxLength(10_000) dispensation?: string | null;
  @ApiPropertyOptional({ type: [String] }) @IsOptional() @IsArray() @ArrayMaxSize(200) @IsString({ each: true }) wardsAffected?: string[];
  @ApiPropertyOptional({ nullable: true, type: String }) @IsOptional() @IsString() @MaxLength(10_000) otherConsulted?: string | null;
}
