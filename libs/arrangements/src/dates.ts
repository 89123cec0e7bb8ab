import { addDays, isIsoDate, londonDateOf, startOfLondonDay } from '#libs/calendar';
import type { ArrangementContext, ArrangementFacts, DecisionDates } from './types.js';

/** A month written YYYY-MM ("until March 2021": 2021-03). */
export function isYearMonth(s: string): boolean {
  return /^\d{4}-(0[1-9]|1[0-2])$/.test(s);
}

/** The last day of a YYYY-MM month (2024-02 → 2024-02-29). */
export function lastDayOfMonth(month: string): string {
  const y = +month.slice(0, 4);
  const m = +month.slice(5, 7);
  return `${month}-${String(daysInMonth(y, m)).padStart(2, '0')}`;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** An end as given (YYYY-MM-DD, or YYYY-MM meaning that month's last day) as a date. */
export function endDateOf(end: string): string {
  return isYearMonth(end) ? lastDayOfMonth(end) : end;
}

export interface DurationParts {
  years: number;
  months: number;
  weeks: number;
  days: number;
}

/** Upper bounds that keep every result a four-digit year; no staffing arrangement runs for 50 years. */
const LIMITS: DurationParts = { years: 50, months: 600, weeks: 2600, days: 18_250 };

/**
 * An ISO 8601 duration in whole calendar units — P12M, P6W, P1Y6M, P10D — or null. Time parts (PT…),
 * fractions and a zero length are refused: an arrangement runs for whole days.
 */
export function parseDuration(s: string): DurationParts | null {
  const m = /^P(?:(\d{1,5})Y)?(?:(\d{1,5})M)?(?:(\d{1,5})W)?(?:(\d{1,5})D)?$/.exec(s);
  if (!m || s === 'P') return null;
  const parts: DurationParts = { years: +(m[1] ?? 0), months: +(m[2] ?? 0), weeks: +(m[3] ?? 0), days: +(m[4] ?? 0) };
  if (parts.years + parts.months + parts.weeks + parts.days === 0) return null;
  for (const unit of Object.keys(LIMITS) as (keyof DurationParts)[]) if (parts[unit] > LIMITS[unit]) return null;
  if (parts.years * 12 + parts.months > LIMITS.months || parts.weeks * 7 + parts.days > LIMITS.days) return null;
  return parts;
}

/**
 * The inclusive last day of a period of `duration` starting on `start`: the day before the corresponding
 * date — or, when the corresponding month has no such day (31 January + P1M, 29 February + P1Y), the last
 * day of that month. So 2021-02-16 + P12M → 2022-02-15, 2020-11-19 + P6W → 2020-12-30,
 * 2021-01-31 + P1M → 2021-02-28, 2020-02-29 + P1Y → 2021-02-28, 2021-03-01 + P1M → 2021-03-31.
 */
export function endOfPeriod(start: string, duration: DurationParts | string): string {
  const d = typeof duration === 'string' ? parseDuration(duration) : duration;
  if (!d) throw new RangeError(`not a duration in whole days, weeks, months or years: ${JSON.stringify(duration)}`);
  const year = +start.slice(0, 4);
  const month = +start.slice(5, 7);
  const day = +start.slice(8, 10);
  const months = month - 1 + d.years * 12 + d.months;
  const y = year + Math.floor(months / 12);
  const m = (months % 12) + 1;
  // The day after the period: the corresponding date, or the 1st of the next month when there is none.
  const next = day <= daysInMonth(y, m) ? Date.UTC(y, m - 1, day) : Date.UTC(y, m, 1);
  const after = new Date(next).toISOString().slice(0, 10);
  return addDays(after, d.weeks * 7 + d.days - 1);
}

/**
 * The first whole London day on which a decision is in effect. `effectiveAt` is either an instant (the end
 * of a call-in period: 2020-11-25T17:00Z → 2020-11-26; an instant at exactly 00:00 London is that day) or
 * a publication date YYYY-MM-DD, in effect from the end of that day (2021-02-15 → 2021-02-16).
 */
export function firstWholeDayInEffect(effectiveAt: string): string {
  if (isIsoDate(effectiveAt)) return addDays(effectiveAt, 1);
  const ms = Date.parse(effectiveAt);
  if (Number.isNaN(ms)) throw new RangeError(`effectiveAt must be an ISO instant or a YYYY-MM-DD date, got ${JSON.stringify(effectiveAt)}`);
  const date = londonDateOf(effectiveAt);
  return Date.parse(startOfLondonDay(date)) === ms ? date : addDays(date, 1);
}

export interface ResolvedDates {
  resolvedStart: string | null;
  resolvedEnd: string | null;
}

/**
 * The dates an arrangement runs on, from its facts and the decision (null while unknown: a start "when the
 * decision takes effect" before it has; an end from a duration before its start is known).
 */
export function resolveDates(facts: Pick<ArrangementFacts, 'start' | 'end' | 'duration'>, decision: Pick<DecisionDates, 'effectiveAt'>): ResolvedDates {
  const resolvedStart = facts.start ?? (decision.effectiveAt ? firstWholeDayInEffect(decision.effectiveAt) : null);
  let resolvedEnd: string | null = null;
  if (facts.end) resolvedEnd = endDateOf(facts.end);
  else if (facts.duration && resolvedStart) resolvedEnd = endOfPeriod(resolvedStart, facts.duration);
  return { resolvedStart, resolvedEnd };
}

/** The dates of an arrangement now: the last extension's end replaces the original one. */
export function currentDates(ctx: Pick<ArrangementContext, 'facts' | 'decision' | 'extensions'>): ResolvedDates {
  const dates = resolveDates(ctx.facts, ctx.decision);
  const last = ctx.extensions.at(-1);
  return last ? { ...dates, resolvedEnd: last.resolvedEnd } : dates;
}

/** Approved after it began: the start is before the date of decision (false while either is unknown). */
export function isRetrospective(resolvedStart: string | null, decidedAt: string | null): boolean {
  return resolvedStart !== null && decidedAt !== null && resolvedStart < decidedAt.slice(0, 10);
}

/** dd/mm/yyyy, as registers and the reminder emails write dates. */
export function ukDate(date: string): string {
  return `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
}
