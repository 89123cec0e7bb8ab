import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Clocks and deliveries keyed on a subject (subject_type, subject_id) instead of decision_id, so every
 * aggregate (decisions, staffing arrangements …) shares one timer mechanism and one outbox. Every existing
 * row moves to subject ('decision', its decision_id): the same rows, the same meaning. Also: the indexes the
 * horizon relay and reconciler read, and the claim (lease) of a delivery being sent.
 */
export class Subjects1700000000002 implements MigrationInterface {
  name = 'Subjects1700000000002';

  async up(db: QueryRunner): Promise<void> {
    const before = await counts(db);

    await db.query(`ALTER TABLE timers ADD COLUMN subject_type text, ADD COLUMN subject_id uuid`);
    await db.query(`UPDATE timers SET subject_type = 'decision', subject_id = decision_id`);
    await db.query(`ALTER TABLE timers ALTER COLUMN subject_type SET NOT NULL, ALTER COLUMN subject_id SET NOT NULL`);
    await db.query(`ALTER TABLE timers DROP COLUMN decision_id`); // its foreign key and index go with it
    // Ids are compared byte by byte: they have no human order, and "C" comparisons cost far less CPU than a locale's.
    await db.query(`ALTER TABLE timers ALTER COLUMN id TYPE text COLLATE "C"`);
    await db.query(`DROP INDEX IF EXISTS timers_pending_idx`);
    // Every index but the key is over pending rows only: settling a timer adds nothing to them, and the
    // millions of settled rows years of use leave behind cost them nothing.
    await db.query(`CREATE INDEX timers_subject_pending_idx ON timers (subject_type, subject_id) WHERE status = 'pending'`);
    // (status, due_at) for status = 'pending': the reconciler (due within the horizon) and the health check (oldest overdue).
    await db.query(`CREATE INDEX timers_status_due_idx ON timers (status, due_at) WHERE status = 'pending'`);
    // The relay: pending timers not yet handed to the queue, by due time.
    await db.query(`CREATE INDEX timers_unqueued_idx ON timers (due_at) WHERE status = 'pending' AND enqueued_at IS NULL`);

    await db.query(`ALTER TABLE notifications ADD COLUMN subject_type text, ADD COLUMN subject_id uuid, ADD COLUMN claim_token uuid, ADD COLUMN lease_until timestamptz`);
    await db.query(`UPDATE notifications SET subject_type = 'decision', subject_id = decision_id`);
    await db.query(`ALTER TABLE notifications ALTER COLUMN subject_type SET NOT NULL, ALTER COLUMN subject_id SET NOT NULL`);
    await db.query(`ALTER TABLE notifications DROP COLUMN decision_id`);
    await db.query(`CREATE INDEX notifications_subject_idx ON notifications (subject_type, subject_id, created_at)`);
    await db.query(`ALTER TABLE notifications DROP CONSTRAINT IF EXISTS notifications_status_check`);
    await db.query(`ALTER TABLE notifications ADD CONSTRAINT notifications_status_check CHECK (status IN ('pending', 'sending', 'sent', 'dead'))`);
    await db.query(`DROP INDEX IF EXISTS notifications_pending_idx`);
    await db.query(`CREATE INDEX notifications_unsent_idx ON notifications (id) WHERE status IN ('pending', 'sending')`);

    const after = await counts(db);
    if (before.timers !== after.timers || before.notifications !== after.notifications) {
      throw new Error(`subjects migration changed row counts: ${JSON.stringify(before)} → ${JSON.stringify(after)}`);
    }
  }

  async down(db: QueryRunner): Promise<void> {
    const [{ n }] = await db.query(
      `SELECT (SELECT count(*) FROM timers WHERE subject_type <> 'decision') + (SELECT count(*) FROM notifications WHERE subject_type <> 'decision') AS n`,
    );
    if (Number(n) > 0) throw new Error(`cannot go back: ${n} timer/notification rows belong to subjects other than decisions`);
    await db.query(`UPDATE notifications SET status = 'pending' WHERE status = 'sending'`);
    await db.query(`DROP INDEX notifications_unsent_idx`);
    await db.query(`CREATE INDEX notifications_pending_idx ON notifications (created_at) WHERE status = 'pending'`);
    await db.query(`ALTER TABLE notifications DROP CONSTRAINT notifications_status_check`);
    await db.query(`ALTER TABLE notifications ADD CONSTRAINT notifications_status_check CHECK (status IN ('pending', 'sent', 'dead'))`);
    await db.query(`ALTER TABLE notifications ADD COLUMN decision_id uuid REFERENCES decisions (id) ON DELETE CASCADE`);
    await db.query(`UPDATE notifications SET decision_id = subject_id`);
    await db.query(`ALTER TABLE notifications ALTER COLUMN decision_id SET NOT NULL`);
    await db.query(`DROP INDEX notifications_subject_idx`);
    await db.query(`ALTER TABLE notifications DROP COLUMN subject_type, DROP COLUMN subject_id, DROP COLUMN claim_token, DROP COLUMN lease_until`);
    await db.query(`CREATE INDEX notifications_decision_idx ON notifications (decision_id, created_at)`);

    await db.query(`DROP INDEX timers_unqueued_idx`);
    await db.query(`DROP INDEX timers_status_due_idx`);
    await db.query(`DROP INDEX timers_subject_pending_idx`);
    await db.query(`ALTER TABLE timers ADD COLUMN decision_id uuid REFERENCES decisions (id) ON DELETE CASCADE`);
    await db.query(`UPDATE timers SET decision_id = subject_id`);
    await db.query(`ALTER TABLE timers ALTER COLUMN decision_id SET NOT NULL`);
    await db.query(`ALTER TABLE timers DROP COLUMN subject_type, DROP COLUMN subject_id`);
    await db.query(`CREATE INDEX timers_pending_idx ON timers (due_at) WHERE status = 'pending'`);
    await db.query(`CREATE INDEX timers_decision_idx ON timers (decision_id)`);
    await db.query(`ALTER TABLE timers ALTER COLUMN id TYPE text COLLATE "default"`);
  }
}

async function counts(db: QueryRunner): Promise<{ timers: number; notifications: number }> {
  const [row] = await db.query(`SELECT (SELECT count(*) FROM timers)::int AS timers, (SELECT count(*) FROM notifications)::int AS notifications`);
  return row;
}
