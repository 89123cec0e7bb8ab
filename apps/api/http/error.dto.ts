import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ARRANGEMENT_ACTIONS, ARRANGEMENT_STATES } from '#libs/arrangements';
import { ACTIONS, DECISION_STATES } from '#libs/lifecycle';

// A 409 names the state of what was acted on: a decision, or a staffing arrangement.
const STATES = [...new Set<string>([...DECISION_STATES, ...ARRANGEMENT_STATES])];
const ALL_ACTIONS = [...new Set<string>([...ACTIONS, ...ARRANGEMENT_ACTIONS])];

export class FieldProblemView {
  @ApiProperty({ example: 'consultees.0.area', description: 'the path of the bad field, or body, Content-Type, If-Match' }) field: string;
  @ApiProperty({ example: 'area must be lower-case letters, digits and dashes (e.g. hr, finance, legal)' }) message: string;
}

/** Every error, CONTRACT.md's shape: `{ statusCode, error, message, details? }`; a 409 adds state and allowedActions. */
export class ErrorView {
  @ApiProperty({ example: 400 }) statusCode: number;
  @ApiProperty({ example: 'Bad Request' }) error: string;
  @ApiProperty({ example: 'invalid consultees.0.area' }) message: string;
  @ApiPropertyOptional({ type: [FieldProblemView] }) details?: FieldProblemView[];
  @ApiPropertyOptional({ enum: STATES, description: '409: the state the decision (or arrangement) is in' }) state?: string;
  @ApiPropertyOptional({ enum: ALL_ACTIONS, isArray: true, description: '409: what the caller may do in it' }) allowedActions?: string[];
  @ApiPropertyOptional({ description: '409 on a stale If-Match: the current version' }) version?: number;
}
