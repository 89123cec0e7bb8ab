import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Decisions imported from an existing register's "Decision details" records: where each came from and the
 * record's fields that have no column of their own (`imported`), and the key that makes a record import
 * once (`import_key`: its reference, or with none its title, decision maker and date of decision).
 */
export class ImportedRecords1700000000009 implements MigrationInterface {
  name = 'ImportedRecords1700000000009';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE decisions ADD COLUMN imported jsonb`);
    await db.query(`ALTER TABLE decisions ADD COLUMN import_key text`);
    await db.query(`CREATE UNIQUE INDEX decisions_import_key_idx ON decisions (import_key) WHERE import_key IS NOT NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX decisions_import_key_idx`);
    await db.query(`ALTER TABLE decisions DROP COLUMN import_key`);
    await db.query(`ALTER TABLE decisions DROP COLUMN imported`);
  }
}
