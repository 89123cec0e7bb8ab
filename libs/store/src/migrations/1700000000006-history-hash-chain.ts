import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tamper-evident history: each entry carries a SHA-256 over its content and the previous entry's hash.
 * One SQL function computes it, both in the INSERT that appends an entry and in verification, so the two
 * can never disagree about what is hashed. Existing entries are chained here, oldest first per decision.
 *
 * What is hashed: the JSON array [previous hash (null for the first), decision id, seq, type, at (UTC,
 * microseconds), actor id, actor name, from state, to state, payload] as PostgreSQL's jsonb prints it — a
 * canonical form (keys sorted, one spelling per value), so the hash does not depend on how a client wrote it.
 */
export class HistoryHashChain1700000000006 implements MigrationInterface {
  name = 'HistoryHashChain1700000000006';

  async up(db: QueryRunner): Promise<void> {
    // Chaining a long history may take longer than one request's statement timeout.
    await db.query(`SET LOCAL statement_timeout = 0`);
    await db.query(`
      CREATE FUNCTION decision_history_hash(prev text, decision_id uuid, seq int, type text, at timestamptz,
                                            actor_user_id text, actor_name text, from_state text, to_state text, payload jsonb)
      RETURNS text LANGUAGE sql STABLE AS $$
        SELECT encode(sha256(convert_to(jsonb_build_array(
          prev, decision_id::text, seq, type, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
          actor_user_id, actor_name, from_state, to_state, payload)::text, 'UTF8')), 'hex')
      $$`);
    await db.query(`ALTER TABLE decision_history ADD COLUMN hash text`);
    await db.query(`
      DO $$
      DECLARE r record; prev text; current_decision uuid;
      BEGIN
        FOR r IN SELECT * FROM decision_history ORDER BY decision_id, seq LOOP
          IF current_decision IS DISTINCT FROM r.decision_id THEN prev := NULL; current_decision := r.decision_id; END IF;
          prev := decision_history_hash(prev, r.decision_id, r.seq, r.type, r.at, r.actor_user_id, r.actor_name, r.from_state, r.to_state, r.payload);
          UPDATE decision_history SET hash = prev WHERE id = r.id;
        END LOOP;
      END $$`);
    await db.query(`ALTER TABLE decision_history ALTER COLUMN hash SET NOT NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE decision_history DROP COLUMN hash`);
    await db.query(`DROP FUNCTION decision_history_hash(text, uuid, int, text, timestamptz, text, text, text, text, jsonb)`);
  }
}
