import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { addDays, startOfLondonDay } from '#libs/calendar';
import { endDateOf, endOfPeriod, firstWholeDayInEffect, isRetrospective, lastDayOfMonth, parseDuration, resolveDates, ukDate } from './dates.js';

/** Real dates 1990–2060 as YYYY-MM-DD. */
const dates = fc.integer({ min: Date.UTC(1990, 0, 1) / 86_400_000, max: Date.UTC(2060, 11, 31) / 86_400_000 }).map((d) => new Date(d * 86_400_000).toISOString().slice(0, 10));
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const daysFromTo = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000) + 1;

describe('parseDuration', () => {
  it('reads whole years, months, weeks and days', () => {
    expect(parseDuration('P12M')).toEqual({ years: 0, months: 12, weeks: 0, days: 0 });
    expect(parseDuration('P6W')).toEqual({ years: 0, months: 0, weeks: 6, days: 0 });
    expect(parseDuration('P1Y6M')).toEqual({ years: 1, months: 6, weeks: 0, days: 0 });
    expect(parseDuration('P10D')).toEqual({ years: 0, months: 0, weeks: 0, days: 10 });
  });

  it('refuses time parts, fractions, zero, negatives, lower case and absurd lengths', () => {
    for (const bad of ['P', 'P0D', 'P0Y0M', 'PT8H', 'P1DT2H', 'P1.5M', 'P-1M', 'p12m', '12M', 'P12', 'P51Y', 'P601M', 'P1M1Y', '', ' P12M']) {
      expect(parseDuration(bad)).toBeNull();
    }
  });

  it('never throws, and reads back what is written from its parts', () => {
    fc.assert(fc.property(fc.string(), (s) => void parseDuration(s)));
    const part = fc.integer({ min: 0, max: 40 });
    fc.assert(
      fc.property(part, part, part, part, (years, months, weeks, days) => {
        fc.pre(years + months + weeks + days > 0);
        const written = `P${years ? `${years}Y` : ''}${months ? `${months}M` : ''}${weeks ? `${weeks}W` : ''}${days ? `${days}D` : ''}`;
        expect(parseDuration(written)).toEqual({ years, months, weeks, days });
      }),
    );
  });
});

describe('endOfPeriod (the end is inclusive)', () => {
  it('resolves the seeds and the month-end cases', () => {
    expect(endOfPeriod('2021-02-16', 'P12M')).toBe('2022-02-15'); // Doncaster, CONTRACT.md's example
    expect(endOfPeriod('2020-11-19', 'P6W')).toBe('2020-12-30'); // Oldham's six weeks of extra hours
    expect(endOfPeriod('2020-12-01', 'P6M')).toBe('2021-05-31'); // Oldham's agency "6 month period from 1 December"
    expect(endOfPeriod('2021-01-31', 'P1M')).toBe('2021-02-28'); // no 31 February: the month's last day
    expect(endOfPeriod('2020-01-30', 'P1M')).toBe('2020-02-29');
    expect(endOfPeriod('2020-02-29', 'P1Y')).toBe('2021-02-28');
    expect(endOfPeriod('2020-02-29', 'P4Y')).toBe('2024-02-28');
    expect(endOfPeriod('2021-03-01', 'P1M')).toBe('2021-03-31');
    expect(endOfPeriod('2021-03-01', 'P1D')).toBe('2021-03-01');
    expect(endOfPeriod('2021-01-31', 'P1M1D')).toBe('2021-03-01');
  });

  it('a period of months from the 1st ends on the last day of a month', () => {
    fc.assert(
      fc.property(dates, fc.integer({ min: 1, max: 120 }), (date, months) => {
        const start = `${date.slice(0, 8)}01`;
        const end = endOfPeriod(start, `P${months}M`);
        expect(end).toBe(lastDayOfMonth(end.slice(0, 7)));
        const monthsCovered = (+end.slice(0, 4) - +start.slice(0, 4)) * 12 + (+end.slice(5, 7) - +start.slice(5, 7)) + 1;
        expect(monthsCovered).toBe(months);
      }),
    );
  });

  it('twelve months is a year: 365 days, or 366 when it holds a 29 February', () => {
    fc.assert(
      fc.property(dates, (start) => {
        const end = endOfPeriod(start, 'P12M');
        expect(end).toBe(endOfPeriod(start, 'P1Y'));
        let hasLeapDay = false;
        for (let y = +start.slice(0, 4); y <= +end.slice(0, 4); y++) {
          const leapDay = `${y}-02-29`;
          if (isLeap(y) && leapDay >= start && leapDay <= end) hasLeapDay = true;
        }
        expect(daysFromTo(start, end)).toBe(hasLeapDay ? 366 : 365);
      }),
    );
  });

  it('weeks and days are counted exactly; longer periods never end sooner; nothing ends before it starts', () => {
    fc.assert(
      fc.property(dates, fc.integer({ min: 1, max: 520 }), fc.integer({ min: 0, max: 60 }), (start, weeks, months) => {
        expect(endOfPeriod(start, `P${weeks}W`)).toBe(addDays(start, weeks * 7 - 1));
        expect(endOfPeriod(start, `P${weeks * 7}D`)).toBe(endOfPeriod(start, `P${weeks}W`));
        const shorter = endOfPeriod(start, `P${months + 1}M`);
        const longer = endOfPeriod(start, `P${months + 2}M`);
        expect(longer > shorter).toBe(true);
        expect(shorter >= start).toBe(true);
      }),
    );
  });

  it('a later start never ends sooner (same duration)', () => {
    fc.assert(
      fc.property(dates, fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 36 }), (start, shift, months) => {
        expect(endOfPeriod(addDays(start, shift), `P${months}M`) >= endOfPeriod(start, `P${months}M`)).toBe(true);
      }),
    );
  });
});

