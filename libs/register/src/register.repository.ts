import type { EntityManager } from 'typeorm';
import { PUBLIC_COLUMNS, type PublicRow } from './public-decision.js';
import type { PublicQuery } from './public-query.js';
import { publicSql } from './visibility.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type RegisterFilter = Pick<PublicQuery, 'q' | 'decisionMaker' | 'states' | 'isKeyDecision' | 'ward' | 'from' | 'to'>;

export interface ForwardPlanRow {
  reference: string;
  title: string;
  decision_maker_title: string;
  urgency: string;
  forward_plan_notice_at: string;
  planned_determination_at: string | null;
  updated_at: Date;
}

/**
 * Read-only queries of the public register over `decisions`. Every query applies the visibility rule
 * (publicSql) and selects only public columns (PUBLIC_COLUMNS); values always travel as parameters.
 */
export class RegisterRepository {
  constructor(
    private readonly db: EntityManager,
    private readonly publishPending: boolean,
  ) {}

  /** One page of published decisions, the total, and when the newest of them changed. */
  async search(filter: RegisterFilter, page: number, pageSize: number): Promise<{ rows: PublicRow[]; total: number; lastModified: Date | null }> {
    const { where, params, rank } = this.where(filter);
    const [stats] = await this.db.query(`SELECT count(*)::int AS total, max(d.updated_at) AS last_modified FROM decisions d WHERE ${where}`, params);
    const order = `${rank ? `${rank} DESC, ` : ''}COALESCE(d.published_at, d.decided_at) DESC NULLS LAST, d.public_number DESC`;
    const rows: PublicRow[] = await this.db.query(
      `SELECT ${PUBLIC_COLUMNS} FROM decisions d WHERE ${where} ORDER BY ${order} LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, pageSize, (page - 1) * pageSize],
    );
    return { rows, total: stats.total, lastModified: stats.last_modified ? new Date(stats.last_modified) : null };
  }

  /** By id (a UUID) or reference. */
  async findByIdOrReference(idOrReference: string): Promise<PublicRow | null> {
    const column = UUID.test(idOrReference) ? 'd.id' : 'd.reference';
    const value = UUID.test(idOrReference) ? idOrReference.toLowerCase() : idOrReference;
    const [row] = await this.db.query(`SELECT ${PUBLIC_COLUMNS} FROM decisions d WHERE ${column} = $1 AND ${publicSql(this.publishPending)}`, [value]);
    return row ?? null;
  }

  async findByNumber(number: number): Promise<PublicRow | null> {
    const [row] = await this.db.query(`SELECT ${PUBLIC_COLUMNS} FROM decisions d WHERE d.public_number = $1 AND ${publicSql(this.publishPending)}`, [number]);
    return row ?? null;
  }

  /** The most recently changed published decisions (the Atom feed). */
  async recentlyChanged(filter: RegisterFilter, limit: number): Promise<PublicRow[]> {
    const { where, params } = this.where(filter);
    return this.db.query(`SELECT ${PUBLIC_COLUMNS} FROM decisions d WHERE ${where} ORDER BY d.updated_at DESC, d.public_number DESC LIMIT $${params.length + 1}`, [
      ...params,
      limit,
    ]);
  }

  /**
   * Key decisions on the notice of key decisions (they have a notice date) that are yet to be taken.
   * Only what the notice itself says is read: reference, title, decision maker, dates, exception.
   */
  forwardPlan(): Promise<ForwardPlanRow[]> {
    return this.db.query(
      `SELECT d.reference, d.title, d.decision_maker_title, d.urgency, d.forward_plan_notice_at::text AS forward_plan_notice_at,
              d.planned_determination_at::text AS planned_determination_at, d.updated_at
       FROM decisions d
       WHERE d.is_key_decision AND d.forward_plan_notice_at IS NOT NULL
         AND d.state IN ('draft', 'consultation', 'for-determination', 'deferred')
       ORDER BY d.planned_determination_at ASC NULLS LAST, d.forward_plan_notice_at ASC, d.reference ASC`,
    );
  }

  private where(filter: RegisterFilter): { where: string; params: unknown[]; rank: string | null } {
    const params: unknown[] = [];
    const add = (value: unknown) => `$${params.push(value)}`;
    const clauses = [publicSql(this.publishPending)];
    let rank: string | null = null;
    if (filter.q) {
      const q = add(filter.q);
      clauses.push(`d.search @@ websearch_to_tsquery('english', ${q})`);
      rank = `ts_rank(d.search, websearch_to_tsquery('english', ${q}))`;
    }
    if (filter.decisionMaker) clauses.push(`d.decision_maker_title ILIKE ${add(`%${escapeLike(filter.decisionMaker)}%`)}`);
    if (filter.states) clauses.push(`d.state = ANY(${add(filter.states)})`);
    if (filter.isKeyDecision !== null) clauses.push(`d.is_key_decision = ${add(filter.isKeyDecision)}`);
    if (filter.ward) {
      // A decision affecting "All wards" affects every ward.
      clauses.push(`EXISTS (SELECT 1 FROM jsonb_array_elements_text(d.wards_affected) w WHERE lower(w) IN (lower(${add(filter.ward)}), 'all wards'))`);
    }
    if (filter.from) clauses.push(`d.decided_at >= ${add(filter.from)}::date`);
    if (filter.to) clauses.push(`d.decided_at <= ${add(filter.to)}::date`);
    return { where: clauses.join(' AND '), params, rank };
  }
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}
