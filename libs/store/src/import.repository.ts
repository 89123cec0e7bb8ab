import { sql, type Tx } from './sql.js';

/** What identifies an imported record (libs/records `duplicateKey` and the fields it is made of). */
export interface ImportIdentity {
  key: string;
  reference: string | null;
  title: string;
  decisionMaker: string;
  /** YYYY-MM-DD */
  dateOfDecision: string | null;
}

/** Reads for importing records; every method runs on the caller's transaction. */
export class ImportRepository {
  constructor(private readonly db: Tx) {}

  /**
   * Serialises imports of the same record until the transaction ends, so the duplicate check below cannot
   * race another import of it (and a refused duplicate never reaches the INSERT, which would use up sequence values).
   */
  async lockKey(key: string): Promise<void> {
    await sql(this.db, `SELECT pg_advisory_xact_lock(hashtextextended($1, 7))`, [`import:${key}`]);
  }

  /**
   * The decision this record would duplicate, if any: one imported with the same key, one with the same
   * reference (any case), or — for a record with none — one with the same title, decision maker and date of
   * decision (or planned date), compared without case or spacing mattering.
   */
  async duplicateOf(r: ImportIdentity): Promise<{ id: string; reference: string } | null> {
    const norm = (column: string) => `lower(btrim(regexp_replace(${column}, '\\s+', ' ', 'g')))`;
    const { rows } = await sql<{ id: string; reference: string }>(
      this.db,
      `SELECT id, reference FROM decisions
        WHERE import_key = $1
           OR ($2::text IS NOT NULL AND lower(reference) = lower($2::text))
           OR ($2::text IS NULL AND ${norm('title')} = $3 AND ${norm('decision_maker_title')} = $4
               AND COALESCE(decided_at, planned_determination_at) IS NOT DISTINCT FROM $5::date)
        ORDER BY created_at LIMIT 1`,
      [r.key, r.reference, r.title.toLowerCase().replace(/\s+/g, ' ').trim(), r.decisionMaker.toLowerCase().replace(/\s+/g, ' ').trim(), r.dateOfDecision],
    );
    return rows[0] ?? null;
  }
}
