import type { NotificationSettings, Person } from '#libs/config';
import type { Recipient } from '#libs/reminders';

/**
 * Turns a reminder's recipient into people with addresses: the configured directory first, then
 * <user id | role>@MAIL_DOMAIN so a development setup mails somewhere predictable.
 */
export function resolveRecipient(recipient: Recipient, settings: NotificationSettings): (Person & { userId: string | null })[] {
  const { directory, mailDomain } = settings;
  switch (recipient.type) {
    case 'user': {
      const person = directory.users[recipient.userId] ?? { name: recipient.userId, email: `${recipient.userId}@${mailDomain}` };
      return [{ ...person, userId: recipient.userId }];
    }
    case 'role': {
      const people = directory.roles[recipient.role] ?? [{ name: recipient.role, email: `${recipient.role.replace(':', '.')}@${mailDomain}` }];
      return people.map((p) => ({ ...p, userId: null }));
    }
    case 'escalation':
      return [{ ...(directory.escalation ?? { name: 'Escalations', email: `escalations@${mailDomain}` }), userId: null }];
    case 'email':
      return [{ name: recipient.name ?? recipient.email, email: recipient.email, userId: null }];
  }
}
