import { createHash } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { ConsultationEntity } from './entities/consultation.entity.js';
import { DecisionEntity } from './entities/decision.entity.js';
import { HistoryEntity } from './entities/history.entity.js';
import { EntityRows } from './entity-rows.js';
import { isUniqueViolation, sql } from './sql.js';
import { settleTimerSync, timerSyncSql, type TimerSync, type TimerSyncRow } from './timer.repository.js';

export interface ListFilter {
  states?: string[];
  assignedTo?: { userId: string; roles: string[] };
  /** Only what this SQL condition over `d` allows (see visibility.ts). */
  visible?: { sql: string; params: Record<string, unknown> };
  offset: number;
  limit: number;
}

/** A decision with its consultations: what every change to it reads and writes. */
export interface DecisionRecord {
  decision: DecisionEntity;
  consultations: ConsultationEntity[];
}

/** The reference is taken; raised by `insert` from the unique constraint, so no separate check races it. */
export class ReferenceTaken extends Error {
  constructor(readonly reference: string) {
    super(`a decision with reference '${reference}' already exists`);
  }
}

/** Another writer changed the row between our read and our write (cannot happen under the row lock; checked anyway). */
export class StaleVersion extends Error {}

const statementNames = new Map<string, string>();

/** A short, stable prepared-statement name for one decision write's text (a handful of shapes in all). */
function statementName(shape: string): string {
  let name = statementNames.get(shape);
  if (!name) statementNames.set(shape, (name = `decision-write-${createHash('sha1').update(shape).digest('hex').slice(0, 16)}`));
  return name;
}

/** The same areas, labels, assignees and order: only sign-offs can differ. */
function sameConsultees(before: ConsultationEntity[], after: ConsultationEntity[]): boolean {
  return (
    before.length === after.length &&
    before.every((b, i) => b.area === after[i].area && b.label === after[i].label && b.assigneeUserId === after[i].assigneeUserId && b.position === after[i].position)
  );
}

function changedSignOffs(before: ConsultationEntity[], after: ConsultationEntity[]): ConsultationEntity[] {
  return after.filter((a, i) => {
    const b = before[i];
    return a !== b && (a.status !== b.status || a.by !== b.by || a.comments !== b.comments || a.at?.getTime() !== b.at?.getTime());
  });
}

interface Statements {
  decisions: EntityRows<DecisionEntity>;
  consultations: EntityRows<ConsultationEntity>;
  load: string;
  lock: string;
  lockMany: string;
}
const statements = new WeakMap<DataSource, Statements>();

function statementsFor(dataSource: DataSource): Statements {
  let s = statements.get(dataSource);
  if (!s) {
    const decisions = EntityRows.of(dataSource, DecisionEntity);
    const consultations = EntityRows.of(dataSource, ConsultationEntity);
    // One round trip: the decision and its consultations (in order) together.
    const load = `SELECT ${decisions.selectList('d')},
        COALESCE((SELECT json_agg(c ORDER BY c.position) FROM consultations c WHERE c.decision_id = d.id), '[]') AS "__consultations"
      FROM decisions d WHERE d.id = $1`;
    const many = load.replace('WHERE d.id = $1', 'WHERE d.id = ANY($1::uuid[]) ORDER BY d.id');
    s = { decisions, consultations, load, lock: `${load} FOR UPDATE OF d`, lockMany: `${many} FOR UPDATE OF d` };
    statements.set(dataSource, s);
  }
  return s;
}

/** A history entry to append: seq and hash are worked out in the statement that inserts it. */
export type NewHistoryEntry = Omit<HistoryEntity, 'id' | 'seq' | 'hash'>;

/** Pushes an entry's fields onto `values`; their placeholders, in the order historyInsert takes them. */
function historyParams(values: unknown[], e: NewHistoryEntry): string[] {
  return [e.type, e.at, e.actorUserId, e.actorName, e.fromState, e.toState, e.payload].map((v) => `$${values.push(v)}`);
}

/**
 * The INSERT of one history entry of decision `id` (a placeholder). seq is per decision; the decision row is
 * locked, so max+1 cannot race. The hash chains onto the latest entry's, computed in this same statement
 * (decision_history_hash, migration 1700000000006). `from` may name relations to join (e.g. the CTE of the
 * row's update, so the entry is appended only if the row was written).
 */
