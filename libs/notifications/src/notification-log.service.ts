import { Inject, Injectable } from '@nestjs/common';
import { NotificationRepository, TransactionRunner, type Tx } from '#libs/store';
import type { SubjectRef } from '#libs/engine';
import { representNotification } from './notification-log.js';

/** The per-subject log of every delivery: what was sent to whom, and how it went. */
@Injectable()
export class NotificationLogService {
  constructor(@Inject(TransactionRunner) private readonly db: TransactionRunner) {}

  /** The subject's deliveries, oldest first (the caller has checked the subject exists and may be read). */
  async forSubject(subject: SubjectRef) {
    const rows = await this.db.read((db) => new NotificationRepository(db).forSubject(subject.type, subject.id));
    return rows.map(representNotification);
  }

  /** Spends a single-use action link inside the caller's transaction; false when it was used before. */
  spendLink(tx: Tx, jti: string, decisionId: string, userId: string, action: string) {
    return new NotificationRepository(tx).markUsedLink(jti, decisionId, userId, action);
  }
}
