import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';
import { DONCASTER, OLDHAM } from './fixtures/seed-decisions.js';
import { startApi, USERS, type TestApi } from './support/api.js';
import { cleanUp, testConfig } from './support/environment.js';
import { base, driveTo, publicNumbers } from './support/register.js';

/**
 * The register's pages as a person sees them: Debian's Chromium (headless, no downloads) opens each page,
 * the fields are visible under their labels, and axe finds no serious or critical accessibility violation.
 */
describe('public register pages in Chromium', () => {
  const config = testConfig({ COUNCIL_NAME: 'Test Borough Council' });
  let api: TestApi;
  let browser: Browser;
  let page: Page;
  let url: string;
  const ids: Record<string, string> = {};
  let numbers: Map<string, number>;

  beforeAll(async () => {
    api = await startApi(config);
    await api.app.listen(0, '127.0.0.1');
    url = (await api.app.getUrl()).replace('[::1]', '127.0.0.1');
    const one = [{ area: 'hr', assigneeUserId: 'u-hr' }];
    ids.oldham = await driveTo(api, 'effective', { ...OLDHAM, consultees: one }, { decidedAt: '2020-11-18', publishedAt: '2020-11-18' });
    ids.doncaster = await driveTo(api, 'effective', { ...DONCASTER, consultees: one });
    await api.as(USERS.officer).post('/api/decisions', base('KEY-1', { isKeyDecision: true, forwardPlanNoticeAt: '2030-01-01', plannedDeterminationAt: '2030-02-01' })).expect(201);
    numbers = await publicNumbers(config);
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    page = await (await browser.newContext()).newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await api?.app.close();
    await cleanUp(config);
  });

  async function open(path: string) {
    const response = await page.goto(`${url}${path}`);
    expect(response?.status()).toBe(200);
  }

  async function noSeriousViolations() {
    const { violations } = await new AxeBuilder({ page }).analyze();
    const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`);
    expect(serious).toEqual([]);
  }

  /** The value shown under (or beside) a label, and that it is visible. */
  async function shownUnder(label: string, within: 'summary' | 'heading' | 'mg-field') {
    const value =
      within === 'summary'
        ? page.locator('.govuk-summary-list__row', { has: page.getByText(label, { exact: true }) }).locator('dd')
        : within === 'heading'
          ? page.getByRole('heading', { name: label, exact: true }).locator('xpath=following-sibling::p[1]')
          : page.locator('p', { has: page.locator('span.mgLabel', { hasText: label }) });
    expect(await value.isVisible()).toBe(true);
    return (await value.innerText()).replace(label, '').trim();
  }

  it("shows Oldham's Decision details page with every field under its label", async () => {
    await open(`/api/public/decisions/${ids.oldham}`);
    expect(await page.title()).toBe(`${OLDHAM.title} – Test Borough Council`);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(OLDHAM.title);
    expect(await shownUnder('Reference:', 'summary')).toBe(OLDHAM.reference);
    expect(await shownUnder('Decision Maker:', 'summary')).toBe(OLDHAM.decisionMaker.title);
    expect(await shownUnder('Decision status:', 'summary')).toBe('Recommendations Approved');
    expect(await shownUnder('Is Key decision?:', 'summary')).toBe('No');
    expect(await shownUnder('Is subject to call in?:', 'summary')).toBe('No');
    expect(await shownUnder('Purpose:', 'heading')).toBe(OLDHAM.purpose);
    expect(await shownUnder('Decision:', 'heading')).toBe(OLDHAM.recommendations[0].text);
    expect(await shownUnder('Reasons for the decision:', 'heading')).toBe(OLDHAM.reasons);
    expect(await shownUnder('Alternative options considered:', 'heading')).toBe(OLDHAM.alternativeOptions[0].text);
    expect(await shownUnder('Other reasons / organisations consulted', 'heading')).toBe(OLDHAM.otherConsulted);
    expect(await shownUnder('Contact:', 'summary')).toBe('Bruce Penhale, Head of Stronger Communities Service 0161 770 4196 Email: bruce.penhale@oldham.gov.uk');
    expect(await shownUnder('Publication date:', 'summary')).toBe('18/11/2020');
    expect(await shownUnder('Date of decision:', 'summary')).toBe('18/11/2020');
    expect(await shownUnder('Effective from:', 'summary')).toBe('18/11/2020');
    await noSeriousViolations();
  });

  it("shows Doncaster's record on the ModernGov-shaped page, and the list that links to it", async () => {
    await open('/mgDelegatedDecisions.aspx?DR=01/01/2021-31/12/2021');
    await noSeriousViolations();
    const link = page.getByRole('link', { name: new RegExp(`^${DONCASTER.title.slice(0, 40)}`) });
    expect(await link.isVisible()).toBe(true);
    await link.click();
    await page.waitForURL(`**/ieDecisionDetails.aspx?ID=${numbers.get(ids.doncaster)}`);
    expect(await page.locator('h2.mgSubTitleTxt').innerText()).toBe(`${DONCASTER.reference} - ${DONCASTER.title}`);
    expect(await shownUnder('Decision Maker:', 'mg-field')).toBe(DONCASTER.decisionMaker.title);
    expect(await shownUnder('Decision status:', 'mg-field')).toBe('Recommendations Approved');
    expect(await shownUnder('Is Key decision?:', 'mg-field')).toBe('No');
    expect(await shownUnder('Is subject to call in?:', 'mg-field')).toBe('No');
    expect(await shownUnder('Publication date:', 'mg-field')).toBe('02/03/2021');
    expect(await shownUnder('Date of decision:', 'mg-field')).toBe('15/02/2021');
    expect(await shownUnder('Purpose:', 'heading')).toBe(DONCASTER.purpose);
    expect(await shownUnder('Decision:', 'heading')).toBe(DONCASTER.recommendations[0].text);
    await noSeriousViolations();
  });

  it('shows the forward plan', async () => {
    await open('/api/public/forward-plan');
    const row = page.getByRole('row', { name: /KEY-1/ });
    expect(await row.isVisible()).toBe(true);
    expect(await row.innerText()).toContain('Yes (30 clear days)');
    await noSeriousViolations();
  });
});
