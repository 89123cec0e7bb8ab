import type { PersistedArrangement } from '#libs/arrangements';
import { sql, type Tx } from './sql.js';

/** An arrangement as every change reads and writes it, with what it shows of the decision that approved it. */
export interface StoredArrangement {
  id: string;
  decisionId: string;
  /** Its place in the decision's `staffingArrangements`. */
  position: number;
  version: number;
  arrangement: PersistedArrangement;
  decision: { reference: string; title: string; decidedAt: string | null; state: string; authorUserId: string };
}

/** The copies of the statechart's data kept as columns, for the register's filters and order. */
export interface ArrangementColumns {
  resolvedStart: string | null;
  resolvedEnd: string | null;
  manager: { name: string | null; userId: string | null; email: string | null };
}

export interface ArrangementHistoryRow {
  seq: number;
  type: string;
  at: Date;
  actorUserId: string;
  actorName: string;
  fromState: string | null;
  toState: string;
  payload: Record<string, unknown>;
}

export interface ArrangementFilter {
  states?: string[];
  /** YYYY-MM-DD: resolved end strictly before it. */
  endingBefore?: string;
  /** A manager's name, user id or email (case-insensitive). */
  manager?: string;
  decisionId?: string;
  /** Only those this user manages (a manager reading their own). */
  managedBy?: string;
}

class StaleArrangement extends Error {}

const COLUMNS = `a.id, a.decision_id, a.position, a.version, a.state, a.data,
  d.reference, d.title, to_char(d.decided_at, 'YYYY-MM-DD') AS decided_at, d.state AS decision_state, d.author_user_id`;

interface Row {
  id: string;
  decision_id: string;
  position: number;
  version: number;
  state: string;
  data: PersistedArrangement['context'];
  reference: string;
  title: string;
  decided_at: string | null;
  decision_state: string;
  author_user_id: string;
}

const fromRow = (r: Row): StoredArrangement => ({
  id: r.id,
  decisionId: r.decision_id,
  position: r.position,
  version: r.version,
  arrangement: { state: r.state as PersistedArrangement['state'], context: r.data },
  decision: { reference: r.reference, title: r.title, decidedAt: r.decided_at, state: r.decision_state, authorUserId: r.author_user_id },
});

/** The register's order: overdue first, then by resolved end (unknown ends last), then decision reference and position. */
const ORDER = `ORDER BY (a.state = 'overdue') DESC, a.resolved_end ASC NULLS LAST, d.reference, a.position`;

/** The register's filter as a WHERE clause over `a` (arrangements) and its parameters. */
function whereOf(filter: ArrangementFilter): { where: string; values: unknown[] } {
  const where: string[] = [];
  const values: unknown[] = [];
  const param = (v: unknown) => `$${values.push(v)}`;
  if (filter.states) where.push(`a.state = ANY(${param(filter.states)}::text[])`);
  if (filter.endingBefore) where.push(`a.resolved_end < ${param(filter.endingBefore)}::date`);
  if (filter.decisionId) where.push(`a.decision_id = ${param(filter.decisionId)}::uuid`);
  if (filter.manager) {
    const p = param(filter.manager.toLowerCase());
    where.push(`(lower(a.manager_name) = ${p} OR lower(a.manager_user_id) = ${p} OR lower(a.manager_email) = ${p})`);
  }
  if (filter.managedBy) where.push(`a.manager_user_id = ${param(filter.managedBy)}`);
  return { where: where.length ? `WHERE ${where.join(' AND ')}` : '', values };
}

/** Every statement about arrangements and their history. */
export class ArrangementRepository {
  constructor(private readonly db: Tx) {}

  /** Locks the owning decision's row, then the arrangement's: the one lock order of the engine. */
  async lock(id: string): Promise<StoredArrangement | null> {
    const { rows: owner } = await sql<{ decision_id: string }>(this.db, `SELECT decision_id FROM arrangements WHERE id = $1`, [id], 'arrangement-owner');
    if (!owner[0]) return null;
    await sql(this.db, `SELECT 1 FROM decisions WHERE id = $1 FOR UPDATE`, [owner[0].decision_id], 'arrangement-lock-decision');
    const { rows } = await sql<Row>(this.db, `SELECT ${COLUMNS} FROM arrangements a JOIN decisions d ON d.id = a.decision_id WHERE a.id = $1 FOR UPDATE OF a`, [id], 'arrangement-lock');
    return rows[0] ? fromRow(rows[0]) : null;
  }

  async find(id: string): Promise<StoredArrangement | null> {
    const { rows } = await sql<Row>(this.db, `SELECT ${COLUMNS} FROM arrangements a JOIN decisions d ON d.id = a.decision_id WHERE a.id = $1`, [id]);
    return rows[0] ? fromRow(rows[0]) : null;
  }

  /** The arrangements of these decisions, in their order. */
  async forDecisions(decisionIds: string[]): Promise<StoredArrangement[]> {
    if (decisionIds.length === 0) return [];
    const { rows } = await sql<Row>(
      this.db,
      `SELECT ${COLUMNS} FROM arrangements a JOIN decisions d ON d.id = a.decision_id WHERE a.decision_id = ANY($1::uuid[]) ORDER BY a.decision_id, a.position`,
      [decisionIds],
    );
    return rows.map(fromRow);
  }

  /** States of a decision's arrangements (whether it may close). */
  async statesOf(decisionId: string): Promise<{ id: string; state: string }[]> {
    const { rows } = await sql<{ id: string; state: string }>(this.db, `SELECT id, state FROM arrangements WHERE decision_id = $1 ORDER BY position`, [decisionId]);
    return rows;
  }

