import { Controller, Get, Inject, Param, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '#libs/auth';
import { RATIFY_CONFIG, type RatifyConfig } from '#libs/config';
import { DECISION, DecisionService, Forbidden, InvalidInput } from '#libs/decisions';
import { DECISION_STATES, displayStatus, type Actor, type DecisionState } from '#libs/lifecycle';
import { NotificationLogService } from '#libs/notifications';
import { StatechartRenderer, decisionPage, statusTag } from '#libs/web';
import { ListDecisionsDto } from '../decisions/dto/list-decisions.dto.js';
import { DecisionIdPipe } from '../http/params.js';
import { validateLikeTheApi } from './api-validation.js';
import { PageRenderer } from './page-renderer.js';
import { SignedInGuard, SignedInUser } from './signed-in.guard.js';
import { PageNotFound } from './web-errors.js';

const PAGE_SIZE = 20;

/** Page 2 (a decision) and the list of decisions; reading only, every change goes through the action pages. */
@ApiExcludeController()
@Public()
@UseGuards(SignedInGuard)
@Controller('work')
export class DecisionPagesController {
  constructor(
    @Inject(DecisionService) private readonly decisions: DecisionService,
    @Inject(NotificationLogService) private readonly notifications: NotificationLogService,
    @Inject(StatechartRenderer) private readonly statechart: StatechartRenderer,
    @Inject(RATIFY_CONFIG) private readonly config: RatifyConfig,
    @Inject(PageRenderer) private readonly pages: PageRenderer,
  ) {}

  @Get('decisions')
  async list(@Req() req: Request, @Res() res: Response, @SignedInUser() actor: Actor, @Query() raw: Record<string, unknown>) {
    // Only the parameters given: an absent page takes the DTO's default.
    const query = Object.fromEntries(Object.entries({ state: raw.state, page: raw.page }).filter(([, v]) => v !== undefined && v !== ''));
    const checked = await validateLikeTheApi(query, ListDecisionsDto);
    if (!checked.value) throw new InvalidInput('that list does not exist', checked.problems);
    const { state, page } = checked.value;
    const { items, total } = await this.decisions.list({ state, page, pageSize: PAGE_SIZE }, actor);
    const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
    const href = (p: number) => `/work/decisions?${new URLSearchParams({ ...(state ? { state } : {}), page: String(p) })}`;
    this.pages.render(req, res, 'web/decisions.njk', {
      pageTitle: 'Decisions',
      items: items.map((d) => ({ id: d.id, reference: d.reference, title: d.title, tag: statusTag(d.state, d.status), due: null })),
      total,
      from: (page - 1) * PAGE_SIZE + 1,
      to: (page - 1) * PAGE_SIZE + items.length,
      stateOptions: [
        { value: '', text: 'Any state', selected: !state },
        ...DECISION_STATES.map((s) => ({ value: s, text: `${displayStatus(s)} (${s})`, selected: s === state })),
      ],
      pagination:
        pages > 1
          ? {
              previous: page > 1 ? { href: href(page - 1) } : undefined,
              next: page < pages ? { href: href(page + 1) } : undefined,
              items: Array.from({ length: pages }, (_, i) => ({ number: i + 1, href: href(i + 1), current: i + 1 === page })),
            }
          : null,
    });
  }

  @Get('decisions/:id')
  async decision(@Req() req: Request, @Res() res: Response, @SignedInUser() actor: Actor, @Param('id', DecisionIdPipe) id: string) {
    const decision = await this.decisions.get(id, actor);
    // The delivery log names recipients: shown only to those the permission table lets read it.
    const mayReadLog = await this.decisions.authorizeRead(id, 'read-notifications', actor).then(
      () => true,
      (error) => (error instanceof Forbidden ? false : Promise.reject(error)),
    );
    const [history, notifications, statechartSvg] = await Promise.all([
      this.decisions.history(id, actor),
      mayReadLog ? this.notifications.forSubject({ type: DECISION, id }) : null,
      this.statechart.svg(decision.state),
    ]);
    const { edges } = this.statechart.describe();
    const nextSteps = edges.filter((e) => e.from === decision.state && e.to !== decision.state);
    const view = decisionPage({
      decision,
      history,
      notifications,
      actor,
      rules: { constitution: this.config.council.constitution, reminders: this.config.reminders },
      now: new Date(),
    });
    this.pages.render(req, res, 'web/decision.njk', { pageTitle: `${decision.reference}: ${decision.title}`, view, statechartSvg, nextSteps });
  }

  /** The statechart on its own, full size. */
  @Get('statechart/:file')
  async chart(@Res() res: Response, @Param('file') file: string) {
    const state = file.replace(/\.svg$/, '');
    if (!file.endsWith('.svg') || !(DECISION_STATES as readonly string[]).includes(state)) throw new PageNotFound();
    const svg = (await this.statechart.svg(state as DecisionState)).replace('<svg ', '<svg role="img" aria-label="The decision lifecycle" ');
    res.type('image/svg+xml').set('Cache-Control', 'no-store').send(svg.replace(' aria-hidden="true"', '').replace(' focusable="false"', ''));
  }
}
