import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import express from 'express';
import { projectRoot } from './project-root.js';
import { govukFrontendDir } from './views.js';

export const ASSET_PATH = '/assets';

/**
 * Serves GOV.UK Frontend's compiled CSS, JS, fonts and images under /assets (the path its template
 * expects), and Ratify's own scripts under /assets/ratify, long-cached: the files change only with a release.
 */
export function mountAssets(app: INestApplication) {
  const govuk = join(govukFrontendDir(), 'govuk');
  const options = { maxAge: '7d', immutable: false, index: false, fallthrough: false };
  app.use(`${ASSET_PATH}/govuk-frontend.min.css`, express.static(join(govuk, 'govuk-frontend.min.css'), options));
  app.use(`${ASSET_PATH}/govuk-frontend.min.js`, express.static(join(govuk, 'govuk-frontend.min.js'), options));
  app.use(`${ASSET_PATH}/ratify`, express.static(join(projectRoot(), 'libs', 'views', 'static'), options));
  app.use(ASSET_PATH, express.static(join(govuk, 'assets'), options));
}
