import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** Response shapes of the public register (libs/register), as the OpenAPI document describes them. */

export class PublicDecisionMaker {
  @ApiProperty({ example: 'Director of Learning, Opportunities and Skills' }) title: string;
}

export class PublicRecommendation {
  @ApiPropertyOptional({ example: 'a' }) marker?: string;
  @ApiProperty() text: string;
}

export class PublicTextItem {
  @ApiProperty() text: string;
}

export class PublicContact {
  @ApiProperty({ nullable: true, type: String }) name: string | null;
  @ApiProperty({ nullable: true, type: String }) role: string | null;
  @ApiProperty({ nullable: true, type: String }) phone: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'the first of emails' }) email: string | null;
  @ApiProperty({ type: [String], description: 'every address the record gives, de-duplicated' }) emails: string[];
}

export class PublicDocument {
  @ApiProperty() title: string;
  @ApiProperty({ nullable: true, type: String }) url: string | null;
}

export class PublicExtraFields {
  @ApiProperty({ nullable: true, type: String }) decidedAtMeeting: string | null;
  @ApiProperty({ nullable: true, type: String }) reportAuthor: string | null;
  @ApiProperty({ nullable: true, type: Boolean }) isUrgent: boolean | null;
  @ApiProperty({ nullable: true, type: String, description: 'Details of any associated risks and mitigation' }) risks: string | null;
}

export class PublicFunding {
  @ApiProperty({ nullable: true, type: Number }) amount: number | null;
  @ApiProperty({ nullable: true, type: String }) currency: string | null;
  @ApiProperty({ nullable: true, type: String }) source: string | null;
}

export class PublicDates {
  @ApiProperty({ nullable: true, type: String, example: '2021-02-15' }) decidedAt: string | null;
  @ApiProperty({ nullable: true, type: String, example: '2021-03-02' }) publishedAt: string | null;
  @ApiProperty({ nullable: true, type: String, example: '2021-03-02' }) effectiveFrom: string | null;
  @ApiProperty({ nullable: true, type: String }) callInDeadline: string | null;
  @ApiProperty({ nullable: true, type: Number, example: 15, description: 'calendar days from the date of decision to publication' }) publicationLagDays: number | null;
}

export class PublicLinks {
  @ApiProperty({ example: 'http://localhost:3000/api/public/decisions/…' }) self: string;
  @ApiProperty({ example: 'http://localhost:3000/ieDecisionDetails.aspx?ID=2' }) page: string;
}

/** A published decision as the public sees it: public fields only. */
export class PublicDecisionView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 2, description: 'stable public number: the ID= of /ieDecisionDetails.aspx' }) number: number;
  @ApiProperty({ example: 'LOP&S - 2021035' }) reference: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: PublicDecisionMaker }) decisionMaker: PublicDecisionMaker;
  @ApiProperty({ example: 'Recommendations Approved' }) status: string;
  @ApiProperty() isKeyDecision: boolean;
  @ApiProperty() isSubjectToCallIn: boolean;
  @ApiProperty() purpose: string;
  @ApiProperty({ type: [PublicRecommendation] }) recommendations: PublicRecommendation[];
  @ApiProperty({ nullable: true, type: String }) decisionText: string | null;
  @ApiProperty() reasons: string;
  @ApiProperty({ type: [PublicTextItem] }) alternativeOptions: PublicTextItem[];
  @ApiProperty({ nullable: true, type: String }) otherConsulted: string | null;
  @ApiProperty({ type: PublicContact, nullable: true }) contact: PublicContact | null;
  @ApiProperty({ type: [PublicFunding] }) funding: PublicFunding[];
  @ApiProperty({ nullable: true, type: String }) conflictsOfInterest: string | null;
  @ApiProperty({ nullable: true, type: String }) dispensation: string | null;
  @ApiProperty({ type: [String] }) wardsAffected: string[];
  @ApiProperty({ type: [PublicDocument] }) documents: PublicDocument[];
  @ApiProperty({ type: PublicExtraFields, description: 'fields some registers add, kept from an imported record' }) extra: PublicExtraFields;
  @ApiProperty({ type: PublicDates }) dates: PublicDates;
  @ApiProperty({ type: PublicLinks }) links: PublicLinks;
}

export class PublicDecisionList {
  @ApiProperty({ type: [PublicDecisionView] }) items: PublicDecisionView[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty({ description: 'the page size used (a larger one asked for is capped)' }) pageSize: number;
}

export class ForwardPlanItemView {
  @ApiProperty() reference: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: PublicDecisionMaker }) decisionMaker: PublicDecisionMaker;
  @ApiProperty({ example: '2021-01-04' }) noticeAt: string;
  @ApiProperty({ nullable: true, type: String, example: '2021-02-15' }) plannedAt: string | null;
  @ApiProperty({ nullable: true, type: Number }) clearDays: number | null;
  @ApiProperty({ nullable: true, type: Boolean }) noticeMet: boolean | null;
  @ApiProperty({ nullable: true, type: String, enum: ['general-exception', 'special-urgency'] }) exception: string | null;
}

export class ForwardPlanView {
  @ApiProperty({ example: 28 }) clearDaysRequired: number;
  @ApiProperty({ type: [ForwardPlanItemView] }) items: ForwardPlanItemView[];
}
