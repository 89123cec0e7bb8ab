import { Body, Controller, Get, Inject, Param, Post, Req, Res, UseGuards, type Type } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '#libs/auth';
import { computeCallInDeadline, londonDateOf } from '#libs/calendar';
import { RATIFY_CONFIG, type RatifyConfig } from '#libs/config';
import { callInRuleFor } from '#libs/constitution';
import { Conflict, DecisionService, InvalidInput, type ActionBody, type DecisionRepresentation } from '#libs/decisions';
import type { ActionName, Actor } from '#libs/lifecycle';
import {
  actionBodyFromForm,
  actionForm,
  actionLabels,
  answersOf,
  areaLabels,
  areasFor,
  dateTime,
  flatten,
  formErrors,
  isActionName,
  type ActionForm,
  type FieldProblem,
  type FormBody,
} from '#libs/web';
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
} from '../decisions/dto/action.dto.js';
import { DecisionIdPipe } from '../http/params.js';
import { problemsOf, validateLikeTheApi } from './api-validation.js';
import { PageRenderer } from './page-renderer.js';
import { SignedInGuard, SignedInUser } from './signed-in.guard.js';
import { PageNotFound } from './web-errors.js';
import { setFlash } from './web-session.js';

/** The body each action's API endpoint validates with: the page validates with the same class. */
const BODY: Record<ActionName, Type<object>> = {
  submit: EmptyDto,
  'sign-off': SignOffDto,
  'request-changes': RequestChangesDto,
  approve: ApproveDto,
  reject: RejectDto,
  defer: DeferDto,
  resume: EmptyDto,
  'refer-back': CommentsDto,
  withdraw: ReasonDto,
  publish: PublishDto,
  'call-in': CallInDto,
  'scrutiny-outcome': ScrutinyOutcomeDto,
  'council-outcome': CouncilOutcomeDto,
};

/**
 * The actions of page 2 (and so pages 5's publication and call-in outcomes): a form for the body the action
 * needs, a check-and-confirm step, then DecisionService.act with the version the person saw (If-Match).
 */
@ApiExcludeController()
@Public()
@UseGuards(SignedInGuard)
@Controller('work/decisions/:id/act')
export class ActionPagesController {
  constructor(
    @Inject(DecisionService) private readonly decisions: DecisionService,
    @Inject(RATIFY_CONFIG) private readonly config: RatifyConfig,
    @Inject(PageRenderer) private readonly pages: PageRenderer,
  ) {}

  @Get(':action')
  async start(@Req() req: Request, @Res() res: Response, @SignedInUser() actor: Actor, @Param('id', DecisionIdPipe) id: string, @Param('action') name: string) {
    const { decision, form } = await this.load(id, name, actor);
    if (form.fields.length === 0) return this.confirmPage(req, res, decision, form, {}, {}, decision.version);
    this.formPage(req, res, decision, form, {}, [], decision.version);
  }

  @Post(':action')
  async post(@Req() req: Request, @Res() res: Response, @SignedInUser() actor: Actor, @Param('id', DecisionIdPipe) id: string, @Param('action') name: string, @Body() posted: FormBody) {
    const { decision, form } = await this.load(id, name, actor);
    const version = Number(posted.version) || decision.version;
    const values = Object.fromEntries(form.fields.map((f) => [f.name, posted[f.name] ?? '']));
    if (posted.step === 'edit') return this.formPage(req, res, decision, form, values, [], version);

    const body = actionBodyFromForm(form, posted);
    const checked = await validateLikeTheApi(body, BODY[form.action]);
    if (!checked.value) return this.formPage(req, res, decision, form, values, checked.problems, version);
    if (posted.step !== 'confirm') return this.confirmPage(req, res, decision, form, values, body, version);

    try {
      const after = await this.decisions.act(id, form.action, checked.value as ActionBody, actor, version);
      setFlash(req, `${form.title}: done`, `The decision is now ${after.status}.`);
      res.redirect(303, `/work/decisions/${id}`);
    } catch (error) {
      if (error instanceof InvalidInput) return this.formPage(req, res, decision, form, values, problemsOf(error), version);
      if (error instanceof Conflict) {
        const now = await this.decisions.get(id, actor);
        return this.pages.render(req, res, 'web/error.njk', {
          pageTitle: 'Nothing was done',
          heading: 'Nothing was done',
          paragraphs: [
            `The decision changed while you were looking at it: it is now ${now.status} (version ${now.version}).`,
            error.message.charAt(0).toUpperCase() + error.message.slice(1) + '.',
          ],
          backLink: { href: `/work/decisions/${id}`, text: 'Back to the decision' },
        }, 409);
      }
      throw error;
    }
  }

