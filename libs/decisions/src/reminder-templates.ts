import { signActionLink } from '#libs/auth';
import type { RatifyConfig } from '#libs/config';
import type { ReminderPerson, ReminderTemplates, SubjectSummary } from '#libs/engine';
import type { ReminderKind, ReminderRequest } from '#libs/reminders';
import type { DecisionRecord } from '#libs/store';

/** The decision's reminders in words: one row per kind, the subject line's lead and the sentence that says why the mail came. */
export const DECISION_REMINDER_PHRASES: Record<ReminderKind, { lead: string; why: string }> = {
  'consultee-reminder': { lead: 'Reminder', why: 'Your sign-off is still awaited on this decision.' },
  'consultee-escalation': { lead: 'Escalation', why: 'A consultee has not signed off this decision in time.' },
  'decision-maker-reminder': { lead: 'Reminder', why: 'This decision is waiting For Determination.' },
  'forward-plan-alert': { lead: 'Forward plan alert', why: 'This key decision must be on the notice of key decisions for 28 clear days before it is taken.' },
  'approved-not-published': { lead: 'Not yet published', why: 'This decision was approved but its record has not been published.' },
  'publication-overdue': {
    lead: 'Publication overdue',
    why: "This decision was taken longer ago than the constitution allows a record to wait, and its record is still not published.",
  },
  'call-in-ends-tomorrow': { lead: 'Call-in ends tomorrow', why: 'The call-in period of this decision ends tomorrow.' },
  'call-in-meeting-overdue': { lead: 'Call-in overdue', why: "This call-in has waited past the constitution's meeting deadline." },
};

/** A decision as reminders and webhooks show it. */
export function decisionSummary({ decision }: DecisionRecord, publicUrl: string): SubjectSummary {
  return { type: 'decision', id: decision.id, reference: decision.reference, title: decision.title, link: `${publicUrl}/api/decisions/${decision.id}` };
}

/** The decision's reminder templates: its wording, and its one-click links (open; sign off for a named consultee). */
export function decisionReminderTemplates(config: Pick<RatifyConfig, 'publicUrl' | 'jwtSecret' | 'notifications'>): ReminderTemplates<DecisionRecord> {
  return {
    summary: (record) => decisionSummary(record, config.publicUrl),
    phrase(kind) {
      const phrase = DECISION_REMINDER_PHRASES[kind as ReminderKind];
      if (!phrase) throw new RangeError(`no template for decision reminder kind ${JSON.stringify(kind)}`);
      return phrase;
    },
    links: (record, request, person, timerId) => decisionLinks(record, request, person, timerId, config),
    facts: ({ decision }) => ({ state: decision.state }),
  };
}

function decisionLinks(
  { decision }: DecisionRecord,
  request: ReminderRequest,
  person: ReminderPerson,
  timerId: string,
  config: Pick<RatifyConfig, 'publicUrl' | 'jwtSecret' | 'notifications'>,
) {
  const base = `${config.publicUrl}/api/one-click/`;
  const ttl = config.notifications.actionLinkTtlHours * 3600;
  if (!person.userId) return [{ label: 'Open the decision', url: `${config.publicUrl}/api/decisions/${decision.id}` }];
  const actor = { userId: person.userId, name: person.name, roles: [] };
  const links = [
    { label: 'Open the decision', url: base + signActionLink({ actor, decisionId: decision.id, action: 'open', jti: `${timerId}-open` }, config.jwtSecret, ttl) },
  ];
  if (request.kind === 'consultee-reminder' && request.area) {
    const token = signActionLink({ actor, decisionId: decision.id, action: 'sign-off', area: request.area, jti: `${timerId}-sign-off` }, config.jwtSecret, ttl);
    links.push({ label: `Sign off for ${request.area.toUpperCase()} now`, url: base + token });
  }
  return links;
}
