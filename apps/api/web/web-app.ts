import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { RatifyConfig } from '#libs/config';
import { projectRoot } from '#libs/views';
import { PageRenderer } from './page-renderer.js';
import { isApiPath, WebErrorFilter } from './web-error.filter.js';

/** The web pages' own stylesheet (and any later script), served as files so a CSP can refuse inline ones. */
export function mountWebAssets(app: INestApplication) {
  app.use('/assets/web', express.static(join(projectRoot(), 'libs', 'web', 'assets'), { maxAge: '1h', index: false, fallthrough: false }));
}

/** TRUST_PROXY, for a TLS-ending proxy in front: then Secure cookies and the request's protocol are right. */
export function trustProxy(app: INestApplication, config: RatifyConfig) {
  const raw = config.web.trustProxy;
  if (raw === undefined) return;
  const value = raw === 'true' ? true : /^\d+$/.test(raw) ? Number(raw) : raw;
  (app.getHttpAdapter().getInstance() as express.Express).set('trust proxy', value);
}

/** Any other path outside /api: the 404 page (Nest answers unknown /api paths with JSON itself). */
export function notFoundPage(app: INestApplication) {
  const pages = app.get(PageRenderer, { strict: false });
  const describe = new WebErrorFilter(null as never, pages);
  return (req: Request, res: Response, next: NextFunction) => {
    if (isApiPath(req.path) || res.headersSent) return next();
    const page = describe.describe(Object.assign(new Error('not found'), { status: 404 }));
    pages.render(req, res, 'web/error.njk', { pageTitle: page.heading, ...page }, 404);
  };
}
