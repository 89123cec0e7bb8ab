import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Decisions, their consultations, their history and their timers. Unqualified names: search_path picks the schema. */
export class Initial1700000000000 implements MigrationInterface {
  name = 'Initial1700000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE SEQUENCE decision_reference_seq`);
    await db.query(`
      CREATE TABLE decisions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        reference text NOT NULL UNIQUE,
        version int NOT NULL,
        state text NOT NULL,
        lifecycle jsonb NOT NULL,
        title text NOT NULL,
        decision_maker_title text NOT NULL,
        decision_maker_user_id text,
        author_user_id text NOT NULL,
        author_name text NOT NULL,
        is_key_decision boolean NOT NULL,
        is_subject_to_call_in boolean NOT NULL,
        urgency text NOT NULL CHECK (urgency IN ('none', 'general-exception', 'special-urgency')),
        forward_plan_notice_at date,
        purpose text NOT NULL DEFAULT '',
        recommendations jsonb NOT NULL DEFAULT '[]',
        reasons text NOT NULL DEFAULT '',
        alternative_options jsonb NOT NULL DEFAULT '[]',
        contact jsonb,
        funding jsonb NOT NULL DEFAULT '[]',
        conflicts_of_interest text,
        dispensation text,
        wards_affected jsonb NOT NULL DEFAULT '[]',
        other_consulted text,
        decision_text text,
        decided_at date,
        published_at date,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX decisions_state_idx ON decisions (state)`);
    await db.query(`CREATE INDEX decisions_decision_maker_idx ON decisions (decision_maker_user_id)`);
    await db.query(`CREATE INDEX decisions_author_idx ON decisions (author_user_id)`);
    await db.query(`
      CREATE TABLE consultations (
        decision_id uuid NOT NULL REFERENCES decisions (id) ON DELETE CASCADE,
        area text NOT NULL,
        position int NOT NULL,
        label text NOT NULL,
        assignee_user_id text,
        status text NOT NULL CHECK (status IN ('pending', 'signed-off', 'changes-requested')),
        by text,
        at timestamptz,
        comments text,
        PRIMARY KEY (decision_id, area)
      )`);
    await db.query(`CREATE INDEX consultations_assignee_idx ON consultations (assignee_user_id)`);
    await db.query(`
      CREATE TABLE decision_history (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        decision_id uuid NOT NULL REFERENCES decisions (id) ON DELETE CASCADE,
        seq int NOT NULL,
        type text NOT NULL,
        at timestamptz NOT NULL,
        actor_user_id text NOT NULL,
        actor_name text NOT NULL,
        from_state text,
        to_state text NOT NULL,
        payload jsonb NOT NULL DEFAULT '{}',
        UNIQUE (decision_id, seq)
      )`);
    await db.query(`
      CREATE TABLE timers (
        id text PRIMARY KEY CHECK (id !~ ':'),
        decision_id uuid NOT NULL REFERENCES decisions (id) ON DELETE CASCADE,
        kind text NOT NULL,
        due_at timestamptz NOT NULL,
        status text NOT NULL CHECK (status IN ('pending', 'fired', 'cancelled')),
        payload jsonb NOT NULL DEFAULT '{}',
        enqueued_at timestamptz,
        settled_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX timers_pending_idx ON timers (due_at) WHERE status = 'pending'`);
    await db.query(`CREATE INDEX timers_decision_idx ON timers (decision_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE timers`);
    await db.query(`DROP TABLE decision_history`);
    await db.query(`DROP TABLE consultations`);
    await db.query(`DROP TABLE decisions`);
    await db.query(`DROP SEQUENCE decision_reference_seq`);
  }
}
