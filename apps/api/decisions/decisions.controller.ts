import { Body, Controller, Get, HttpCode, Inject, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
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

/** HTTP in, DecisionService out: no rules live here. */
@ApiTags('decisions')
@ApiBearerAuth()
@Controller('decisions')
export class DecisionsController {
  constructor(@Inject(DecisionService) private readonly decisions: DecisionService) {}

  @Post()
  @ApiOperation({ summary: 'Create a draft (officer)' })
  create(@Body() body: CreateDecisionDto, @CurrentActor() actor: Actor) {
    return this.decisions.create(body, actor);
  }

  @Get()
  list(@Query() query: ListDecisionsDto, @CurrentActor() actor: Actor) {
    return this.decisions.list(query, actor);
  }

  @Get(':id')
  get(@Param('id', DecisionIdPipe) id: string, @CurrentActor() actor: Actor) {
    return this.decisions.get(id, actor);
  }

  @Get(':id/history')
  history(@Param('id', DecisionIdPipe) id: string, @CurrentActor() actor: Actor) {
    return this.decisions.history(id, actor);
  }

  @Get(':id/history/verify')
  @ApiOperation({ summary: "Prove the history's hash chain, or say at which entry it breaks" })
  verifyHistory(@Param('id', DecisionIdPipe) id: string, @CurrentActor() actor: Actor) {
    return this.decisions.verifyHistory(id, actor);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Edit a draft (author; If-Match: <version>)' })
  edit(@Param('id', DecisionIdPipe) id: string, @Body() body: PatchDecisionDto, @CurrentActor() actor: Actor, @IfMatch() version?: number) {
    return this.decisions.edit(id, body, actor, version);
  }

  @Post(':id/submit') @HttpCode(200)
  submit(@Param('id', DecisionIdPipe) id: string, @Body() body: EmptyDto, @CurrentActor() a: Actor, @IfMatch() v?: number) {
    return this.act(id, 'submit', body, a, v);
  }

  @Post(':id/sign-off') @HttpCode(200)
  signOff(@Param('id', DecisionIdPipe) id: string, @Body() body: SignOffDto, @CurrentActor() a: Actor, @IfMatch() v?: number) {
    return this.act(id, 'sign-off', body, a, v);
  }

  @Post(':id/request-changes') @HttpCode(200)
  requestChanges(@Param('id', DecisionIdPipe) id: string, @Body() body: RequestChangesDto, @CurrentActor() a: Actor, @IfMatch() v?: number) {
    return this.act(id, 'request-changes', body, a, v);
  }

  @Post(':id/approve') @HttpCode(200)
  approve(@Param('id', DecisionIdPipe) id: string, @Body() body: ApproveDto, @CurrentActor() a: Actor, @IfMatch() v?: number) {
    return this.act(id, 'approve', body, a, v);
  }

  @Post(':id/reject') @HttpCode(200)
  reject(@Param('id', DecisionIdPipe) id: string, @Body() body: RejectDto, @CurrentActor() a: Actor, @IfMatch() v?: number) {
    return this.act(id, 'reject', body, a, v);
  }

  @Post(':id/defer') @HttpCode(200)
  defer(@Param('id', DecisionIdPipe) id: string, @Body() body: DeferDto, @CurrentActor() a: Actor, @IfMatch() v?: number) {
    return this.act(id, 'defer', body, a, v);
  }

  @Post(':id/resume') @HttpCode(200)
  resume(@Param('id', DecisionIdPipe) id: string, @Body() body: EmptyDto, @CurrentActor() a: Actor, @IfMatch() v?: number) {
    return this.act(id, 'resume', body, a, v);
  }

  @Post(':id/refer-back') @HttpCode(200)
  referBack(@Param('id', DecisionIdPipe) id: string, @Body() body: CommentsDto, @CurrentActor() a: Actor, @IfMatch() v?: number) {
    return this.act(id, 'refer-back', body, a, v);
  }

  @Post(':id/withdraw') @HttpCode(200)
  withdraw(@Param('id', DecisionIdPipe) id: string, @Body() body: ReasonDto, @CurrentActor() a: Actor, @IfMatch() v?: number) {
    return this.act(id, 'withdraw', body, a, v);
  }

  @Post(':id/publish') @HttpCode(200)
  publish(@Param('id', DecisionIdPipe) id: string, @Body() body: PublishDto, @CurrentActor() a: Actor, @IfMatch() v?: number) {
    return this.act(id, 'publish', body, a, v);
  }

  @Post(':id/call-in') @HttpCode(200)
  callIn(@Param('id', DecisionIdPipe) id: string, @Body() body: CallInDto, @CurrentActor() a: Actor, @IfMatch() v?: number) {
    return this.act(id, 'call-in', body, a, v);
  }

  @Post(':id/scrutiny-outcome') @HttpCode(200)
  scrutinyOutcome(@Param('id', DecisionIdPipe) id: string, @Body() body: ScrutinyOutcomeDto, @CurrentActor() a: Actor, @IfMatch() v?: number) {
    return this.act(id, 'scrutiny-outcome', body, a, v);
  }

  @Post(':id/council-outcome') @HttpCode(200)
  councilOutcome(@Param('id', DecisionIdPipe) id: string, @Body() body: CouncilOutcomeDto, @CurrentActor() a: Actor, @IfMatch() v?: number) {
    return this.act(id, 'council-outcome', body, a, v);
  }

  private act(id: string, action: ActionName, body: object, actor: Actor, version?: number) {
    return this.decisions.act(id, action, body as ActionBody, actor, version);
  }
}
