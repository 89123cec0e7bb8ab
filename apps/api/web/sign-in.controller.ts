import { Body, Controller, Get, Inject, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '#libs/auth';
import { RATIFY_CONFIG, type RatifyConfig } from '#libs/config';
import { DEMO_USERS, demoUser, formErrors } from '#libs/web';
import { OidcClient } from './oidc.client.js';
import { PageRenderer } from './page-renderer.js';
import { safeReturnTo } from './return-to.js';
import { PageNotFound } from './web-errors.js';
import { csrf, sessionOf, signedInUser, type WebSession } from './web-session.js';

type SessionRequest = Request & { session: WebSession | null };

/**
 * Sign-in and sign-out. With an issuer configured: OpenID Connect (authorization code + PKCE). Without one
 * and outside production: a local page offering a demo user per role. Either way the result is the same
 * signed session cookie.
 */
@ApiExcludeController()
@Public()
@Controller()
export class SignInController {
  constructor(
    @Inject(RATIFY_CONFIG) private readonly config: RatifyConfig,
    @Inject(OidcClient) private readonly oidc: OidcClient,
    @Inject(PageRenderer) private readonly pages: PageRenderer,
  ) {}

  @Get()
  home(@Req() req: Request, @Res() res: Response) {
    res.redirect(302, signedInUser(req) ? '/work' : '/sign-in');
  }

  @Get('sign-in')
  page(@Req() req: Request, @Res() res: Response, @Query('returnTo') returnTo?: string) {
    if (signedInUser(req)) return res.redirect(302, safeReturnTo(returnTo));
    this.renderSignIn(req, res, safeReturnTo(returnTo));
  }

  /** Local sign-in (no identity provider, never in production): choose a demo user. */
  @Post('sign-in')
  local(@Req() req: SessionRequest, @Res() res: Response, @Body() body: { userId?: string; returnTo?: string }) {
    if (!this.config.web.localSignIn) throw new PageNotFound();
    const user = demoUser(body.userId);
    if (!user) {
      const errors = formErrors([{ field: 'userId', message: 'Select who to sign in as' }]);
      return this.renderSignIn(req, res, safeReturnTo(body.returnTo), errors, 400);
    }
    this.startSession(req, { user, via: 'local' });
    res.redirect(303, safeReturnTo(body.returnTo));
  }

  @Get('sign-in/start')
  async start(@Req() req: SessionRequest, @Res() res: Response, @Query('returnTo') returnTo?: string) {
    if (!this.oidc.enabled) throw new PageNotFound();
    const pending = await this.oidc.start();
    req.session = { ...sessionOf(req), oidc: { state: pending.state, nonce: pending.nonce, verifier: pending.verifier, returnTo: safeReturnTo(returnTo) } };
    res.redirect(302, pending.url.href);
  }

  @Get('sign-in/callback')
  async callback(@Req() req: SessionRequest, @Res() res: Response) {
    if (!this.oidc.enabled) throw new PageNotFound();
    const pending = sessionOf(req).oidc;
    if (!pending) return res.redirect(302, '/sign-in');
    const { user, idToken } = await this.oidc.complete(new URL(req.originalUrl, this.config.publicUrl), pending);
    this.startSession(req, { user, via: 'oidc', idToken });
    res.redirect(302, pending.returnTo);
  }

  @Post('sign-out')
  async signOut(@Req() req: SessionRequest, @Res() res: Response) {
    const { via, idToken } = sessionOf(req);
    req.session = null;
    const signedOut = `${this.config.publicUrl}/signed-out`;
    const provider = via === 'oidc' && this.oidc.enabled ? await this.oidc.endSessionUrl(idToken, signedOut) : null;
    res.redirect(303, provider ?? '/signed-out');
  }

  @Get('signed-out')
  signedOut(@Req() req: Request, @Res() res: Response) {
    this.pages.render(req, res, 'web/signed-out.njk', { pageTitle: 'You have signed out' });
  }

  /** A new session: nothing of the one before is kept, and the CSRF token is new. */
  private startSession(req: SessionRequest, session: WebSession) {
    req.session = { ...session, issuedAt: Date.now() };
    csrf.generateToken(req, true);
  }

  private renderSignIn(req: Request, res: Response, returnTo: string, errors = formErrors([]), status = 200) {
    const mode = this.oidc.enabled ? 'oidc' : this.config.web.localSignIn ? 'local' : 'none';
    this.pages.render(req, res, 'web/sign-in.njk', {
      pageTitle: errors.summary.length ? 'Error: Sign in' : 'Sign in',
      mode,
      returnTo,
      errors,
      demoUsers: DEMO_USERS.map((u) => ({ value: u.userId, text: `${u.name} (${u.roles.join(', ')})`, hint: { text: `${u.does}. User ID ${u.userId}.` } })),
    }, status);
  }
}
