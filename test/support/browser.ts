/// <reference lib="dom" />
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { INestApplication } from '@nestjs/common';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { RatifyConfig } from '#libs/config';
import { createApi } from '../../apps/api/bootstrap.js';
import { testConfig } from './environment.js';

/** Debian's Chromium (apt-get install chromium), never a downloaded browser. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** The API app (with its worker) listening on a free port, its PUBLIC_URL that address. */
export async function startWebApp(env: Record<string, string> = {}, port?: number): Promise<{ app: INestApplication; config: RatifyConfig; baseUrl: string }> {
  port ??= await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const config = testConfig({ PORT: String(port), PUBLIC_URL: baseUrl, ...env });
  const app = await createApi(config, { withWorker: true, quiet: true });
  await app.listen(port, '127.0.0.1');
  return { app, config, baseUrl };
}

/** The browser may only talk to this machine (third-party pages such as a provider's login load web fonts). */
export async function keepToLoopback(context: BrowserContext) {
  await context.route('**/*', (route) => {
    const host = new URL(route.request().url()).hostname;
    return ['127.0.0.1', 'localhost', '[::1]'].includes(host) ? route.continue() : route.abort();
  });
}

/** Screenshots of every page, kept as test artifacts (gitignored). */
export const ARTIFACTS = join(process.cwd(), 'test', 'artifacts', 'screenshots');

export interface PageCheck {
  name: string;
  violations: { id: string; impact: string | null | undefined; help: string; nodes: string[] }[];
  horizontalScrollAt375: boolean;
  /** Rules axe checked and passed: proof it ran. */
  passes: number;
}

/**
 * The checks every page gets: axe (WCAG 2.2 AA rules; any serious or critical violation is returned), no
 * horizontal scroll at 375 px wide, and a screenshot at both widths.
 */
export async function checkPage(page: Page, name: string, options: { docs?: string } = {}): Promise<PageCheck> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  const violations = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) }));
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
  if (options.docs && process.env.WEB_DOCS_SCREENSHOTS) {
    mkdirSync(join(process.cwd(), 'docs', 'screenshots'), { recursive: true });
    await page.screenshot({ path: join(process.cwd(), 'docs', 'screenshots', `${options.docs}.png`), fullPage: false });
  }
  const size = page.viewportSize()!;
  await page.setViewportSize({ width: 375, height: 812 });
  const horizontalScrollAt375 = await page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
  await page.screenshot({ path: join(ARTIFACTS, `${name}-375.png`), fullPage: true });
  await page.setViewportSize(size);
  return { name, violations, horizontalScrollAt375, passes: results.passes.length };
}
