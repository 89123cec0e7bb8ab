import { DateTime } from 'luxon';
import type { ReminderKind } from '#libs/reminders';

/** The kinds of reminder the policy produces; libs/reminders holds the one definition. */
export type { ReminderKind };

export interface ReminderMessage {
  kind: ReminderKind;
  recipientName: string | null;
  decision: { id: string; reference: string; title: string };
  /** What the recipient is asked to do, e.g. "Sign off for HR". */
  actionAsked: string;
  /** ISO instant. */
  deadline: string | null;
  /** The first opens the decision; one-click action links follow. */
  links: { label: string; url: string }[];
  /** Which reminder this is (2 = the second); shown in the subject from the second on. */
  nth?: number;
}

export interface RenderedMessage {
  subject: string;
  text: string;
  html: string;
}

/** One row per kind: the subject's lead and the sentence that says why the mail came. */
const PHRASES: Record<ReminderKind, { lead: string; why: string }> = {
  'consultee-reminder': { lead: 'Reminder', why: 'Your sign-off is still awaited on this decision.' },
  'consultee-escalation': { lead: 'Escalation', why: 'A consultee has not signed off this decision in time.' },
  'decision-maker-reminder': { lead: 'Reminder', why: 'This decision is waiting For Determination.' },
  'forward-plan-alert': { lead: 'Forward plan alert', why: 'This key decision must be on the notice of key decisions for 28 clear days before it is taken.' },
  'approved-not-published': { lead: 'Not yet published', why: 'This decision was approved but its record has not been published.' },
  'call-in-ends-tomorrow': { lead: 'Call-in ends tomorrow', why: 'The call-in period of this decision ends tomorrow.' },
  'call-in-meeting-overdue': { lead: 'Call-in overdue', why: "This call-in has waited past the constitution's meeting deadline." },
};

/** An ISO instant as a London wall-clock time, e.g. "Wednesday 25 November 2020, 17:00". */
export function formatLondon(instant: string): string {
  const time = DateTime.fromISO(instant, { setZone: true });
  if (!time.isValid) throw new RangeError(`not an ISO instant: ${JSON.stringify(instant)}`);
  return time.setZone('Europe/London').setLocale('en-GB').toFormat('cccc d LLLL yyyy, HH:mm');
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Safe in element text and in double- or single-quoted attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/** Subject, plain text and HTML for a reminder; every interpolated value is escaped in the HTML. */
export function renderReminder(m: ReminderMessage): RenderedMessage {
  const phrase = PHRASES[m.kind];
  if (!phrase) throw new RangeError(`no template for reminder kind ${JSON.stringify(m.kind)}`);
  const { lead, why } = phrase;
  const nth = m.nth && m.nth > 1 ? ` (${ordinal(m.nth)} reminder)` : '';
  // One line whatever the inputs hold: a header must not carry line breaks.
  const subject = `${lead}: ${m.actionAsked} — ${m.decision.reference}${nth}`.replace(/\s+/g, ' ').trim();
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
    ...(m.links.length ? [`<ul>${m.links.map((l) => `<li><a href="${e(l.url)}">${e(l.label)}</a></li>`).join('')}</ul>`] : []),
    '<p>— Ratify</p>',
  ].join('\n');
  return { subject, text, html };
}

function ordinal(n: number): string {
  const teen = n % 100 >= 11 && n % 100 <= 13;
  const suffix = teen ? 'th' : (({ 1: 'st', 2: 'nd', 3: 'rd' }) as Record<number, string>)[n % 10] ?? 'th';
  return `${n}${suffix}`;
}
