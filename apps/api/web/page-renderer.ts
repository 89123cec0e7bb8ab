import { Inject, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { RATIFY_CONFIG, type RatifyConfig } from '#libs/config';
import { VIEWS, type Views } from '#libs/views';
import { addWebFilters, navigationFor } from '#libs/web';
import { csrf, sessionOf, signedInUser } from './web-session.js';

/**
 * Renders a staff page with what every page needs: who is signed in, the navigation, the CSRF token for its
 * forms, the CSP nonce for its one boot script, the local-mode phase banner, and a flash message once.
 */
@Injectable()
export class PageRenderer {
  constructor(
    @Inject(VIEWS) private readonly views: Views,
    @Inject(RATIFY_CONFIG) private readonly config: RatifyConfig,
  ) {
    addWebFilters(views);
  }

  /** What every page's frame (web/page.njk) needs, for pages another lib renders inside it (the register's). */
  chrome(req: Request, res: Response): Record<string, unknown> {
    const session = sessionOf(req);
    const flash = session.flash;
    if (flash && req.session) delete (req.session as Record<string, unknown>).flash;
    const user = signedInUser(req);
    return {
      frame: 'web/page.njk',
      user,
      navigation: navigationFor(user, req.path),
      // A session is needed to hold the token: pages rendered outside the web middleware (a 404 for an unknown path) have no forms.
      csrfToken: req.session ? csrf.generateToken(req) : '',
      cspNonce: res.locals.cspNonce,
      phaseBanner: this.config.web.localSignIn ? { tag: 'Local', text: 'Local sign-in with demo users, for trying Ratify on your own computer. Not for real decisions.' } : null,
      flash,
      errors: { summary: [], byField: {} },
    };
  }

  html(req: Request, res: Response, template: string, locals: Record<string, unknown> = {}): string {
    return this.views.render(template, { ...this.chrome(req, res), ...locals });
  }

  render(req: Request, res: Response, template: string, locals: Record<string, unknown> = {}, status = 200): void {
    this.send(res, this.html(req, res, template, locals), status);
  }

  /** A page's HTML, never cached: it shows who is signed in. */
  send(res: Response, body: string, status = 200): void {
    res.status(status).type('html').set('Cache-Control', 'no-store').send(body);
  }
}
