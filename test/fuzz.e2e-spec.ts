import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { signActionLink, signToken } from '#libs/auth';
import { cleanUp, JWT_SECRET, testConfig } from './support/environment.js';
import { databaseSnapshot } from './support/db-snapshot.js';
import { startApi, type TestApi, type TestUser } from './support/api.js';
import {
  bodySchema,
  exampleOf,
  fillPath,
  operationsOf,
  requiredQuery,
  resolve,
  type DocumentedOperation,
  type OpenApiDocument,
  type Schema,
} from './support/openapi-requests.js';

/**
 * Property-based requests (fast-check) for every operation of /api/docs-json: malformed JSON, wrong types,
 * nulls, huge and deeply nested bodies, unicode and NUL bytes, injection and __proto__ strings, unknown
 * fields, wrong content types, bad query values and ids. A request that is certainly wrong must get a 4xx;
 * none may get a 5xx; and after every 4xx the database is byte-for-byte what it was.
 */

const RUNS = Number(process.env.FUZZ_RUNS ?? 30);
const SEED_RECORDS = ['000_df90ee194b41cad9.txt', '002_90fd4c86da8dc638.txt'].map((f) => readFileSync(`test/fixtures/seeds/${f}`, 'utf8'));

/** Holds every role, so that what answers is validation, not permission. */
const FUZZER: TestUser = {
  sub: 'u-fuzz',
  name: 'Fuzz',
  roles: ['officer', 'consultee:hr', 'decision-maker', 'democratic-services', 'scrutiny', 'hr', 'admin'],
};

const INJECTIONS = [
  "'; DROP TABLE decisions; --",
  '" OR 1=1 --',
  '{"$gt": ""}',
  '__proto__',
  'constructor',
  '<script>alert(1)</script>',
  '{{7*7}}${7*7}',
  '../../../../etc/passwd',
  '%00',
  '\u202e\u0301😀 Åström — 中文',
  'a'.repeat(5000),
];

interface Mutation {
  /** 'bad': certainly invalid, must be a 4xx; 'maybe': hostile but perhaps valid, must not be a 5xx. */
  kind: 'bad' | 'maybe';
  what: string;
  path: string;
  query: Record<string, string | string[]>;
  body?: { text: string; type: string };
}

type Path = (string | number)[];
interface Field {
  path: Path;
  schema: Schema;
  nullable: boolean;
}

/** Every field of a body schema, nested objects and the first element of arrays of objects included. */
function fieldsOf(document: OpenApiDocument, schema: Schema, prefix: Path = [], depth = 0): Field[] {
  const s = resolve(document, schema);
  if (depth > 3 || !s.properties) return [];
  return Object.entries(s.properties).flatMap(([name, property]) => {
    const p = resolve(document, property);
    const field = { path: [...prefix, name], schema: p, nullable: Boolean(property.nullable || property.oneOf?.some((o) => o.nullable)) };
    const items = p.type === 'array' ? resolve(document, p.items) : undefined;
    const nested = items?.properties
      ? fieldsOf(document, items, [...prefix, name, 0], depth + 1)
      : p.properties
        ? fieldsOf(document, p, [...prefix, name], depth + 1)
        : [];
    return [field, ...nested];
  });
}

/** Sets a value at a path, building the objects and one-element arrays on the way from the documented examples. */
function setAt(document: OpenApiDocument, root: Record<string, unknown>, schema: Schema, path: Path, value: unknown) {
  const copy = structuredClone(root);
  let target: Record<string | number, unknown> = copy;
  let s = resolve(document, schema);
  for (const [i, key] of path.entries()) {
    if (i === path.length - 1) {
      target[key] = value;
      break;
    }
    const next = typeof key === 'number' ? resolve(document, s.items) : resolve(document, s.properties?.[key]);
    if (target[key] === undefined || target[key] === null) target[key] = next.type === 'array' ? [] : exampleOf(document, next);
    if (next.type === 'array' && (target[key] as unknown[]).length === 0) (target[key] as unknown[]).push(exampleOf(document, next.items));
    target = target[key] as Record<string | number, unknown>;
    s = next;
  }
  return copy;
}

const nest = (depth: number) => JSON.parse('{"a":'.repeat(depth) + '1' + '}'.repeat(depth));

