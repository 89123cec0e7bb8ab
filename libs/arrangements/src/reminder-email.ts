import { escapeHtml, type RenderedMessage } from '#libs/delivery';
import { ukDate } from './dates.js';
import type { ArrangementReminderKind } from './reminders.js';
import type { ArrangementFacts, ArrangementKind } from './types.js';

/** What a reminder email says about one arrangement: plain data the shell gathers (no I/O here). */
export interface ArrangementReminderView {
  kind: ArrangementReminderKind;
  recipientName: string | null;
  arrangement: Pick<ArrangementFacts, 'kind' | 'title' | 'count' | 'fte' | 'grade' | 'fromGrade' | 'toGrade' | 'scalePoints' | 'hoursFrom' | 'hoursTo' | 'funding' | 'manager'> & {
    resolvedStart: string;
    resolvedEnd: string;
  };
  /** The decision that approved it. */
  decision: { reference: string; title: string };
  links: {
    /** The arrangement in Ratify. */
    open: string;
    /** Signed, expiring, single-use: confirms it has ended in one click. */
    confirmEnded: string;
    /** Where an extension or a permanent post is recorded (both need a decision reference). */
    extendOrMakePermanent: string;
  };
}

const KIND_LABEL: Record<ArrangementKind, string> = {
  'temporary-post': 'Temporary post',
  agency: 'Agency appointment',
  honorarium: 'Honorarium',
  'acting-up': 'Acting up',
  'hours-change': 'Temporary change of hours',
  'time-allocation': 'Allocation of time',
  secondment: 'Secondment',
  'maternity-cover': 'Maternity cover',
};

const n = (x: number) => String(x);

/** "Early Help Pathway Lead (2 FTE, Grade 9)": the title and what identifies the posts. */
export function arrangementHeadline(a: ArrangementReminderView['arrangement']): string {
  const parts: string[] = [];
  if (a.fte !== null) parts.push(`${n(a.fte)} FTE`);
  else if (a.count > 1) parts.push(`${a.count} posts`);
  if (a.fromGrade && a.toGrade) parts.push(`${a.fromGrade} to ${a.toGrade}`);
  else if (a.grade) parts.push(a.grade);
  if (a.hoursFrom !== null && a.hoursTo !== null) parts.push(`${n(a.hoursFrom)} to ${n(a.hoursTo)} hours`);
  return parts.length ? `${a.title} (${parts.join(', ')})` : a.title;
}

const ASK = 'end it, extend it or make it permanent';

/** Subject, plain text and HTML of an arrangement reminder; every interpolated value is escaped in the HTML. */
export function renderArrangementReminder(v: ArrangementReminderView): RenderedMessage {
  const a = v.arrangement;
  const headline = arrangementHeadline(a);
  const end = ukDate(a.resolvedEnd);
  const { subject, why } = {
    'arrangement-ending': { subject: `${headline} ends on ${end} — ${ASK}`, why: `This temporary arrangement ends on ${end}. Nothing happens by itself: please ${ASK}.` },
    'arrangement-ends-today': { subject: `${headline} ends on ${end} — ${ASK}`, why: `This temporary arrangement ends today, ${end}. Please ${ASK}.` },
    'arrangement-overdue': { subject: `Overdue: ${headline} ended on ${end} — ${ASK}`, why: `This temporary arrangement passed its end date, ${end}, and nobody has said what happened to it. Please ${ASK}.` },
    'arrangement-overdue-escalation': {
      subject: `Escalation: ${headline} ended on ${end} and is not settled`,
      why: `This temporary arrangement passed its end date, ${end}, without being ended, extended or made permanent. You are the escalation contact: please make sure someone settles it.`,
    },
  }[v.kind];

  const facts: [string, string][] = [
    ['Arrangement', KIND_LABEL[a.kind]],
    ['Runs', `${ukDate(a.resolvedStart)} to ${end}`],
    ...(a.fte !== null || a.count > 1 ? [['Posts', `${a.count}${a.fte !== null ? `, ${n(a.fte)} FTE` : ''}`] as [string, string]] : []),
    ...(a.fromGrade && a.toGrade ? [['Grade', `${a.fromGrade} to ${a.toGrade}${a.scalePoints ? ` (${a.scalePoints} scale points)` : ''}`] as [string, string]] : []),
    ...(a.grade ? [['Grade', a.grade] as [string, string]] : []),
    ...(a.hoursFrom !== null && a.hoursTo !== null ? [['Weekly hours', `${n(a.hoursFrom)} to ${n(a.hoursTo)}`] as [string, string]] : []),
    ...(fundingText(a.funding) ? [['Funding', fundingText(a.funding)!] as [string, string]] : []),
    ['Approved by', `${v.decision.reference} — ${v.decision.title}`],
    ['Managed by', managerText(a.manager)],
  ];
  const actions: [string, string][] = [
    ['It has ended: confirm it in one click', v.links.confirmEnded],
    ['Extend it or make it permanent (you will need the reference of the decision that approves it)', v.links.extendOrMakePermanent],
    ['Open it in Ratify', v.links.open],
  ];
  const greeting = v.recipientName ? `Dear ${v.recipientName},` : 'Hello,';
  const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim(); // a header must not carry line breaks

  const text = [greeting, '', why, '', ...facts.map(([k, x]) => `${k}: ${x}`), '', ...actions.map(([label, url]) => `${label}:\n${url}`), '', '— Ratify'].join('\n');
  const e = escapeHtml;
  const html = [
    `<p>${e(greeting)}</p>`,
    `<p>${e(why)}</p>`,
    `<h2>${e(headline)}</h2>`,
    `<table>${facts.map(([k, x]) => `<tr><th scope="row" style="text-align:left">${e(k)}</th><td>${e(x)}</td></tr>`).join('')}</table>`,
    `<ul>${actions.map(([label, url]) => `<li><a href="${e(url)}">${e(label)}</a></li>`).join('')}</ul>`,
    '<p>— Ratify</p>',
  ].join('\n');
  return { subject: oneLine(subject), text, html };
}

function fundingText(f: ArrangementFacts['funding']): string | null {
  const parts = [f.source, f.share ? `${f.share} of the cost` : null, f.amount !== null ? `£${f.amount.toLocaleString('en-GB')}` : null].filter(Boolean);
  return parts.length ? parts.join(', ') : null;
}

function managerText(m: ArrangementFacts['manager']): string {
  if (m.name && m.email) return `${m.name} <${m.email}>`;
  return m.name ?? m.email ?? m.userId ?? 'not named (HR is reminded)';
}
