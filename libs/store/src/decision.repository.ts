import type { EntityManager } from 'typeorm';
import { ConsultationEntity } from './entities/consultation.entity.js';
import { DecisionEntity } from './entities/decision.entity.js';
import { HistoryEntity } from './entities/history.entity.js';

export interface ListFilter {
  states?: string[];
  assignedTo?: { userId: string; roles: string[] };
  /** Only what this SQL condition over `d` allows (see visibility.ts). */
  visible?: { sql: string; params: Record<string, unknown> };
  offset: number;
  limit: number;
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
  constructor(private readonly db: EntityManager) {}

  async nextReferenceNumber(): Promise<number> {
    const [row] = await this.db.query(`SELECT nextval('decision_reference_seq')::int AS n`);
    return row.n;
  }

  /** Locks the row until the transaction ends, so actions on one decision apply one after another. */
  findForUpdate(id: string): Promise<DecisionEntity | null> {
    return this.db.findOne(DecisionEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  find(id: string): Promise<DecisionEntity | null> {
    return this.db.findOne(DecisionEntity, { where: { id } });
  }

  referenceExists(reference: string): Promise<boolean> {
    return this.db.exists(DecisionEntity, { where: { reference } });
  }

  insert(decision: Partial<DecisionEntity>): Promise<DecisionEntity> {
    return this.db.save(DecisionEntity, this.db.create(DecisionEntity, decision));
  }

  save(decision: DecisionEntity): Promise<DecisionEntity> {
    return this.db.save(DecisionEntity, decision);
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
    await this.db.delete(ConsultationEntity, { decisionId });
    if (rows.length) await this.db.insert(ConsultationEntity, rows.map((r) => ({ ...r, decisionId })));
  }

  async appendHistory(entry: Omit<HistoryEntity, 'id' | 'seq' | 'hash'>): Promise<void> {
    // seq is per decision; the decision row is locked, so max+1 cannot race. The hash chains onto the
    // latest entry's, computed in this same statement (decision_history_hash, migration 1700000000006).
    await this.db.query(
      `INSERT INTO decision_history (decision_id, seq, type, at, actor_user_id, actor_name, from_state, to_state, payload, hash)
       SELECT $1, last.seq + 1, $2, $3, $4, $5, $6, $7, $8, decision_history_hash(last.hash, $1, last.seq + 1, $2, $3, $4, $5, $6, $7, $8)
       FROM (SELECT COALESCE(MAX(seq), 0) AS seq,
                    (SELECT hash FROM decision_history WHERE decision_id = $1 ORDER BY seq DESC LIMIT 1) AS hash
             FROM decision_history WHERE decision_id = $1) last`,
      [entry.decisionId, entry.type, entry.at, entry.actorUserId, entry.actorName, entry.fromState, entry.toState, entry.payload],
    );
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
