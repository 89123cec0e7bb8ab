import { randomBytes } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';

/** Pages whose HTML we do not write (Swagger UI, Bull Board) carry inline <style> blocks without a nonce. */
const THIRD_PARTY_UI = /^\/(api\/docs|admin\/queues)(\/|$)/;

/**
 * Security headers on every response (helmet), `X-Powered-By` gone, and a Content-Security-Policy that
 * allows only this origin's own assets plus, for server-rendered pages, one nonce per request: templates
 * get it as `res.locals.cspNonce` (pass `cspNonce` to the view; GOV.UK's template puts it on its inline script).
 */
export function mountSecurityHeaders(app: INestApplication, opts: { https: boolean; formTargets?: string[] }) {
  const express = app.getHttpAdapter().getInstance();
  express.disable('x-powered-by');
  app.use((_req: Request, res: Response, next: NextFunction) => {
    res.locals.cspNonce = randomBytes(16).toString('base64');
    next();
  });
  const nonce = (_req: unknown, res: unknown) => `'nonce-${(res as Response).locals.cspNonce}'`;
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'", nonce],
          styleSrc: ["'self'", (req, res) => (THIRD_PARTY_UI.test((req as Request).path) ? "'unsafe-inline'" : nonce(req, res))],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'"],
          connectSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'", ...(opts.formTargets ?? [])],
          frameAncestors: ["'none'"],
          ...(opts.https ? { upgradeInsecureRequests: [] } : {}),
        },
      },
      // HSTS only means something over HTTPS.
      strictTransportSecurity: opts.https ? { maxAge: 365 * 24 * 3600, includeSubDomains: true } : false,
    }),
  );
}
