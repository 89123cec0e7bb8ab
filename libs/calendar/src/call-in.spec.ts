import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { computeCallInDeadline, parseCallInRule, type CallInRule } from './call-in.js';
import { addDays, isWorkingDay, londonDateOf } from './working-days.js';

const rule = (r: Partial<CallInRule>): CallInRule => ({ days: 5, clear: true, endsAt: '17:00', takesEffect: 'at-end', ...r });

describe('computeCallInDeadline', () => {
  it("matches CONTRACT.md's example (published Wednesday 18 November 2020)", () => {
    expect(computeCallInDeadline('2020-11-18')).toMatchObject({
      deadline: '2020-11-25T17:00:00.000Z',
      effectiveAt: '2020-11-25T17:00:00.000Z',
      countedDays: ['2020-11-19', '2020-11-20', '2020-11-23', '2020-11-24', '2020-11-25'],
      skipped: [
        { date: '2020-11-21', why: 'Saturday' },
        { date: '2020-11-22', why: 'Sunday' },
      ],
    });
  });

  it('skips Christmas, Boxing Day and the substitute day (2020)', () => {
    const c = computeCallInDeadline('2020-12-22');
    expect(c.countedDays).toEqual(['2020-12-23', '2020-12-24', '2020-12-29', '2020-12-30', '2020-12-31']);
    expect(c.skipped).toEqual([
      { date: '2020-12-25', why: 'bank holiday: Christmas Day' },
      { date: '2020-12-26', why: 'Saturday' },
      { date: '2020-12-27', why: 'Sunday' },
      { date: '2020-12-28', why: 'bank holiday: Boxing Day (substitute day)' },
    ]);
    expect(c.deadline).toBe('2020-12-31T17:00:00.000Z');
  });

  it('skips Good Friday and Easter Monday (2021), and the deadline moves to 16:00Z in BST', () => {
    const c = computeCallInDeadline('2021-04-01');
    expect(c.skipped.map((s) => s.date)).toEqual(['2021-04-02', '2021-04-03', '2021-04-04', '2021-04-05', '2021-04-10', '2021-04-11']);
    expect(c.countedDays).toEqual(['2021-04-06', '2021-04-07', '2021-04-08', '2021-04-09', '2021-04-12']);
    expect(c.deadline).toBe('2021-04-12T16:00:00.000Z');
  });

  it('knows the 2020 VE-day move: 8 May is a holiday, 4 May is not', () => {
    const c = computeCallInDeadline('2020-05-06');
    expect(c.skipped).toContainEqual({ date: '2020-05-08', why: 'bank holiday: Early May bank holiday (VE day)' });
    expect(isWorkingDay('2020-05-04')).toBe(true);
    expect(c.countedDays).toEqual(['2020-05-07', '2020-05-11', '2020-05-12', '2020-05-13', '2020-05-14']);
  });

  it('ends at 17:00 London across both clock changes', () => {
    expect(computeCallInDeadline('2021-03-24').deadline).toBe('2021-03-31T16:00:00.000Z'); // BST from 28 March
    expect(computeCallInDeadline('2021-10-27').deadline).toBe('2021-11-03T17:00:00.000Z'); // GMT from 31 October
  });

  it('counts from Monday after a Friday publication', () => {
    const c = computeCallInDeadline('2022-11-04');
    expect(c.countedDays).toEqual(['2022-11-07', '2022-11-08', '2022-11-09', '2022-11-10', '2022-11-11']);
  });

  it('skips the bank holiday after a publication on its eve', () => {
    const c = computeCallInDeadline('2023-05-05'); // Friday before the coronation bank holiday
    expect(c.skipped).toContainEqual({ date: '2023-05-08', why: "bank holiday: King Charles III's Coronation" });
    expect(c.countedDays[0]).toBe('2023-05-09');
  });

  it('knows the 2022 jubilee and state funeral', () => {
    expect(isWorkingDay('2022-06-02')).toBe(false);
    expect(isWorkingDay('2022-06-03')).toBe(false);
    expect(isWorkingDay('2022-09-19')).toBe(false);
    expect(computeCallInDeadline('2022-09-16').countedDays[0]).toBe('2022-09-20');
  });

  it("follows Chorley (effective the next calendar day) and Central Bedfordshire (midday on the 8th day)", () => {
    const chorley = computeCallInDeadline('2022-11-04', rule({ takesEffect: 'next-calendar-day' }));
    expect(chorley.effectiveAt).toBe('2022-11-12T00:00:00.000Z');
    const nextWorking = computeCallInDeadline('2022-11-04', rule({ takesEffect: 'next-working-day' }));
    expect(nextWorking.effectiveAt).toBe('2022-11-14T00:00:00.000Z');
    const bedfordshire = computeCallInDeadline('2022-11-04', rule({ days: 8, endsAt: '12:00' }));
    expect(bedfordshire.deadline).toBe('2022-11-16T12:00:00.000Z');
  });

  it('counts the publication day itself when the rule is not "clear"', () => {
    expect(computeCallInDeadline('2020-11-18', rule({ clear: false })).countedDays).toEqual([
      '2020-11-18', '2020-11-19', '2020-11-20', '2020-11-23', '2020-11-24',
    ]);
  });

  const dates = fc.integer({ min: 0, max: 12 * 365 }).map((n) => addDays('2019-01-01', n));
  const rules = fc.record({
    days: fc.integer({ min: 1, max: 20 }),
    clear: fc.boolean(),
    endsAt: fc.constantFrom('09:00', '12:00', '17:00', '23:59'),
    takesEffect: fc.constantFrom('at-end', 'next-calendar-day', 'next-working-day') as fc.Arbitrary<CallInRule['takesEffect']>,
  });

  it('holds its invariants for any date and rule', () => {
    fc.assert(
      fc.property(dates, rules, (publishedAt, r) => {
        const c = computeCallInDeadline(publishedAt, r);
        expect(c.countedDays).toHaveLength(r.days);
        expect(c.countedDays.every(isWorkingDay)).toBe(true);
        expect([...c.countedDays].sort()).toEqual(c.countedDays);
        expect(new Set(c.countedDays).size).toBe(r.days);
        if (r.clear) expect(c.countedDays).not.toContain(publishedAt);
        const last = c.countedDays.at(-1)!;
        expect(londonDateOf(c.deadline)).toBe(last);
        expect(c.effectiveAt >= c.deadline).toBe(true);
        const covered = new Set([...c.countedDays, ...c.skipped.map((s) => s.date)]);
        for (let d = r.clear ? addDays(publishedAt, 1) : publishedAt; d <= last; d = addDays(d, 1)) expect(covered.has(d)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('parseCallInRule', () => {
  it('falls back to the default, field by field', () => {
    expect(parseCallInRule({})).toEqual(rule({}));
    expect(parseCallInRule({ CALL_IN_DAYS: '4', CALL_IN_TAKES_EFFECT: 'next-working-day' })).toEqual(rule({ days: 4, takesEffect: 'next-working-day' }));
  });

  it('names the variable it refuses', () => {
    expect(() => parseCallInRule({ CALL_IN_ENDS_AT: '25:00' })).toThrow("CALL_IN_ENDS_AT must be HH:mm (24-hour), got '25:00'");
    expect(() => parseCallInRule({ CALL_IN_CLEAR: 'yes' })).toThrow(/CALL_IN_CLEAR/);
  });

  it('only ever throws an Error naming the variable', () => {
    const names = ['CALL_IN_DAYS', 'CALL_IN_CLEAR', 'CALL_IN_ENDS_AT', 'CALL_IN_TAKES_EFFECT'];
    fc.assert(
      fc.property(fc.constantFrom(...names), fc.string(), (name, value) => {
        try {
          parseCallInRule({ [name]: value });
        } catch (error) {
          expect(error).toBeInstanceOf(Error);
          expect((error as Error).message).toContain(name);
        }
      }),
    );
  });
});

describe('isIsoDate', () => {
  it('agrees with a luxon round-trip', async () => {
    const { isIsoDate } = await import('./working-days.js');
    expect(isIsoDate('2021-02-29')).toBe(false);
    expect(isIsoDate('2020-02-29')).toBe(true);
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.tuple(fc.integer({ min: 1900, max: 2100 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 })).map(
        ([y, m, d]) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
      )), (s) => {
        const luxon = DateTime.fromFormat(s, 'yyyy-MM-dd', { zone: 'utc' });
        expect(isIsoDate(s)).toBe(luxon.isValid && luxon.toISODate() === s);
      }),
    );
  });
});
