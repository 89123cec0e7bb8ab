import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { signActionLink } from '#libs/auth';
import { RATIFY_CONFIG, type RatifyConfig } from '#libs/config';
import { CLOCK, REMINDER_TIMER, wantedTimers, withPendingTimer, type Clock } from '#libs/decisions';
import { renderReminder } from '#libs/delivery';
import { DeliveryQueue } from '#libs/queue';
import type { ReminderRequest } from '#libs/reminders';
import { DecisionRepository, NotificationRepository, TimerRepository, type DecisionEntity, type NotificationEntity, type TimerEntity } from '#libs/store';
import { resolveRecipient } from './directory.js';

type NewDelivery = Parameters<NotificationRepository['insertOnce']>[0][number];

/**
 * Fires a reminder timer: if the decision still wants it, writes one delivery row per email address and
 * webhook (unique idempotency keys) in the same transaction that settles the timer, then queues them.
 */
@Injectable()
export class ReminderService {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(RATIFY_CONFIG) private readonly config: RatifyConfig,
    @Inject(DeliveryQueue) private readonly deliveries: DeliveryQueue,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async fire(timerId: string): Promise<'sent' | 'stale'> {
    const now = this.clock.now();
    const queued = await withPendingTimer(this.dataSource, timerId, async (m, decision, timer) => {
      const timers = new TimerRepository(m);
      if (timer.kind !== REMINDER_TIMER) return null;
      const consultations = await new DecisionRepository(m).consultations(decision.id);
      if (!wantedTimers(decision, consultations, this.config.reminders).some((t) => t.id === timer.id)) {
        await timers.settle([timer.id], 'cancelled', now);
        return null;
      }
      const rows = await new NotificationRepository(m).insertOnce(this.deliveriesFor(decision, timer, now));
      await timers.settle([timer.id], 'fired', now);
      return rows.filter((r) => r.status === 'pending');
    });
    if (!queued) return 'stale';
    await this.deliveries.enqueue(queued).catch(() => undefined); // the reconciler re-queues pending rows
    return 'sent';
  }

  private deliveriesFor(decision: DecisionEntity, timer: TimerEntity, now: Date): NewDelivery[] {
    const request = timer.payload as unknown as ReminderRequest;
    const { notifications } = this.config;
    const emails = resolveRecipient(request.recipient, notifications).map((person): NewDelivery => {
      const idempotencyKey = `${timer.id}.email.${person.email}`;
      const rendered = renderReminder({
        kind: request.kind,
        recipientName: person.name,
        decision: { id: decision.id, reference: decision.reference, title: decision.title },
        actionAsked: request.actionAsked,
        deadline: request.deadline,
        links: this.linksFor(decision, request, person, timer.id),
        nth: request.nth,
      });
      return {
        decisionId: decision.id,
        timerId: timer.id,
        kind: request.kind,
        channel: 'email',
        recipient: person.email,
        subject: rendered.subject,
        payload: { to: person.email, ...rendered, messageId: `<${hash(idempotencyKey)}@ratify>` },
        idempotencyKey,
      };
    });
    const webhooks = notifications.webhookUrls.map((url): NewDelivery => ({
      decisionId: decision.id,
      timerId: timer.id,
      kind: request.kind,
      channel: 'webhook',
      recipient: url,
      subject: `${request.kind}: ${decision.reference}`,
      payload: {
        url,
        body: {
          type: `reminder.${request.kind}`,
          at: now.toISOString(),
          decision: { id: decision.id, reference: decision.reference, title: decision.title, state: decision.state },
          actionAsked: request.actionAsked,
          deadline: request.deadline,
          recipient: request.recipient,
        },
      },
      idempotencyKey: `${timer.id}.webhook.${hash(url)}`,
    }));
    return [...emails, ...webhooks];
  }

  /** "Open" for everyone; a one-click sign-off for a named consultee. */
  private linksFor(decision: DecisionEntity, request: ReminderRequest, person: { name: string; userId: string | null }, timerId: string) {
    const base = `${this.config.publicUrl}/api/one-click/`;
    const ttl = this.config.notifications.actionLinkTtlHours * 3600;
    const secret = this.config.jwtSecret;
    if (!person.userId) return [{ label: 'Open the decision', url: `${this.config.publicUrl}/api/decisions/${decision.id}` }];
    const actor = { userId: person.userId, name: person.name, roles: [] };
    const links = [
      { label: 'Open the decision', url: base + signActionLink({ actor, decisionId: decision.id, action: 'open', jti: `${timerId}-open` }, secret, ttl) },
    ];
    if (request.kind === 'consultee-reminder' && request.area) {
      const token = signActionLink({ actor, decisionId: decision.id, action: 'sign-off', area: request.area, jti: `${timerId}-sign-off` }, secret, ttl);
      links.push({ label: `Sign off for ${request.area.toUpperCase()} now`, url: base + token });
    }
    return links;
  }
}

function hash(s: string): string {
  return createHash('sha256').update(s).digest('hex').slice(0, 24);
}

export type { NotificationEntity };
