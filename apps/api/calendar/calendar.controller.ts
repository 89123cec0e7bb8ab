import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CallInDeadlineView } from './call-in-deadline.response.js';
import { computeCallInDeadline } from '#libs/calendar';
import { RATIFY_CONFIG, type RatifyConfig } from '#libs/config';
import { CallInDeadlineQuery } from './call-in-deadline.query.js';

@ApiTags('calendar')
@ApiBearerAuth()
@Controller('calendar')
export class CalendarController {
  constructor(@Inject(RATIFY_CONFIG) private readonly config: RatifyConfig) {}

  @Get('call-in-deadline')
  @ApiOperation({ summary: "The call-in deadline for a publication date under this council's rule, with the days counted and skipped" })
  @ApiOkResponse({ type: CallInDeadlineView })
  callInDeadline(@Query() query: CallInDeadlineQuery) {
    return computeCallInDeadline(query.publishedAt, this.config.council.callInRule);
  }
}
