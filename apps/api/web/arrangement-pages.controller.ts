import { Body, Controller, Get, Inject, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '#libs/auth';
import { Conflict, InvalidInput } from '#libs/decisions';
import type { Actor } from '#libs/lifecycle';
import { ArrangementService } from '#libs/staffing';
import {
  ARRANGEMENT_ACTION_DATE_FIELDS,
  ARRANGEMENT_FILTER_LABELS,
  actionBodyFromForm,
  actionLabels,
  arrangementActionForm,
  arrangementAnswers,
  arrangementFilterProblems,
  arrangementFilters,
  arrangementQuery,
  arrangementsRegisterPage,
  flatten,
  formErrors,
  type ArrangementActionForm,
  type FieldProblem,
  type FormBody,
  type RegisterArrangement,
} from '#libs/web';
import { ListArrangementsDto } from '../arrangements/arrangement.dto.js';
import { ArrangementIdPipe } from '../arrangements/arrangement-id.pipe.js';
import { problemsOf, validateLikeTheApi } from './api-validation.js';
import { PageRenderer } from './page-renderer.js';
import { SignedInGuard, SignedInUser } from './signed-in.guard.js';
import { PageNotFound, RoleRequired } from './web-errors.js';
import { setFlash } from './web-session.js';

const HR = (actor: Actor) => actor.roles.includes('hr') || actor.roles.includes('admin');

/**
 * Page 4: HR's register of staffing arrangements, its CSV, and the end / extend / make-permanent / confirm
 * actions with a check-and-confirm step. ArrangementService decides; this translates.
 */
@ApiExcludeController()
@Public()
@UseGuards(SignedInGuard)
@Controller('work')
export class ArrangementPagesController {
  constructor(
    @Inject(ArrangementService) private readonly arrangements: ArrangementService,
    @Inject(PageRenderer) private readonly pages: PageRenderer,
  ) {}

  @Get('arrangements')
  async register(@Req() req: Request, @Res() res: Response, @SignedInUser() actor: Actor, @Query() raw: Record<string, unknown>) {
    this.mustBeHr(actor);
    const filters = arrangementFilters(raw);
    const checked = await validateLikeTheApi(arrangementQuery(filters), ListArrangementsDto);
    if (!checked.value) {
      const errors = formErrors(arrangementFilterProblems(checked.problems), { labels: ARRANGEMENT_FILTER_LABELS });
      return this.pages.render(req, res, 'web/arrangements.njk', { pageTitle: 'Error: Staffing arrangements', view: arrangementsRegisterPage(filters, null), errors }, 400);
    }
    const q = checked.value;
    const result = await this.arrangements.list({ states: q.state?.split(','), endingBefore: q.endingBefore, manager: q.manager, page: q.page, pageSize: q.pageSize }, actor);
    // A manager's calendar feed: its address is signed for that manager alone (the link is the credential).
    const link = q.manager ? this.arrangements.calendarLink(q.manager, actor) : null;
    const calendar = link ? { manager: link.manager, href: link.url } : null;
    this.pages.render(req, res, 'web/arrangements.njk', {
      pageTitle: 'Staffing arrangements',
      view: arrangementsRegisterPage(filters, { ...result, items: result.items as RegisterArrangement[] }),
      calendar,
    });
  }

  @Get('arrangements.csv')
  async csv(@Res() res: Response, @SignedInUser() actor: Actor, @Query() raw: Record<string, unknown>) {
    this.mustBeHr(actor);
    const checked = await validateLikeTheApi(arrangementQuery({ ...arrangementFilters(raw), page: '' }), ListArrangementsDto);
    if (!checked.value) throw new InvalidInput('those filters are not valid', checked.problems);
    const q = checked.value;
    const body = await this.arrangements.csv({ states: q.state?.split(','), endingBefore: q.endingBefore, manager: q.manager }, actor);
    res.type('text/csv; charset=utf-8').set('Content-Disposition', 'attachment; filename="arrangements.csv"').set('Cache-Control', 'no-store').send(body);
  }

  @Get('arrangements/:id/act/:action')
  async start(@Req() req: Request, @Res() res: Response, @SignedInUser() actor: Actor, @Param('id', ArrangementIdPipe) id: string, @Param('action') name: string) {
    const { arrangement, form } = await this.load(id, name, actor);
    if (form.fields.length === 0) return this.confirmPage(req, res, arrangement, form, {}, {});
    this.formPage(req, res, arrangement, form, {}, []);
  }

  @Post('arrangements/:id/act/:action')
  async post(@Req() req: Request, @Res() res: Response, @SignedInUser() actor: Actor, @Param('id', ArrangementIdPipe) id: string, @Param('action') name: string, @Body() posted: FormBody) {
    const { arrangement, form } = await this.load(id, name, actor);
    const values = Object.fromEntries(form.fields.map((f) => [f.name, posted[f.name] ?? '']));
    if (posted.step === 'edit') return this.formPage(req, res, arrangement, form, values, []);
    const body = actionBodyFromForm(form, posted);
    // The service judges the body (400 naming the field) before anything changes; the check step shows it first.
    if (posted.step !== 'confirm') return this.confirmPage(req, res, arrangement, form, values, body);
    try {
      const after = await this.arrangements.act(id, form.action as never, body, actor);
      setFlash(req, `${form.title}: done`, `${after.title} is now ${after.state.replace(/-/g, ' ')}.`);
      res.redirect(303, '/work/arrangements');
    } catch (error) {
      if (error instanceof InvalidInput) return this.formPage(req, res, arrangement, form, values, problemsOf(error));
      if (error instanceof Conflict) {
        return this.pages.render(req, res, 'web/error.njk', {
          pageTitle: 'Nothing was done',
          heading: 'Nothing was done',
          paragraphs: [`The arrangement changed while you were looking at it.`, error.message.charAt(0).toUpperCase() + error.message.slice(1) + '.'],
          backLink: { href: '/work/arrangements', text: 'Back to the arrangements' },
        }, 409);
      }
      throw error;
    }
  }

  private mustBeHr(actor: Actor) {
    if (!HR(actor)) throw new RoleRequired('hr', 'The staffing arrangements register is for HR: it needs the hr or admin role.');
  }

  private async load(id: string, name: string, actor: Actor) {
    this.mustBeHr(actor);
    const form = arrangementActionForm(name);
    if (!form) throw new PageNotFound();
    const arrangement = (await this.arrangements.get(id, actor)) as RegisterArrangement;
    if (!arrangement.allowedActions.includes(name)) {
      throw new Conflict(`you cannot ${name.replace(/-/g, ' ')} this arrangement now: it is ${arrangement.state}`, { state: arrangement.state, allowedActions: arrangement.allowedActions });
    }
    return { arrangement, form };
  }

  private caption(a: RegisterArrangement) {
    return `${a.title} – ${a.decision.reference}`;
  }

  private formPage(req: Request, res: Response, a: RegisterArrangement, form: ArrangementActionForm, values: Record<string, unknown>, problems: FieldProblem[]) {
    const errors = formErrors(problems, { dateFields: ARRANGEMENT_ACTION_DATE_FIELDS, labels: actionLabels(form) });
    this.pages.render(req, res, 'web/action-form.njk', {
      pageTitle: `${errors.summary.length ? 'Error: ' : ''}${form.title}`,
      form,
      values,
      errors,
      caption: this.caption(a),
      postTo: `/work/arrangements/${a.id}/act/${form.action}`,
      cancelHref: '/work/arrangements',
      backLink: { href: '/work/arrangements' },
    }, errors.summary.length ? 400 : 200);
  }

  private confirmPage(req: Request, res: Response, a: RegisterArrangement, form: ArrangementActionForm, values: Record<string, unknown>, body: Record<string, unknown>) {
    this.pages.render(req, res, 'web/action-confirm.njk', {
      pageTitle: `Check and confirm: ${form.title}`,
      form,
      answers: arrangementAnswers(form, body),
      carried: flatten(values),
      consequence: form.describe,
      caption: this.caption(a),
      postTo: `/work/arrangements/${a.id}/act/${form.action}`,
      cancelHref: '/work/arrangements',
      backLink: { href: '/work/arrangements' },
    });
  }
}