function historyInsert(id: string, [type, at, userId, name, fromState, toState, payload]: string[], from = 'FROM '): string {
  const fields = `${type}, ${at}, ${userId}, ${name}, ${fromState}, ${toState}, ${payload}`;
  return `INSERT INTO decision_history (decision_id, seq, type, at, actor_user_id, actor_name, from_state, to_state, payload, hash)
       SELECT ${id}, last.seq + 1, ${fields}, decision_history_hash(last.hash, ${id}, last.seq + 1, ${fields})
       ${from}(SELECT COALESCE(MAX(seq), 0) AS seq,
                    (SELECT hash FROM decision_history WHERE decision_id = ${id} ORDER BY seq DESC LIMIT 1) AS hash
             FROM decision_history WHERE decision_id = ${id}) last`;
}

export interface HistoryCheck {
  seq: number;
  hash: string;
  /** The hash recomputed from the stored content and the previous stored hash. */
  expected: string;
  previousSeq: number | null;
}

/** Reads and writes of decisions, their consultations and history. Every method runs on the caller's manager (transaction). */
export class DecisionRepository {
  private readonly s: Statements;

  constructor(private readonly db: EntityManager) {
    this.s = statementsFor(db.connection);
  }

  /** Locks the row until the transaction ends, so changes to one decision apply one after another. */
  async lock(id: string): Promise<DecisionRecord | null> {
    return this.record(await sql(this.db, this.s.lock, [id], 'decision-lock'));
  }

  /** Locks several (in id order, as every batch does) and returns those found. */
  async lockMany(ids: string[]): Promise<DecisionRecord[]> {
    if (ids.length === 0) return [];
    const { rows } = await sql(this.db, this.s.lockMany, [ids], 'decision-lock-many');
    return rows.map((row) => this.record({ rows: [row] })!);
  }

  /** The decision and its consultations, unlocked. */
  async load(id: string): Promise<DecisionRecord | null> {
    return this.record(await sql(this.db, this.s.load, [id], 'decision-load'));
  }

  private record({ rows }: { rows: Record<string, unknown>[] }): DecisionRecord | null {
    if (rows.length === 0) return null;
    const row = rows[0];
    const consultations = (row.__consultations as Record<string, unknown>[]).map((c) => this.s.consultations.fromJson(c));
    return { decision: this.s.decisions.fromRow(row), consultations };
  }

  find(id: string): Promise<DecisionEntity | null> {
    return this.db.findOne(DecisionEntity, { where: { id } });
  }

  referenceExists(reference: string): Promise<boolean> {
    return this.db.exists(DecisionEntity, { where: { reference } });
  }

  /**
   * Inserts a new decision; with no reference, one is generated in the same statement as
   * `<prefix>-<year>-<n, 4 digits>` from the reference sequence. Returns the reference.
   */
  async insert(decision: Omit<DecisionEntity, 'reference'> & { reference: string | null }, generated: { prefix: string; year: string }): Promise<string> {
    const { reference, ...rest } = decision;
    const { columns, values } = this.s.decisions.insertable(rest as Partial<DecisionEntity>);
    const n = values.length;
    const generate = `COALESCE($${n + 1}::text, $${n + 2}::text || '-' || $${n + 3}::text || '-' || lpad(nextval('decision_reference_seq')::text, 4, '0'))`;
    const text = `INSERT INTO decisions (reference, ${columns.join(', ')}) VALUES (${generate}, ${values.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING reference`;
    try {
      const { rows } = await sql<{ reference: string }>(this.db, text, [...values, reference, generated.prefix, generated.year]);
      return rows[0].reference;
    } catch (error) {
      if (reference !== null && isUniqueViolation(error)) throw new ReferenceTaken(reference);
      throw error;
    }
  }

