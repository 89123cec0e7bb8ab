import type { INestApplication } from '@nestjs/common';
import { NestFactory, Reflector } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { logger, type RatifyConfig } from '#libs/config';
import { mountAssets } from '#libs/views';
import { mountQueueBoard } from './admin/queue-board.js';
import { ApiModule } from './api.module.js';
import { HttpErrorFilter } from './http/http-error.filter.js';
import { JsonBodiesInterceptor } from './http/json-bodies.interceptor.js';
import { mountMetrics } from './http/metrics.js';
import { mountOpenApi } from './http/openapi.js';
import { mountSecurityHeaders } from './http/security-headers.js';
import { validationPipe } from './http/validation.js';
import { PageRenderer } from './web/page-renderer.js';
import { WEB_ROUTES } from './web/web.module.js';
import { mountWebAssets, notFoundPage, trustProxy } from './web/web-app.js';
import { WebErrorFilter } from './web/web-error.filter.js';

/** Pages served at the site root, where register readers look for them (everything else is under /api). */
export const COMPATIBLE_PAGES = ['mgDelegatedDecisions.aspx', 'ieDecisionDetails.aspx'];

/**
 * The API's HTTP conventions: security headers, body limits, /api prefix, validation, error shape, OpenAPI at
 * /api/docs; the staff web pages and the register's compatible pages outside the prefix, with errors as pages
 * there and as JSON under /api; the queue board and assets.
 */
export function configureApi(app: INestApplication, config: RatifyConfig): INestApplication {
  const express = app as NestExpressApplication;
  trustProxy(app, config);
  // A form may post (or be redirected after posting) to this origin, and to the identity provider (sign-out).
  const formTargets = config.web.oidc ? [new URL(config.web.oidc.issuer).origin] : [];
  mountSecurityHeaders(app, { https: config.publicUrl.startsWith('https:'), formTargets });
  mountMetrics(app);
  // Bodies past the limit are refused (413) before anything reads them.
  express.useBodyParser('json', { limit: config.security.bodyLimitBytes });
  // Extended (qs) parsing, as Nest's default: the pages' forms post fields such as recommendations[0][text].
  express.useBodyParser('urlencoded', { limit: config.security.bodyLimitBytes, extended: true });
  // Plain text and HTML bodies, for POST /api/import/decision-record (a "Decision details" record as it is).
  express.useBodyParser('text', { limit: config.security.bodyLimitBytes, type: ['text/plain', 'text/html'] });
  app.setGlobalPrefix('api', { exclude: [...COMPATIBLE_PAGES, ...WEB_ROUTES] });
  app.useGlobalPipes(validationPipe());
  app.useGlobalFilters(new WebErrorFilter(new HttpErrorFilter(), app.get(PageRenderer, { strict: false })));
  app.useGlobalInterceptors(new JsonBodiesInterceptor(app.get(Reflector)));
  mountOpenApi(app);
  mountQueueBoard(app);
  mountWebAssets(app);
  mountAssets(app);
  return app;
}

export async function createApi(config: RatifyConfig, options: { withWorker?: boolean; quiet?: boolean } = {}) {
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.with(config, options), {
    logger: options.quiet ? false : logger(),
    abortOnError: false,
    // configureApi installs the parsers, with the configured limit.
    bodyParser: false,
  });
  configureApi(app, config);
  // Routes are registered by init; a page for any other path outside /api goes after them.
  await app.init();
  app.use(notFoundPage(app));
  return app;
}
