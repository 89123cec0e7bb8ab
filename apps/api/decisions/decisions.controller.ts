import { Body, Controller, Get, HttpCode, Inject, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor } from '#libs/auth';
import { DecisionService, type ActionBody } from '#libs/decisions';
import type { ActionName, Actor } from '#libs/lifecycle';
import { IfMatch, DecisionIdPipe } from '../http/params.js';
import {
  ApproveDto,
  CallInDto,
  CommentsDto,
  CouncilOutcomeDto,
  DeferDto,
  EmptyDto,
  PublishDto,
  ReasonDto,
  RejectDto,
  RequestChangesDto,
  ScrutinyOutcomeDto,
  SignOffDto,
} from './dto/action.dto.js';
import { CreateDecisionDto } from './dto/create-decision.dto.js';
import { ListDecisionsDto } from './dto/list-decisions.dto.js';
import { PatchDecisionDto } from './dto/patch-decision.dto.js';
import { ChainVerdictView, DecisionList, DecisionView, HistoryEntryView } from './dto/decision.response.js';

/** HTTP in, DecisionService out: no rules live here. */
@ApiTags('decisions')
@ApiBearerAuth()
@Controller('decisions')
export class DecisionsController {
  constructor(@Inject(DecisionService) private readonly decisions: DecisionService) {}

  @Post()
  @ApiOperation({ summary: 'Create a draft (officer)' })
  @ApiCreatedResponse({ type: DecisionView })
  create(@Body() body: CreateDecisionDto, @CurrentActor() actor: Actor) {
    return this.decisions.create(body, actor);
  }

