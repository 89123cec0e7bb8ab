import { DateTime } from 'luxon';

/** The subject a reminder is about (a decision, an arrangement …), as every aggregate describes itself. */
export interface ReminderSubject {
  /** 'decision', 'arrangement' …: shown as the body's label ("Decision: …"). */
  type: string;
  id: string;
  reference: string;
  title: string;
  link: string;
}

/**
 * One reminder to one person. The wording of each kind (`lead`, `why`) belongs to the aggregate that asks for
 * the reminder; this is the layout every reminder shares.
 */
export interface ReminderMessage {
  subject: ReminderSubject;
  /** The subject line's lead, e.g. "Reminder", "Escalation". */
  lead: string;
  /** The sentence that says why the mail came. */
  why: string;
  recipientName: string | null;
  /** What the recipient is asked to do, e.g. "Sign off for HR". */
  actionAsked: string;
  /** ISO instant. */
  deadline: string | null;
  /** The first opens the subject; one-click action links follow. */
  links: { label: string; url: string }[];
  /** Which reminder this is (2 = the second); shown in the subject from the second on. */
  nth?: number;
}

export interface RenderedMessage {
  subject: string;
  text: string;
  html: string;
}

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
  const { lead, why } = m;
  const nth = m.nth && m.nth > 1 ? ` (${ordinal(m.nth)} reminder)` : '';
  // One line whatever the inputs hold: a header must not carry line breaks.
  const subject = `${lead}: ${m.actionAsked} — ${m.subject.reference}${nth}`.replace(/\s+/g, ' ').trim();
  const label = m.subject.type.charAt(0).toUpperCase() + m.subject.type.slice(1);
  const deadline = m.deadline ? `By: ${formatLondon(m.deadline)}` : null;
  const greeting = m.recipientName ? `Dear ${m.recipientName},` : 'Hello,';
  const text = [
    greeting,
    '',
    why,
    '',
    `${label}: ${m.subject.title} (${m.subject.reference})`,
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
    `<p><strong>${e(m.subject.title)}</strong> (${e(m.subject.reference)})</p>`,
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
