/**
 * Requests made from the OpenAPI document the API serves, so that tests over "every endpoint" (the access
 * matrix, the fuzzer) cover an endpoint as soon as it is documented.
 */
export interface Schema {
  $ref?: string;
  type?: string;
  enum?: unknown[];
  example?: unknown;
  default?: unknown;
  format?: string;
  required?: string[];
  properties?: Record<string, Schema>;
  items?: Schema;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  minLength?: number;
  minimum?: number;
  maximum?: number;
  nullable?: boolean;
}

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Schema;
  example?: unknown;
}

export interface Operation {
  summary?: string;
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema?: Schema }> };
  security?: unknown[];
  responses: Record<string, unknown>;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}

export interface DocumentedOperation {
  method: string;
  path: string;
  operation: Operation;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

export function operationsOf(document: OpenApiDocument): DocumentedOperation[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m]).map((method) => ({ method, path, operation: item[method] })),
  );
}

export function resolve(document: OpenApiDocument, schema: Schema | undefined): Schema {
  let s = schema ?? {};
  for (let i = 0; s.$ref && i < 20; i++) s = document.components?.schemas?.[s.$ref.split('/').pop()!] ?? {};
  if (s.allOf?.length === 1) return resolve(document, s.allOf[0]);
  if (s.oneOf?.length) return resolve(document, s.oneOf[0]);
  return s;
}

/** A value the schema accepts: its example, default or first enum value, else the smallest of its type. */
export function exampleOf(document: OpenApiDocument, schema: Schema | undefined, depth = 0): unknown {
  const s = resolve(document, schema);
  if (s.example !== undefined) return s.example;
  if (s.default !== undefined) return s.default;
  if (s.enum?.length) return s.enum[0];
  switch (s.type) {
    case 'string':
      return s.format === 'date' ? '2020-11-18' : 'x'.repeat(Math.max(1, s.minLength ?? 1));
    case 'number':
    case 'integer':
      return s.minimum ?? 1;
    case 'boolean':
      return false;
    case 'array':
      return [];
    default: {
      if (depth > 8) return {};
      const out: Record<string, unknown> = {};
      for (const name of s.required ?? []) out[name] = exampleOf(document, s.properties?.[name], depth + 1);
      return out;
    }
  }
}

/** The JSON body schema of an operation, if it takes one. */
export function bodySchema(document: OpenApiDocument, operation: Operation): Schema | undefined {
  const json = operation.requestBody?.content?.['application/json'];
  return json ? resolve(document, json.schema) : undefined;
}

/** A minimal valid body: the required fields, each with its documented example. */
export function validBody(document: OpenApiDocument, operation: Operation): object | undefined {
  const schema = bodySchema(document, operation);
  return schema ? (exampleOf(document, schema) as object) : undefined;
}

/** The query string of the required parameters, each with its example. */
export function requiredQuery(document: OpenApiDocument, operation: Operation): Record<string, string> {
  const query: Record<string, string> = {};
  for (const p of operation.parameters ?? []) {
    if (p.in === 'query' && p.required) query[p.name] = String(p.example ?? exampleOf(document, p.schema));
  }
  return query;
}

/** `/api/decisions/{id}/submit` with its path parameters filled in. */
export function fillPath(path: string, values: (name: string) => string): string {
  return path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(values(name)));
}
