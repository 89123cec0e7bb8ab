import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Reminders: when a decision entered its state, the notification outbox/log, and single-use action links. */
export class Notifications1700000000001 implements MigrationInterface {
  name = 'Notifications1700000000001';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE decisions ADD COLUMN state_entered_at timestamptz NOT NULL DEFAULT now()`);
    await db.query(`ALTER TABLE decisions ADD COLUMN planned_determination_at date`);
    await db.query(`
      CREATE TABLE notifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        decision_id uuid NOT NULL REFERENCES decisions (id) ON DELETE CASCADE,
        timer_id text,
        kind text NOT NULL,
        channel text NOT NULL CHECK (channel IN ('email', 'webhook')),
        recipient text NOT NULL,
        subject text NOT NULL,
        payload jsonb NOT NULL DEFAULT '{}',
        idempotency_key text NOT NULL UNIQUE,
        status text NOT NULL CHECK (status IN ('pending', 'sent', 'dead')),
        attempts int NOT NULL DEFAULT 0,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz
      )`);
    await db.query(`CREATE INDEX notifications_decision_idx ON notifications (decision_id, created_at)`);
    await db.query(`CREATE INDEX notifications_pending_idx ON notifications (created_at) WHERE status = 'pending'`);
    await db.query(`
      CREATE TABLE used_action_links (
        jti text PRIMARY KEY,
        decision_id uuid NOT NULL REFERENCES decisions (id) ON DELETE CASCADE,
        user_id text NOT NULL,
        action text NOT NULL,
        used_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE used_action_links`);
    await db.query(`DROP TABLE notifications`);
    await db.query(`ALTER TABLE decisions DROP COLUMN planned_determination_at`);
    await db.query(`ALTER TABLE decisions DROP COLUMN state_entered_at`);
  }
}
