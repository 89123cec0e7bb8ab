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

/** The London calendar date of an instant. */
export function londonDateOf(instant: string): string {
  return DateTime.fromISO(instant, { setZone: false }).setZone(ZONE).toISODate()!;
}

/** The London wall-clock time (HH:mm) of an instant. */
export function londonTimeOf(instant: string): string {
  return DateTime.fromISO(instant, { setZone: false }).setZone(ZONE).toFormat('HH:mm');
}

/** The instant of a London wall-clock time on a date, right across GMT/BST; 24:00 is the start of the next day. */
export function londonInstant(date: string, time: string): string {
  if (time === '24:00') return londonInstant(addDays(date, 1), '00:00');
  const [hour, minute] = time.split(':').map(Number);
  return DateTime.fromISO(date, { zone: ZONE }).set({ hour, minute, second: 0, millisecond: 0 }).toUTC().toISO()!;
}

export function startOfLondonDay(date: string): string {
  return londonInstant(date, '00:00');
}
