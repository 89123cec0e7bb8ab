import { DateTime } from 'luxon';
import { bankHoliday } from './bank-holidays.js';

export const ZONE = 'Europe/London';

function day(date: string): DateTime {
  return DateTime.fromISO(date, { zone: ZONE });
}

/** A real calendar date written YYYY-MM-DD (2021-02-29 is not one). */
export function isIsoDate(s: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(s) && DateTime.fromISO(s, { zone: 'utc' }).isValid;
}

// Calendar-date arithmetic needs no time zone: do it on UTC midnights (fast, and no DST edge).
const DAY_MS = 86_400_000;
const utc = (date: string) => Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10));

export function addDays(date: string, n: number): string {
  return new Date(utc(date) + n * DAY_MS).toISOString().slice(0, 10);
}

/** Why `date` is not a working day ('Saturday', 'Sunday', 'bank holiday: Christmas Day'), or null if it is one. */
export function whyNotWorking(date: string): string | null {
  const weekday = new Date(utc(date)).getUTCDay();
  if (weekday === 6) return 'Saturday';
  if (weekday === 0) return 'Sunday';
  const holiday = bankHoliday(date);
  return holiday ? `bank holiday: ${holiday.name}` : null;
}

export function isWorkingDay(date: string): boolean {
  return whyNotWorking(date) === null;
}

/** The n-th working day after `date` (the day itself is not counted); n = 0 gives `date`. */
export function addWorkingDays(date: string, n: number): string {
  let d = date;
  for (let counted = 0; counted < n; ) {
    d = addDays(d, 1);
    if (isWorkingDay(d)) counted++;
  }
  return d;
}

export function nextWorkingDay(date: string): string {
  return addWorkingDays(date, 1);
}

/** Working days strictly between a and b. */
export function workingDaysBetween(a: string, b: string): number {
  let n = 0;
  for (let d = addDays(a, 1); d < b; d = addDays(d, 1)) if (isWorkingDay(d)) n++;
  return n;
}

/** Calendar days strictly between a and b ("clear days": neither end counts). */
export function clearDaysBetween(a: string, b: string): number {
  return Math.max(0, Math.round((utc(b) - utc(a)) / DAY_MS) - 1);
}

// Time-zone conversion through luxon costs ~0.1 ms a call, and every change to a decision makes dozens (its
// reminders' dates). London's UTC offset only ever changes on a whole UTC hour, so it is looked up once per
// hour and cached; wall-clock instants are cached by their date and time. Both caches are bounded.
const CACHE_LIMIT = 50_000;
const HOUR_MS = 3_600_000;
const offsetByHour = new Map<number, number>();
const instants = new Map<string, string>();
const FULL_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

function remember<K, V>(cache: Map<K, V>, key: K, value: V): V {
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, value);
  return value;
}

/** London's offset from UTC (ms) at an instant. */
function londonOffsetMs(ms: number): number {
  const hour = Math.floor(ms / HOUR_MS);
  return offsetByHour.get(hour) ?? remember(offsetByHour, hour, DateTime.fromMillis(hour * HOUR_MS, { zone: ZONE }).offset * 60_000);
}

/** The London calendar date of an instant. */
export function londonDateOf(instant: string): string {
  const ms = FULL_INSTANT.test(instant) ? Date.parse(instant) : NaN;
  if (Number.isNaN(ms)) return DateTime.fromISO(instant, { setZone: false }).setZone(ZONE).toISODate()!;
  return new Date(ms + londonOffsetMs(ms)).toISOString().slice(0, 10);
}

/** The instant of a London wall-clock time on a date, right across GMT/BST. */
export function londonInstant(date: string, time: string): string {
  const key = `${date}T${time}`;
  const known = instants.get(key);
  if (known !== undefined) return known;
  const [hour, minute] = time.split(':').map(Number);
  return remember(instants, key, day(date).set({ hour, minute, second: 0, millisecond: 0 }).toUTC().toISO()!);
}

export function startOfLondonDay(date: string): string {
  return londonInstant(date, '00:00');
}
