import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { HistoryHashChain1700000000006 } from '../libs/store/src/migrations/1700000000006-history-hash-chain.js';
import { cleanUp, testConfig } from './support/environment.js';
import { startApi, USERS, type TestApi } from './support/api.js';
import { OLDHAM } from './fixtures/seed-decisions.js';

/** Tamper-evident history: editing, rewriting or deleting an entry in the database is found, and located. */
describe('history hash chain', () => {
  const config = testConfig();
  let api: TestApi;
  let db: DataSource;
  let id: string;

  const verify = async () => (await api.as(USERS.officer).get(`/api/decisions/${id}/history/verify`).expect(200)).body;
  const history = async () => (await api.as(USERS.officer).get(`/api/decisions/${id}/history`).expect(200)).body as { seq: number; hash: string; payload: object }[];

  beforeAll(async () => {
    api = await startApi(config);
    db = api.app.get(DataSource);
    id = (await api.as(USERS.officer).post('/api/decisions', { ...OLDHAM, reference: 'TAMPER-1' }).expect(201)).body.id;
    await api.as(USERS.officer).post(`/api/decisions/${id}/submit`).expect(200);
    await api.as(USERS.hr).post(`/api/decisions/${id}/sign-off`, { area: 'hr', comments: 'HR content' }).expect(200);
    await api.as(USERS.finance).post(`/api/decisions/${id}/request-changes`, { area: 'finance', comments: 'cost it' }).expect(200);
    await api.as(USERS.officer).patch(`/api/decisions/${id}`, { reasons: 'costed' }).expect(200);
  });
  afterAll(async () => {
    await api?.app.close();
    await cleanUp(config);
  });

  it('proves an untouched history, each entry chained to the one before', async () => {
    const entries = await history();
    expect(entries.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(new Set(entries.map((e) => e.hash)).size).toBe(5);
    entries.forEach((e) => expect(e.hash).toMatch(/^[0-9a-f]{64}$/));
    expect(await verify()).toEqual({ valid: true, entries: 5, head: entries[4].hash });
  });

  it('finds an edited entry and says which; putting it back makes the chain whole again', async () => {
    const [{ payload }] = await db.query(`SELECT payload FROM decision_history WHERE decision_id = $1 AND seq = 3`, [id]);
    await db.query(`UPDATE decision_history SET payload = jsonb_set(payload, '{comments}', '"HR content (approved by me)"') WHERE decision_id = $1 AND seq = 3`, [id]);
    expect(await verify()).toMatchObject({ valid: false, brokenAt: { seq: 3, reason: expect.stringMatching(/entry 3 does not match its hash/) } });
    await db.query(`UPDATE decision_history SET payload = $2 WHERE decision_id = $1 AND seq = 3`, [id, payload]);
    expect((await verify()).valid).toBe(true);
  });

  it('finds an entry rewritten with a freshly computed hash at the entry after it', async () => {
    const [before] = await db.query(`SELECT actor_name, hash FROM decision_history WHERE decision_id = $1 AND seq = 2`, [id]);
    await db.query(
      `UPDATE decision_history h SET actor_name = 'Somebody Else',
         hash = decision_history_hash((SELECT hash FROM decision_history WHERE decision_id = h.decision_id AND seq = 1), h.decision_id, h.seq, h.type, h.at, h.actor_user_id, 'Somebody Else', h.from_state, h.to_state, h.payload)
       WHERE decision_id = $1 AND seq = 2`,
      [id],
    );
    expect(await verify()).toMatchObject({ valid: false, brokenAt: { seq: 3, reason: expect.stringMatching(/entry 3 .*entry 2 before it/) } });
    await db.query(`UPDATE decision_history SET actor_name = $2, hash = $3 WHERE decision_id = $1 AND seq = 2`, [id, before.actor_name, before.hash]);
    expect((await verify()).valid).toBe(true);
  });

  it('finds deleted entries, in the middle or at the end', async () => {
    const rows = await db.query(`SELECT * FROM decision_history WHERE decision_id = $1 ORDER BY seq`, [id]);
    await db.query(`DELETE FROM decision_history WHERE decision_id = $1 AND seq = 4`, [id]);
    expect(await verify()).toMatchObject({ valid: false, brokenAt: { seq: 4, reason: expect.stringMatching(/entry 4 is missing/) } });
    await db.query(`DELETE FROM decision_history WHERE decision_id = $1 AND seq = 5`, [id]);
    expect(await verify()).toMatchObject({ valid: false, brokenAt: { seq: 4, reason: expect.stringMatching(/entries 4 to 5 are missing/) } });
    for (const r of rows.slice(3)) {
      await db.query(
        `INSERT INTO decision_history (decision_id, seq, type, at, actor_user_id, actor_name, from_state, to_state, payload, hash) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)`,
        [r.decision_id, r.seq, r.type, r.at, r.actor_user_id, r.actor_name, r.from_state, r.to_state, r.payload, r.hash],
      );
    }
    expect((await verify()).valid).toBe(true);
  });

  it('is read under the same permission as the history', async () => {
    await api.as(USERS.otherOfficer).get(`/api/decisions/${id}/history/verify`).expect(403);
    await api.anonymous().get(`/api/decisions/${id}/history/verify`).expect(401);
  });

  it('the migration chains entries written before it, to the same hashes', async () => {
    const hashes = (await history()).map((e) => e.hash);
    // Its own down and up, whatever migrations other parts have added since.
    const migration = new HistoryHashChain1700000000006();
    const runner = db.createQueryRunner();
    await migration.down(runner);
    const columns = await db.query(`SELECT column_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = 'decision_history'`, [config.databaseSchema]);
    expect(columns.map((c: { column_name: string }) => c.column_name)).not.toContain('hash');
    await migration.up(runner);
    await runner.release();
    expect((await history()).map((e) => e.hash)).toEqual(hashes);
    expect((await verify()).valid).toBe(true);
  });
});
