import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, getSchemaPath, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { ErrorView } from './error.dto.js';

type Operation = { parameters?: { in: string }[]; requestBody?: unknown; security?: unknown[]; responses: Record<string, unknown> };
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
const WRITES = new Set(['post', 'put', 'patch', 'delete']);

const ERRORS: Record<string, string> = {
  400: 'Malformed or invalid input: `details` names each bad field',
  401: 'No token, or a token that is invalid, expired, not yet valid or too long-lived',
  403: 'The role or the assignment does not allow it',
  404: 'No such resource',
  409: 'Not allowed in the current state (with `state` and `allowedActions`), a stale If-Match, or a duplicate',
  413: 'The body is larger than BODY_LIMIT_KB',
  415: 'The body is not in a media type this operation takes',
  429: 'Too many writes by this user: see Retry-After',
};

/**
 * The OpenAPI document as the running app serves it at /api/docs-json. The error answers are the same for
 * every operation, so they are added here from what each operation has: 400 where it takes input, 401/403
 * where it needs a token, 404 where a path names a resource, 409/413/415/429 on writes.
 */
export function buildOpenApi(app: INestApplication): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Ratify')
      .setDescription('Decision approval engine for English councils. docs/api.md in the repository explains each resource; docs/access.md who may call what.')
      .setVersion('1')
      .setLicense('UNLICENSED', 'https://choosealicense.com/no-permission/')
      .addServer('/', 'this server')
      .addBearerAuth()
      .addTag('decisions', 'Drafts, consultation, determination, publication and call-in')
      .addTag('notifications', "A decision's delivery log")
      .addTag('one-click', 'Links in reminder emails: the link is the credential')
      .addTag('calendar', 'Deadlines under the council’s rules, with the working shown')
      .addTag('health', 'Liveness for load balancers; details for admins')
      .build(),
    { extraModels: [ErrorView] },
  );
  for (const schema of Object.values(document.components?.schemas ?? {})) nullableReferences(schema as Schema);
  for (const item of Object.values(document.paths)) {
    for (const method of METHODS) {
      const operation = (item as Record<string, Operation | undefined>)[method];
      if (!operation) continue;
      addErrors(method, operation);
      // No bearer requirement means the route is public (@Public()): say so rather than leave it unstated.
      operation.security ??= [];
    }
  }
  return document;
}

type Schema = { properties?: Record<string, Schema>; nullable?: boolean; $ref?: string; allOf?: Schema[]; oneOf?: Schema[]; description?: string; [key: string]: unknown };

/**
 * `{ type: SomeDto, nullable: true }` comes out as `nullable` beside a `$ref`/`allOf`, which OpenAPI 3.0
 * ignores there (a null would fail validation): spell it as "the object, or null".
 */
function nullableReferences(schema: Schema) {
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    if (!property.nullable) continue;
    const ref = property.$ref ? { $ref: property.$ref } : property.allOf?.length === 1 ? property.allOf[0] : undefined;
    if (!ref) continue;
    const { nullable: _, $ref: __, allOf: ___, type: ____, ...rest } = property;
    schema.properties![name] = { ...rest, oneOf: [ref, { type: 'object', nullable: true, enum: [null] }] };
  }
}

function addErrors(method: string, operation: Operation) {
  const codes: number[] = [];
  const params = operation.parameters ?? [];
  if (params.length || operation.requestBody || WRITES.has(method)) codes.push(400);
  if (operation.security?.length) codes.push(401, 403);
  if (params.some((p) => p.in === 'path')) codes.push(404);
  if (WRITES.has(method)) codes.push(409, 413, 415, 429);
  for (const code of codes) {
    operation.responses[code] ??= { description: ERRORS[code], content: { 'application/json': { schema: { $ref: getSchemaPath(ErrorView) } } } };
  }
}

export function mountOpenApi(app: INestApplication) {
  SwaggerModule.setup('api/docs', app, buildOpenApi(app), { jsonDocumentUrl: 'api/docs-json' });
}
