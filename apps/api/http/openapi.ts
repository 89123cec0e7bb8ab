import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';

/** The OpenAPI document as the running app serves it at /api/docs-json (tests and the lint read it from there). */
export function buildOpenApi(app: INestApplication): OpenAPIObject {
  return SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Ratify')
      .setDescription('Decision approval engine for local government — see docs/api.md')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
}

export function mountOpenApi(app: INestApplication) {
  SwaggerModule.setup('api/docs', app, buildOpenApi(app), { jsonDocumentUrl: 'api/docs-json' });
}