  @Get()
  @ApiOperation({ summary: 'The decisions the caller may read, newest first (assignedTo=me: where the caller has the next move)' })
  @ApiOkResponse({ type: DecisionList })
  list(@Query() query: ListDecisionsDto, @CurrentActor() actor: Actor) {
    return this.decisions.list(query, actor);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One decision, with what the caller may do now' })
  @ApiOkResponse({ type: DecisionView })
  get(@Param('id', DecisionIdPipe) id: string, @CurrentActor() actor: Actor) {
    return this.decisions.get(id, actor);
  }

  @Get(':id/history')
  @ApiOperation({ summary: 'Every accepted action and timer, oldest first, each chained to the one before by its hash' })
  @ApiOkResponse({ type: [HistoryEntryView] })
  history(@Param('id', DecisionIdPipe) id: string, @CurrentActor() actor: Actor) {
    return this.decisions.history(id, actor);
  }

  @Get(':id/history/verify')
  @ApiOperation({ summary: "Prove the history's hash chain, or say at which entry it breaks" })
  @ApiOkResponse({ type: ChainVerdictView })
  verifyHistory(@Param('id', DecisionIdPipe) id: string, @CurrentActor() actor: Actor) {
    return this.decisions.verifyHistory(id, actor);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Edit a draft (author; If-Match: <version>); a PATCH that changes nothing is refused' })
  @ApiOkResponse({ type: DecisionView })
  edit(@Param('id', DecisionIdPipe) id: string, @Body() body: PatchDecisionDto, @CurrentActor() actor: Actor, @IfMatch() version?: number) {
    return this.decisions.edit(id, body, actor, version);
  }

  @Post(':id/submit') @HttpCode(200)
  @ApiOperation({ summary: 'Submit the draft for consultation (author)' })
  @ApiOkResponse({ type: DecisionView })
  submit(@Param('id', DecisionIdPipe) id: string, @Body() body: EmptyDto, @CurrentActor() a: Actor, @IfMatch() v?: number) {
    return this.act(id, 'submit', body, a, v);
  }

  @Post(':id/sign-off') @HttpCode(200)
  @ApiOperation({ summary: 'Sign off one consultee area (its assignee, or a holder of consultee:<area>; never the author)' })
  @ApiOkResponse({ type: DecisionView })
  signOff(@Param('id', DecisionIdPipe) id: string, @Body() body: SignOffDto, @CurrentActor() a: Actor, @IfMatch() v?: number) {
    return this.act(id, 'sign-off', body, a, v);
  }

  @Post(':id/request-changes') @HttpCode(200)
  @ApiOperation({ summary: 'Send the draft back with comments (a consultee of the area; never the author)' })
  @ApiOkResponse({ type: DecisionView })
  requestChanges(@Param('id', DecisionIdPipe) id: string, @Body() body: RequestChangesDto, @CurrentActor() a: Actor, @IfMatch() v?: number) {
    return this.act(id, 'request-changes', body, a, v);
  }

  @Post(':id/approve') @HttpCode(200)
  @ApiOperation({ summary: 'Approve (the named decision maker, holding the decision-maker role; never the author)' })
  @ApiOkResponse({ type: DecisionView })
  approve(@Param('id', DecisionIdPipe) id: string, @Body() body: ApproveDto, @CurrentActor() a: Actor, @IfMatch() v?: number) {
    return this.act(id, 'approve', body, a, v);
  }

  @Post(':id/reject') @HttpCode(200)
  @ApiOperation({ summary: 'Reject (the decision maker)' })
  @ApiOkResponse({ type: DecisionView })
  reject(@Param('id', DecisionIdPipe) id: string, @Body() body: RejectDto, @CurrentActor() a: Actor, @IfMatch() v?: number) {
    return this.act(id, 'reject', body, a, v);
  }

  @Post(':id/defer') @HttpCode(200)
  @ApiOperation({ summary: 'Defer (the decision maker)' })
  @ApiOkResponse({ type: DecisionView })
  defer(@Param('id', DecisionIdPipe) id: string, @Body() body: DeferDto, @CurrentActor() a: Actor, @IfMatch() v?: number) {
    return this.act(id, 'defer', body, a, v);
  }

  @Post(':id/resume') @HttpCode(200)
  @ApiOperation({ summary: 'Resume a deferred decision (the decision maker)' })
  @ApiOkResponse({ type: DecisionView })
  resume(@Param('id', DecisionIdPipe) id: string, @Body() body: EmptyDto, @CurrentActor() a: Actor, @IfMatch() v?: number) {
    return this.act(id, 'resume', body, a, v);
  }

  @Post(':id/refer-back') @HttpCode(200)
  @ApiOperation({ summary: 'Refer back to the author (the decision maker)' })
  @ApiOkResponse({ type: DecisionView })
  referBack(@Param('id', DecisionIdPipe) id: string, @Body() body: CommentsDto, @CurrentActor() a: Actor, @IfMatch() v?: number) {
    return this.act(id, 'refer-back', body, a, v);
  }

  @Post(':id/withdraw') @HttpCode(200)
  @ApiOperation({ summary: 'Withdraw (the author, or an admin)' })
  @ApiOkResponse({ type: DecisionView })
  withdraw(@Param('id', DecisionIdPipe) id: string, @Body() body: ReasonDto, @CurrentActor() a: Actor, @IfMatch() v?: number) {
    return this.act(id, 'withdraw', body, a, v);
  }

  @Post(':id/publish') @HttpCode(200)
  @ApiOperation({ summary: 'Publish (democratic services)' })
  @ApiOkResponse({ type: DecisionView })
  publish(@Param('id', DecisionIdPipe) id: string, @Body() body: PublishDto, @CurrentActor() a: Actor, @IfMatch() v?: number) {
    return this.act(id, 'publish', body, a, v);
  }

  @Post(':id/call-in') @HttpCode(200)
  @ApiOperation({ summary: 'Call in (scrutiny)' })
  @ApiOkResponse({ type: DecisionView })
  callIn(@Param('id', DecisionIdPipe) id: string, @Body() body: CallInDto, @CurrentActor() a: Actor, @IfMatch() v?: number) {
    return this.act(id, 'call-in', body, a, v);
  }

  @Post(':id/scrutiny-outcome') @HttpCode(200)
  @ApiOperation({ summary: "Record scrutiny's outcome (democratic services)" })
  @ApiOkResponse({ type: DecisionView })
  scrutinyOutcome(@Param('id', DecisionIdPipe) id: string, @Body() body: ScrutinyOutcomeDto, @CurrentActor() a: Actor, @IfMatch() v?: number) {
    return this.act(id, 'scrutiny-outcome', body, a, v);
  }

  @Post(':id/council-outcome') @HttpCode(200)
  @ApiOperation({ summary: "Record full council's outcome (democratic services)" })
  @ApiOkResponse({ type: DecisionView })
  councilOutcome(@Param('id', DecisionIdPipe) id: string, @Body() body: CouncilOutcomeDto, @CurrentActor() a: Actor, @IfMatch() v?: number) {
    return this.act(id, 'council-outcome', body, a, v);
  }

  private act(id: string, action: ActionName, body: object, actor: Actor, version?: number) {
    return this.decisions.act(id, action, body as ActionBody, actor, version);
  }
}
