import { Controller, Get, Inject, Param, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '#libs/auth';
import { parsePublicQuery, RegisterService } from '#libs/register';
import { registerErrors, registerListPage, registerQuery, registerSearch } from '#libs/web';
import { PageRenderer } from './page-renderer.js';
import { PageNotFound } from './web-errors.js';

/**
 * Page 6: the public register in the web app's frame, no sign-in. Someone signed in keeps their navigation,
 * so the public and staff pages are one service. RegisterService decides what is public; this translates.
 */
@ApiExcludeController()
@Public()
@Controller('register')
export class RegisterPagesController {
  constructor(
    @Inject(RegisterService) private readonly register: RegisterService,
    @Inject(PageRenderer) private readonly pages: PageRenderer,
  ) {}

  @Get()
  async list(@Req() req: Request, @Res() res: Response, @Query() raw: Record<string, unknown>) {
    const search = registerSearch(raw);
    const parsed = parsePublicQuery(registerQuery(search), this.register.maxPageSize);
    if (!parsed.ok) {
      const locals = { pageTitle: 'Error: Decisions register', view: registerListPage(search, null), errors: registerErrors(parsed.problems) };
      return this.pages.render(req, res, 'web/register.njk', { ...this.register.publicChrome, ...locals }, 400);
    }
    const { body } = await this.register.list(parsed.query);
    this.pages.render(req, res, 'web/register.njk', { ...this.register.publicChrome, pageTitle: 'Decisions register', view: registerListPage(search, body) });
  }

  @Get('forward-plan')
  async forwardPlan(@Req() req: Request, @Res() res: Response) {
    const plan = await this.register.forwardPlan();
    const chrome = { ...this.pages.chrome(req, res), backLink: { href: '/register', text: 'Back to the register' } };
    this.pages.send(res, this.register.forwardPlanPage(plan.body, res.locals.cspNonce, chrome).body);
  }

  @Get('decisions/:idOrReference')
  async decision(@Req() req: Request, @Res() res: Response, @Param('idOrReference') idOrReference: string) {
    const decision = await this.register.find(idOrReference);
    if (!decision) throw new PageNotFound(`no published decision with id or reference '${idOrReference}'`);
    const chrome = { ...this.pages.chrome(req, res), backLink: { href: '/register', text: 'Back to the register' } };
    this.pages.send(res, this.register.decisionPage(decision, res.locals.cspNonce, chrome).body);
  }
}