  /**
   * Writes a decision over the version it was read at: one statement for the row's changed columns, the
   * consultations whose sign-off changed, and — when given — the history entry the change appends (only if
   * the row was written) and the engine's change to its timers (`timers.done` is then set), checked against
   * that version (optimistic concurrency: StaleVersion, and the caller's transaction rolls all of it back).
   * A changed set of consultee areas (an edit) is replaced in statements of its own.
   */
  async write(before: DecisionRecord, after: DecisionRecord, history?: NewHistoryEntry, timers?: TimerSync): Promise<void> {
    const rows = this.s.decisions;
    const id = before.decision.id;
    const columns = rows.changed(before.decision, after.decision).filter((p) => p !== 'id');
    const sameSet = sameConsultees(before.consultations, after.consultations);
    const signOffs = sameSet ? changedSignOffs(before.consultations, after.consultations) : [];
    if (!sameSet) await this.replaceConsultations(id, after.consultations);
    if (columns.length === 0 && signOffs.length === 0) {
      if (history) await this.appendHistory(history);
      return; // the timers, if any, are the caller's to sync
    }
    const values: unknown[] = [id, before.decision.version];
    const sets = columns.map((p) => `${rows.column(p)} = $${values.push(rows.param(p, after.decision[p as keyof DecisionEntity]))}`);
    const update = `UPDATE decisions SET ${sets.join(', ') || 'version = version'} WHERE id = $1 AND version = $2`;
    const ctes: string[] = [];
    if (signOffs.length) {
      const param = values.push(JSON.stringify(signOffs.map((c) => ({ area: c.area, status: c.status, by: c.by, at: c.at, comments: c.comments }))));
      ctes.push(`signed AS (
          UPDATE consultations c SET status = v.status, "by" = v.by, "at" = v.at, comments = v.comments
            FROM jsonb_to_recordset($${param}::jsonb) AS v(area text, status text, by text, at timestamptz, comments text)
           WHERE c.decision_id = $1 AND c.area = v.area)`);
    }
    let text: string;
    if (history || timers) {
      ctes.push(`written AS (${update} RETURNING id)`);
      if (history) {
        if (history.decisionId !== id) throw new Error(`history of ${history.decisionId} written with decision ${id}`);
        ctes.push(`appended AS (${historyInsert('$1', historyParams(values, history), 'FROM written, ')})`);
      }
      const sync = timers ? timerSyncSql(values, timers) : { ctes: [], selects: [] };
      ctes.push(...sync.ctes);
      const selects = [
        `SELECT 'w' AS op, NULL::text AS id, NULL::text AS subject_type, NULL::uuid AS subject_id, NULL::text AS kind, NULL::timestamptz AS due_at, NULL::timestamptz AS enqueued_at, NULL::boolean AS enqueued FROM written`,
        ...sync.selects,
      ];
      text = `WITH ${ctes.join(',\n')}\n${selects.join('\nUNION ALL ')}`;
    } else {
      text = ctes.length ? `WITH ${ctes.join(',\n')}\n${update}` : update;
    }
    // One prepared statement per shape (which columns; sign-offs, history, timers cancelled or inserted): a handful.
    const result = await sql<TimerSyncRow>(this.db, text, values, statementName(text));
    const written = history || timers ? result.rows.filter((r) => r.op === 'w').length : result.rowCount;
    if (written !== 1) throw new StaleVersion(`decision ${id} is no longer at version ${before.decision.version}`);
    if (timers) settleTimerSync(timers, result.rows);
  }

  consultations(decisionId: string): Promise<ConsultationEntity[]> {
    return this.db.find(ConsultationEntity, { where: { decisionId }, order: { position: 'ASC' } });
  }

  async consultationsOf(decisionIds: string[]): Promise<Map<string, ConsultationEntity[]>> {
    const byDecision = new Map<string, ConsultationEntity[]>(decisionIds.map((id) => [id, []]));
    if (decisionIds.length === 0) return byDecision;
    const rows = await this.db
      .createQueryBuilder(ConsultationEntity, 'c')
      .where('c.decision_id IN (:...ids)', { ids: decisionIds })
      .orderBy('c.position', 'ASC')
      .getMany();
    for (const row of rows) byDecision.get(row.decisionId)!.push(row);
    return byDecision;
  }

