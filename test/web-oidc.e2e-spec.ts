/// <reference lib="dom" />
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { RatifyConfig } from '#libs/config';
import { checkPage, freePort, keepToLoopback, launchBrowser, startWebApp } from './support/browser.js';
import { cleanUp } from './support/environment.js';
import { startOidcProvider } from './support/oidc.js';

/**
 * Sign-in through a real OpenID Connect provider (oidc-provider) started here: the authorization code flow
 * with PKCE, roles mapped from the provider's claim, a tampered session cookie refused, logout at both ends.
 */
describe('web: sign-in with OpenID Connect', () => {
  let app: INestApplication;
  let config: RatifyConfig;
  let base: string;
  let op: Awaited<ReturnType<typeof startOidcProvider>>;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    const [appPort, opPort] = [await freePort(), await freePort()];
    const appUrl = `http://127.0.0.1:${appPort}`;
    op = await startOidcProvider({
      port: opPort,
      appUrl,
      accounts: {
        'u-dm': { name: 'Gerard Jones', roles: ['Ratify.DecisionMaker', 'Payroll.Viewer'] },
        'u-officer': { name: 'Bruce Penhale', roles: ['officer'] },
      },
    });
    ({ app, config, baseUrl: base } = await startWebApp(
      {
        OIDC_ISSUER: op.issuer,
        OIDC_CLIENT_ID: 'ratify',
        OIDC_CLIENT_SECRET: 'ratify-test-client-secret',
        OIDC_SCOPES: 'openid profile roles',
        OIDC_ROLE_MAP: 'Ratify.DecisionMaker=decision-maker',
      },
      appPort,
    ));
    browser = await launchBrowser();
    context = await browser.newContext();
    await keepToLoopback(context);
    page = await context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await op?.close();
    if (config) await cleanUp(config);
  });

  async function signInAtProvider(login: string) {
    await page.goto(`${base}/work`);
    await page.waitForURL(/\/sign-in\?returnTo=%2Fwork$/);
    await page.getByRole('button', { name: 'Continue to sign in' }).click();
    await page.waitForURL(new RegExp(`^${op.issuer}/interaction/`));
    await page.fill('input[name="login"]', login);
    await page.fill('input[name="password"]', 'any password');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    // The provider asks for consent the first time.
    if (await page.url().startsWith(op.issuer)) await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL(`${base}/work`);
  }

  it('offers the provider, not the demo users, and refuses local sign-in', async () => {
    await page.goto(`${base}/sign-in`);
    expect(await page.locator('main').innerText()).toContain('Sign in with your council account');
    expect(await page.locator('input[name="userId"]').count()).toBe(0);
    expect(await page.locator('.govuk-phase-banner').count()).toBe(0);
    const check = await checkPage(page, 'oidc-sign-in');
    expect(check.violations).toEqual([]);
    expect(check.horizontalScrollAt375).toBe(false);
    const local = await page.request.post(`${base}/sign-in`, { form: { userId: 'u-admin' }, maxRedirects: 0 });
    expect([403, 404]).toContain(local.status());
  });

  it('signs in with the authorization code flow and maps the provider’s roles', async () => {
    await signInAtProvider('u-dm');
    const main = await page.locator('main').innerText();
    expect(main).toContain('Signed in as Gerard Jones (decision-maker)');
    expect(main).toContain('For determination by you');
    expect(main).not.toContain('Payroll.Viewer');
    const cookie = (await context.cookies(base)).find((c) => c.name === 'ratify.session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
  });

  it('refuses a tampered session cookie', async () => {
    const cookies = await context.cookies(base);
    const session = cookies.find((c) => c.name === 'ratify.session')!;
    const claims = JSON.parse(Buffer.from(session.value, 'base64').toString('utf8'));
    claims.user.roles = ['admin', 'officer'];
    await context.addCookies([{ ...session, value: Buffer.from(JSON.stringify(claims)).toString('base64') }]);
    await page.goto(`${base}/work`);
    expect(page.url()).toBe(`${base}/sign-in?returnTo=%2Fwork`);
    // The signature, not the contents, decides: the untouched cookies still work.
    await context.addCookies(cookies);
    await page.goto(`${base}/work`);
    expect(page.url()).toBe(`${base}/work`);
  });

  it('signs out here and at the provider', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(new RegExp(`^${op.issuer}/session/end`));
    await page.getByRole('button', { name: 'Yes, sign me out' }).click();
    await page.waitForURL(`${base}/signed-out`);
    expect(await page.locator('h1').innerText()).toBe('You have signed out');
    await page.goto(`${base}/work`);
    expect(page.url()).toContain('/sign-in');
    // The provider's session ended too: signing in again asks for a login.
    await page.getByRole('button', { name: 'Continue to sign in' }).click();
    await page.waitForURL(new RegExp(`^${op.issuer}/interaction/`));
    expect(await page.locator('input[name="login"]').count()).toBe(1);
  });

  it('signs another person in with roles the provider names directly', async () => {
    await context.clearCookies();
    await signInAtProvider('u-officer');
    expect(await page.locator('main').innerText()).toContain('Signed in as Bruce Penhale (officer)');
  });
});
