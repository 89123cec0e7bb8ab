import { In, type EntityManager, type QueryDeepPartialEntity } from 'typeorm';
import { NotificationEntity } from './entities/notification.entity.js';

export class NotificationRepository {
  constructor(private readonly db: EntityManager) {}

  /** Inserts deliveries whose idempotency key is new; returns every row for the given keys (new or old). */
  async insertOnce(rows: Omit<NotificationEntity, 'id' | 'createdAt' | 'attempts' | 'lastError' | 'sentAt' | 'status'>[]) {
    if (rows.length === 0) return [];
    await this.db
      .createQueryBuilder()
      .insert()
      .into(NotificationEntity)
      .values(rows.map((r) => ({ ...r, status: 'pending' })) as QueryDeepPartialEntity<NotificationEntity>[])
      .orIgnore()
      .execute();
    return this.db.find(NotificationEntity, { where: { idempotencyKey: In(rows.map((r) => r.idempotencyKey)) } });
  }

  findForUpdate(id: string) {
    return this.db.findOne(NotificationEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  find(id: string) {
    return this.db.findOne(NotificationEntity, { where: { id } });
  }

  forDecision(decisionId: string) {
    return this.db.find(NotificationEntity, { where: { decisionId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  pending(limit: number) {
    return this.db.find(NotificationEntity, { where: { status: 'pending' }, order: { createdAt: 'ASC' }, take: limit });
  }

  save(row: NotificationEntity) {
    return this.db.save(NotificationEntity, row);
  }

  async markUsedLink(jti: string, decisionId: string, userId: string, action: string): Promise<boolean> {
    const rows = await this.db.query(
      `INSERT INTO used_action_links (jti, decision_id, user_id, action) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING jti`,
      [jti, decisionId, userId, action],
    );
    return rows.length === 1;
  }
}
