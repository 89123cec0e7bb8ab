import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { ARRANGEMENT_KINDS, ARRANGEMENT_STATES } from '#libs/arrangements';
import { IsIsoDate } from '../http/is-iso-date.js';
import { MAX_PAGE, MAX_PAGE_SIZE } from '../decisions/dto/list-decisions.dto.js';

const STATE_LIST = new RegExp(`^(${ARRANGEMENT_STATES.join('|')})(,(${ARRANGEMENT_STATES.join('|')}))*$`);

export class ArrangementFundingDto {
  @ApiPropertyOptional({ nullable: true, type: String, example: 'COVID-19 pressures fund' }) source?: string | null;
  @ApiPropertyOptional({ nullable: true, type: Number, example: 226000, description: 'pounds' }) amount?: number | null;
  @ApiPropertyOptional({ nullable: true, type: String, example: '50%', description: 'the share of the cost this source pays' }) share?: string | null;
}

export class ArrangementManagerDto {
  @ApiPropertyOptional({ nullable: true, type: String, example: 'Alison Tomes' }) name?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, example: 'u-alison' }) userId?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, example: 'alison.tomes@example.gov.uk' }) email?: string | null;
}

/** One arrangement in a decision's create/patch body (validated by libs/arrangements: 400 names the field). */
export class ArrangementInputDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'an arrangement of this decision to edit; leave out for a new one' }) id?: string;
  @ApiProperty({ enum: ARRANGEMENT_KINDS }) kind: string;
  @ApiProperty({ example: 'Early Help Pathway Lead', maxLength: 300 }) title: string;
  @ApiPropertyOptional({ type: Integer(), minimum: 1, maximum: 1000, default: 1 }) count?: number;
  @ApiPropertyOptional({ nullable: true, type: Number, example: 2, description: 'total FTE across count' }) fte?: number | null;
  @ApiPropertyOptional({ nullable: true, type: String, example: 'Grade 9' }) grade?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, example: 'Grade 4' }) fromGrade?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, example: 'Grade 5' }) toGrade?: string | null;
  @ApiPropertyOptional({ nullable: true, type: Number, example: 2 }) scalePoints?: number | null;
  @ApiPropertyOptional({ nullable: true, type: Number, example: 18.5, description: 'weekly hours before' }) hoursFrom?: number | null;
  @ApiPropertyOptional({ nullable: true, type: Number, example: 37, description: 'weekly hours after' }) hoursTo?: number | null;
  @ApiPropertyOptional({ nullable: true, type: String, example: '2020-12-01', description: 'YYYY-MM-DD; null: when the decision takes effect' }) start?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, example: '2021-05-31', description: 'YYYY-MM-DD, or YYYY-MM (that month\'s last day); or give duration' }) end?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, example: 'P12M', description: 'ISO 8601, resolved from the start (end inclusive)' }) duration?: string | null;
  @ApiPropertyOptional({ type: ArrangementFundingDto, nullable: true }) funding?: ArrangementFundingDto | null;
  @ApiPropertyOptional({ type: ArrangementManagerDto, nullable: true }) manager?: ArrangementManagerDto | null;
}

function Integer() {
  return 'integer' as unknown as typeof Number;
}

export class CostDto {
  @ApiProperty() estimated: boolean;
  @ApiProperty({ nullable: true, type: String, example: '2 FTE × Grade 9 (£36,000) + 30% on-costs' }) basis: string | null;
  @ApiProperty({ nullable: true, type: Number }) annual: number | null;
  @ApiProperty({ nullable: true, type: Number }) monthly: number | null;
  @ApiProperty({ nullable: true, type: Number }) total: number | null;
  @ApiProperty({ nullable: true, type: Number }) remaining: number | null;
  @ApiProperty({ nullable: true, type: String }) reason: string | null;
}

export class ExtensionView {
  @ApiProperty() end: string;
  @ApiProperty() resolvedEnd: string;
  @ApiProperty() decisionReference: string;
  @ApiProperty() at: string;
  @ApiProperty() by: string;
}

export class ArrangementDecisionView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() reference: string;
  @ApiProperty() title: string;
  @ApiProperty() state: string;
}

/** CONTRACT.md's arrangement, with what happened to it, the caller's actions and its estimated cost. */
export class ArrangementView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ARRANGEMENT_KINDS }) kind: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: 'integer' }) count: number;
  @ApiProperty({ nullable: true, type: Number }) fte: number | null;
  @ApiProperty({ nullable: true, type: String }) grade: string | null;
  @ApiProperty({ nullable: true, type: String }) fromGrade: string | null;
  @ApiProperty({ nullable: true, type: String }) toGrade: string | null;
  @ApiProperty({ nullable: true, type: Number }) scalePoints: number | null;
  @ApiProperty({ nullable: true, type: Number }) hoursFrom: number | null;
  @ApiProperty({ nullable: true, type: Number }) hoursTo: number | null;
  @ApiProperty({ nullable: true, type: String }) start: string | null;
  @ApiProperty({ nullable: true, type: String }) end: string | null;
  @ApiProperty({ nullable: true, type: String }) duration: string | null;
  @ApiProperty({ type: ArrangementFundingDto }) funding: ArrangementFundingDto;
  @ApiProperty({ type: ArrangementManagerDto }) manager: ArrangementManagerDto;
  @ApiProperty({ enum: ARRANGEMENT_STATES }) state: string;
  @ApiProperty() retrospective: boolean;
  @ApiProperty({ nullable: true, type: String, example: '2021-02-16' }) resolvedStart: string | null;
  @ApiProperty({ nullable: true, type: String, example: '2022-02-15' }) resolvedEnd: string | null;
  @ApiProperty({ type: [ExtensionView] }) extensions: ExtensionView[];
  @ApiProperty({ nullable: true, type: Object }) ended: object | null;
  @ApiProperty({ nullable: true, type: Object }) madePermanent: object | null;
  @ApiProperty({ nullable: true, type: Object }) cancelled: object | null;
  @ApiProperty({ type: ArrangementDecisionView }) decision: ArrangementDecisionView;
  @ApiProperty({ type: [String], example: ['confirm-ended', 'extend', 'make-permanent'] }) allowedActions: string[];
  @ApiProperty({ type: CostDto, nullable: true, description: 'null when no pay scales are configured (ARRANGEMENT_PAY_SCALES_FILE)' }) cost: CostDto | null;
}

