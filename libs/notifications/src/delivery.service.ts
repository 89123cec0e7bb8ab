import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RATIFY_CONFIG, type RatifyConfig } from '#libs/config';
import { EmailSender, postWebhook, WebhookDeliveryError, type OutgoingEmail } from '#libs/delivery';
import { DeliveryQueue } from '#libs/queue';
import { NotificationRepository } from '#libs/store';

export interface Attempt {
  /** Attempts already made before this one. */
  made: number;
  max: number;
}

/**
 * Sends one delivery row. A row already sent (or dead) is never sent again, whatever the queue does;
 * a failure is recorded and rethrown for BullMQ's back-off, and the last one leaves a dead-letter row.
 */
@Injectable()
export class DeliveryService implements OnApplicationShutdown {
  private readonly logger = new Logger(DeliveryService.name);
  private readonly email: EmailSender;

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(RATIFY_CONFIG) private readonly config: RatifyConfig,
    @Inject(DeliveryQueue) private readonly queue: DeliveryQueue,
  ) {
    this.email = new EmailSender({ smtpUrl: config.notifications.smtpUrl, from: config.notifications.mailFrom });
  }

  async deliver(notificationId: string, attempt: Attempt): Promise<'sent' | 'already' | 'dead'> {
    const repo = new NotificationRepository(this.dataSource.manager);
    const row = await repo.find(notificationId);
    if (!row || row.status !== 'pending') return 'already';
    try {
      if (row.channel === 'email') await this.email.send(row.payload as unknown as OutgoingEmail);
      else {
        const { url, body } = row.payload as { url: string; body: object };
        await postWebhook({ url, body, secret: this.config.notifications.webhookSecret, idempotencyKey: row.idempotencyKey, now: new Date() });
      }
    } catch (error) {
      const retryable = !(error instanceof WebhookDeliveryError) || error.retryable;
      const last = !retryable || attempt.made + 1 >= attempt.max;
      Object.assign(row, { attempts: row.attempts + 1, lastError: (error as Error).message, status: last ? 'dead' : 'pending' });
      await repo.save(row);
      if (last) {
        this.logger.warn(`delivery ${row.id} (${row.channel} to ${row.recipient}) dead-lettered: ${row.lastError}`);
        return 'dead';
      }
      throw error;
    }
    Object.assign(row, { attempts: row.attempts + 1, status: 'sent', sentAt: new Date(), lastError: null });
    await repo.save(row);
    return 'sent';
  }

  /** Re-queues pending deliveries the queue does not hold (after a Redis flush, or a failed enqueue). */
  async reconcile(): Promise<number> {
    const pending = await new NotificationRepository(this.dataSource.manager).pending(1000);
    const missing = [];
    for (const row of pending) if (!(await this.queue.has(row.id))) missing.push(row);
    await this.queue.enqueue(missing);
    return missing.length;
  }

  onApplicationShutdown() {
    this.email.close();
  }
}
