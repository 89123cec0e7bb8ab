/// <reference lib="dom" />
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import type { RatifyConfig } from '#libs/config';
import { OLDHAM } from './fixtures/seed-decisions.js';
import { checkPage, keepToLoopback, launchBrowser, startWebApp, type PageCheck } from './support/browser.js';
import { cleanUp, eventually } from './support/environment.js';

/**
 * The Oldham decision from draft to effective, by clicking, in Debian's Chromium: the officer drafts it,
 * legal asks for changes, the officer edits and resubmits, HR, finance and legal sign off, the decision
 * maker approves and democratic services publish with a past date, so the call-in timer fires at once.
 * Every page (and every error state) gets axe, a 375 px check and a screenshot.
 */
describe('web: the Oldham decision, draft to effective, by clicking', () => {
  let app: INestApplication;
  let config: RatifyConfig;
  let base: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let decisionUrl: string;
  const checks: PageCheck[] = [];
  const check = async (name: string, docs?: string) => checks.push(await checkPage(page, name, { docs }));

  beforeAll(async () => {
    // Pay scales, so HR's register shows cost estimates and their totals.
    ({ app, config, baseUrl: base } = await startWebApp({ ARRANGEMENT_PAY_SCALES_FILE: 'docs/pay-scales.example.json' }));
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1024, height: 900 } });
    await keepToLoopback(context);
    page = await context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    if (config) await cleanUp(config);
  });

  async function signIn(userId: string) {
    await page.goto(`${base}/sign-in`);
    await page.locator(`input[name="userId"][value="${userId}"]`).check();
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${base}/work`);
  }

  async function signOut() {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${base}/signed-out`);
  }

  /** Opens an action from the decision page, fills its form, continues, checks and confirms. */
  async function act(title: string, fill: () => Promise<void> = async () => {}, name?: string) {
    await page.goto(decisionUrl);
    await page.getByRole('button', { name: title, exact: true }).click();
    await page.waitForURL(/\/act\/[a-z-]+$/);
    if (await page.getByRole('button', { name: 'Continue' }).count()) {
      await fill();
      if (name) await check(`${name}-form`);
      await page.getByRole('button', { name: 'Continue' }).click();
      // The form and its confirmation share a URL: wait for the page that answers.
      await page.locator('h1', { hasText: /^Check and confirm/ }).or(page.locator('.govuk-error-summary')).first().waitFor();
    }
    // A refused form says why, which makes a failure here readable.
    if (await page.locator('.govuk-error-summary').count()) throw new Error(`${title} refused: ${await page.locator('.govuk-error-summary').innerText()}`);
    await see(page.getByRole('heading', { level: 1 })).toHaveText(/^Check and confirm/);
    if (name) await check(`${name}-confirm`);
    await page.getByRole('button', { name: /^Confirm: / }).click();
    await page.waitForURL(decisionUrl);
    await see(page.locator('.govuk-notification-banner--success')).toContainText(`${title}: done`);
  }

  /** What a person sees in an element. */
  const see = (locator: Locator) => ({
    toHaveText: async (pattern: RegExp) => expect(await locator.innerText()).toMatch(pattern),
    toContainText: async (text: string) => expect(await locator.innerText()).toContain(text),
  });

  it('lets the officer sign in (keyboard only) and see My work', async () => {
    await page.goto(`${base}/`);
    await page.waitForURL(`${base}/sign-in`);
    await check('01-sign-in', 'sign-in');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForSelector('.govuk-error-summary');
    expect(await page.evaluate(() => document.activeElement?.classList.contains('govuk-error-summary'))).toBe(true);
    await check('01-sign-in-error');

    // Keyboard only: tab to the first demo user (the officer), select it, tab to the button, press Enter.
    await page.locator('body').focus();
    const radio = page.locator('input[name="userId"][value="u-officer"]');
    for (let i = 0; i < 40 && !(await radio.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    for (let i = 0; i < 20 && !(await page.evaluate(() => document.activeElement?.textContent?.trim() === 'Sign in')); i++) await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${base}/work`);
    await see(page.getByRole('heading', { level: 1 })).toHaveText(/My work/);
    await see(page.locator('main')).toContainText('Signed in as Bruce Penhale (officer)');
    await check('02-my-work-officer', 'my-work');
  });

  it('refuses an empty draft with the API’s own validation, then saves the Oldham draft', async () => {
    await page.getByRole('link', { name: 'New draft' }).click();
    await page.waitForURL(`${base}/work/decisions/new`);
    await check('03-draft-form');
    // Enter in a field saves (the form's first button is a hidden "Save as draft"), it does not add a row.
    await page.locator('#reference').press('Enter');
    await page.waitForSelector('.govuk-error-summary');
    expect(await page.locator('#recommendations-1-text').count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.classList.contains('govuk-error-summary'))).toBe(true);
    const summary = await page.locator('.govuk-error-summary').innerText();
    expect(summary).toContain('Title must be 3 characters or more');
    expect(summary).toContain('Select yes if this is a key decision');
    expect(await page.locator('#title-error').innerText()).toContain('Title must be 3 characters or more');
    await check('03-draft-errors', 'draft-errors');

    await page.fill('#reference', OLDHAM.reference);
    await page.fill('#title', OLDHAM.title);
    await page.fill('#decisionMaker-title', OLDHAM.decisionMaker.title);
    await page.fill('#decisionMaker-userId', 'u-dm');
    await page.check('#isKeyDecision-2');
    await page.check('#isSubjectToCallIn');
    await page.fill('#purpose', OLDHAM.purpose);
    await page.fill('#recommendations-0-text', OLDHAM.recommendations[0].text);
    await page.getByRole('button', { name: 'Add another recommendation' }).click();
    await page.fill('#recommendations-1-text', OLDHAM.recommendations[1].text);
    await page.fill('#reasons', OLDHAM.reasons);
    await page.fill('#alternativeOptions-0-text', OLDHAM.alternativeOptions[0].text);
    await page.fill('#consultees-0-assigneeUserId', 'u-hr');
    await page.fill('#consultees-2-label', 'Legal services');
    await page.fill('#otherConsulted', OLDHAM.otherConsulted);
    await page.fill('#funding-0-source', OLDHAM.funding[0].source);
    await page.fill('#contact-name', OLDHAM.contact.name);
    await page.fill('#contact-role', OLDHAM.contact.role);
    await page.fill('#contact-phone', OLDHAM.contact.phone);
    await page.fill('#contact-email', OLDHAM.contact.email);
    await page.fill('#conflictsOfInterest', 'None');
    await page.fill('#dispensation', 'None');
    await page.fill('#wardsAffected', 'All wards');
    // The reference and what was typed survive the "add another" round trip.
    expect(await page.inputValue('#reference')).toBe(OLDHAM.reference);
    await page.getByRole('button', { name: 'Save as draft' }).click();
    await page.waitForURL(/\/work\/decisions\/[0-9a-f-]{36}$/);
    decisionUrl = page.url();
    await see(page.locator('.govuk-notification-banner--success')).toContainText(`Draft ${OLDHAM.reference} saved`);
    await see(page.locator('h1')).toContainText(OLDHAM.title);
    await see(page.locator('#details + .govuk-summary-list')).toContainText('Managing Director Children and Young People (DCS)');
    await check('04-decision-draft');
  });

  it('submits it for consultation, after a confirmation step', async () => {
    await act('Submit this draft', undefined, '05-submit');
    await see(page.locator('main')).toContainText('Consultation');
    await see(page.locator('#consultations ~ .govuk-summary-card').first()).toContainText('HR');
    await check('06-decision-consultation');
    await signOut();
    await check('07-signed-out');
  });

  it('lets legal request changes: the empty form is refused, then the draft goes back', async () => {
    await signIn('u-legal');
    await see(page.locator('#section-sign-offs ~ ul')).toContainText(OLDHAM.title);
    await check('08-my-work-legal');
    await page.goto(decisionUrl);
    await page.getByRole('button', { name: 'Request changes', exact: true }).click();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForSelector('.govuk-error-summary');
    await see(page.locator('.govuk-error-summary')).toContainText('Enter what needs to change');
    await check('09-request-changes-error');
    await page.fill('#comments', 'Say which budget funds the agency Senior Practitioner.');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('button', { name: 'Confirm: request changes' }).click();
    await page.waitForURL(decisionUrl);
    await see(page.locator('main')).toContainText('Draft');
    await signOut();
  });

  it('brings the draft back to the officer, who edits and resubmits it', async () => {
    await signIn('u-officer');
    await see(page.locator('#section-returned ~ ul')).toContainText('Changes requested by Legal services');
    await check('10-my-work-returned');
    await page.goto(decisionUrl);
    await see(page.locator('.govuk-notification-banner')).toContainText('Say which budget funds the agency Senior Practitioner.');
    await check('11-decision-changes-requested');
    await page.getByRole('link', { name: /^Edit the draft/ }).click();
    await check('12-edit-draft');
    await page.fill('#funding-0-source', 'DfE social care transformation funding for Team Around the School; agency post from the Early Help budget');
    // The agency Senior Practitioner as a staffing arrangement row; an impossible end date is refused beside its field.
    await page.getByRole('button', { name: 'Add a staffing arrangement' }).click();
    await page.selectOption('#staffingArrangements-0-kind', 'agency');
    await page.fill('#staffingArrangements-0-title', 'Agency Senior Practitioner');
    await page.fill('#staffingArrangements-0-fte', '1');
    await page.fill('#staffingArrangements-0-grade', 'Grade 9');
    await page.fill('#staffingArrangements-0-start-day', '1');
    await page.fill('#staffingArrangements-0-start-month', '12');
    await page.fill('#staffingArrangements-0-start-year', '2020');
    await page.fill('#staffingArrangements-0-end-day', '31');
    await page.fill('#staffingArrangements-0-end-month', '13');
    await page.fill('#staffingArrangements-0-end-year', '2021');
    await page.fill('#staffingArrangements-0-manager-name', 'Alison Tomes');
    await page.fill('#staffingArrangements-0-funding-source', 'Early Help budget');
    await page.getByRole('button', { name: 'Save as draft' }).click();
    await page.waitForSelector('.govuk-error-summary');
    await see(page.locator('#staffingArrangements-0-end-error')).toContainText('Arrangement 1 end date must be a real date');
    expect(await page.inputValue('#funding-0-source')).toContain('Early Help budget');
    await check('12-arrangement-error');
    await page.fill('#staffingArrangements-0-end-month', '5');
    await page.getByRole('button', { name: 'Save as draft' }).click();
    await page.waitForURL(decisionUrl);
    await see(page.locator('#arrangements ~ .govuk-summary-card').first()).toContainText('Agency Senior Practitioner');
    await see(page.locator('.govuk-notification-banner--success')).toContainText('Draft saved');
    // Only what changed was sent: the history names the funding, nothing else.
    await see(page.locator('.app-timeline__item').first()).toContainText('Fields changed: funding');
    await act('Submit this draft');
    await signOut();
  });

  it('takes the sign-offs of HR, finance and legal', async () => {
    for (const [userId, n] of [['u-hr', 13], ['u-fin', 14], ['u-legal', 15]] as const) {
      await signIn(userId);
      await act('Sign off', async () => page.fill('#comments', `Signed off by ${userId}`), n === 13 ? `${n}-sign-off` : undefined);
      await signOut();
    }
  });

  it('lets the decision maker approve it, dated 18 November 2020', async () => {
    await signIn('u-dm');
    await see(page.locator('#section-determination ~ ul')).toContainText(OLDHAM.title);
    await check('16-my-work-decision-maker');
    await act(
      'Approve the recommendations',
      async () => {
        await page.fill('#decidedAt-day', '18');
        await page.fill('#decidedAt-month', '11');
        await page.fill('#decidedAt-year', '2020');
      },
      '17-approve',
    );
    await signOut();
  });

  it('lets democratic services publish it; the call-in deadline has passed, so it takes effect', async () => {
    await signIn('u-ds');
    await see(page.locator('#section-publication ~ ul')).toContainText(OLDHAM.title);
    await check('18-my-work-democratic-services', 'my-work-democratic-services');
    await act(
      'Publish the decision record',
      async () => {
        await page.fill('#publishedAt-day', '18');
        await page.fill('#publishedAt-month', '11');
        await page.fill('#publishedAt-year', '2020');
      },
      '19-publish',
    );
    await eventually(async () => {
      await page.reload();
      return (await page.locator('#statechart-caption strong').innerText()) === 'effective';
    }, 20_000, 250);
    const main = await page.locator('main').innerText();
    expect(main).toContain('Call-in period ended');
    expect(main).toContain('The call-in period ends 25 November 2020 at 5:00pm');
    expect(main).toContain('21 November 2020: Saturday');
    expect(await page.locator('#state-effective path').first().getAttribute('fill')).toBe('#1d70b8');
    await check('20-decision-effective', 'decision');
    if (process.env.WEB_DOCS_SCREENSHOTS) {
      await page.locator('figure.app-statechart').screenshot({ path: 'docs/screenshots/statechart.png' });
      await page.locator('#deadlines').evaluate((el) => el.scrollIntoView());
      await page.screenshot({ path: 'docs/screenshots/deadlines.png' });
    }

    // The public register shows the record, linked from the staff page.
    await page.getByRole('link', { name: 'See it on the public register' }).click();
    expect(await page.locator('main').innerText()).toContain(OLDHAM.title);
    await check('20-public-register-record');
  });

  it('shows the public register to someone signed in, in their own navigation', async () => {
    await page.getByRole('link', { name: 'Public register' }).click();
    await page.waitForURL(`${base}/register`);
    await see(page.locator('.govuk-service-navigation')).toContainText('Dana Scott');
    expect(await page.locator('.govuk-service-navigation__item--active').innerText()).toContain('Public register');
    await see(page.locator('main')).toContainText(OLDHAM.title);
    await signOut();
  });

  it('shows the public register without sign-in: search, filters, pages, the record and the forward plan', async () => {
    await page.goto(`${base}/register`);
    expect(page.url()).toBe(`${base}/register`);
    await see(page.locator('.govuk-service-navigation')).toContainText('Sign in');
    await see(page.locator('#result-count')).toContainText('1 decision');
    await check('24-register', 'register');

    // Search and filters narrow the list, and say so.
    await page.fill('#q', 'safeguarding hub');
    await page.selectOption('#status', 'Recommendations Approved');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/\/register\?/);
    await see(page.locator('#result-count')).toContainText('1 decision');
    expect(await page.inputValue('#q')).toBe('safeguarding hub');
    await page.fill('#from', '1/12/2020');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/from=1%2F12%2F2020/);
    await see(page.locator('main')).toContainText('No published decision matches these filters');
    await check('25-register-no-match');

    // A date that is not one: the error summary takes the focus and links to the field.
    await page.fill('#from', '31/02/2020');
    const refused = page.waitForResponse((r) => r.url().includes('/register?'));
    await page.getByRole('button', { name: 'Search' }).click();
    expect((await refused).status()).toBe(400);
    await page.waitForSelector('.govuk-error-summary');
    // GOV.UK Frontend's script moves the focus once the page has loaded.
    await page.waitForFunction(() => document.activeElement?.classList.contains('govuk-error-summary')).catch(() => {});
    expect(await page.evaluate(() => document.activeElement?.classList.contains('govuk-error-summary'))).toBe(true);
    await see(page.locator('.govuk-error-summary')).toContainText('Decided from must be a real date, like 18/11/2020');
    await see(page.locator('#from-error')).toContainText('Decided from must be a real date');
    expect(await page.title()).toMatch(/^Error: /);
    await check('26-register-error');

    // The record, laid out like the seeds' "Decision details".
    await page.getByRole('link', { name: 'Clear the filters' }).click();
    await page.getByRole('link', { name: new RegExp(OLDHAM.title) }).click();
    await page.waitForURL(/\/register\/decisions\/[0-9a-f-]{36}$/);
    const details = page.locator('.govuk-summary-list__row', { has: page.getByText('Decision status:', { exact: true }) });
    await see(details).toContainText('Recommendations Approved');
    await see(page.locator('main')).toContainText(OLDHAM.reasons);
    await check('27-register-decision', 'register-decision');
    // A reference works as the address too (URL-encoded).
    expect((await page.goto(`${base}/register/decisions/${encodeURIComponent(OLDHAM.reference)}`))!.status()).toBe(200);
    expect((await page.goto(`${base}/register/decisions/NO-SUCH-REF`))!.status()).toBe(404);

    await page.goto(`${base}/register`);
    await page.getByRole('link', { name: 'Forward plan', exact: true }).click();
    await page.waitForURL(`${base}/register/forward-plan`);
    await see(page.locator('h1')).toContainText('Forward plan of key decisions');
    await check('28-forward-plan');
  });

  it('lets HR see the overdue arrangement and confirm it has ended', async () => {
    await signIn('u-hr-ops');
    // Its end (31 May 2021) passed long ago: once the decision took effect its clock made it overdue.
    await eventually(async () => {
      await page.reload();
      return (await page.locator('#section-arrangements ~ .app-work-list').innerText().catch(() => '')).includes('Overdue');
    }, 20_000, 250);
    await see(page.locator('#section-arrangements ~ .app-work-list')).toContainText('Agency Senior Practitioner');
    await check('29-my-work-hr', 'my-work-hr');
    // The decision's page shows its arrangement, and HR its actions.
    await page.goto(decisionUrl);
    const card = page.locator('#arrangements ~ .govuk-summary-card').first();
    await see(card).toContainText('Overdue');
    expect(await card.getByRole('link', { name: /^Confirm it has ended/ }).count()).toBe(1);
    await page.goto(`${base}/work`);

    await page.getByRole('link', { name: 'Staffing arrangements', exact: true }).click();
    await page.waitForURL(`${base}/work/arrangements`);
    const entry = page.locator('.app-work-list__item', { hasText: 'Agency Senior Practitioner' });
    await see(entry.locator('.govuk-tag')).toHaveText(/Overdue/);
    await see(entry).toContainText(OLDHAM.reference);
    await see(entry).toContainText('a month');
    await see(page.locator('#totals + .govuk-summary-list')).toContainText('Still to run');
    await check('30-arrangements', 'arrangements');

    // Filters: by manager (which also offers that manager's signed calendar feed), and a refused date.
    await page.fill('#manager', 'alison tomes');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.waitForURL(/manager=alison/);
    await see(page.locator('#arrangement-count')).toContainText('1 arrangement');
    const feed = await page.getByRole('link', { name: /Calendar feed of alison tomes/ }).getAttribute('href');
    const ics = await page.request.get(feed!);
    expect(ics.status()).toBe(200);
    expect(await ics.text()).toContain('BEGIN:VCALENDAR');
    const csv = await page.request.get(`${base}${await page.getByRole('link', { name: 'Download these as CSV' }).getAttribute('href')}`);
    expect(csv.headers()['content-type']).toContain('text/csv');
    expect(await csv.text()).toContain('Agency Senior Practitioner');
    await page.fill('#endingBefore', '31/02/2021');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.waitForSelector('.govuk-error-summary');
    await see(page.locator('#endingBefore-error')).toContainText('Ending before must be a real date');
    await check('31-arrangements-error');

    await page.goto(`${base}/work/arrangements`);
    await entry.getByRole('link', { name: /^Confirm it has ended/ }).click();
    await page.waitForURL(/\/act\/confirm-ended$/);
    await check('32-confirm-ended-form');
    await page.getByRole('button', { name: 'Continue' }).click();
    await see(page.getByRole('heading', { level: 1 })).toHaveText(/^Check and confirm/);
    await check('33-confirm-ended-confirm');
    await page.getByRole('button', { name: /^Confirm: / }).click();
    await page.waitForURL(`${base}/work/arrangements`);
    await see(page.locator('.govuk-notification-banner--success')).toContainText('Confirm it has ended: done');
    await see(entry.locator('.govuk-tag')).toHaveText(/Ended/);
    expect(await entry.getByRole('link', { name: /^Confirm it has ended/ }).count()).toBe(0);

    // Not for other roles: the 403 page names the role.
    await signOut();
    await signIn('u-officer');
    expect((await page.goto(`${base}/work/arrangements`))!.status()).toBe(403);
    await see(page.locator('main')).toContainText('hr');
    await signOut();
  });

  it('lets democratic services import a record, pasted or uploaded, and refuses what it cannot', async () => {
    await signIn('u-ds');
    await page.getByRole('link', { name: 'Import a record' }).click();
    await page.waitForURL(`${base}/work/import`);
    await check('34-import', 'import');
    await page.getByRole('button', { name: 'Import the record' }).click();
    await page.waitForSelector('.govuk-error-summary');
    await page.waitForFunction(() => document.activeElement?.classList.contains('govuk-error-summary')).catch(() => {});
    expect(await page.evaluate(() => document.activeElement?.classList.contains('govuk-error-summary'))).toBe(true);
    await see(page.locator('#content-error')).toContainText('Paste a record');
    await check('35-import-empty');
    await page.fill('#content', 'Decision details\n\nNothing more.');
    await page.getByRole('button', { name: 'Import the record' }).click();
    await page.waitForSelector('.govuk-error-summary');
    expect(await page.locator('.govuk-error-summary li').count()).toBeGreaterThan(0);
    await check('36-import-refused');

    const doncaster = readFileSync('test/fixtures/seeds/002_90fd4c86da8dc638.txt', 'utf8');
    await page.fill('#content', doncaster);
    await page.getByRole('button', { name: 'Import the record' }).click();
    await page.locator('h1', { hasText: 'Record imported' }).waitFor();
    await see(page.locator('main')).toContainText('LOP&S - 2021035');
    expect(await page.locator('#proposed ~ .govuk-summary-card').count()).toBeGreaterThan(0);
    await see(page.locator('#proposed ~ .govuk-summary-card').first()).toContainText('Proposed');
    await check('37-import-result', 'import-result');

    // The same record again, as a file: refused, nothing stored twice.
    await page.goto(`${base}/work/import`);
    await page.setInputFiles('#file', 'test/fixtures/seeds/002_90fd4c86da8dc638.txt');
    await page.getByRole('button', { name: 'Import the record' }).click();
    await page.waitForSelector('.govuk-error-summary');
    await see(page.locator('.govuk-error-summary')).toContainText('in the register already');
    await check('38-import-duplicate');
    // The multipart form is CSRF-checked like every other.
    const forged = await page.request.post(`${base}/work/import`, { multipart: { content: readFileSync('test/fixtures/seeds/000_df90ee194b41cad9.txt', 'utf8') }, maxRedirects: 0 });
    expect(forged.status()).toBe(403);
    await signOut();

    // HR confirms one of the proposals, so its clocks can run.
    await signIn('u-hr-ops');
    await page.goto(`${base}/work/arrangements?state=proposed`);
    const proposal = page.locator('.app-work-list__item', { hasText: 'Early Help Pathway Lead' });
    await see(proposal.locator('.govuk-tag')).toHaveText(/Proposed/);
    await proposal.getByRole('link', { name: /^Confirm this proposed arrangement/ }).click();
    await page.waitForURL(/\/act\/confirm$/);
    await check('39-confirm-proposal-form');
    await page.getByRole('button', { name: 'Continue' }).click();
    await see(page.getByRole('heading', { level: 1 })).toHaveText(/^Check and confirm/);
    await page.getByRole('button', { name: /^Confirm: / }).click();
    await page.waitForURL(`${base}/work/arrangements`);
    await see(page.locator('.govuk-notification-banner--success')).toContainText('Confirm this proposed arrangement: done');
    await signOut();
  });

  it('shows the list of decisions, the full-size statechart, and the error pages', async () => {
    await signIn('u-ds');
    await page.goto(`${base}/work/decisions`);
    await see(page.locator('main')).toContainText(OLDHAM.reference);
    await check('21-decisions');
    // Its only temporary arrangement has ended (HR confirmed it), so the decision is closed: Implemented.
    await page.goto(`${base}/work/decisions?state=closed`);
    await see(page.locator('main')).toContainText('1 decision');

    const svg = await page.request.get(`${base}/work/statechart/effective.svg`);
    expect(svg.headers()['content-type']).toContain('image/svg+xml');
    expect(await svg.text()).toContain('call&#45;in&#45;period');

    const missing = await page.goto(`${base}/work/decisions/00000000-0000-4000-8000-000000000000`);
    expect(missing!.status()).toBe(404);
    await check('22-not-found');
    expect((await page.goto(`${base}/no-such-page`))!.status()).toBe(404);
    await see(page.locator('h1')).toContainText('Page not found');

    const forbidden = await page.goto(`${base}/work/decisions/new`);
    expect(forbidden!.status()).toBe(403);
    await see(page.locator('main')).toContainText('You need the officer role');
    await check('23-forbidden');

    const notNow = await page.goto(`${decisionUrl}/act/approve`);
    expect(notNow!.status()).toBe(409);
    await see(page.locator('main')).toContainText('You cannot approve this decision now');
  });

  it('refuses a form posted without its CSRF token, and stores nothing', async () => {
    await signOut();
    await signIn('u-officer');
    const before = (await page.request.get(`${base}/work/decisions`).then((r) => r.text())).match(/(\d+) decisions?/)![1];
    const refused = await page.request.post(`${base}/work/decisions/new`, {
      form: { title: 'Forged draft', 'decisionMaker[title]': 'Director', isKeyDecision: 'no', isSubjectToCallIn: 'no', urgency: 'none', intent: 'save' },
      maxRedirects: 0,
    });
    expect(refused.status()).toBe(403);
    expect(await refused.text()).toContain('Your form was not accepted');
    const wrong = await page.request.post(`${base}/work/decisions/new`, { form: { _csrf: 'not-the-token', title: 'Forged draft', intent: 'save' }, maxRedirects: 0 });
    expect(wrong.status()).toBe(403);
    const after = (await page.request.get(`${base}/work/decisions`).then((r) => r.text())).match(/(\d+) decisions?/)![1];
    expect(after).toBe(before);
  });

  it('passes axe (no serious or critical violation) and fits 375 px on every page it visited', () => {
    expect(checks.length).toBeGreaterThan(20);
    expect(checks.filter((c) => c.passes < 10).map((c) => c.name)).toEqual([]);
    expect(checks.filter((c) => c.violations.length)).toEqual([]);
    expect(checks.filter((c) => c.horizontalScrollAt375).map((c) => c.name)).toEqual([]);
  });
});