  async replaceConsultations(decisionId: string, rows: Omit<ConsultationEntity, 'decisionId'>[]): Promise<void> {
    await sql(this.db, `DELETE FROM consultations WHERE decision_id = $1`, [decisionId]);
    await this.insertConsultations(decisionId, rows);
  }

  /** Inserts consultation rows in one statement. */
  async insertConsultations(decisionId: string, rows: Omit<ConsultationEntity, 'decisionId'>[]): Promise<void> {
    if (rows.length === 0) return;
    await sql(
      this.db,
      `INSERT INTO consultations (decision_id, area, position, label, assignee_user_id, status, "by", "at", comments)
       SELECT $1, * FROM unnest($2::text[], $3::int[], $4::text[], $5::text[], $6::text[], $7::text[], $8::timestamptz[], $9::text[])`,
      [
        decisionId,
        rows.map((r) => r.area),
        rows.map((r) => r.position),
        rows.map((r) => r.label),
        rows.map((r) => r.assigneeUserId),
        rows.map((r) => r.status),
        rows.map((r) => r.by),
        rows.map((r) => r.at),
        rows.map((r) => r.comments),
      ],
      'consultations-insert',
    );
  }

  async appendHistory(entry: NewHistoryEntry): Promise<void> {
    // One prepared statement: every change that writes no row of its own runs it.
    const values: unknown[] = [entry.decisionId];
    await sql(this.db, historyInsert('$1', historyParams(values, entry)), values, 'history-append');
  }

  /**
   * Recomputes every entry's hash from its stored content and its predecessor's stored hash, oldest first.
   * The first entry that does not match, or a gap in seq, is where the history was changed.
   */
  async verifyHistory(decisionId: string): Promise<HistoryCheck[]> {
    const rows: { seq: number; hash: string; expected: string; previous_seq: number | null }[] = await this.db.query(
      `SELECT seq, hash, LAG(seq) OVER w AS previous_seq,
              decision_history_hash(LAG(hash) OVER w, decision_id, seq, type, at, actor_user_id, actor_name, from_state, to_state, payload) AS expected
       FROM decision_history WHERE decision_id = $1
       WINDOW w AS (ORDER BY seq)
       ORDER BY seq`,
      [decisionId],
    );
    return rows.map((r) => ({ seq: r.seq, hash: r.hash, expected: r.expected, previousSeq: r.previous_seq }));
  }

  history(decisionId: string): Promise<HistoryEntity[]> {
    return this.db.find(HistoryEntity, { where: { decisionId }, order: { seq: 'ASC' } });
  }

  async list(filter: ListFilter): Promise<{ items: DecisionEntity[]; total: number }> {
    const q = this.db.createQueryBuilder(DecisionEntity, 'd');
    if (filter.visible) q.andWhere(filter.visible.sql, filter.visible.params);
    if (filter.states) q.andWhere('d.state IN (:...states)', { states: filter.states.length ? filter.states : ['-'] });
    if (filter.assignedTo) {
      const { userId, roles } = filter.assignedTo;
      // "Waiting on me": the decisions where the caller has the next move.
      q.andWhere(
        `(
          (d.author_user_id = :userId AND d.state = 'draft')
          OR (d.state IN ('for-determination', 'deferred') AND 'decision-maker' = ANY(:roles) AND d.author_user_id <> :userId
              AND (d.decision_maker_user_id = :userId OR d.decision_maker_user_id IS NULL))
          OR (d.state = 'consultation' AND d.author_user_id <> :userId AND EXISTS (
              SELECT 1 FROM consultations c WHERE c.decision_id = d.id AND c.status = 'pending'
                AND (c.assignee_user_id = :userId OR (c.assignee_user_id IS NULL AND 'consultee:' || c.area = ANY(:roles)))))
          OR (d.state IN ('approved', 'called-in', 'referred-to-council') AND 'democratic-services' = ANY(:roles))
          OR (d.state = 'call-in-period' AND 'scrutiny' = ANY(:roles))
        )`,
        { userId, roles },
      );
    }
    const [items, total] = await q
      .orderBy('d.created_at', 'DESC')
      .addOrderBy('d.id', 'ASC')
      .skip(filter.offset)
      .take(filter.limit)
      .getManyAndCount();
    return { items, total };
  }
}
