import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { logger, type RatifyConfig } from '#libs/config';
import { mountAssets } from '#libs/views';
import { mountQueueBoard } from './admin/queue-board.js';
import { ApiModule } from './api.module.js';
import { HttpErrorFilter } from './http/http-error.filter.js';
import { validationPipe } from './http/validation.js';

/** Pages served at the site root, where register readers look for them (everything else is under /api). */
export const COMPATIBLE_PAGES = ['mgDelegatedDecisions.aspx', 'ieDecisionDetails.aspx'];

/** The API's HTTP conventions: /api prefix, validation, error shape, OpenAPI at /api/docs. */
export function configureApi(app: INestApplication): INestApplication {
  app.setGlobalPrefix('api', { exclude: COMPATIBLE_PAGES });
  app.useGlobalPipes(validationPipe());
  app.useGlobalFilters(new HttpErrorFilter());
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Ratify')
      .setDescription('Decision approval engine for local government — see CONTRACT.md')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  mountQueueBoard(app);
  mountAssets(app);
  return app;
}

export async function createApi(config: RatifyConfig, options: { withWorker?: boolean; quiet?: boolean } = {}) {
  const app = await NestFactory.create(ApiModule.with(config, options), { logger: options.quiet ? false : logger(), abortOnError: false });
  return configureApi(app);
}
