import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * "For Determination for me" (a decision maker's "waiting on me", and GET /api/decisions?assignedTo=me):
 * the decisions in a state whose decision maker is the caller. With an index on the decision maker alone,
 * PostgreSQL intersected it with every decision in the state (at 1,000,000 decisions a bitmap of 20,000 rows
 * from the state index, for 100), once for the page and once for its count. Keyed on (decision maker, state),
 * one index scan finds exactly them. It replaces the index on the decision maker alone, which it covers as a
 * prefix, so a change of state still maintains one index, not two.
 */
export class DecisionMakerState1700000000011 implements MigrationInterface {
  name = 'DecisionMakerState1700000000011';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE INDEX decisions_decision_maker_state_idx ON decisions (decision_maker_user_id, state)`);
    await db.query(`DROP INDEX decisions_decision_maker_idx`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`CREATE INDEX decisions_decision_maker_idx ON decisions (decision_maker_user_id)`);
    await db.query(`DROP INDEX decisions_decision_maker_state_idx`);
  }
}
