import type { EntityManager, QueryDeepPartialEntity } from 'typeorm';
import { NotificationEntity } from './entities/notification.entity.js';
import { sql } from './sql.js';

export type NewNotification = Omit<NotificationEntity, 'id' | 'createdAt' | 'attempts' | 'lastError' | 'sentAt' | 'status' | 'claimToken' | 'leaseUntil'>;

/** A claimed delivery: the row as it was claimed, with the token that proves the claim. */
export interface Claim {
  row: NotificationEntity;
  token: string;
}

/** The delivery outbox. A row is sent only under a claim (a lease), so two workers never send it at once. */
export class NotificationRepository {
  constructor(private readonly db: EntityManager) {}

  /** Inserts deliveries whose idempotency key is new; returns the rows inserted now (old keys are not returned). */
  async insertOnce(rows: NewNotification[]): Promise<{ id: string; channel: string }[]> {
    if (rows.length === 0) return [];
    const result = await this.db
      .createQueryBuilder()
      .insert()
      .into(NotificationEntity)
      .values(rows.map((r) => ({ ...r, status: 'pending' })) as QueryDeepPartialEntity<NotificationEntity>[])
      .orIgnore()
      .returning(['id', 'channel'])
      .execute();
    return result.raw as { id: string; channel: string }[];
  }

  find(id: string) {
    return this.db.findOne(NotificationEntity, { where: { id } });
  }

  forSubject(subjectType: string, subjectId: string) {
    return this.db.find(NotificationEntity, { where: { subjectType, subjectId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  /**
   * Claims a delivery to send now: a pending row, or one whose previous claim lapsed (its worker died
   * mid-send). Counts the attempt. Returns null when it is sent, dead, or another worker's lease still holds
   * (then `leaseUntil` says until when).
   */
  async claim(id: string, token: string, leaseMs: number): Promise<Claim | { leaseUntil: Date | null } | null> {
    const { rows } = await sql<Record<string, unknown>>(
      this.db,
      `UPDATE notifications SET status = 'sending', claim_token = $2, lease_until = now() + make_interval(secs => $3::float8 / 1000), attempts = attempts + 1
        WHERE id = $1 AND (status = 'pending' OR (status = 'sending' AND lease_until < now()))
        RETURNING id, channel, recipient, payload, idempotency_key, attempts`,
      [id, token, leaseMs],
      'notification-claim',
    );
    if (rows[0]) {
      const r = rows[0];
      return {
        token,
        row: { id: r.id, channel: r.channel, recipient: r.recipient, payload: r.payload, idempotencyKey: r.idempotency_key, attempts: r.attempts } as NotificationEntity,
      };
    }
    const { rows: held } = await sql<{ status: string; lease_until: Date | null }>(this.db, `SELECT status, lease_until FROM notifications WHERE id = $1`, [id]);
    if (held[0]?.status === 'sending') return { leaseUntil: held[0].lease_until };
    return null;
  }

  /** Records a send under the claim; false if the claim had lapsed and been taken over (the other worker records it). */
  async markSent(claim: Claim, at: Date): Promise<boolean> {
    const { rowCount } = await sql(
      this.db,
      `UPDATE notifications SET status = 'sent', sent_at = $3, last_error = NULL, claim_token = NULL, lease_until = NULL WHERE id = $1 AND claim_token = $2`,
      [claim.row.id, claim.token, at],
      'notification-sent',
    );
    return rowCount === 1;
  }

  /** Records a failed try under the claim: back to pending for the next try, or dead after the last. */
  async markFailed(claim: Claim, error: string, dead: boolean): Promise<void> {
    await sql(
      this.db,
      `UPDATE notifications SET status = $3, last_error = $4, claim_token = NULL, lease_until = NULL WHERE id = $1 AND claim_token = $2`,
      [claim.row.id, claim.token, dead ? 'dead' : 'pending', error],
      'notification-failed',
    );
  }

  /**
   * One batch of deliveries still to send (pending, or claimed under a lapsed lease), after the cursor. Keyed
   * on the id alone: exact (a timestamp read into JavaScript loses its microseconds, and a cursor on it would
   * find the same row again and again).
   */
  async unsent(after: string | null, limit: number): Promise<{ id: string; channel: string }[]> {
    const { rows } = await sql<{ id: string; channel: string }>(
      this.db,
      `SELECT id, channel FROM notifications WHERE status IN ('pending', 'sending') AND ($1::uuid IS NULL OR id > $1) ORDER BY id LIMIT $2`,
      [after, limit],
      'notifications-unsent',
    );
    return rows;
  }

  async markUsedLink(jti: string, decisionId: string, userId: string, action: string): Promise<boolean> {
    const rows = await this.db.query(
      `INSERT INTO used_action_links (jti, decision_id, user_id, action) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING jti`,
      [jti, decisionId, userId, action],
    );
    return rows.length === 1;
  }
}
