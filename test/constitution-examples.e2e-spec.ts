import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { addDays, londonDateOf, londonTimeOf } from '#libs/calendar';
import { REGISTER_CASES } from './fixtures/register-cases.js';
import { startApi, USERS, type TestApi } from './support/api.js';
import { cleanUp, testConfig } from './support/environment.js';

/**
 * Each shipped constitution example, given as COUNCIL_CONFIG to a running API, reproduces its council's
 * published dates through GET /api/calendar/call-in-deadline.
 */
describe.each(Object.entries(REGISTER_CASES))('%s, from docs/constitutions', (_council, { file, reads, cases }) => {
  const config = testConfig({ COUNCIL_CONFIG: join(process.cwd(), 'docs', 'constitutions', file) });
  let api: TestApi | undefined;
  const client = async () => (api ??= await startApi(config));
  afterAll(async () => {
    await api?.app.close();
    await cleanUp(config);
  });

  it.each(cases)('$reference: published $publishedAt, effective from $effectiveFrom', async ({ publishedAt, effectiveFrom }) => {
    const res = await (await client()).as(USERS.officer).get(`/api/calendar/call-in-deadline?publishedAt=${publishedAt}`).expect(200);
    expect(res.body.rule).toMatchObject(config.council.callInRule);
    if (reads === 'day-after-4pm-expiry') {
      // Salford: effective at 4pm on the fifth working day; the register shows the first whole day after it.
      expect(londonTimeOf(res.body.effectiveAt)).toBe('16:00');
      expect(addDays(londonDateOf(res.body.effectiveAt), 1)).toBe(effectiveFrom);
    } else {
      expect(londonDateOf(res.body.effectiveAt)).toBe(effectiveFrom);
    }
    expect(res.body.effectiveAt >= res.body.deadline).toBe(true);
  });
});
