import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * HR's "ending in the next 8 weeks" (My work, and the register filtered by state and "ending before"): the
 * running arrangements whose resolved end is before a date. arrangements_register_idx leads with
 * (state = 'overdue'), so it cannot find those rows by state; without this index PostgreSQL read the whole
 * table (a sequential scan, at 1,000,000 decisions about 110,000 arrangements, most of them long ended, for a
 * few thousand; the page's plan walked arrangements_register_idx through every ended row). With it, the
 * states asked for are each a range of resolved ends in one index, and with the id included the count and
 * the page's order by (overdue, resolved end) are read from the index alone (ArrangementRepository.list).
 */
export class ArrangementStateEnd1700000000010 implements MigrationInterface {
  name = 'ArrangementStateEnd1700000000010';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE INDEX arrangements_state_end_idx ON arrangements (state, resolved_end) INCLUDE (id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX arrangements_state_end_idx`);
  }
}
