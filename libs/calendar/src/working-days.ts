import { bankHoliday } from './bank-holidays.js';
import { isClosureDay } from './closures.js';
import { addDays, weekday } from './dates.js';

/**
 * Working days: not a weekend, not an England & Wales bank holiday, and not one of the council's
 * closure days (closures.ts). `workingCalendar(closures)` gives the arithmetic for one council;
 * the plain functions below are England & Wales with no closures.
 */
export interface WorkingCalendar {
  /** Why `date` is not a working day ('Saturday', 'bank holiday: Christmas Day', 'council closure day'), or null. */
  whyNotWorking(date: string): string | null;
  isWorkingDay(date: string): boolean;
  /** The n-th working day after `date` (the day itself is not counted); n = 0 gives `date`. */
  addWorkingDays(date: string, n: number): string;
  /** The n-th working day before `date` (the day itself is not counted); n = 0 gives `date`. */
  subtractWorkingDays(date: string, n: number): string;
  nextWorkingDay(date: string): string;
  /** Working days strictly between a and b. */
  workingDaysBetween(a: string, b: string): number;
}

export function workingCalendar(closures: readonly string[] = []): WorkingCalendar {
  const whyNotWorking = (date: string): string | null => {
    const day = weekday(date);
    if (day === 6) return 'Saturday';
    if (day === 0) return 'Sunday';
    const holiday = bankHoliday(date);
    if (holiday) return `bank holiday: ${holiday.name}`;
    return isClosureDay(date, closures) ? 'council closure day' : null;
  };
  const isWorkingDay = (date: string) => whyNotWorking(date) === null;
  const step = (date: string, n: number, by: 1 | -1) => {
    let d = date;
    for (let counted = 0; counted < n; ) {
      d = addDays(d, by);
      if (isWorkingDay(d)) counted++;
    }
    return d;
  };
  return {
    whyNotWorking,
    isWorkingDay,
    addWorkingDays: (date, n) => step(date, n, 1),
    subtractWorkingDays: (date, n) => step(date, n, -1),
    nextWorkingDay: (date) => step(date, 1, 1),
    workingDaysBetween: (a, b) => {
      let n = 0;
      for (let d = addDays(a, 1); d < b; d = addDays(d, 1)) if (isWorkingDay(d)) n++;
      return n;
    },
  };
}

const englandAndWales = workingCalendar();
export const whyNotWorking = (date: string): string | null => englandAndWales.whyNotWorking(date);
export const isWorkingDay = (date: string): boolean => englandAndWales.isWorkingDay(date);
export const addWorkingDays = (date: string, n: number): string => englandAndWales.addWorkingDays(date, n);
export const subtractWorkingDays = (date: string, n: number): string => englandAndWales.subtractWorkingDays(date, n);
export const nextWorkingDay = (date: string): string => englandAndWales.nextWorkingDay(date);
export const workingDaysBetween = (a: string, b: string): number => englandAndWales.workingDaysBetween(a, b);
