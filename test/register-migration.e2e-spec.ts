import { afterAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { dataSourceOptions, ensureSchema, MIGRATIONS } from '#libs/store';
import { cleanUp, testConfig } from './support/environment.js';

/** Migration 1700000000005 on a database that already holds decisions: they keep their meaning and get numbers in creation order. */
describe('public register migration', () => {
  const config = testConfig();
  const settings = { url: config.databaseUrl!, schema: config.databaseSchema };
  afterAll(() => cleanUp(config));

  it('numbers existing decisions by creation, numbers new ones after them, and indexes public text', async () => {
    await ensureSchema(settings);
    const before = await new DataSource({ ...dataSourceOptions(settings), migrations: MIGRATIONS.slice(0, 2) } as never).initialize();
    await before.runMigrations();
    const insert = (reference: string, title: string, createdAt: string) =>
      before.query(
        `INSERT INTO decisions (reference, version, state, lifecycle, title, decision_maker_title, author_user_id, author_name, is_key_decision, is_subject_to_call_in, urgency, purpose, created_at)
         VALUES ($1, 1, 'effective', '{}', $2, 'Director', 'u1', 'Secret Author', false, false, 'none', 'Early help capacity', $3)`,
        [reference, title, createdAt],
      );
    await insert('B', 'Second staffing decision', '2021-02-01T00:00:00Z');
    await insert('A', 'First staffing decision', '2020-11-18T00:00:00Z');
    await before.destroy();

    const after = await new DataSource(dataSourceOptions(settings)).initialize();
    try {
      await after.runMigrations();
      expect(await after.query(`SELECT reference, public_number::int AS n, state, title FROM decisions ORDER BY n`)).toEqual([
        { reference: 'A', n: 1, state: 'effective', title: 'First staffing decision' },
        { reference: 'B', n: 2, state: 'effective', title: 'Second staffing decision' },
      ]);
      await after.query(
        `INSERT INTO decisions (reference, version, state, lifecycle, title, decision_maker_title, author_user_id, author_name, is_key_decision, is_subject_to_call_in, urgency)
         VALUES ('C', 1, 'draft', '{}', 'Third', 'Director', 'u1', 'Secret Author', false, false, 'none')`,
      );
      expect((await after.query(`SELECT public_number::int AS n FROM decisions WHERE reference = 'C'`))[0].n).toBe(3);
      expect(await after.query(`SELECT reference FROM decisions WHERE search @@ websearch_to_tsquery('english', 'staffing capacity') ORDER BY reference`)).toEqual([{ reference: 'A' }, { reference: 'B' }]);
      expect(await after.query(`SELECT reference FROM decisions WHERE search @@ websearch_to_tsquery('english', 'secret author')`)).toEqual([]);
    } finally {
      await after.destroy();
    }
  });
});
