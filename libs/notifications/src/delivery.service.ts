import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { RATIFY_CONFIG, type RatifyConfig } from '#libs/config';
import { EmailSender, postWebhook, WebhookDeliveryError, type OutgoingEmail } from '#libs/delivery';
import { CLOCK, type Clock } from '#libs/engine';
import { DeliveryQueue } from '#libs/queue';
import { NotificationRepository, TransactionRunner, type Claim } from '#libs/store';

/** 'leased': another worker's claim still holds; try again when it lapses. */
export type DeliveryOutcome = 'sent' | 'already' | 'dead' | { leasedUntil: Date };

/**
 * Sends one delivery row, at least once and never twice at the same time: the row is claimed under a lease
 * before anything is sent (so two workers never send it at once), and marked sent after. A worker killed
 * between the receiver accepting and the mark leaves the claim to lapse; the row is then sent again, with the
 * same Message-ID / Idempotency-Key so the receiver can drop the repeat. A failure is recorded and rethrown
 * for BullMQ's back-off; the last one (or one not worth retrying) leaves a dead-letter row.
 */
@Injectable()
export class DeliveryService implements OnApplicationShutdown {
  private readonly logger = new Logger(DeliveryService.name);
  private readonly email: EmailSender;

  constructor(
    @Inject(TransactionRunner) private readonly db: TransactionRunner,
    @Inject(RATIFY_CONFIG) private readonly config: RatifyConfig,
    @Inject(DeliveryQueue) private readonly queue: DeliveryQueue,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.email = new EmailSender({ smtpUrl: config.notifications.smtpUrl, from: config.notifications.mailFrom });
  }

  async deliver(notificationId: string): Promise<DeliveryOutcome> {
    const { deliveryLeaseMs, deliveryAttempts, webhookSecret } = this.config.notifications;
    const claim = await this.db.read((db) => new NotificationRepository(db).claim(notificationId, randomUUID(), deliveryLeaseMs));
    if (claim === null) return 'already';
    if (!('token' in claim)) return { leasedUntil: claim.leaseUntil ?? new Date(this.clock.now().getTime() + deliveryLeaseMs) };
    const { row } = claim;
    try {
      if (row.channel === 'email') await this.email.send(row.payload as unknown as OutgoingEmail);
      else {
        const { url, body } = row.payload as { url: string; body: object };
        await postWebhook({ url, body, secret: webhookSecret, idempotencyKey: row.idempotencyKey, now: this.clock.now() });
      }
    } catch (error) {
      const retryable = !(error instanceof WebhookDeliveryError) || error.retryable;
      const dead = !retryable || row.attempts >= deliveryAttempts;
      await this.record((repo) => repo.markFailed(claim, (error as Error).message, dead));
      if (dead) {
        this.logger.warn(`delivery ${row.id} (${row.channel} to ${row.recipient}) dead-lettered after ${row.attempts} attempt(s): ${(error as Error).message}`);
        return 'dead';
      }
      throw error;
    }
    await this.record((repo) => repo.markSent(claim, this.clock.now()));
    return 'sent';
  }

  private record(write: (repo: NotificationRepository) => Promise<unknown>) {
    return this.db.read((db) => write(new NotificationRepository(db)));
  }

  /**
   * Re-queues every delivery still to send (pending, or under a lapsed claim) that the queue will not run:
   * absent after a Redis wipe, failed by stalls, or never queued. Batched; `willRun` is the set of job ids
   * the queue will still run. Returns how many were queued.
   */
  async reconcile(batch = 1000): Promise<number> {
    const willRun = await this.queue.willRun();
    let after: string | null = null;
    let restored = 0;
    for (;;) {
      const rows: { id: string; channel: string }[] = await this.db.read((db) => new NotificationRepository(db).unsent(after, batch));
      const missing = rows.filter((r) => !willRun.has(r.id));
      await this.queue.restore(missing);
      restored += missing.length;
      if (rows.length < batch) return restored;
      after = rows[rows.length - 1].id;
    }
  }

  /** For a claim the caller already holds (tests). */
  markSent(claim: Claim) {
    return this.record((repo) => repo.markSent(claim, this.clock.now()));
  }

  onApplicationShutdown() {
    this.email.close();
  }
}
