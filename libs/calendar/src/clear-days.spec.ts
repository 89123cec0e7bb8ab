import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { checkClearDays, latestNoticeDate, type ClearDaysRule } from './clear-days.js';
import { closureProblem, isClosureDay } from './closures.js';
import { addDays } from './dates.js';

const calendar = (days: number): ClearDaysRule => ({ days, unit: 'calendar' });
const working = (days: number, closures: string[] = []): ClearDaysRule => ({ days, unit: 'working', closures });

describe('checkClearDays', () => {
  it('counts calendar days strictly between notice and decision (28 clear days)', () => {
    expect(checkClearDays('2021-01-01', '2021-01-29', calendar(28))).toMatchObject({ clearDays: 27, met: false, earliestDecisionDate: '2021-01-30' });
    const ok = checkClearDays('2021-01-01', '2021-01-30', calendar(28));
    expect(ok).toMatchObject({ clearDays: 28, required: 28, met: true });
    expect(ok.countedDays).toHaveLength(28);
    expect(ok.countedDays[0]).toBe('2021-01-02');
  });

  it('counts working days when the constitution says so, skipping weekends and bank holidays', () => {
    const c = checkClearDays('2021-03-31', '2021-04-08', working(5));
    // 1 Apr, (2 Good Friday, 3–4 weekend, 5 Easter Monday), 6, 7 → only 3 working days before the 8th
    expect(c).toMatchObject({ clearDays: 3, met: false, earliestDecisionDate: '2021-04-10' });
    expect(c.countedDays).toEqual(['2021-04-01', '2021-04-06', '2021-04-07', '2021-04-08', '2021-04-09']);
    expect(c.skipped.map((s) => s.date)).toEqual(['2021-04-02', '2021-04-03', '2021-04-04', '2021-04-05']);
  });

  it('never accepts a notice dated on or after the decision, even with 0 clear days required', () => {
    expect(checkClearDays('2021-02-02', '2021-02-01', calendar(0)).met).toBe(false);
    expect(checkClearDays('2021-02-01', '2021-02-01', calendar(0)).met).toBe(false);
    expect(checkClearDays('2021-01-31', '2021-02-01', calendar(0)).met).toBe(true);
  });

  it('agrees with itself: met exactly from the earliest decision date on, and latestNoticeDate is the last notice that still works', () => {
    const rules = fc.oneof(
      fc.integer({ min: 0, max: 40 }).map(calendar),
      fc.tuple(fc.integer({ min: 0, max: 30 }), fc.constantFrom<string[][]>([], ['--12-27/--12-31'], ['2021-06-01/2021-06-10'])).map(([d, c]) => working(d, c)),
    );
    const dates = fc.integer({ min: 0, max: 3000 }).map((n) => addDays('2016-01-01', n));
    fc.assert(
      fc.property(dates, fc.integer({ min: 0, max: 80 }), rules, (noticeAt, gap, rule) => {
        const decidedAt = addDays(noticeAt, gap);
        const c = checkClearDays(noticeAt, decidedAt, rule);
        expect(c.met).toBe(decidedAt >= c.earliestDecisionDate);
        expect(latestNoticeDate(c.earliestDecisionDate, rule) >= noticeAt).toBe(true);
        if (rule.unit === 'calendar') expect(latestNoticeDate(c.earliestDecisionDate, rule)).toBe(noticeAt);
        expect(checkClearDays(latestNoticeDate(decidedAt, rule), decidedAt, rule).met).toBe(true);
        expect(checkClearDays(addDays(latestNoticeDate(decidedAt, rule), 1), decidedAt, rule).met).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});

describe('closures', () => {
  it('reads single days, ranges and yearly days, wrapping the New Year', () => {
    expect(isClosureDay('2024-12-27', ['2024-12-27'])).toBe(true);
    expect(isClosureDay('2024-12-30', ['2024-12-27/2024-12-31'])).toBe(true);
    expect(isClosureDay('2025-01-01', ['2024-12-27/2024-12-31'])).toBe(false);
    expect(isClosureDay('2031-12-29', ['--12-27/--12-31'])).toBe(true);
    expect(isClosureDay('2031-01-02', ['--12-31/--01-02'])).toBe(true);
    expect(isClosureDay('2031-01-03', ['--12-31/--01-02'])).toBe(false);
    expect(isClosureDay('2031-06-01', [])).toBe(false);
  });

  it('says what is wrong with a bad one', () => {
    expect(closureProblem('2024-02-30')).toMatch(/not a real calendar date/);
    expect(closureProblem('2024-12-31/2024-12-27')).toMatch(/ends before it starts/);
    expect(closureProblem('--02-30')).toMatch(/not a real day of the year/);
    expect(closureProblem('27/12')).toMatch(/must be YYYY-MM-DD/);
    expect(closureProblem('--02-29')).toBeNull();
  });
});
