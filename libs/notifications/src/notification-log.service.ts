import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { DecisionNotFound } from '#libs/decisions';
import { DecisionRepository, NotificationRepository } from '#libs/store';
import { representNotification } from './notification-log.js';

/** The per-decision log of every delivery: what was sent to whom, and how it went. */
@Injectable()
export class NotificationLogService {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async forDecision(decisionId: string) {
    if (!(await new DecisionRepository(this.dataSource.manager).find(decisionId))) throw new DecisionNotFound(decisionId);
    return (await new NotificationRepository(this.dataSource.manager).forDecision(decisionId)).map(representNotification);
  }

  /** Spends a single-use action link inside the caller's transaction; false when it was used before. */
  spendLink(m: EntityManager, jti: string, decisionId: string, userId: string, action: string) {
    return new NotificationRepository(m).markUsedLink(jti, decisionId, userId, action);
  }
}
