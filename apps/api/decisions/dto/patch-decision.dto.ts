import { OmitType, PartialType } from '@nestjs/swagger';
import { CreateDecisionDto } from './create-decision.dto.js';

/** Any create field but the reference; absent fields stay as they are. */
export class PatchDecisionDto extends PartialType(OmitType(CreateDecisionDto, ['reference'] as const)) {}
