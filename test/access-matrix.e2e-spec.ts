import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import jwt from 'jsonwebtoken';
import { calendarSignature } from '#libs/arrangements';
import { signActionLink, signToken } from '#libs/auth';
import { DECISION_STATES, displayStatus } from '#libs/lifecycle';
import { cleanUp, JWT_SECRET, testConfig } from './support/environment.js';
import { startApi, type TestApi, type TestUser } from './support/api.js';
import { fillPath, operationsOf, requiredQuery, validBody, type OpenApiDocument } from './support/openapi-requests.js';

/**
 * The access matrix: every endpoint × every kind of caller × their own or someone else's decision, asserted
 * cell by cell against the table in docs/access.md, which this test parses. Every operation of the OpenAPI
 * document must have a row there, so a new endpoint joins by being documented.
 */

interface Row {
  method: string;
  path: string;
  resource: string;
  cells: Record<string, boolean>;
}

function parseMatrix(markdown: string): { columns: string[]; rows: Row[] } {
  const block = /<!-- access-matrix:start -->([\s\S]*?)<!-- access-matrix:end -->/.exec(markdown)?.[1];
  if (!block) throw new Error('docs/access.md has no access-matrix block');
  const lines = block.trim().split('\n').map((l) => l.split('|').slice(1, -1).map((c) => c.trim()));
  const [header, , ...body] = lines;
  const columns = header.slice(2);
  const rows = body.map((cells) => {
    const [method, path] = cells[0].split(' ');
    const values = cells.slice(2);
    if (values.length !== columns.length || values.some((v) => v !== 'yes' && v !== 'no')) throw new Error(`bad row in docs/access.md: ${cells.join(' | ')}`);
    return { method: method.toLowerCase(), path, resource: cells[1], cells: Object.fromEntries(columns.map((c, i) => [c, values[i] === 'yes'])) };
  });
  return { columns, rows };
}

const matrix = parseMatrix(readFileSync(new URL('../docs/access.md', import.meta.url), 'utf8'));

/** Who each column is (docs/access.md "The callers"); null: no token at all. */
const CALLERS: Record<string, TestUser | null> = {
  anonymous: null,
  'no role': { sub: 'u-nobody', name: 'Nobody', roles: [] },
  author: { sub: 'u-author', name: 'The Author', roles: ['officer'] },
  officer: { sub: 'u-officer-2', name: 'Another Officer', roles: ['officer'] },
  consultee: { sub: 'u-hr', name: 'HR Officer', roles: ['consultee:hr'] },
  'other consultee': { sub: 'u-hr-2', name: 'Other HR Officer', roles: ['consultee:hr'] },
  'decision maker': { sub: 'u-dm', name: 'Managing Director', roles: ['decision-maker'] },
  'named, no role': { sub: 'u-dm', name: 'Managing Director', roles: [] },
  'other decision maker': { sub: 'u-dm-2', name: 'Another Director', roles: ['decision-maker'] },
  'democratic services': { sub: 'u-ds', name: 'Democratic Services', roles: ['democratic-services'] },
  scrutiny: { sub: 'u-scrutiny', name: 'Cllr Scrutiny', roles: ['scrutiny'] },
  hr: { sub: 'u-hr-manager', name: 'HR Manager', roles: ['hr'] },
  admin: { sub: 'u-admin', name: 'Admin', roles: ['admin'] },
};

const DECISION = {
  title: 'Additional staffing to support Multi-Agency Safeguarding Hub Development',
  decisionMaker: { title: 'Managing Director Children and Young People (DCS)', userId: 'u-dm' },
  isKeyDecision: false,
  isSubjectToCallIn: false,
  urgency: 'none',
  consultees: [{ area: 'hr', label: 'HR', assigneeUserId: 'u-hr' }],
  contact: { name: 'Bruce Penhale', email: 'bruce.penhale@oldham.gov.uk' },
  // Managed by the 'officer' column's user: a manager reads their own arrangement, nobody else's.
  staffingArrangements: [{ kind: 'agency', title: 'Agency Senior Practitioner', start: '2020-12-01', end: '2021-05-31', manager: { name: 'Another Officer', userId: 'u-officer-2', email: null } }],
};