export class ArrangementHistoryView {
  @ApiProperty({ type: 'integer' }) seq: number;
  @ApiProperty() type: string;
  @ApiProperty() at: string;
  @ApiProperty() actorUserId: string;
  @ApiProperty() actorName: string;
  @ApiProperty({ nullable: true, type: String }) fromState: string | null;
  @ApiProperty() toState: string;
  @ApiProperty({ type: Object }) payload: object;
}

export class ArrangementDetailView extends ArrangementView {
  @ApiProperty({ type: [ArrangementHistoryView] }) history: ArrangementHistoryView[];
}

export class CostTotalView {
  @ApiProperty() monthly: number;
  @ApiProperty() total: number;
  @ApiProperty() remaining: number;
  @ApiProperty({ type: 'integer' }) estimated: number;
  @ApiProperty({ type: 'integer' }) unestimated: number;
}

export class ArrangementList {
  @ApiProperty({ type: [ArrangementView] }) items: ArrangementView[];
  @ApiProperty({ type: 'integer', description: 'how many match (all pages)' }) total: number;
  @ApiProperty({ type: 'integer' }) page: number;
  @ApiProperty({ type: 'integer' }) pageSize: number;
  @ApiProperty({ type: CostTotalView, nullable: true, description: 'estimated cost of every match (all pages); null without pay scales' }) cost: CostTotalView | null;
}

export class ArrangementFilterDto {
  @ApiPropertyOptional({ example: 'active,ending-soon,overdue', description: `one or more (comma-separated) of: ${ARRANGEMENT_STATES.join(', ')}` })
  @IsOptional() @IsString() @Matches(STATE_LIST, { message: `state must be one or more (comma-separated) of: ${ARRANGEMENT_STATES.join(', ')}` }) state?: string;
  @ApiPropertyOptional({ example: '2022-04-12', description: 'YYYY-MM-DD: resolved end before this day' }) @IsOptional() @IsIsoDate() endingBefore?: string;
  @ApiPropertyOptional({ example: 'Alison Tomes', description: "the manager's name, user id or email" }) @IsOptional() @IsString() @MaxLength(300) manager?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'the decision that approved it' }) @IsOptional() @IsUUID() decision?: string;
}

export class ListArrangementsDto extends ArrangementFilterDto {
  @ApiPropertyOptional({ default: 1, minimum: 1, maximum: MAX_PAGE }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(MAX_PAGE) page: number = 1;
  @ApiPropertyOptional({ default: 20, minimum: 1, maximum: MAX_PAGE_SIZE }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(MAX_PAGE_SIZE) pageSize: number = 20;
}

export class CalendarQueryDto {
  @ApiProperty({ example: 'Alison Tomes', description: 'the manager (as written in the arrangements: name, user id or email)' }) @IsString() @MaxLength(300) manager: string;
  @ApiProperty({ description: 'HMAC-SHA256 of the manager, base64url: the link is the credential' }) @IsString() @MaxLength(100) sig: string;
}

export class CalendarLinkQueryDto {
  @ApiProperty({ example: 'Alison Tomes', description: 'the manager as written in the arrangements (name, user id or email)' }) @IsString() @MaxLength(300) manager: string;
}

export class CalendarLinkView {
  @ApiProperty({ example: 'Alison Tomes' }) manager: string;
  @ApiProperty({ example: 'http://localhost:3000/api/arrangements/calendar.ics?manager=Alison+Tomes&sig=…' }) url: string;
}

export class ExtendDto {
  @ApiProperty({ example: '2023-02-15', description: 'the new last day (YYYY-MM-DD, or YYYY-MM)' }) end: string;
  @ApiProperty({ example: 'LOP&S - 2022011', description: 'the decision that approved the extension' }) decisionReference: string;
}

export class MakePermanentDto {
  @ApiProperty({ example: 'LOP&S - 2022012', description: 'the decision that made it permanent' }) decisionReference: string;
}

export class ConfirmEndedDto {
  @ApiPropertyOptional({ example: '2022-02-15', description: 'the last day (default: its end, or today if that is later)' }) endedOn?: string;
}

export { ARRANGEMENT_STATES };
export const ARRANGEMENT_STATE_PATTERN = STATE_LIST;
