import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { DEFAULT_CALL_IN_RULE, callInRuleProblems, computeCallInDeadline, parseCallInRule, type CallInRule } from './call-in.js';
import { addDays, londonDateOf, startOfLondonDay } from './dates.js';
import { isWorkingDay, workingCalendar } from './working-days.js';

const rule = (r: Partial<CallInRule>): CallInRule => ({ ...DEFAULT_CALL_IN_RULE, ...r });

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
    // midday on the 8th (calendar) day after publication: Friday 4 → Saturday 12 November
    const bedfordshire = computeCallInDeadline('2022-11-04', rule({ days: 8, unit: 'calendar', endsAt: '12:00' }));
    expect(bedfordshire.deadline).toBe('2022-11-12T12:00:00.000Z');
    expect(bedfordshire.skipped).toEqual([]);
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
    expect(() => parseCallInRule({ CALL_IN_ENDS_AT: '25:00' })).toThrow("CALL_IN_ENDS_AT must be HH:mm (24-hour) or 24:00, got '25:00'");
    expect(parseCallInRule({ CALL_IN_ENDS_AT: '24:00' }).endsAt).toBe('24:00');
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
    const { isIsoDate } = await import('./dates.js');
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

describe('the rules councils write', () => {
  it('"within 7 days": calendar days, weekends and bank holidays included', () => {
    const c = computeCallInDeadline('2022-12-21', rule({ days: 7, unit: 'calendar', endsAt: '24:00' }));
    expect(c.countedDays).toEqual(['2022-12-22', '2022-12-23', '2022-12-24', '2022-12-25', '2022-12-26', '2022-12-27', '2022-12-28']);
    expect(c.deadline).toBe('2022-12-29T00:00:00.000Z');
  });

  it('"on the expiry of 5 clear working days": the end of the fifth day (midnight, in BST too)', () => {
    const c = computeCallInDeadline('2019-03-13', rule({ endsAt: '24:00' }));
    expect(c.deadline).toBe('2019-03-21T00:00:00.000Z');
    expect(computeCallInDeadline('2023-03-20', rule({ endsAt: '24:00' })).deadline).toBe('2023-03-27T23:00:00.000Z'); // 00:00 BST on the 28th
  });

  it('"from 9am on the next working day"', () => {
    const c = computeCallInDeadline('2022-11-04', rule({ takesEffect: 'next-working-day', effectiveTime: '09:00' }));
    expect(c.deadline).toBe('2022-11-11T17:00:00.000Z');
    expect(c.effectiveAt).toBe('2022-11-14T09:00:00.000Z');
  });

  it('an effective time means nothing when the decision takes effect at the end', () => {
    const c = computeCallInDeadline('2022-11-04', rule({ takesEffect: 'at-end', effectiveTime: '09:00' }));
    expect(c.rule.effectiveTime).toBeNull();
    expect(c.effectiveAt).toBe(c.deadline);
  });

  it('skips council closure days, one-off or every year, and says why', () => {
    const c = computeCallInDeadline('2024-12-20', rule({ closures: ['--12-27/--12-31'] }));
    expect(c.countedDays).toEqual(['2024-12-23', '2024-12-24', '2025-01-02', '2025-01-03', '2025-01-06']);
    expect(c.skipped).toContainEqual({ date: '2024-12-27', why: 'council closure day' });
    expect(c.skipped).toContainEqual({ date: '2025-01-01', why: "bank holiday: New Year's Day" });
    const oneOff = computeCallInDeadline('2024-06-03', rule({ closures: ['2024-06-05'] }));
    expect(oneOff.countedDays).toEqual(['2024-06-04', '2024-06-06', '2024-06-07', '2024-06-10', '2024-06-11']);
  });

  it('counts from the date of decision when the constitution says so', () => {
    const c = computeCallInDeadline('2022-11-08', rule({ countFrom: 'decision' }), { decidedAt: '2022-11-04' });
    expect(c.countedFrom).toEqual({ date: '2022-11-04', why: 'date of decision' });
    expect(c.countedDays[0]).toBe('2022-11-07');
    expect(() => computeCallInDeadline('2022-11-08', rule({ countFrom: 'decision' }))).toThrow(/decidedAt/);
  });

  it('"published after 4pm counts as published the next working day"', () => {
    const before = computeCallInDeadline('2022-11-04', rule({ cutOff: '16:00' }), { publishedTime: '16:00' });
    expect(before.countedFrom.date).toBe('2022-11-04');
    const after = computeCallInDeadline('2022-11-04', rule({ cutOff: '16:00' }), { publishedTime: '16:01' });
    expect(after.countedFrom).toMatchObject({ date: '2022-11-07' });
    expect(after.countedFrom.why).toMatch(/after the 16:00 cut-off/);
    expect(after.countedDays[0]).toBe('2022-11-08');
    // with no cut-off the time does not matter
    expect(computeCallInDeadline('2022-11-04', rule({}), { publishedTime: '23:00' }).countedFrom.date).toBe('2022-11-04');
  });
});

