import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { ArrangementAction } from '#libs/arrangements';
import { CurrentActor, Public } from '#libs/auth';
import type { Actor } from '#libs/lifecycle';
import { ArrangementService, type ArrangementQuery } from '#libs/staffing';
import { ErrorView } from '../http/error.dto.js';
import { ArrangementIdPipe } from './arrangement-id.pipe.js';
import {
  ArrangementDetailView,
  ArrangementFilterDto,
  ArrangementList,
  ArrangementView,
  CalendarLinkQueryDto,
  CalendarLinkView,
  CalendarQueryDto,
  ConfirmEndedDto,
  ExtendDto,
  ListArrangementsDto,
  MakePermanentDto,
} from './arrangement.dto.js';

const filterOf = (q: ArrangementFilterDto): Omit<ArrangementQuery, 'page' | 'pageSize'> => ({
  states: q.state ? q.state.split(',') : undefined,
  endingBefore: q.endingBefore,
  manager: q.manager,
  decision: q.decision?.toLowerCase(),
});

/** HR's register of temporary staffing arrangements (CONTRACT.md "Staffing arrangements"): HTTP in, ArrangementService out. */
@ApiTags('arrangements')
@Controller()
export class ArrangementsController {
  constructor(@Inject(ArrangementService) private readonly arrangements: ArrangementService) {}

  @Get('arrangements')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Arrangements, overdue first then by resolved end, with their total estimated cost (hr, admin; anyone else: those they manage)' })
  @ApiOkResponse({ type: ArrangementList })
  list(@Query() q: ListArrangementsDto, @CurrentActor() actor: Actor) {
    return this.arrangements.list({ ...filterOf(q), page: q.page, pageSize: q.pageSize }, actor);
  }

  @Get('arrangements.csv')
  @ApiBearerAuth()
  @ApiOperation({ summary: "The same register as CSV for HR's spreadsheets (same filters, every page)" })
  @ApiProduces('text/csv')
  @ApiOkResponse({ schema: { type: 'string' }, description: 'RFC 4180 CSV with a header row' })
  async csv(@Query() q: ArrangementFilterDto, @CurrentActor() actor: Actor, @Res({ passthrough: true }) res: Response) {
    const text = await this.arrangements.csv(filterOf(q), actor);
    // Set once the CSV exists: an error before it leaves as the contract's JSON.
    res.type('text/csv; charset=utf-8').attachment('arrangements.csv');
    return text;
  }

  @Get('arrangements/calendar.ics')
  @Public()
  @ApiOperation({ summary: "A manager's iCalendar feed of end and reminder dates; the signed URL is the credential (no bearer token)" })
  @ApiProduces('text/calendar')
  @ApiOkResponse({ schema: { type: 'string' }, description: 'RFC 5545 iCalendar' })
  @ApiForbiddenResponse({ type: ErrorView, description: 'sig does not match the manager' })
  async calendar(@Query() q: CalendarQueryDto, @Res({ passthrough: true }) res: Response) {
    const text = await this.arrangements.calendar(q.manager, q.sig);
    res.type('text/calendar; charset=utf-8');
    return text;
  }

  @Get('arrangements/calendar-link')
  @ApiBearerAuth()
  @ApiOperation({ summary: "A manager's signed calendar URL, to hand them (hr, admin)" })
  @ApiOkResponse({ type: CalendarLinkView })
  calendarLink(@Query() q: CalendarLinkQueryDto, @CurrentActor() actor: Actor) {
    return this.arrangements.calendarLink(q.manager, actor);
  }

  @Get('arrangements/:id')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'One arrangement with its history (hr, admin, or the manager it names)' })
  @ApiOkResponse({ type: ArrangementDetailView })
  get(@Param('id', ArrangementIdPipe) id: string, @CurrentActor() actor: Actor) {
    return this.arrangements.get(id, actor);
  }

  @Post('arrangements/:id/confirm-ended') @HttpCode(200)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Confirm it has ended (hr, admin)' })
  @ApiBody({ type: ConfirmEndedDto, required: false })
  @ApiOkResponse({ type: ArrangementView })
  confirmEnded(@Param('id', ArrangementIdPipe) id: string, @Body() body: unknown, @CurrentActor() actor: Actor) {
    return this.act(id, 'confirm-ended', body, actor);
  }

  @Post('arrangements/:id/extend') @HttpCode(200)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Extend it to a new end, citing the decision that approved it (hr, admin); every reminder moves' })
  @ApiBody({ type: ExtendDto })
  @ApiOkResponse({ type: ArrangementView })
  extend(@Param('id', ArrangementIdPipe) id: string, @Body() body: unknown, @CurrentActor() actor: Actor) {
    return this.act(id, 'extend', body, actor);
  }

  @Post('arrangements/:id/make-permanent') @HttpCode(200)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Make it permanent, citing the decision (hr, admin); its reminders stop' })
  @ApiBody({ type: MakePermanentDto })
  @ApiOkResponse({ type: ArrangementView })
  makePermanent(@Param('id', ArrangementIdPipe) id: string, @Body() body: unknown, @CurrentActor() actor: Actor) {
    return this.act(id, 'make-permanent', body, actor);
  }

  @Post('arrangements/:id/confirm') @HttpCode(200)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Confirm a proposed arrangement (extracted from an import), with any edits to its facts (hr, admin)' })
  @ApiBody({ schema: { type: 'object', description: 'fields of the arrangement to change before confirming (as in staffingArrangements)' }, required: false })
  @ApiOkResponse({ type: ArrangementView })
  confirm(@Param('id', ArrangementIdPipe) id: string, @Body() body: unknown, @CurrentActor() actor: Actor) {
    return this.act(id, 'confirm', body, actor);
  }

  private act(id: string, action: ArrangementAction, body: unknown, actor: Actor) {
    return this.arrangements.act(id, action, body, actor);
  }
}
