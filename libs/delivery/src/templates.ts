import { DateTime } from 'luxon';
import type { ReminderKind } from '#libs/reminders';

/** The kinds of reminder the policy produces (libs/reminders). */
export type MessageKind = ReminderKind;

export interface ReminderMessage {
  kind: MessageKind;
  recipientName: string | null;
  decision: { id: string; reference: string; title: string };
  /** What the recipient is asked to do, e.g. "Sign off for HR". */
  actionAsked: string;
  /** ISO instant. */
  deadline: string | null;
  /** The first opens the decision; one-click action links follow. */
  links: { label: string; url: string }[];
  nth?: number;
}

export interface RenderedMessage {
  subject: string;
  text: string;
  html: string;
}

/** One phrase per kind: the subject's lead and the sentence that explains why the mail came. */
const PHRASES: Record<MessageKind, { lead: string; why: string }> = {
  'consultee-reminder': { lead: 'Reminder', why: 'Your sign-off is still awaited on this decision.' },
  'consultee-escalation': { lead: 'Escalation', why: 'A consultee has not signed off this decision in time.' },
  'decision-maker-reminder': { lead: 'Reminder', why: 'This decision is waiting For Determination.' },
  'forward-plan-alert': { lead: 'Forward plan alert', why: 'This key decision must be on the notice of key decisions for 28 clear days before it is taken.' },
  'approved-not-published': { lead: 'Not yet published', why: 'This decision was approved but its record has not been published.' },
  'call-in-ends-tomorrow': { lead: 'Call-in ends tomorrow', why: 'The call-in period of this decision ends tomorrow.' },
  'call-in-meeting-overdue': { lead: 'Call-in overdue', why: "This call-in has waited past the constitution's meeting deadline." },
};

export function formatLondon(instant: string): string {
  return DateTime.fromISO(instant).setZone('Europe/London').toFormat("cccc d LLLL yyyy, HH:mm");
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Subject, plain text and HTML for a reminder; every interpolated value is escaped in the HTML. */
export function renderReminder(m: ReminderMessage): RenderedMessage {
  const { lead, why } = PHRASES[m.kind];
  const nth = m.nth && m.nth > 1 ? ` (${ordinal(m.nth)} reminder)` : '';
  const subject = `${lead}: ${m.actionAsked} — ${m.decision.reference}${nth}`;
  const deadline = m.deadline ? `By: ${formatLondon(m.deadline)}` : null;
  const greeting = m.recipientName ? `Dear ${m.recipientName},` : 'Hello,';
  const text = [
    greeting,
    '',
    why,
    '',
    `Decision: ${m.decision.title} (${m.decision.reference})`,
    `Asked of you: ${m.actionAsked}`,
    ...(deadline ? [deadline] : []),
    '',
    ...m.links.map((l) => `${l.label}: ${l.url}`),
    '',
    '— Ratify',
  ].join('\n');
  const e = escapeHtml;
  const html = [
    `<p>${e(greeting)}</p>`,
    `<p>${e(why)}</p>`,
    `<p><strong>${e(m.decision.title)}</strong> (${e(m.decision.reference)})</p>`,
    `<p>Asked of you: ${e(m.actionAsked)}</p>`,
    ...(deadline ? [`<p>${e(deadline)}</p>`] : []),
    `<ul>${m.links.map((l) => `<li><a href="${e(l.url)}">${e(l.label)}</a></li>`).join('')}</ul>`,
    '<p>— Ratify</p>',
  ].join('\n');
  return { subject, text, html };
}

function ordinal(n: number): string {
  return n === 2 ? '2nd' : n === 3 ? '3rd' : `${n}th`;
}