describe('callInRuleProblems', () => {
  it('names each bad field', () => {
    const problems = callInRuleProblems({ days: 0, clear: 'yes' as never, endsAt: '25:00', takesEffect: 'later' as never, unit: 'weeks' as never, effectiveTime: '24:00', countFrom: 'x' as never, cutOff: '4pm', closures: ['2024-02-30', '--13-01'] });
    expect(problems.map((p) => p.field)).toEqual(['days', 'clear', 'endsAt', 'takesEffect', 'unit', 'effectiveTime', 'countFrom', 'cutOff', 'closures', 'closures']);
    expect(callInRuleProblems(DEFAULT_CALL_IN_RULE)).toEqual([]);
  });
});

/** Every shape of rule a constitution can state. */
const anyRule: fc.Arbitrary<CallInRule> = fc.record({
  days: fc.integer({ min: 1, max: 20 }),
  unit: fc.constantFrom('working' as const, 'calendar' as const),
  clear: fc.boolean(),
  endsAt: fc.constantFrom('00:00', '09:00', '12:00', '16:00', '17:00', '23:59', '24:00'),
  takesEffect: fc.constantFrom('at-end' as const, 'next-calendar-day' as const, 'next-working-day' as const),
  effectiveTime: fc.constantFrom(null, '00:00', '09:00', '16:00'),
  closures: fc.array(fc.constantFrom('--12-27/--12-31', '--08-01', '2021-06-01/2021-06-04', '2024-01-02', '--12-31/--01-02'), { maxLength: 2 }),
  countFrom: fc.constantFrom('publication' as const, 'decision' as const),
  cutOff: fc.constantFrom(null, '12:00', '16:00'),
});
const anyDate = fc.integer({ min: 0, max: 12 * 365 }).map((n) => addDays('2016-01-01', n));
const anyStart = fc.record({ publishedTime: fc.constantFrom(null, '08:30', '16:30', '23:00'), decidedAgo: fc.integer({ min: 0, max: 10 }) });

describe('computeCallInDeadline over every rule shape (properties)', () => {
  const compute = (publishedAt: string, r: CallInRule, s: { publishedTime: string | null; decidedAgo: number }) =>
    computeCallInDeadline(publishedAt, r, { publishedTime: s.publishedTime, decidedAt: addDays(publishedAt, -s.decidedAgo) });

  it('never ends a working-day period on a non-working day', () => {
    fc.assert(
      fc.property(anyDate, anyRule, anyStart, (publishedAt, r, s) => {
        fc.pre(r.unit === 'working');
        const c = compute(publishedAt, r, s);
        const last = c.countedDays.at(-1)!;
        expect(workingCalendar(r.closures).isWorkingDay(last)).toBe(true);
        // the deadline lies within that day: after its start, no later than its end
        expect(c.deadline > startOfLondonDay(last) || r.endsAt === '00:00').toBe(true);
        expect(c.deadline <= startOfLondonDay(addDays(last, 1))).toBe(true);
        expect(c.countedDays.every((d) => workingCalendar(r.closures).isWorkingDay(d))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('never makes a deadline earlier by adding a closure day', () => {
    fc.assert(
      fc.property(anyDate, anyRule, anyStart, fc.integer({ min: -3, max: 30 }), (publishedAt, r, s, offset) => {
        const closed = addDays(publishedAt, offset);
        const without = compute(publishedAt, r, s);
        const withClosure = compute(publishedAt, { ...r, closures: [...(r.closures ?? []), closed] }, s);
        expect(withClosure.deadline >= without.deadline).toBe(true);
        expect(withClosure.effectiveAt >= without.effectiveAt).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('never makes a deadline earlier for a clear period than for one that is not', () => {
    fc.assert(
      fc.property(anyDate, anyRule, anyStart, (publishedAt, r, s) => {
        const clear = compute(publishedAt, { ...r, clear: true }, s);
        const notClear = compute(publishedAt, { ...r, clear: false }, s);
        expect(clear.deadline >= notClear.deadline).toBe(true);
        expect(clear.effectiveAt >= notClear.effectiveAt).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('never takes effect before the deadline', () => {
    fc.assert(
      fc.property(anyDate, anyRule, anyStart, (publishedAt, r, s) => {
        const c = compute(publishedAt, r, s);
        expect(c.effectiveAt >= c.deadline).toBe(true);
        expect(c.countedDays).toHaveLength(r.days);
        expect(c.countedDays[0] > c.countedFrom.date || (!r.clear && c.countedDays[0] >= c.countedFrom.date)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
