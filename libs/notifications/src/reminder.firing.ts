import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { RATIFY_CONFIG, type RatifyConfig } from '#libs/config';
import { renderReminder } from '#libs/delivery';
import { TimerHandler, type AggregateAdapter, type ReminderTemplates, type TimerFiring } from '#libs/engine';
import { DeliveryQueue } from '#libs/queue';
import { REMINDER_TIMER, type ReminderRequest } from '#libs/reminders';
import { NotificationRepository, type NewNotification, type TimerEntity } from '#libs/store';
import { resolveRecipient } from './directory.js';

/**
 * Fires every reminder timer, whatever its subject: if the subject still wants it, writes one delivery row
 * per email address and webhook (unique idempotency keys) in the transaction that settles the timer, and
 * queues them after commit. The wording and links are the subject's (its adapter's ReminderTemplates); the
 * directory, the channels and the outbox are shared.
 */
@Injectable()
export class ReminderFiring {
  constructor(
    @Inject(RATIFY_CONFIG) private readonly config: RatifyConfig,
    @Inject(DeliveryQueue) private readonly deliveries: DeliveryQueue,
  ) {}

  @TimerHandler(REMINDER_TIMER)
  async fire({ timer, subject, adapter, uow, now }: TimerFiring): Promise<'fired' | 'stale'> {
    const templates = adapter.reminders;
    // Stale: the subject has moved on since the timer was set (its state no longer asks for this reminder).
    if (!templates || !adapter.timersFor(subject, now).some((t) => t.id === timer.id)) return 'stale';
    const inserted = await new NotificationRepository(uow.tx).insertOnce(this.deliveriesFor(adapter, templates, subject, timer, now));
    uow.afterCommit(() => this.deliveries.enqueue(inserted)); // if this fails, the reconciler queues the pending rows
    return 'fired';
  }

  private deliveriesFor(adapter: AggregateAdapter<unknown>, templates: ReminderTemplates<unknown>, subject: unknown, timer: TimerEntity, now: Date): NewNotification[] {
    const request = timer.payload as unknown as ReminderRequest;
    const summary = templates.summary(subject);
    const { notifications } = this.config;
    const about = { subjectType: adapter.subjectType, subjectId: summary.id, timerId: timer.id, kind: request.kind };
    const emails = resolveRecipient(request.recipient, notifications).map((person): NewNotification => {
      const idempotencyKey = `${timer.id}.email.${person.email}`;
      const links = templates.links(subject, request, person, timer.id);
      const rendered = templates.render
        ? templates.render(subject, request, person, links)
        : renderReminder({
            subject: summary,
            ...templates.phrase(request.kind),
            recipientName: person.name,
            actionAsked: request.actionAsked,
            deadline: request.deadline,
            links,
            nth: request.nth,
          });
      return {
        ...about,
        channel: 'email',
        recipient: person.email,
        subject: rendered.subject,
        // The same Message-ID on every resend of this delivery, so mail systems and people can drop repeats.
        payload: { to: person.email, ...rendered, messageId: `<${hash(idempotencyKey)}@ratify>`, headers: { 'X-Ratify-Idempotency-Key': idempotencyKey } },
        idempotencyKey,
      };
    });
    const facts = templates.facts(subject);
    const webhooks = notifications.webhookUrls.map((url): NewNotification => ({
      ...about,
      channel: 'webhook',
      recipient: url,
      subject: `${request.kind}: ${summary.reference}`,
      payload: {
        url,
        body: {
          type: `reminder.${request.kind}`,
          at: now.toISOString(),
          subject: { ...summary, ...facts },
          // Also under the subject's own type ("decision": { … }), the shape receivers have relied on.
          [summary.type]: { id: summary.id, reference: summary.reference, title: summary.title, ...facts },
          actionAsked: request.actionAsked,
          deadline: request.deadline,
          recipient: request.recipient,
        },
      },
      idempotencyKey: `${timer.id}.webhook.${hash(url)}`,
    }));
    return [...emails, ...webhooks];
  }
}

function hash(s: string): string {
  return createHash('sha256').update(s).digest('hex').slice(0, 24);
}
