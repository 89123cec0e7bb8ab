import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { londonDateOf, londonInstant } from './dates.js';

const luxonDateOf = (instant: string) => DateTime.fromISO(instant, { setZone: false }).setZone('Europe/London').toISODate();

describe('London dates and times (cached conversions)', () => {
  it('gives the London date of any instant from 1970 to 2040 exactly as luxon does', () => {
    const instants = fc.integer({ min: 0, max: Date.UTC(2040, 0, 1) }).map((ms) => new Date(ms).toISOString());
    fc.assert(fc.property(instants, (instant) => expect(londonDateOf(instant)).toBe(luxonDateOf(instant))), { numRuns: 2000 });
  });

  it('is right on both sides of every clock change, and for instants written with an offset', () => {
    // 2021: BST from 01:00 UTC on 28 March to 01:00 UTC on 31 October.
    expect(londonDateOf('2021-03-27T23:59:59.999Z')).toBe('2021-03-27');
    expect(londonDateOf('2021-06-01T23:30:00.000Z')).toBe('2021-06-02');
    expect(londonDateOf('2021-10-30T23:30:00.000Z')).toBe('2021-10-31');
    expect(londonDateOf('2021-10-31T23:30:00.000Z')).toBe('2021-10-31');
    expect(londonDateOf('2021-06-01T00:30:00+01:00')).toBe('2021-06-01');
    // 1968–1971: British Standard Time, an hour ahead all winter.
    expect(londonDateOf('1970-01-01T23:30:00.000Z')).toBe('1970-01-02');
    const hours = fc.integer({ min: 0, max: 70 * 366 * 24 }).map((h) => new Date(Date.UTC(1970, 0, 1) + h * 3_600_000 - 1).toISOString());
    fc.assert(fc.property(hours, (instant) => expect(londonDateOf(instant)).toBe(luxonDateOf(instant))), { numRuns: 2000 });
  });

  it('turns a London wall-clock time into the same instant luxon does, cached or not', () => {
    const dates = fc.integer({ min: 0, max: 70 * 366 }).map((d) => new Date(Date.UTC(1970, 0, 1) + d * 86_400_000).toISOString().slice(0, 10));
    const times = fc.constantFrom('00:00', '01:30', '09:00', '17:00', '23:59');
    fc.assert(
      fc.property(dates, times, (date, time) => {
        const [hour, minute] = time.split(':').map(Number);
        const expected = DateTime.fromISO(date, { zone: 'Europe/London' }).set({ hour, minute }).toUTC().toISO();
        expect(londonInstant(date, time)).toBe(expected);
        expect(londonInstant(date, time)).toBe(expected);
      }),
      { numRuns: 1000 },
    );
  });
});
