import { Controller, Get, Headers, HttpCode, Inject, Param, Post, Res, UnauthorizedException } from '@nestjs/common';
import { ApiConsumes, ApiOkResponse, ApiOperation, ApiProduces, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ErrorView } from '../http/error.dto.js';
import { OneClickView } from '../notifications/notification.response.js';
import type { Response } from 'express';
import { InvalidToken, Public, verifyActionLink, type ActionLink } from '#libs/auth';
import { RATIFY_CONFIG, type RatifyConfig } from '#libs/config';
import { Conflict, DecisionService, summarise } from '#libs/decisions';
import { escapeHtml } from '#libs/delivery';
import { NotificationLogService } from '#libs/notifications';
import { ArrangementService } from '#libs/staffing';

/**
 * Links from reminder emails. GET shows the decision (open) or a confirmation page (a link scanner must
 * not sign anything off); POST performs the action as the user the link names, once, through the same
 * DecisionService path and checks as the API.
 */
@ApiTags('one-click')
@ApiUnauthorizedResponse({ type: ErrorView, description: 'The link is invalid, expired, or not a Ratify link' })
@Public()
@Controller('one-click')
export class OneClickController {
  constructor(
    @Inject(RATIFY_CONFIG) private readonly config: RatifyConfig,
    @Inject(DecisionService) private readonly decisions: DecisionService,
    @Inject(NotificationLogService) private readonly log: NotificationLogService,
    @Inject(ArrangementService) private readonly arrangements: ArrangementService,
  ) {}

  @Get(':token')
  @ApiOperation({ summary: 'Open a link from a reminder email: which decision (JSON), or a confirmation page (Accept: text/html)' })
  @ApiProduces('application/json', 'text/html')
  @ApiOkResponse({ type: OneClickView })
  async show(@Param('token') token: string, @Headers('accept') accept: string | undefined, @Res({ passthrough: true }) res: Response) {
    const link = this.verify(token);
    const decision = await this.decisions.summary(link.decisionId);
    if (link.action === 'confirm-ended') {
      const arrangement = await this.arrangements.linkSummary(link.arrangementId!);
      const url = `${this.config.publicUrl}/api/arrangements/${arrangement.id}`;
      if (!accept?.includes('text/html')) return { action: link.action, area: null, decision, url, arrangement: { id: arrangement.id, title: arrangement.title, state: arrangement.state, resolvedEnd: arrangement.resolvedEnd } };
      res.type('html');
      return confirmationPage(arrangement.title, decision.reference, `Confirm that it has ended`, `${this.config.publicUrl}/api/one-click/${token}`);
    }
    const url = `${this.config.publicUrl}/api/decisions/${decision.id}`;
    if (link.action === 'open' || !accept?.includes('text/html')) return { action: link.action, area: link.area ?? null, decision, url };
    res.type('html');
    return confirmationPage(decision.title, decision.reference, `Sign off for ${link.area}`, `${this.config.publicUrl}/api/one-click/${token}`);
  }

  @Post(':token')
  @HttpCode(200)
  @ApiOperation({ summary: "Perform the link's action once, as the user it names" })
  @ApiConsumes('application/x-www-form-urlencoded', 'application/json')
  @ApiOkResponse({ type: OneClickView })
  async perform(@Param('token') token: string) {
    const link = this.verify(token);
    if (link.action === 'open') throw new Conflict('an open link performs no action');
    if (link.action === 'confirm-ended') return this.confirmEnded(link);
    const done = await this.decisions.act(link.decisionId, link.action, { area: link.area }, link.actor, undefined, async (m) => {
      if (!(await this.log.spendLink(m, link.jti, link.decisionId, link.actor.userId, link.action))) {
        throw new Conflict('this link has already been used');
      }
    });
    // The link is the credential: answer which decision and where it now stands, not its record.
    return { action: link.action, area: link.area ?? null, decision: summarise(done) };
  }

  /** The link is the credential: it names the arrangement and the person; it works once. */
  private async confirmEnded(link: ActionLink) {
    const done = await this.arrangements.act(link.arrangementId!, 'confirm-ended', {}, link.actor, {
      spend: async (tx) => {
        if (!(await this.log.spendLink(tx, link.jti, link.decisionId, link.actor.userId, link.action))) throw new Conflict('this link has already been used');
      },
    });
    const decision = await this.decisions.summary(link.decisionId);
    return { action: link.action, area: null, decision, arrangement: { id: done.id, title: done.title, state: done.state, resolvedEnd: done.resolvedEnd } };
  }

  private verify(token: string): ActionLink {
    try {
      return verifyActionLink(token, this.config.jwtSecret);
    } catch (error) {
      if (error instanceof InvalidToken) throw new UnauthorizedException(error.message);
      throw error;
    }
  }
}

function confirmationPage(title: string, reference: string, action: string, postUrl: string): string {
  const e = escapeHtml;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${e(action)} — ${e(reference)}</title></head>
<body><h1>${e(title)}</h1><p>${e(reference)}</p>
<form method="post" action="${e(postUrl)}"><button type="submit">${e(action)}</button></form></body></html>`;
}