/** Values a field of this schema certainly refuses. */
function wrongValue(s: Schema): fc.Arbitrary<unknown> {
  const scalarJunk = fc.oneof(fc.integer(), fc.boolean(), fc.constant({}), fc.array(fc.integer(), { minLength: 1, maxLength: 3 }));
  switch (s.type) {
    case 'string':
      return s.enum
        ? fc.oneof(scalarJunk, fc.string().filter((v) => !s.enum!.includes(v)))
        : scalarJunk;
    case 'boolean':
      return fc.oneof(fc.string(), fc.integer(), fc.constant({}), fc.constant([true]));
    case 'number':
    case 'integer':
      return fc.oneof(fc.string(), fc.boolean(), fc.constant({}), fc.constant([1]));
    case 'array':
      return fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant({ 0: 'x' }));
    default:
      return fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant([{}]));
  }
}

/**
 * Query values a numeric parameter certainly refuses: never numbers, absurd sizes, fractions of integers,
 * and the values just outside the documented range (only where a range is documented: 0 may be valid).
 */
function badNumbers(s: Schema): string[] {
  const bad = ['1e20', '1e308', 'abc', '9'.repeat(400), 'NaN', 'Infinity'];
  if (s.type === 'integer') bad.push('1.5');
  if (s.minimum !== undefined) bad.push(String(s.minimum - 1));
  if (s.maximum !== undefined) bad.push(String(s.maximum + 1));
  return bad;
}

