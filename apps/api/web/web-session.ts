import type { NextFunction, Request, Response } from 'express';
import cookieSession from 'cookie-session';
import Keygrip from 'keygrip';
import { csrfSync } from 'csrf-sync';
import type { RatifyConfig } from '#libs/config';
import type { Actor } from '#libs/lifecycle';

/** What the signed session cookie holds. It is signed, not encrypted: nothing secret goes in it. */
export interface WebSession {
  user?: Actor;
  via?: 'local' | 'oidc';
  /** For RP-initiated logout at the identity provider. */
  idToken?: string;
  /** ms since epoch; a session older than SESSION_MAX_AGE_HOURS is refused whatever its cookie says. */
  issuedAt?: number;
  /** The authorization request in flight (state, nonce, PKCE verifier). */
  oidc?: { state: string; nonce: string; verifier: string; returnTo: string };
  csrfToken?: string;
  flash?: Flash;
}

export interface Flash {
  type?: 'success';
  title: string;
  heading: string;
  text?: string;
}

export const SESSION_COOKIE = 'ratify.session';

export function sessionOf(req: Request): WebSession {
  return ((req as Request & { session?: WebSession | null }).session ?? {}) as WebSession;
}

export function signedInUser(req: Request): Actor | null {
  return sessionOf(req).user ?? null;
}

/**
 * CSRF protection by the synchroniser-token pattern (csrf-sync): the token lives in the session and every
 * form carries it in `_csrf`; a POST without the matching token is refused with 403 before any handler runs.
 */
export const csrf = csrfSync({
  getTokenFromRequest: (req) => (typeof req.body?._csrf === 'string' ? req.body._csrf : undefined),
  getTokenFromState: (req) => sessionOf(req).csrfToken,
  storeTokenInState: (req, token) => {
    (req as Request & { session: WebSession }).session.csrfToken = token ?? undefined;
  },
  size: 32,
  errorConfig: { statusCode: 403, message: 'The form could not be checked, so nothing was done. It may have been open too long: go back, reload the page and try again.', code: 'EBADCSRFTOKEN' },
});

/**
 * The web pages' middleware, in order: the signed session cookie (HttpOnly, SameSite=Lax, Secure behind
 * TLS, HMAC-SHA256), the session's own age limit, then CSRF on every state-changing request.
 */
export function webSessionMiddleware(config: RatifyConfig) {
  const { sessionSecret, sessionMaxAgeHours, secureCookies } = config.web;
  const maxAgeMs = sessionMaxAgeHours * 3600_000;
  const session = cookieSession({
    name: SESSION_COOKIE,
    keys: new Keygrip([sessionSecret], 'sha256'),
    httpOnly: true,
    sameSite: 'lax',
    secure: secureCookies,
    signed: true,
    maxAge: maxAgeMs,
    path: '/',
  });
  const freshness = (req: Request, _res: Response, next: NextFunction) => {
    const s = sessionOf(req);
    if (s.user && (!s.issuedAt || Date.now() - s.issuedAt > maxAgeMs)) {
      (req as Request & { session: WebSession | null }).session = null;
    }
    next();
  };
  return [session, freshness, csrf.csrfSynchronisedProtection];
}

/** A message for the next page this person sees (after a redirect), shown once. */
export function setFlash(req: Request, heading: string, text?: string) {
  const session = (req as Request & { session?: WebSession | null }).session;
  if (session) session.flash = { type: 'success', title: 'Success', heading, text };
}
