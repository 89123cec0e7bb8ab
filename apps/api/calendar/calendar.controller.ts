import { BadRequestException, Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { checkClearDays, computeCallInDeadline, overrideCallInRule } from '#libs/calendar';
import { RATIFY_CONFIG, type RatifyConfig } from '#libs/config';
import { callInRuleFor } from '#libs/constitution';
import { CallInDeadlineQuery, ForwardPlanCheckQuery, splitClosures } from './call-in-deadline.query.js';
import { CallInDeadlineView, ForwardPlanCheckView } from './call-in-deadline.response.js';

const orNull = (v: string | undefined) => (v === undefined ? undefined : v === 'none' ? null : v);

@ApiTags('calendar')
@ApiBearerAuth()
@Controller('calendar')
export class CalendarController {
  constructor(@Inject(RATIFY_CONFIG) private readonly config: RatifyConfig) {}

  @Get('call-in-deadline')
  @ApiOperation({
    summary: 'The call-in deadline for a publication date, with the days counted and skipped and the rule applied',
    description: "Under this council's rule for the decision type, or another rule: each parameter given replaces the configured value.",
  })
  @ApiOkResponse({ type: CallInDeadlineView })
  callInDeadline(@Query() q: CallInDeadlineQuery) {
    const rule = overrideCallInRule(callInRuleFor(this.config.council.constitution, q.decisionType), {
      days: q.days,
      unit: q.unit,
      clear: q.clear === undefined ? undefined : q.clear === 'true',
      endsAt: q.endsAt,
      takesEffect: q.takesEffect,
      effectiveTime: orNull(q.effectiveTime),
      closures: q.closures === undefined ? undefined : splitClosures(q.closures),
      countFrom: q.countFrom,
      cutOff: orNull(q.cutOff),
    });
    const details: { field: string; message: string }[] = [];
    if (rule.countFrom === 'decision' && !q.decidedAt) details.push({ field: 'decidedAt', message: 'is needed when the period counts from the date of decision (countFrom=decision)' });
    if (rule.takesEffect === 'at-end' && q.effectiveTime !== undefined && q.effectiveTime !== 'none') {
      details.push({ field: 'effectiveTime', message: 'applies only when the decision takes effect the next calendar or working day (takesEffect)' });
    }
    if (details.length) throw new BadRequestException({ message: `invalid ${details.map((d) => d.field).join(', ')}`, details });
    return computeCallInDeadline(q.publishedAt, rule, { publishedTime: q.publishedTime ?? null, decidedAt: q.decidedAt ?? null });
  }

  @Get('forward-plan-check')
  @ApiOperation({
    summary: 'The clear days from a notice to a decision, as the key-decision guard counts them',
    description: 'procedure=forward-plan (default) checks the notice of key decisions; general-exception the 5 clear days after its notice.',
  })
  @ApiOkResponse({ type: ForwardPlanCheckView })
  forwardPlanCheck(@Query() q: ForwardPlanCheckQuery) {
    const procedure = q.procedure ?? 'forward-plan';
    const { forwardPlan, generalException } = this.config.council.constitution;
    const base = procedure === 'forward-plan' ? forwardPlan : generalException;
    const rule = { days: q.days ?? base.days, unit: q.unit ?? base.unit, closures: q.closures === undefined ? base.closures : splitClosures(q.closures) };
    return { procedure, ...checkClearDays(q.noticeAt, q.decidedAt ?? null, rule) };
  }
}
