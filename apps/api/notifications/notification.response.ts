import { ApiProperty } from '@nestjs/swagger';
import { DecisionSummary } from '../decisions/dto/decision.response.js';

export class NotificationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'consultee-reminder' }) kind: string;
  @ApiProperty({ enum: ['email', 'webhook'] }) channel: string;
  @ApiProperty({ example: 'u-hr@ratify.local' }) recipient: string;
  @ApiProperty() subject: string;
  @ApiProperty({ enum: ['pending', 'sending', 'sent', 'dead'], description: 'pending; sending (claimed by a worker now); sent; dead (dead-lettered after the last try)' }) status: string;
  @ApiProperty() attempts: number;
  @ApiProperty({ nullable: true, type: String }) lastError: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) sentAt: string | null;
}

/** A one-click link answers which decision and where it stands, never the record (the link may be forwarded). */
/** Which staffing arrangement a confirm-ended link is about (never its record). */
export class OneClickArrangement {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Early Help Pathway Lead' }) title: string;
  @ApiProperty({ example: 'overdue' }) state: string;
  @ApiProperty({ nullable: true, type: String, example: '2022-02-15' }) resolvedEnd: string | null;
}

export class OneClickView {
  @ApiProperty({ enum: ['open', 'sign-off', 'confirm-ended'] }) action: string;
  @ApiProperty({ nullable: true, type: String, example: 'hr' }) area: string | null;
  @ApiProperty({ type: DecisionSummary }) decision: DecisionSummary;
  @ApiProperty({ required: false, description: 'GET: where the decision (or arrangement) is, for a signed-in user' }) url?: string;
  @ApiProperty({ required: false, type: OneClickArrangement, description: 'confirm-ended: the staffing arrangement' }) arrangement?: OneClickArrangement;
}
