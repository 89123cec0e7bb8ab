import { signActionLink } from '#libs/auth';
import { currentDates, renderArrangementReminder, type ArrangementReminderKind } from '#libs/arrangements';
import type { RatifyConfig } from '#libs/config';
import type { ReminderPerson, ReminderTemplates } from '#libs/engine';
import type { ReminderRequest } from '#libs/reminders';
import type { StoredArrangement } from '#libs/store';
import { ARRANGEMENT } from './subject.js';

export const arrangementUrl = (publicUrl: string, id: string) => `${publicUrl}/api/arrangements/${id}`;
/** Where a person reading the mail in a browser acts: the web app's pages (the JSON API needs a bearer token). */
const extendPageUrl = (publicUrl: string, id: string) => `${publicUrl}/work/arrangements/${id}/act/extend`;
const decisionPageUrl = (publicUrl: string, decisionId: string) => `${publicUrl}/work/decisions/${decisionId}`;

/**
 * An arrangement's reminders in its own words (libs/arrangements renderArrangementReminder): "… ends on
 * 15/02/2022 — end it, extend it or make it permanent", its facts, and a signed, expiring, single-use
 * one-click link to confirm it has ended (apps/api/one-click). Extending and making permanent need a
 * decision reference, so the mail links to the arrangement, where those are done.
 */
export function arrangementReminderTemplates(config: Pick<RatifyConfig, 'publicUrl' | 'jwtSecret' | 'notifications'>): ReminderTemplates<StoredArrangement> {
  const links = (a: StoredArrangement, _request: ReminderRequest, person: ReminderPerson, timerId: string) => {
    const ttl = config.notifications.actionLinkTtlHours * 3600;
    // A manager known only by address acts through the link under that address.
    const actor = { userId: person.userId ?? `email:${person.email}`, name: person.name, roles: [] };
    const token = signActionLink({ actor, decisionId: a.decisionId, arrangementId: a.id, action: 'confirm-ended', jti: `${timerId}-confirm-ended` }, config.jwtSecret, ttl);
    return [
      { label: 'It has ended: confirm it in one click', url: `${config.publicUrl}/api/one-click/${token}` },
      { label: 'Extend it or make it permanent', url: extendPageUrl(config.publicUrl, a.id) },
      { label: 'Open it in Ratify', url: decisionPageUrl(config.publicUrl, a.decisionId) },
    ];
  };
  return {
    summary: (a) => ({ type: ARRANGEMENT, id: a.id, reference: a.decision.reference, title: a.arrangement.context.facts.title, link: arrangementUrl(config.publicUrl, a.id) }),
    phrase: () => ({ lead: 'Reminder', why: 'A temporary staffing arrangement is ending.' }),
    links,
    facts: (a) => {
      const { resolvedStart, resolvedEnd } = currentDates(a.arrangement.context);
      return { state: a.arrangement.state, decisionId: a.decisionId, resolvedStart, resolvedEnd };
    },
    render: (a, request, person, [confirmEnded, extendOrMakePermanent, open]) => {
      const facts = a.arrangement.context.facts;
      const { resolvedStart, resolvedEnd } = currentDates(a.arrangement.context);
      return renderArrangementReminder({
        kind: request.kind as ArrangementReminderKind,
        recipientName: person.name,
        arrangement: { ...facts, resolvedStart: resolvedStart!, resolvedEnd: resolvedEnd! },
        decision: { reference: a.decision.reference, title: a.decision.title },
        links: { confirmEnded: confirmEnded.url, extendOrMakePermanent: extendOrMakePermanent.url, open: open.url },
      });
    },
  };
}