  /** The decision and the action's form; an action this person may not take now gets a page saying why. */
  private async load(id: string, name: string, actor: Actor) {
    if (!isActionName(name)) throw new PageNotFound();
    const decision = await this.decisions.get(id, actor);
    if (!decision.allowedActions.includes(name)) {
      throw new Conflict(`you cannot ${name} this decision now: it is ${decision.status}`, { state: decision.state, allowedActions: decision.allowedActions });
    }
    return { decision, form: actionForm(name) };
  }

  private formPage(req: Request, res: Response, decision: DecisionRepresentation, form: ActionForm, values: Record<string, unknown>, problems: FieldProblem[], version: number) {
    const errors = formErrors(problems, { dateFields: form.fields.filter((f) => f.kind === 'date').map((f) => f.name), labels: actionLabels(form) });
    this.pages.render(req, res, 'web/action-form.njk', {
      pageTitle: `${errors.summary.length ? 'Error: ' : ''}${form.title}`,
      decision,
      form,
      values,
      errors,
      version,
      areas: areasFor(decision, (req as Request & { actor: Actor }).actor),
      backLink: { href: `/work/decisions/${decision.id}` },
    }, errors.summary.length ? 400 : 200);
  }

  private confirmPage(req: Request, res: Response, decision: DecisionRepresentation, form: ActionForm, values: Record<string, unknown>, body: Record<string, unknown>, version: number) {
    this.pages.render(req, res, 'web/action-confirm.njk', {
      pageTitle: `Check and confirm: ${form.title}`,
      decision,
      form,
      version,
      answers: answersOf(form, body, areaLabels(decision)),
      carried: flatten(values),
      consequence: this.consequence(decision, form, body),
      backLink: { href: `/work/decisions/${decision.id}` },
    });
  }

  /** What will follow, where the page can say it from the calendar (publishing starts the call-in clock). */
  private consequence(decision: DecisionRepresentation, form: ActionForm, body: Record<string, unknown>): string | null {
    if (form.action === 'submit') {
      return decision.consultees.length
        ? `It goes to its consultees (${decision.consultees.map((c) => c.label).join(', ')}) to sign off, and you cannot edit it while they do.`
        : 'It has no consultees, so it goes straight to its decision maker.';
    }
    const type = decision.decisionType ?? 'executive';
    if (form.action === 'publish' && this.config.council.constitution.callIn[type].applies && decision.isSubjectToCallIn && !decision.callInWaiver) {
      const rule = callInRuleFor(this.config.council.constitution, type);
      if (rule.countFrom === 'decision' && !decision.dates.decidedAt) return null;
      const publishedAt = typeof body.publishedAt === 'string' ? body.publishedAt : londonDateOf(new Date().toISOString());
      const publishedTime = typeof body.publishedTime === 'string' ? body.publishedTime : null;
      const { deadline } = computeCallInDeadline(publishedAt, rule, { publishedTime, decidedAt: decision.dates.decidedAt });
      return `If it goes to call-in, the call-in period ends ${dateTime(deadline)}; a deadline already past makes it take effect at once.`;
    }
    return null;
  }
}
