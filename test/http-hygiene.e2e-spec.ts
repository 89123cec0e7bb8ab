import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { cleanUp, testConfig } from './support/environment.js';
import { startApi, tokenFor, USERS, type TestApi } from './support/api.js';
import { OLDHAM } from './fixtures/seed-decisions.js';

/** Security headers, the queue board's session, and the per-user write limit, over real HTTP. */
describe('HTTP hygiene', () => {
  const config = testConfig({ RATE_LIMIT_WRITES: '5', RATE_LIMIT_WINDOW_SECONDS: '60' });
  let api: TestApi;

  beforeAll(async () => {
    api = await startApi(config);
  });
  afterAll(async () => {
    await api?.app.close();
    await cleanUp(config);
  });

  it('sends security headers and a CSP with a fresh nonce, and no X-Powered-By', async () => {
    const a = await api.anonymous().get('/api/health').expect(200);
    const b = await api.anonymous().get('/api/health').expect(200);
    expect(a.headers['x-powered-by']).toBeUndefined();
    expect(a.headers).toMatchObject({ 'x-content-type-options': 'nosniff', 'x-frame-options': 'SAMEORIGIN', 'referrer-policy': 'no-referrer' });
    const csp = a.headers['content-security-policy'];
    expect(csp).toMatch(/default-src 'self'/);
    expect(csp).toMatch(/object-src 'none'/);
    expect(csp).toMatch(/frame-ancestors 'none'/);
    const nonce = /script-src 'self' 'nonce-([^']+)'/.exec(csp)![1];
    expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(b.headers['content-security-policy']).not.toContain(nonce);
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
  });

  it("puts the request's nonce on the GOV.UK template's inline script", async () => {
    const app = api.app.getHttpAdapter().getInstance();
    app.get('/nonce-probe', (_req: unknown, res: { locals: { cspNonce: string }; type: (t: string) => { send: (b: string) => void } }) => {
      res.type('html').send(`<script nonce="${res.locals.cspNonce}"></script>`);
    });
    const page = await api.anonymous().get('/nonce-probe');
    const sent = /nonce="([^"]+)"/.exec(page.text)?.[1];
    expect(page.headers['content-security-policy']).toContain(`'nonce-${sent}'`);
  });

  describe('queue board', () => {
    const cookieOf = (res: { headers: Record<string, unknown> }) => ([] as string[]).concat((res.headers['set-cookie'] as string[]) ?? []).find((c) => c.startsWith('ratify_board='));

    it('refuses a token in the URL', async () => {
      const res = await api.anonymous().get(`/admin/queues?token=${tokenFor(USERS.admin)}`).expect(400);
      expect(res.body.message).toMatch(/not accepted in URLs/);
      expect(cookieOf(res)).toBeUndefined();
    });

    it('refuses anyone who is not an admin', async () => {
      await api.anonymous().get('/admin/queues/api/queues').set('Accept', 'application/json').expect(401);
      await api.anonymous().get('/admin/queues/api/queues').set('Authorization', `Bearer ${tokenFor(USERS.democratic)}`).expect(403);
      await api.anonymous().post('/admin/queues/session').type('form').send({ token: tokenFor(USERS.democratic) }).expect(403);
      await api.anonymous().get('/admin/queues/api/queues').set('Cookie', 'ratify_board=forged').set('Accept', 'application/json').expect(401);
      // A browser without a session is sent to the sign-in form.
      const browser = await api.anonymous().get('/admin/queues').set('Accept', 'text/html').expect(303);
      expect(browser.headers.location).toBe('/admin/queues/session');
    });

    it('opens for an admin bearer token, or a short-lived session cookie that is not the token', async () => {
      await api.anonymous().get('/admin/queues/api/queues').set('Authorization', `Bearer ${tokenFor(USERS.admin)}`).expect(200);
      const form = await api.anonymous().get('/admin/queues/session').expect(200);
      expect(form.text).toContain('<form method="post" action="/admin/queues/session">');
      const signedIn = await api.anonymous().post('/admin/queues/session').type('form').send({ token: tokenFor(USERS.admin) }).expect(303);
      const cookie = cookieOf(signedIn)!;
      expect(cookie).toMatch(/; HttpOnly/);
      expect(cookie).toMatch(/; Secure/);
      expect(cookie).toMatch(/; SameSite=Strict/);
      expect(cookie).toMatch(/; Path=\/admin\/queues/);
      expect(cookie).toMatch(/Max-Age=900/);
      const session = cookie.split(';')[0].slice('ratify_board='.length);
      expect(session).not.toBe(tokenFor(USERS.admin));
      await api.anonymous().get('/admin/queues/api/queues').set('Cookie', `ratify_board=${session}`).expect(200);
      // The session opens the board only: the API refuses it as a bearer token.
      await api.anonymous().get('/api/decisions').set('Authorization', `Bearer ${session}`).expect(401);
      const out = await api.anonymous().post('/admin/queues/session/end').expect(303);
      expect(cookieOf(out)).toMatch(/Expires=Thu, 01 Jan 1970/);
    });
  });

  it('limits writes per user, answering 429 with Retry-After in the contract shape; reads and other users go on', async () => {
    const write = (user: typeof USERS.officer, n: number) => api.as(user).post('/api/decisions', { ...OLDHAM, reference: `RATE-${user.sub}-${n}` });
    const statuses = [];
    for (let n = 0; n < 7; n++) statuses.push((await write(USERS.officer, n)).status);
    expect(statuses).toEqual([201, 201, 201, 201, 201, 429, 429]);
    const refused = await write(USERS.officer, 99);
    expect(refused.body).toMatchObject({ statusCode: 429, error: 'Too Many Requests', message: expect.stringMatching(/too many writes/) });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    await api.as(USERS.officer).get('/api/decisions').expect(200);
    await write(USERS.otherOfficer, 0).expect(201);
    // The refused writes stored nothing.
    const mine = await api.as(USERS.officer).get('/api/decisions?pageSize=100').expect(200);
    expect(mine.body.items.filter((d: { reference: string }) => d.reference.startsWith('RATE-u-officer-'))).toHaveLength(5);
  });
});