describe('access matrix (docs/access.md)', () => {
  const config = testConfig();
  let api: TestApi;
  let document: OpenApiDocument;
  const fixtures: Record<string, string> = {};
  let link: string;

  const as = (name: string) => CALLERS[name]!;
  const send = (method: string, path: string, caller: TestUser | null, body?: object, query: Record<string, string> = {}) => {
    const test = (api.anonymous() as unknown as Record<string, (p: string) => import('supertest').Test>)[method](path).query(query);
    if (caller) test.set('Authorization', `Bearer ${signToken(caller, JWT_SECRET)}`);
    return body === undefined ? test : test.send(body);
  };

  beforeAll(async () => {
    api = await startApi(config);
    document = (await api.anonymous().get('/api/docs-json').expect(200)).body;
    const step = (who: string, id: string, action: string, body: object = {}) => api.as(as(who)).post(`/api/decisions/${id}/${action}`, body).expect(200);
    const make = async (state: string) => {
      const id = (await api.as(as('author')).post('/api/decisions', DECISION).expect(201)).body.id as string;
      fixtures[state] = id;
      if (state === 'draft') return;
      await step('author', id, 'submit');
      if (state === 'consultation') return;
      await step('consultee', id, 'sign-off', { area: 'hr' });
      if (state === 'rejected') return void (await step('decision maker', id, 'reject', { reasons: 'no budget' }));
      await step('decision maker', id, 'approve', { decidedAt: '2020-11-18' });
      if (state === 'published') await step('democratic services', id, 'publish', { publishedAt: '2020-11-18' });
    };
    for (const state of ['draft', 'consultation', 'approved', 'published', 'rejected']) await make(state);
    // The arrangement of the published decision runs (overdue, its dates long past); the rejected one's is cancelled.
    const arrangementOf = async (state: string) => (await api.as(as('admin')).get(`/api/decisions/${fixtures[state]}`).expect(200)).body.staffingArrangements[0].id as string;
    fixtures['published arrangement'] = await arrangementOf('published');
    fixtures['cancelled arrangement'] = await arrangementOf('rejected');
    link = signActionLink({ actor: { userId: 'u-hr', name: 'HR Officer', roles: [] }, decisionId: fixtures.consultation, action: 'open', jti: randomUUID() }, JWT_SECRET, 3600);
  });
  afterAll(async () => {
    await api?.app.close();
    await cleanUp(config);
  });

  it('has a column for every kind of caller and a row for every documented operation, and no row for an undocumented one', () => {
    expect(matrix.columns).toEqual(Object.keys(CALLERS));
    const documented = operationsOf(document).map((o) => `${o.method} ${o.path}`).sort();
    // Rows outside the document (the queue board, /metrics) are routes Nest does not describe.
    const apiRows = [...new Set(matrix.rows.filter((r) => r.path.startsWith('/api/') || document.paths[r.path]).map((r) => `${r.method} ${r.path}`))].sort();
    expect(apiRows).toEqual(documented);
  });

  it('marks exactly the public rows as open to anonymous callers, as the document does', () => {
    for (const { method, path, operation } of operationsOf(document)) {
      const rows = matrix.rows.filter((r) => r.method === method && r.path === path);
      const isPublic = !operation.security?.length;
      for (const row of rows) expect({ row: `${method} ${path} ${row.resource}`, anonymous: row.cells.anonymous }).toEqual({ row: `${method} ${path} ${row.resource}`, anonymous: isPublic });
    }
  });

  it.each(matrix.rows.map((r) => [`${r.method.toUpperCase()} ${r.path} (${r.resource})`, r] as const))('%s', async (_, row) => {
    const operation = document.paths[row.path]?.[row.method];
    const param = (name: string) => {
      if (row.resource === 'link') return link;
      if (fixtures[row.resource]) return fixtures[row.resource];
      if (row.resource === '—') return randomUUID();
      throw new Error(`docs/access.md: no fixture for resource '${row.resource}' of ${name} (add one to this test)`);
    };
    const path = fillPath(row.path, param);
    const body = operation && row.method !== 'get' ? validBody(document, operation) : undefined;
    // A signed calendar URL is its own credential: the cell asks who may use a correctly signed one.
    const query = row.resource === 'signed' ? { manager: 'Another Officer', sig: calendarSignature('Another Officer', JWT_SECRET) } : operation ? requiredQuery(document, operation) : {};
    const outcome: Record<string, string> = {};
    const expected: Record<string, string> = {};
    for (const [column, caller] of Object.entries(CALLERS)) {
      const res = await send(row.method, path, caller, body, query);
      outcome[column] = res.status === 401 || res.status === 403 ? `refused ${res.status}` : 'allowed';
      expected[column] = row.cells[column] ? 'allowed' : `refused ${caller ? 403 : 401}`;
    }
    expect(outcome).toEqual(expected);
  });

  it('lists exactly the decisions each caller may read', async () => {
    const readRows = matrix.rows.filter((r) => r.method === 'get' && r.path === '/api/decisions/{id}');
    for (const [column, caller] of Object.entries(CALLERS)) {
      if (!caller) continue;
      const listed = (await api.as(caller).get('/api/decisions?pageSize=100').expect(200)).body;
      const mayRead = readRows.filter((r) => r.cells[column]).map((r) => fixtures[r.resource]).sort();
      const fixtureIds = new Set(Object.values(fixtures));
      const shown = listed.items.map((d: { id: string }) => d.id).filter((id: string) => fixtureIds.has(id)).sort();
      expect({ column, shown }).toEqual({ column, shown: mayRead });
    }
  });

  it('lists by state (and status) exactly the decisions each caller may read in that state', async () => {
    // The list's visibility condition is simplified for the states asked for (libs/store visibility.ts): the
    // same decisions must come back as the unfiltered rule allows, state by state.
    const readRows = matrix.rows.filter((r) => r.method === 'get' && r.path === '/api/decisions/{id}');
    const ids = [...new Set(readRows.map((r) => fixtures[r.resource]))];
    const stateOf = new Map<string, string>();
    for (const id of ids) stateOf.set(id, (await api.as(as('admin')).get(`/api/decisions/${id}`).expect(200)).body.state);
    const shownIn = async (caller: TestUser, query: string) =>
      (await api.as(caller).get(`/api/decisions?${query}&pageSize=100`).expect(200)).body.items.map((d: { id: string }) => d.id).filter((id: string) => stateOf.has(id)).sort();
    for (const [column, caller] of Object.entries(CALLERS)) {
      if (!caller) continue;
      const mayRead = readRows.filter((r) => r.cells[column]).map((r) => fixtures[r.resource]);
      for (const state of DECISION_STATES) {
        const expected = mayRead.filter((id) => stateOf.get(id) === state).sort();
        expect({ column, state, shown: await shownIn(caller, `state=${state}`) }).toEqual({ column, state, shown: expected });
      }
      // A status may stand for several states ('Recommendations Approved': approved and effective).
      for (const status of ['Draft', 'Recommendations Approved', 'Rejected']) {
        const states = DECISION_STATES.filter((s) => displayStatus(s) === status);
        const expected = mayRead.filter((id) => states.includes(stateOf.get(id) as never)).sort();
        expect({ column, status, shown: await shownIn(caller, `status=${encodeURIComponent(status)}`) }).toEqual({ column, status, shown: expected });
      }
    }
  });

  it('refuses expired, not-yet-valid, never-expiring, too long-lived, future-issued, alg none, other-algorithm and other-secret tokens', async () => {
    const now = Math.floor(Date.now() / 1000);
    const claims = { sub: 'u-admin', name: 'Admin', roles: ['admin'] };
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const tokens: Record<string, string> = {
      expired: jwt.sign({ ...claims, exp: now - 3600 }, JWT_SECRET),
      'not yet valid': jwt.sign({ ...claims, nbf: now + 3600, exp: now + 7200 }, JWT_SECRET),
      'never expiring': jwt.sign(claims, JWT_SECRET),
      'a hundred years': jwt.sign({ ...claims, exp: now + 100 * 365 * 86400 }, JWT_SECRET),
      'issued tomorrow': jwt.sign({ ...claims, iat: now + 86400, exp: now + 86400 + 600 }, JWT_SECRET),
      'alg none': jwt.sign({ ...claims, exp: now + 600 }, null, { algorithm: 'none' }),
      HS512: jwt.sign({ ...claims, exp: now + 600 }, JWT_SECRET, { algorithm: 'HS512' }),
      RS256: jwt.sign({ ...claims, exp: now + 600 }, privateKey, { algorithm: 'RS256' }),
      'another secret': jwt.sign({ ...claims, exp: now + 600 }, 'not-the-secret'),
      'an action link': link,
    };
    for (const [name, token] of Object.entries(tokens)) {
      const res = await api.anonymous().get(`/api/decisions/${fixtures.draft}`).set('Authorization', `Bearer ${token}`);
      expect({ name, status: res.status }).toEqual({ name, status: 401 });
      expect(res.body.message).toMatch(/invalid token/);
    }
    await api.anonymous().get(`/api/decisions/${fixtures.draft}`).set('Authorization', `Bearer ${jwt.sign({ ...claims, exp: now + 600 }, JWT_SECRET)}`).expect(200);
  });

  it('keeps separation of duties even for an author who holds every role and named themselves', async () => {
    const self: TestUser = { sub: 'u-self', name: 'Self', roles: ['officer', 'consultee:hr', 'consultee:finance', 'decision-maker', 'democratic-services'] };
    const mine = (await api.as(self).post('/api/decisions', { ...DECISION, decisionMaker: { title: 'Director', userId: 'u-self' }, consultees: [{ area: 'hr', assigneeUserId: 'u-self' }, { area: 'finance' }] }).expect(201)).body;
    expect(mine.allowedActions).toEqual(['submit', 'withdraw']);
    await api.as(self).post(`/api/decisions/${mine.id}/submit`).expect(200);
    for (const area of ['hr', 'finance']) {
      const res = await api.as(self).post(`/api/decisions/${mine.id}/sign-off`, { area }).expect(403);
      expect(res.body.message).toMatch(/separation of duties/);
      await api.as(self).post(`/api/decisions/${mine.id}/request-changes`, { area, comments: 'x' }).expect(403);
    }
    const direct = (await api.as(self).post('/api/decisions', { ...DECISION, decisionMaker: { title: 'Director', userId: 'u-self' }, consultees: [] }).expect(201)).body;
    const submitted = (await api.as(self).post(`/api/decisions/${direct.id}/submit`).expect(200)).body;
    expect(submitted).toMatchObject({ state: 'for-determination', allowedActions: ['withdraw'] });
    for (const [action, body] of [['approve', {}], ['reject', { reasons: 'x' }], ['defer', { reason: 'x' }], ['refer-back', { comments: 'x' }]] as const) {
      expect((await api.as(self).post(`/api/decisions/${direct.id}/${action}`, body).expect(403)).body.message).toMatch(/separation of duties/);
    }
    // Nor do such decisions wait on their author in "assigned to me".
    const waiting = (await api.as(self).get('/api/decisions?assignedTo=me').expect(200)).body.items.map((d: { id: string }) => d.id);
    expect(waiting).not.toContain(direct.id);
    expect(waiting).not.toContain(mine.id);
  });

  it('shows a one-click link holder which decision, never its record', async () => {
    const res = await api.anonymous().get(`/api/one-click/${link}`).expect(200);
    expect(Object.keys(res.body).sort()).toEqual(['action', 'area', 'decision', 'url']);
    expect(Object.keys(res.body.decision).sort()).toEqual(['id', 'reference', 'state', 'status', 'title']);
    expect(JSON.stringify(res.body)).not.toMatch(/bruce|penhale|u-author|contact|consultations/i);
  });
});
