import type { NotificationEntity } from '#libs/store';

/** A delivery as GET /api/decisions/:id/notifications shows it (the rendered body stays in the store). */
export function representNotification(n: NotificationEntity) {
  return {
    id: n.id,
    kind: n.kind,
    channel: n.channel,
    recipient: n.recipient,
    subject: n.subject,
    status: n.status,
    attempts: n.attempts,
    lastError: n.lastError,
    createdAt: n.createdAt.toISOString(),
    sentAt: n.sentAt ? n.sentAt.toISOString() : null,
  };
}
