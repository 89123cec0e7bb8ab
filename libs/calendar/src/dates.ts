import { DateTime } from 'luxon';

export const ZONE = 'Europe/London';

/** A real calendar date written YYYY-MM-DD (2021-02-29 is not one). */
export function isIsoDate(s: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(s) && DateTime.fromISO(s, { zone: 'utc' }).isValid;
}

/** A wall-clock time HH:mm (24-hour); with `allowMidnightEnd`, also 24:00 (the end of the day). */
export function isClockTime(s: string, allowMidnightEnd = false): boolean {
  return /^([01]\d|2[0-3]):[0-5]\d$/.test(s) || (allowMidnightEnd && s === '24:00');
}

// Calendar-date arithmetic needs no time zone: do it on UTC midnights (fast, and no DST edge).
const DAY_MS = 86_400_000;
const utc = (date: string) => Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10));

export function addDays(date: string, n: number): string {
  return new Date(utc(date) + n * DAY_MS).toISOString().slice(0, 10);
}

/** 0 Sunday … 6 Saturday. */
export function weekday(date: string): number {
  return new Date(utc(date)).getUTCDay();
}

/** Calendar days from a to b (b - a); negative when b is earlier. */
export function daysFrom(a: string, b: string): number {
  return Math.round((utc(b) - utc(a)) / DAY_MS);
}

/** Calendar days strictly between a and b ("clear days": neither end counts). */
export function clearDaysBetween(a: string, b: string): number {
  return Math.max(0, daysFrom(a, b) - 1);
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

/** The London wall-clock time (HH:mm) of an instant. */
export function londonTimeOf(instant: string): string {
  return DateTime.fromISO(instant, { setZone: false }).setZone(ZONE).toFormat('HH:mm');
}

/** The instant of a London wall-clock time on a date, right across GMT/BST; 24:00 is the start of the next day. */
export function londonInstant(date: string, time: string): string {
  if (time === '24:00') return londonInstant(addDays(date, 1), '00:00');
  const key = `${date}T${time}`;
  const known = instants.get(key);
  if (known !== undefined) return known;
  const [hour, minute] = time.split(':').map(Number);
  return remember(instants, key, DateTime.fromISO(date, { zone: ZONE }).set({ hour, minute, second: 0, millisecond: 0 }).toUTC().toISO()!);
}

export function startOfLondonDay(date: string): string {
  return londonInstant(date, '00:00');
}
