import { Controller, Get, Inject, Req, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '#libs/auth';
import { londonDateOf } from '#libs/calendar';
import { RATIFY_CONFIG, type RatifyConfig } from '#libs/config';
import { DecisionService, type DecisionRepresentation } from '#libs/decisions';
import type { Actor, DecisionState } from '#libs/lifecycle';
import { ArrangementService } from '#libs/staffing';
import { myWork, type RegisterArrangement } from '#libs/web';
import { PageRenderer } from './page-renderer.js';
import { SignedInGuard, SignedInUser } from './signed-in.guard.js';

/** 8 weeks, and the day itself: the register's endingBefore is exclusive. */
const ENDING_WITHIN_DAYS = 8 * 7 + 1;
const RUNNING = ['scheduled', 'active', 'ending-soon', 'overdue', 'extended'];

/** Page 1: the work waiting on this person, a section per role they hold. */
@ApiExcludeController()
@Public()
@UseGuards(SignedInGuard)
@Controller('work')
export class MyWorkController {
  constructor(
    @Inject(DecisionService) private readonly decisions: DecisionService,
    @Inject(ArrangementService) private readonly arrangements: ArrangementService,
    @Inject(RATIFY_CONFIG) private readonly config: RatifyConfig,
    @Inject(PageRenderer) private readonly pages: PageRenderer,
  ) {}

  @Get()
  async page(@Req() req: Request, @Res() res: Response, @SignedInUser() actor: Actor) {
    const has = (role: string) => actor.roles.includes(role);
    const none = Promise.resolve([] as DecisionRepresentation[]);
    // "assignedTo: me" is the service's own "waiting on me" rule; the state narrows it to one section.
    const mine = (state: DecisionState) => this.list(actor, state, true);
    const all = (state: DecisionState) => this.list(actor, state, false);
    const [officerDrafts, signOffs, forDetermination, awaitingPublication, callInPeriods, calledIn, referred, arrangements] = await Promise.all([
      has('officer') ? mine('draft') : none,
      actor.roles.some((r) => r.startsWith('consultee:')) ? mine('consultation') : none,
      has('decision-maker') ? mine('for-determination') : none,
      has('democratic-services') ? all('approved') : none,
      has('democratic-services') || has('scrutiny') ? all('call-in-period') : none,
      has('democratic-services') ? all('called-in') : none,
      has('democratic-services') ? all('referred-to-council') : none,
      has('hr') ? this.endingSoon(actor) : Promise.resolve(undefined),
    ]);
    const sections = myWork(
      actor,
      { officerDrafts, signOffs, forDetermination, awaitingPublication, callInPeriods, calledIn: [...calledIn, ...referred], arrangements },
      this.config.reminders,
      new Date(),
    );
    this.pages.render(req, res, 'web/my-work.njk', { pageTitle: 'My work', sections, roleNames: actor.roles, canDraft: has('officer') });
  }

  /** HR: running arrangements whose end is within 8 weeks, and the overdue ones (the service puts them first). */
  private async endingSoon(actor: Actor): Promise<RegisterArrangement[]> {
    const before = londonDateOf(new Date(Date.now() + ENDING_WITHIN_DAYS * 86_400_000).toISOString());
    const { items } = await this.arrangements.list({ states: RUNNING, endingBefore: before, page: 1, pageSize: 100 }, actor);
    return items as RegisterArrangement[];
  }

  private async list(actor: Actor, state: DecisionState, mine: boolean) {
    const { items } = await this.decisions.list({ state, assignedTo: mine ? 'me' : undefined, page: 1, pageSize: 100 }, actor);
    return items;
  }
}
