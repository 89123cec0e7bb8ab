import { Body, Controller, Get, Inject, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '#libs/auth';
import { Conflict, DecisionService, InvalidInput, type DecisionDraft, type DecisionPatch } from '#libs/decisions';
import type { Actor } from '#libs/lifecycle';
import {
  DECISION_DATE_FIELDS,
  WEB_FEATURES,
  applyRowIntent,
  arrangementDateFields,
  bodyFromForm,
  formErrors,
  formFromDecision,
  formValuesFromBody,
  newDraftForm,
  parseIntent,
  type DecisionFormValues,
  type FieldProblem,
  type FormBody,
} from '#libs/web';
import { CreateDecisionDto } from '../decisions/dto/create-decision.dto.js';
import { PatchDecisionDto } from '../decisions/dto/patch-decision.dto.js';
import { DecisionIdPipe } from '../http/params.js';
import { problemsOf, validateLikeTheApi } from './api-validation.js';
import { PageRenderer } from './page-renderer.js';
import { SignedInGuard, SignedInUser } from './signed-in.guard.js';
import { RoleRequired } from './web-errors.js';
import { setFlash } from './web-session.js';

type Mode = 'create' | 'edit';

/** Page 3: create and edit a draft, with the API's validation shown beside each field. */
@ApiExcludeController()
@Public()
@UseGuards(SignedInGuard)
@Controller('work/decisions')
export class DraftingController {
  constructor(
    @Inject(DecisionService) private readonly decisions: DecisionService,
    @Inject(PageRenderer) private readonly pages: PageRenderer,
  ) {}

  @Get('new')
  newDraft(@Req() req: Request, @Res() res: Response, @SignedInUser() actor: Actor) {
    if (!actor.roles.includes('officer')) throw new RoleRequired('officer', 'Only officers draft decisions.');
    this.show(req, res, 'create', newDraftForm({ arrangements: WEB_FEATURES.has('arrangements') }));
  }

  @Post('new')
  async create(@Req() req: Request, @Res() res: Response, @SignedInUser() actor: Actor, @Body() body: FormBody) {
    if (!actor.roles.includes('officer')) throw new RoleRequired('officer', 'Only officers draft decisions.');
    const values = formValuesFromBody(body);
    const intent = parseIntent(body.intent);
    if (intent.type !== 'save') return this.show(req, res, 'create', applyRowIntent(values, intent));
    const checked = await validateLikeTheApi(bodyFromForm(values, 'create'), CreateDecisionDto);
    if (!checked.value) return this.show(req, res, 'create', values, { problems: checked.problems });
    try {
      const created = await this.decisions.create(checked.value as DecisionDraft, actor);
      setFlash(req, `Draft ${created.reference} saved`, 'Submit it from its page when it is ready.');
      res.redirect(303, `/work/decisions/${created.id}`);
    } catch (error) {
      if (error instanceof InvalidInput) return this.show(req, res, 'create', values, { problems: problemsOf(error) });
      if (error instanceof Conflict) return this.show(req, res, 'create', values, { problems: [{ field: 'reference', message: error.message }] });
      throw error;
    }
  }

  @Get(':id/edit')
  async editPage(@Req() req: Request, @Res() res: Response, @SignedInUser() actor: Actor, @Param('id', DecisionIdPipe) id: string) {
    const decision = await this.decisions.get(id, actor);
    this.mustBeEditable(decision, actor);
    this.show(req, res, 'edit', formFromDecision(decision), { id, reference: decision.reference, version: decision.version });
  }

  @Post(':id/edit')
  async edit(@Req() req: Request, @Res() res: Response, @SignedInUser() actor: Actor, @Param('id', DecisionIdPipe) id: string, @Body() body: FormBody) {
    const decision = await this.decisions.get(id, actor);
    const version = Number(body.version) || decision.version;
    const context = { id, reference: decision.reference, version };
    const values = formValuesFromBody(body);
    const intent = parseIntent(body.intent);
    if (intent.type !== 'save') return this.show(req, res, 'edit', applyRowIntent(values, intent), context);
    // Send what changed only, so the history says what the officer changed.
    const before = bodyFromForm(formFromDecision(decision), 'edit');
    const changed = Object.fromEntries(Object.entries(bodyFromForm(values, 'edit')).filter(([k, v]) => JSON.stringify(v) !== JSON.stringify(before[k])));
    const checked = await validateLikeTheApi(changed, PatchDecisionDto);
    if (!checked.value) return this.show(req, res, 'edit', values, { ...context, problems: checked.problems });
    try {
      const saved = await this.decisions.edit(id, checked.value as DecisionPatch, actor, version);
      setFlash(req, 'Draft saved', `Now at version ${saved.version}.`);
      res.redirect(303, `/work/decisions/${id}`);
    } catch (error) {
      if (error instanceof InvalidInput) return this.show(req, res, 'edit', values, { ...context, problems: problemsOf(error) });
      if (error instanceof Conflict) {
        // Someone saved in between (or it left draft): keep what was typed, say what happened, offer the new version.
        const now = await this.decisions.get(id, actor);
        const message = now.state === 'draft' ? `This draft was changed by someone else while you edited it (now version ${now.version}). Check the fields and save again to overwrite.` : `This decision is no longer a draft (${now.status}), so it cannot be edited.`;
        return this.show(req, res, 'edit', values, { ...context, version: now.version, problems: [{ field: 'title', message }] });
      }
      throw error;
    }
  }

  private mustBeEditable(decision: { state: string; author: { userId: string } }, actor: Actor) {
    if (decision.author.userId !== actor.userId) throw new RoleRequired('author', 'Only the author of a decision may edit it.');
    if (decision.state !== 'draft') throw new Conflict('Only a draft can be edited.');
  }

  private show(
    req: Request,
    res: Response,
    mode: Mode,
    values: DecisionFormValues,
    extra: { id?: string; reference?: string; version?: number; problems?: FieldProblem[] } = {},
  ) {
    const dateFields = [...DECISION_DATE_FIELDS, ...arrangementDateFields(values.staffingArrangements?.length ?? 0)];
    const errors = formErrors(extra.problems ?? [], { dateFields });
    const heading = mode === 'create' ? 'Draft a decision' : 'Edit the draft';
    this.pages.render(
      req,
      res,
      'web/draft-form.njk',
      {
        pageTitle: `${errors.summary.length ? 'Error: ' : ''}${heading}`,
        heading,
        caption: mode === 'create' ? 'New decision' : extra.reference,
        mode,
        values,
        errors,
        version: extra.version,
        action: mode === 'create' ? '/work/decisions/new' : `/work/decisions/${extra.id}/edit`,
        cancelHref: mode === 'create' ? '/work' : `/work/decisions/${extra.id}`,
        backLink: { href: mode === 'create' ? '/work' : `/work/decisions/${extra.id}` },
      },
      errors.summary.length ? 400 : 200,
    );
  }
}
