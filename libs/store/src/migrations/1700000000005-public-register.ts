import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The public register: a stable public number per decision (the `ID=` of ieDecisionDetails.aspx; existing
 * decisions are numbered in the order they were created) and a full-text index over the record's public
 * fields only — never the author, assignees or consultees' comments.
 */
export class PublicRegister1700000000005 implements MigrationInterface {
  name = 'PublicRegister1700000000005';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE SEQUENCE decision_public_number_seq`);
    await db.query(`ALTER TABLE decisions ADD COLUMN public_number bigint`);
    await db.query(`
      UPDATE decisions d SET public_number = n.rn
      FROM (SELECT id, row_number() OVER (ORDER BY created_at, id) AS rn FROM decisions) n
      WHERE d.id = n.id`);
    await db.query(`SELECT setval('decision_public_number_seq', COALESCE((SELECT max(public_number) FROM decisions), 0) + 1, false)`);
    await db.query(`ALTER TABLE decisions ALTER COLUMN public_number SET DEFAULT nextval('decision_public_number_seq')`);
    await db.query(`ALTER TABLE decisions ALTER COLUMN public_number SET NOT NULL`);
    await db.query(`ALTER SEQUENCE decision_public_number_seq OWNED BY decisions.public_number`);
    await db.query(`CREATE UNIQUE INDEX decisions_public_number_idx ON decisions (public_number)`);
    await db.query(`
      ALTER TABLE decisions ADD COLUMN search tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english', reference), 'A') ||
        setweight(to_tsvector('english', title), 'A') ||
        setweight(to_tsvector('english', decision_maker_title), 'B') ||
        setweight(to_tsvector('english', purpose), 'C') ||
        setweight(to_tsvector('english', coalesce(decision_text, '')), 'C') ||
        setweight(jsonb_to_tsvector('english', recommendations, '["string"]'), 'C') ||
        setweight(to_tsvector('english', reasons), 'D') ||
        setweight(jsonb_to_tsvector('english', alternative_options, '["string"]'), 'D') ||
        setweight(jsonb_to_tsvector('english', wards_affected, '["string"]'), 'D')
      ) STORED`);
    await db.query(`CREATE INDEX decisions_search_idx ON decisions USING gin (search)`);
    await db.query(`CREATE INDEX decisions_published_at_idx ON decisions (published_at)`);
    await db.query(`CREATE INDEX decisions_decided_at_idx ON decisions (decided_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX decisions_decided_at_idx`);
    await db.query(`DROP INDEX decisions_published_at_idx`);
    await db.query(`ALTER TABLE decisions DROP COLUMN search`);
    await db.query(`ALTER TABLE decisions DROP COLUMN public_number`);
  }
}