function mutations(document: OpenApiDocument, op: DocumentedOperation, base: { path: string; query: Record<string, string>; body?: unknown }): fc.Arbitrary<Mutation> {
  const json = (value: unknown) => ({ text: JSON.stringify(value), type: 'application/json' });
  const schema = bodySchema(document, op.operation);
  const fields = schema ? fieldsOf(document, schema) : [];
  const body = (base.body ?? {}) as Record<string, unknown>;
  const writes = op.method !== 'get';
  const arbs: fc.Arbitrary<Mutation>[] = [];
  const m = (kind: Mutation['kind'], what: string, change: Partial<Mutation>): Mutation => ({
    kind,
    what,
    path: base.path,
    query: base.query,
    body: writes ? json(body) : undefined,
    ...change,
  });

  // Path parameters that name nothing, or are not ids at all.
  if (/\{[^}]+\}/.test(op.path)) {
    arbs.push(
      fc.oneof(fc.constantFrom(...INJECTIONS), fc.string({ minLength: 1 }), fc.constant(randomUUID())).map((id) =>
        m('bad', `path id ${JSON.stringify(id).slice(0, 40)}`, { path: fillPath(op.path, () => id) }),
      ),
    );
  }
  // Query parameters.
  const queryParams = (op.operation.parameters ?? []).filter((p) => p.in === 'query');
  if (queryParams.length) {
    const names = queryParams.map((p) => p.name);
    arbs.push(
      fc.constantFrom(...queryParams).chain((p) => {
        const s = resolve(document, p.schema);
        const bad =
          s.type === 'integer' || s.type === 'number'
            ? fc.constantFrom(...badNumbers(s))
            : s.enum
              ? fc.string().filter((v) => !s.enum!.includes(v))
              : fc.string().map((v) => `${v}\u0000`);
        return bad.map((value) => m('bad', `?${p.name}=${JSON.stringify(value).slice(0, 40)}`, { query: { ...base.query, [p.name]: value } }));
      }),
      // Strict (DTO) queries refuse an unknown parameter, lenient ones (the public register) ignore it.
      fc.string({ minLength: 1, maxLength: 10 }).filter((n) => !names.includes(n) && !/[[\]&=#%]/.test(n)).map((name) => m('maybe', `unknown ?${name}`, { query: { ...base.query, [name]: 'x' } })),
      fc.constantFrom(...queryParams).map((p) => m('bad', `?${p.name} twice`, { query: { ...base.query, [p.name]: ['a\u0000', 'b'] } })),
    );
  }
  if (writes) {
    arbs.push(
      // Malformed JSON: a valid body cut short, or not JSON at all.
      fc.oneof(
        // A prefix of the body, at least one character long (no body at all is a valid request).
        fc.nat().map((n) => JSON.stringify(body).slice(0, 1 + (n % Math.max(1, JSON.stringify(body).length - 1)))),
        fc.constantFrom("{'area': 'hr'}", '{"a":}', 'undefined', 'NaN', '{,}', '[1,]', '\u0000', '{"a":"\\ud800"'),
      ).map((text) => m('bad', `malformed JSON ${text.slice(0, 30)}`, { body: { text, type: 'application/json' } })),
      // JSON that is not an object.
      fc.constantFrom('[]', '1', '"x"', 'true', 'null', '[{"area":"hr"}]', '[[[[]]]]').map((text) => m('bad', `non-object ${text}`, { body: { text, type: 'application/json' } })),
      // A body in a media type the operation does not take.
      fc.constantFrom('text/plain', 'application/xml', 'text/html', 'application/octet-stream').map((type) => m('bad', `Content-Type ${type}`, { body: { text: JSON.stringify(body), type } })),
      // Fields no DTO has, __proto__ among them.
      fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', 'isAdmin', 'roles', '$where'), fc.string({ maxLength: 12 }))
        .filter((k) => !fields.some((f) => f.path.length === 1 && f.path[0] === k))
        .map((key) => m('bad', `unknown field ${JSON.stringify(key)}`, { body: { text: JSON.stringify(body).replace(/^\{/, `{${JSON.stringify(key)}:{"admin":true}${Object.keys(body).length ? ',' : ''}`), type: 'application/json' } })),
      // Nested past any real body.
      fc.integer({ min: 17, max: 3000 }).map((depth) => m('bad', `nested ${depth} deep`, { body: json({ ...body, [fields[0]?.path[0] ?? 'a']: nest(depth) }) })),
    );
    // A body past the size limit (expensive: rarely).
    arbs.push(fc.constant(null).map(() => m('bad', 'body over the limit', { body: json({ ...body, [fields[0]?.path[0] ?? 'a']: 'x'.repeat(1024 * 1024 + 10) }) })));
  }
  // An operation that takes a record as text (the import): random text, and the seeds cut, shuffled and re-cased.
  const textTypes = Object.keys(op.operation.requestBody?.content ?? {}).filter((t) => t.startsWith('text/'));
  if (writes && textTypes.length) {
    const lines = SEED_RECORDS.flatMap((r) => r.split('\n'));
    arbs.push(
      fc.tuple(fc.constantFrom(...textTypes), fc.string({ unit: 'grapheme', maxLength: 400 })).map(([type, text]) => m('maybe', `${type} ${JSON.stringify(text).slice(0, 30)}`, { body: { text, type } })),
      fc.tuple(fc.constantFrom(...textTypes), fc.shuffledSubarray(lines), fc.boolean(), fc.constantFrom('\n', '\r\n', '\n\n  ')).map(([type, picked, lower, eol]) => {
        const text = picked.map((l) => (lower ? l.toLowerCase() : l)).join(eol);
        return m('maybe', `${type} seed lines (${picked.length}${lower ? ', lower-case' : ''})`, { body: { text, type } });
      }),
    );
  }
  if (fields.length) {
    const strings = fields.filter((f) => f.schema.type === 'string');
    arbs.push(
      fc.constantFrom(...fields).chain((f) => wrongValue(f.schema).map((v) => m('bad', `${f.path.join('.')} = ${JSON.stringify(v)?.slice(0, 30)}`, { body: json(setAt(document, body, schema!, f.path, v)) }))),
    );
    const nonNullable = fields.filter((f) => !f.nullable);
    if (nonNullable.length) arbs.push(fc.constantFrom(...nonNullable).map((f) => m('bad', `${f.path.join('.')} = null`, { body: json(setAt(document, body, schema!, f.path, null)) })));
    if (strings.length) {
      arbs.push(
        fc.tuple(fc.constantFrom(...strings), fc.string(), fc.string()).map(([f, a, b]) => m('bad', `NUL in ${f.path.join('.')}`, { body: json(setAt(document, body, schema!, f.path, `${a}\u0000${b}`)) })),
        fc.tuple(fc.constantFrom(...strings), fc.constantFrom('\ud800', 'x\udfff', '\udc00\ud800')).map(([f, lone]) => m('bad', `lone surrogate in ${f.path.join('.')}`, {
          body: { text: JSON.stringify(setAt(document, body, schema!, f.path, 'SURROGATE')).replace('"SURROGATE"', JSON.stringify(lone)), type: 'application/json' },
        })),
        fc.tuple(fc.constantFrom(...strings), fc.oneof(fc.constantFrom(...INJECTIONS), fc.string({ unit: 'grapheme', maxLength: 200 }))).map(([f, v]) =>
          m('maybe', `${f.path.join('.')} = ${JSON.stringify(v).slice(0, 30)}`, { body: json(setAt(document, body, schema!, f.path, v)) }),
        ),
      );
    }
  }
  if (arbs.length === 0) arbs.push(fc.constantFrom(...INJECTIONS).map((v) => m('maybe', `?q=${v.slice(0, 20)}`, { query: { q: v } })));
  return fc.oneof(...arbs);
}

describe('fuzzing every documented operation', () => {
  const config = testConfig();
  let api: TestApi;
  let document: OpenApiDocument;
  let decisionId: string;
  let link: string;
  let baseline: Record<string, string>;
  const token = signToken(FUZZER, JWT_SECRET);

  beforeAll(async () => {
    api = await startApi(config);
    document = (await api.anonymous().get('/api/docs-json').expect(200)).body;
    const created = await api.as({ sub: 'u-author', name: 'Author', roles: ['officer'] }).post('/api/decisions', {
      title: 'Additional staffing to support Multi-Agency Safeguarding Hub Development',
      decisionMaker: { title: 'Director', userId: 'u-fuzz' },
      isKeyDecision: false,
      isSubjectToCallIn: true,
      urgency: 'none',
      consultees: [{ area: 'hr' }],
    }).expect(201);
    decisionId = created.body.id;
    await api.as({ sub: 'u-author', name: 'Author', roles: ['officer'] }).post(`/api/decisions/${decisionId}/submit`).expect(200);
    link = signActionLink({ actor: { userId: 'u-fuzz', name: 'Fuzz', roles: [] }, decisionId, action: 'open', jti: randomUUID() }, JWT_SECRET, 3600);
    baseline = await databaseSnapshot(config);
  });
  afterAll(async () => {
    await api?.app.close();
    await cleanUp(config);
  });

  it('covers every operation the document lists', () => {
    expect(operationsOf(document).length).toBeGreaterThan(20);
  });

  const operations = () => operationsOf(document);

  it('answers every hostile request with a 4xx (never a 5xx), storing nothing when it refuses', async () => {
    const seen: string[] = [];
    for (const op of operations()) {
      const base = {
        path: fillPath(op.path, (name) => (name === 'token' ? link : decisionId)),
        query: requiredQuery(document, op.operation),
        body: op.method === 'get' ? undefined : (exampleOf(document, bodySchema(document, op.operation) ?? { type: 'object' }) as object),
      };
      await fc.assert(
        fc.asyncProperty(mutations(document, op, base), async (mutation) => {
          let test = (api.anonymous() as unknown as Record<string, (p: string) => import('supertest').Test>)[op.method](mutation.path)
            .set('Authorization', `Bearer ${token}`)
            .query(mutation.query);
          if (mutation.body) test = test.set('Content-Type', mutation.body.type).send(mutation.body.text);
          const res = await test;
          // A request that was accepted may change the database: that is the new baseline, whatever follows.
          const accepted = res.status < 400;
          if (accepted) baseline = await databaseSnapshot(config);
          const label = `${op.method.toUpperCase()} ${op.path} — ${mutation.what}`;
          expect({ label, status: res.status, serverError: res.status >= 500 }).toEqual({ label, status: res.status, serverError: false });
          if (mutation.kind === 'bad') expect({ label, status: res.status, refused: res.status >= 400 }).toEqual({ label, status: res.status, refused: true });
          if (!accepted) {
            // Under /api an error is the contract's JSON; outside it (the register's compatible pages) a page.
            if (op.path.startsWith('/api/')) expect(res.body).toMatchObject({ statusCode: res.status, error: expect.any(String), message: expect.any(String) });
            expect({ label, database: await databaseSnapshot(config) }).toEqual({ label, database: baseline });
          }
        }),
        { numRuns: RUNS },
      );
      seen.push(`${op.method} ${op.path}`);
    }
    expect(seen).toHaveLength(operations().length);
  }, 600_000);
});