  /**
   * Every arrangement the filter matches: overdue first, then by resolved end (unknown ends last), then by
   * decision reference and position (a total order, so a page is the same slice whether cut here or by the
   * caller). `page`: only those rows.
   */
  async list(filter: ArrangementFilter, page?: { offset: number; limit: number }): Promise<StoredArrangement[]> {
    const { where, values } = whereOf(filter);
    if (!page) {
      const { rows } = await sql<Row>(this.db, `SELECT ${COLUMNS} FROM arrangements a JOIN decisions d ON d.id = a.decision_id ${where} ${ORDER}`, values);
      return rows.map(fromRow);
    }
    // A page without reading every match's row and decision: the order's first keys (overdue, resolved end)
    // are in arrangements_state_end_idx; only the rows up to the page's last one by those keys, and its ties
    // (which the decision reference and position then order), are read by id, joined, sorted and cut. Those
    // rows are a prefix of the whole order that holds the page, so the page is the same. (= ANY(ARRAY(…)):
    // read by primary key, whatever the planner guesses of how many there are.)
    const off = `$${values.push(page.offset)}::bigint`;
    const lim = `$${values.push(page.limit)}::bigint`;
    const { rows } = await sql<Row>(
      this.db,
      `WITH m AS (SELECT a.id, a.state = 'overdue' AS o, a.resolved_end FROM arrangements a ${where}),
            k AS (SELECT o, resolved_end FROM m ORDER BY o DESC, resolved_end ASC NULLS LAST OFFSET ${off} + ${lim} - 1 LIMIT 1),
            c AS (SELECT m.id FROM m LEFT JOIN k ON TRUE
                   WHERE k.o IS NULL OR m.o > k.o OR (m.o = k.o AND (k.resolved_end IS NULL OR m.resolved_end <= k.resolved_end)))
       SELECT ${COLUMNS} FROM arrangements a JOIN decisions d ON d.id = a.decision_id
        WHERE a.id = ANY(ARRAY(SELECT id FROM c))
       ${ORDER} LIMIT ${lim} OFFSET ${off}`,
      values,
    );
    return rows.map(fromRow);
  }

  /** How many arrangements the filter matches (every arrangement has its decision: no join needed). */
  async count(filter: ArrangementFilter): Promise<number> {
    const { where, values } = whereOf(filter);
    const { rows } = await sql<{ n: number }>(this.db, `SELECT count(*)::int AS n FROM arrangements a ${where}`, values);
    return rows[0].n;
  }

  async insert(a: StoredArrangement, columns: ArrangementColumns, at: Date): Promise<void> {
    await sql(
      this.db,
      `INSERT INTO arrangements (id, decision_id, position, state, version, data, resolved_start, resolved_end, manager_name, manager_user_id, manager_email, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12)`,
      [a.id, a.decisionId, a.position, a.arrangement.state, a.version, JSON.stringify(a.arrangement.context), columns.resolvedStart, columns.resolvedEnd, columns.manager.name, columns.manager.userId, columns.manager.email, at],
    );
  }

  /** Writes `after` over the row at `before`'s version (the row is locked; checked anyway). */
  async update(before: StoredArrangement, after: StoredArrangement, columns: ArrangementColumns, at: Date): Promise<void> {
    const { rowCount } = await sql(
      this.db,
      `UPDATE arrangements SET position = $3, state = $4, version = $5, data = $6, resolved_start = $7, resolved_end = $8,
              manager_name = $9, manager_user_id = $10, manager_email = $11, updated_at = $12
       WHERE id = $1 AND version = $2`,
      [after.id, before.version, after.position, after.arrangement.state, after.version, JSON.stringify(after.arrangement.context), columns.resolvedStart, columns.resolvedEnd, columns.manager.name, columns.manager.userId, columns.manager.email, at],
      'arrangement-update',
    );
    if (rowCount !== 1) throw new StaleArrangement(`arrangement ${after.id} changed under its lock`);
  }

  /** Removes arrangements taken out of a draft (their history and pending timers go with them). */
  async delete(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await sql(this.db, `UPDATE timers SET status = 'cancelled', settled_at = now() WHERE subject_type = 'arrangement' AND subject_id = ANY($1::uuid[]) AND status = 'pending'`, [ids]);
    await sql(this.db, `DELETE FROM arrangements WHERE id = ANY($1::uuid[])`, [ids]);
  }

  async appendHistory(arrangementId: string, entry: Omit<ArrangementHistoryRow, 'seq'>): Promise<void> {
    // seq per arrangement; its row (and its decision's) is locked, so max+1 cannot race.
    await sql(
      this.db,
      `INSERT INTO arrangement_history (arrangement_id, seq, type, at, actor_user_id, actor_name, from_state, to_state, payload)
       SELECT $1, COALESCE(MAX(seq), 0) + 1, $2, $3, $4, $5, $6, $7, $8 FROM arrangement_history WHERE arrangement_id = $1`,
      [arrangementId, entry.type, entry.at, entry.actorUserId, entry.actorName, entry.fromState, entry.toState, JSON.stringify(entry.payload)],
      'arrangement-history-append',
    );
  }

  async history(arrangementId: string): Promise<ArrangementHistoryRow[]> {
    const { rows } = await sql<{ seq: number; type: string; at: Date; actor_user_id: string; actor_name: string; from_state: string | null; to_state: string; payload: Record<string, unknown> }>(
      this.db,
      `SELECT seq, type, at, actor_user_id, actor_name, from_state, to_state, payload FROM arrangement_history WHERE arrangement_id = $1 ORDER BY seq`,
      [arrangementId],
    );
    return rows.map((r) => ({ seq: r.seq, type: r.type, at: r.at, actorUserId: r.actor_user_id, actorName: r.actor_name, fromState: r.from_state, toState: r.to_state, payload: r.payload }));
  }
}
