import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Temporary staffing arrangements (issue 6): one row per arrangement, keyed on the decision that approved it,
 * and its own append-only history. The statechart's data is one jsonb column (the machine's context, restored
 * as it was saved); the columns beside it are copies for the register's filters and order (state, resolved end,
 * manager), written in the same statement. Its clocks are rows in `timers` with subject_type 'arrangement'.
 */
export class Arrangements1700000000007 implements MigrationInterface {
  name = 'Arrangements1700000000007';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE arrangements (
        id uuid PRIMARY KEY,
        decision_id uuid NOT NULL REFERENCES decisions (id) ON DELETE CASCADE,
        position int NOT NULL,
        state text NOT NULL,
        version int NOT NULL,
        data jsonb NOT NULL,
        resolved_start date,
        resolved_end date,
        manager_name text,
        manager_user_id text,
        manager_email text,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await db.query(`CREATE INDEX arrangements_decision_idx ON arrangements (decision_id, position)`);
    // The register: overdue first, then by resolved end (GET /api/arrangements).
    await db.query(`CREATE INDEX arrangements_register_idx ON arrangements ((state = 'overdue') DESC, resolved_end, id)`);
    await db.query(`
      CREATE TABLE arrangement_history (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        arrangement_id uuid NOT NULL REFERENCES arrangements (id) ON DELETE CASCADE,
        seq int NOT NULL,
        type text NOT NULL,
        at timestamptz NOT NULL,
        actor_user_id text NOT NULL,
        actor_name text NOT NULL,
        from_state text,
        to_state text NOT NULL,
        payload jsonb NOT NULL DEFAULT '{}',
        UNIQUE (arrangement_id, seq)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DELETE FROM timers WHERE subject_type = 'arrangement'`);
    await db.query(`DELETE FROM notifications WHERE subject_type = 'arrangement'`);
    await db.query(`DROP TABLE arrangement_history`);
    await db.query(`DROP TABLE arrangements`);
  }
}
