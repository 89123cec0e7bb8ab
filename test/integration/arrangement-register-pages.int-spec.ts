import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DecisionService } from '#libs/decisions';
import type { Actor } from '#libs/lifecycle';
import { ArrangementRepository, TransactionRunner, sql, type ArrangementFilter } from '#libs/store';
import { cleanUp, testConfig } from '../support/environment.js';
import { startServices, type Services } from '../support/services.js';

const officer: Actor = { userId: 'u-officer', name: 'Officer', roles: ['officer'] };

/**
 * HR's register reads a page without reading every match (ArrangementRepository.list with a page): every
 * page must be exactly the slice of the whole ordered list, with ties on the resolved end (ordered by the
 * decision reference, then position), unknown ends and overdue ones first.
 */
describe('the arrangements register, a page at a time (PostgreSQL)', () => {
  const config = testConfig();
  let services: Services;
  let db: TransactionRunner;

  beforeAll(async () => {
    services = await startServices(config, { now: '2026-03-02T10:00:00.000Z' });
    db = services.app.get(TransactionRunner);
    const decisions = services.app.get(DecisionService);
    const ends = ['2026-04-30', '2026-04-30', '2026-05-31', null, '2026-04-30', '2026-03-31', null];
    for (const [n, reference] of ['PAGES-3', 'PAGES-1', 'PAGES-2'].entries()) {
      await decisions.create(
        {
          reference,
          title: `Posts ${reference}`,
          decisionMaker: { title: 'Director', userId: 'u-dm' },
          isKeyDecision: false,
          isSubjectToCallIn: false,
          urgency: 'none',
          consultees: [],
          staffingArrangements: ends.map((end, i) => ({
            kind: 'agency',
            title: `Post ${i}`,
            start: end ? '2026-03-01' : null,
            end: end ?? null,
            duration: end ? null : 'P6M',
            manager: { name: `Manager ${(i + n) % 2}`, userId: null, email: null },
          })),
        } as never,
        officer,
      );
    }
    // Some overdue (they come first whatever their end), as the register's columns would say.
    await db.read((tx) => sql(tx, `UPDATE arrangements SET state = 'overdue' WHERE position IN (2, 5)`));
  });
  afterAll(async () => {
    await services?.app.close();
    await cleanUp(config);
  });

  const filters: ArrangementFilter[] = [{}, { endingBefore: '2026-05-01' }, { states: ['overdue', 'planned'], endingBefore: '2026-06-01' }, { manager: 'manager 1' }];

  it('gives every page as the slice of the whole list, and counts what the whole list holds', async () => {
    await db.read(async (tx) => {
      const rows = new ArrangementRepository(tx);
      for (const filter of filters) {
        const all = (await rows.list(filter)).map((a) => a.id);
        expect(await rows.count(filter)).toBe(all.length);
        expect(all.length).toBeGreaterThan(2);
        for (const limit of [1, 2, 3, 5, 100]) {
          for (let offset = 0; offset <= all.length + limit; offset += limit) {
            const page = (await rows.list(filter, { offset, limit })).map((a) => a.id);
            expect({ filter, limit, offset, page }).toEqual({ filter, limit, offset, page: all.slice(offset, offset + limit) });
          }
        }
      }
    });
  });
});