describe('month ends', () => {
  it('"until March 2021" is 31 March; February knows its leap years', () => {
    expect(endDateOf('2021-03')).toBe('2021-03-31');
    expect(endDateOf('2021-03-15')).toBe('2021-03-15');
    expect(lastDayOfMonth('2024-02')).toBe('2024-02-29');
    expect(lastDayOfMonth('2100-02')).toBe('2100-02-28');
    expect(lastDayOfMonth('2000-02')).toBe('2000-02-29');
  });

  it('the last day of any month is followed by the 1st', () => {
    fc.assert(
      fc.property(dates, (date) => {
        const last = lastDayOfMonth(date.slice(0, 7));
        expect(addDays(last, 1).slice(8)).toBe('01');
        expect(last.slice(0, 7)).toBe(date.slice(0, 7));
      }),
    );
  });
});

describe('firstWholeDayInEffect', () => {
  it('is the day after a publication date, and the first whole London day after an instant', () => {
    expect(firstWholeDayInEffect('2021-02-15')).toBe('2021-02-16');
    expect(firstWholeDayInEffect('2020-11-25T17:00:00.000Z')).toBe('2020-11-26');
    expect(firstWholeDayInEffect('2020-11-26T00:00:00.000Z')).toBe('2020-11-26'); // GMT: midnight London
    expect(firstWholeDayInEffect('2021-06-30T23:00:00.000Z')).toBe('2021-07-01'); // BST: midnight London
    expect(firstWholeDayInEffect('2021-06-30T23:00:00.001Z')).toBe('2021-07-02');
    expect(firstWholeDayInEffect('2021-07-01T00:00:00+01:00')).toBe('2021-07-01');
    expect(() => firstWholeDayInEffect('soon')).toThrow(/effectiveAt/);
  });

  it('is the first London day whose midnight is not before the instant', () => {
    const instants = fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) }).map((n) => new Date(n).toISOString());
    fc.assert(
      fc.property(instants, (instant) => {
        const day = firstWholeDayInEffect(instant);
        expect(Date.parse(startOfLondonDay(day))).toBeGreaterThanOrEqual(Date.parse(instant));
        expect(Date.parse(startOfLondonDay(addDays(day, -1)))).toBeLessThan(Date.parse(instant));
      }),
    );
  });
});

describe('resolveDates and retrospective', () => {
  const facts = { start: null, end: null, duration: 'P12M' };

  it('is unknown while a start "when the decision takes effect" waits for it', () => {
    expect(resolveDates(facts, { effectiveAt: null })).toEqual({ resolvedStart: null, resolvedEnd: null });
    expect(resolveDates(facts, { effectiveAt: '2021-02-15' })).toEqual({ resolvedStart: '2021-02-16', resolvedEnd: '2022-02-15' });
    expect(resolveDates({ start: '2020-09-01', end: '2021-03', duration: null }, { effectiveAt: null })).toEqual({ resolvedStart: '2020-09-01', resolvedEnd: '2021-03-31' });
    expect(resolveDates({ start: null, end: '2021-03-31', duration: null }, { effectiveAt: null })).toEqual({ resolvedStart: null, resolvedEnd: '2021-03-31' });
  });

  it('is retrospective only when the start is before the date of decision', () => {
    expect(isRetrospective('2020-10-01', '2020-11-18')).toBe(true);
    expect(isRetrospective('2020-11-18', '2020-11-18')).toBe(false);
    expect(isRetrospective('2020-12-01', '2020-11-18')).toBe(false);
    expect(isRetrospective(null, '2020-11-18')).toBe(false);
    expect(isRetrospective('2020-10-01', null)).toBe(false);
  });

  it('writes dates the British way', () => {
    expect(ukDate('2022-02-15')).toBe('15/02/2022');
  });
});
