import { createHmac, timingSafeEqual } from 'node:crypto';
import { stringify } from 'csv-stringify/sync';
import ical from 'ical-generator';
import { londonDateOf } from '#libs/calendar';
import { representArrangement } from './arrangement.js';
import type { CostResult } from './cost.js';
import { currentDates, ukDate } from './dates.js';
import type { ArrangementReminderPolicy } from './policy.js';
import { arrangementHeadline } from './reminder-email.js';
import { remindersFor, type ArrangementReminder } from './reminders.js';
import type { ArrangementState, PersistedArrangement } from './types.js';

/** One arrangement as the exports need it: itself and the decision that approved it. */
export interface ArrangementRecord {
  id: string;
  arrangement: PersistedArrangement;
  decision: { reference: string; title: string; decidedAt: string | null };
}

/** On a calendar: arrangements whose decision is in effect and that nobody has settled yet. */
const ON_CALENDAR: ArrangementState[] = ['scheduled', 'active', 'extended', 'ending-soon', 'overdue'];

export interface CalendarOptions {
  /** The calendar's name as subscribers see it, e.g. "Staffing arrangements — Alison Tomes". */
  name: string;
  policy: ArrangementReminderPolicy;
  /** ISO instant: which reminders are still to come, and the feed's DTSTAMP (so equal inputs give equal text). */
  now: string;
  /** The page of one arrangement, put on each event. */
  link: (id: string) => string;
}

const REMINDER_SUMMARY: Record<ArrangementReminder['kind'], string> = {
  'arrangement-ending': 'Reminder',
  'arrangement-ends-today': 'Last day',
  'arrangement-overdue': 'Overdue reminder',
  'arrangement-overdue-escalation': 'Overdue: escalated',
};

/**
 * An iCalendar feed (RFC 5545, written by ical-generator) of the end dates and reminder dates of the
 * arrangements given: whole-day events, each with a stable UID so a calendar app updates rather than
 * duplicates them when an extension moves them.
 */
export function renderArrangementsCalendar(records: ArrangementRecord[], options: CalendarOptions): string {
  const calendar = ical({ name: options.name, prodId: { company: 'Ratify', product: 'Staffing arrangements', language: 'EN' }, ttl: 3600 });
  const stamp = new Date(options.now);
  for (const r of records) {
    const p = r.arrangement;
    const { resolvedStart, resolvedEnd } = currentDates(p.context);
    if (!ON_CALENDAR.includes(p.state) || !resolvedStart || !resolvedEnd) continue;
    const json = representArrangement(r.id, p, r.decision);
    const headline = arrangementHeadline({ ...json, resolvedStart, resolvedEnd });
    const url = options.link(r.id);
    const description = [
      `${headline}: ${ukDate(resolvedStart)} to ${ukDate(resolvedEnd)}.`,
      `Approved by ${r.decision.reference} — ${r.decision.title}.`,
      'End it, extend it or make it permanent:',
      url,
    ].join('\n');
    calendar.createEvent({ id: `${r.id}-end-${resolvedEnd.replace(/-/g, '')}@ratify`, allDay: true, start: resolvedEnd, summary: `Ends: ${headline}`, description, url, stamp });
    for (const reminder of remindersFor(p, options.policy, options.now)) {
      if (Date.parse(reminder.dueAt) < Date.parse(options.now)) continue; // already sent
      calendar.createEvent({
        id: `${r.id}-${reminder.key}@ratify`,
        allDay: true,
        start: londonDateOf(reminder.dueAt),
        summary: `${REMINDER_SUMMARY[reminder.kind]}: ${headline} ${reminder.kind.startsWith('arrangement-overdue') ? 'ended' : 'ends'} on ${ukDate(resolvedEnd)}`,
        description,
        url,
        stamp,
      });
    }
  }
  return calendar.toString();
}

/** The columns of HR's spreadsheet, in order. */
export const CSV_COLUMNS = [
  'id', 'decision reference', 'decision title', 'kind', 'title', 'state', 'count', 'fte', 'grade', 'from grade', 'to grade',
  'scale points', 'hours from', 'hours to', 'start', 'end', 'duration', 'resolved start', 'resolved end', 'retrospective',
  'extended to', 'extended by decision', 'ended on', 'made permanent by decision', 'funding source', 'funding amount',
  'funding share', 'manager', 'manager email', 'monthly cost', 'remaining cost', 'cost basis',
] as const;

/**
 * A spreadsheet cell that begins with = + - @ (or a tab / carriage return) is read as a formula by
 * Excel and LibreOffice: such text is prefixed with an apostrophe (OWASP "CSV injection"). Numbers stay numbers.
 */
function cell(v: string | number | boolean | null | undefined): string | number {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  return /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}

/** A CSV (RFC 4180, header row, CRLF, written by csv-stringify) of arrangements for HR, with costs where known. */
export function renderArrangementsCsv(rows: { record: ArrangementRecord; cost?: CostResult }[]): string {
  const records = rows.map(({ record: r, cost }) => {
    const a = representArrangement(r.id, r.arrangement, r.decision);
    const last = a.extensions.at(-1);
    const estimate = cost?.known ? cost.estimate : null;
    const values: (string | number | boolean | null)[] = [
      a.id, r.decision.reference, r.decision.title, a.kind, a.title, a.state, a.count, a.fte, a.grade, a.fromGrade, a.toGrade,
      a.scalePoints, a.hoursFrom, a.hoursTo, a.start, a.end, a.duration, a.resolvedStart, a.resolvedEnd, a.retrospective,
      last?.resolvedEnd ?? null, last?.decisionReference ?? null, a.ended?.on ?? null, a.madePermanent?.decisionReference ?? null,
      a.funding.source, a.funding.amount, a.funding.share, a.manager.name, a.manager.email,
      estimate?.monthly ?? null, estimate?.remaining ?? null, estimate?.basis ?? (cost && !cost.known ? `no estimate: ${cost.reason}` : null),
    ];
    return values.map(cell);
  });
  return stringify(records, { header: true, columns: [...CSV_COLUMNS], record_delimiter: 'windows', bom: false });
}

const PURPOSE = 'ratify/arrangements-calendar/v1';

/**
 * The `sig` of a manager's calendar URL: HMAC-SHA256 over the manager parameter exactly as it appears
 * decoded in the query, base64url. Calendar apps cannot send a bearer token; the signature is the token,
 * so it names one manager and nothing else.
 */
export function calendarSignature(manager: string, secret: string): string {
  return createHmac('sha256', secret).update(`${PURPOSE}\n${manager}`).digest('base64url');
}

/** Checks a `sig` in constant time against each secret given (the current one first, then any being retired). */
export function verifyCalendarSignature(manager: unknown, sig: unknown, secrets: string | string[]): boolean {
  if (typeof manager !== 'string' || typeof sig !== 'string' || !/^[A-Za-z0-9_-]{43}$/.test(sig)) return false;
  const given = Buffer.from(sig, 'base64url');
  let ok = false;
  for (const secret of Array.isArray(secrets) ? secrets : [secrets]) {
    const expected = Buffer.from(calendarSignature(manager, secret), 'base64url');
    // No early exit: every secret is compared whatever the outcome of the others.
    ok = (given.length === expected.length && timingSafeEqual(given, expected)) || ok;
  }
  return ok;
}

/** The subscription URL of a manager's calendar. */
export function calendarUrl(publicUrl: string, manager: string, secret: string): string {
  const query = new URLSearchParams({ manager, sig: calendarSignature(manager, secret) });
  return `${publicUrl.replace(/\/$/, '')}/api/arrangements/calendar.ics?${query}`;
}
