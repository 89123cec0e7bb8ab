import { describe, expect, it } from '@jest/globals';
import { BANK_HOLIDAY_CORRECTIONS, bankHoliday } from './bank-holidays.js';
import { addDays, weekday } from './dates.js';
import { whyNotWorking } from './working-days.js';

/**
 * Every England & Wales bank holiday 1995–2027 as the days off fell (the substitute day where the holiday
 * was at a weekend), written out here and not derived from the library under test: 2012 onwards as
 * gov.uk/bank-holidays lists them; before that the standing pattern of the Banking and Financial Dealings
 * Act 1971 (New Year, Good Friday, Easter Monday, first and last Mondays of May, last Monday of August,
 * Christmas, Boxing Day) with the one-off changes made by Royal Proclamation: 1995 VE day, 1999 millennium,
 * 2002 Golden Jubilee, 2011 royal wedding, 2012 Diamond Jubilee.
 */
const ENGLAND_AND_WALES: Record<number, string[]> = {
  1995: ['01-02', '04-14', '04-17', '05-08', '05-29', '08-28', '12-25', '12-26'],
  1996: ['01-01', '04-05', '04-08', '05-06', '05-27', '08-26', '12-25', '12-26'],
  1997: ['01-01', '03-28', '03-31', '05-05', '05-26', '08-25', '12-25', '12-26'],
  1998: ['01-01', '04-10', '04-13', '05-04', '05-25', '08-31', '12-25', '12-28'],
  1999: ['01-01', '04-02', '04-05', '05-03', '05-31', '08-30', '12-27', '12-28', '12-31'],
  2000: ['01-03', '04-21', '04-24', '05-01', '05-29', '08-28', '12-25', '12-26'],
  2001: ['01-01', '04-13', '04-16', '05-07', '05-28', '08-27', '12-25', '12-26'],
  2002: ['01-01', '03-29', '04-01', '05-06', '06-03', '06-04', '08-26', '12-25', '12-26'],
  2003: ['01-01', '04-18', '04-21', '05-05', '05-26', '08-25', '12-25', '12-26'],
  2004: ['01-01', '04-09', '04-12', '05-03', '05-31', '08-30', '12-27', '12-28'],
  2005: ['01-03', '03-25', '03-28', '05-02', '05-30', '08-29', '12-26', '12-27'],
  2006: ['01-02', '04-14', '04-17', '05-01', '05-29', '08-28', '12-25', '12-26'],
  2007: ['01-01', '04-06', '04-09', '05-07', '05-28', '08-27', '12-25', '12-26'],
  2008: ['01-01', '03-21', '03-24', '05-05', '05-26', '08-25', '12-25', '12-26'],
  2009: ['01-01', '04-10', '04-13', '05-04', '05-25', '08-31', '12-25', '12-28'],
  2010: ['01-01', '04-02', '04-05', '05-03', '05-31', '08-30', '12-27', '12-28'],
  2011: ['01-03', '04-22', '04-25', '04-29', '05-02', '05-30', '08-29', '12-26', '12-27'],
  2012: ['01-02', '04-06', '04-09', '05-07', '06-04', '06-05', '08-27', '12-25', '12-26'],
  2013: ['01-01', '03-29', '04-01', '05-06', '05-27', '08-26', '12-25', '12-26'],
  2014: ['01-01', '04-18', '04-21', '05-05', '05-26', '08-25', '12-25', '12-26'],
  2015: ['01-01', '04-03', '04-06', '05-04', '05-25', '08-31', '12-25', '12-28'],
  2016: ['01-01', '03-25', '03-28', '05-02', '05-30', '08-29', '12-26', '12-27'],
  2017: ['01-02', '04-14', '04-17', '05-01', '05-29', '08-28', '12-25', '12-26'],
  2018: ['01-01', '03-30', '04-02', '05-07', '05-28', '08-27', '12-25', '12-26'],
  2019: ['01-01', '04-19', '04-22', '05-06', '05-27', '08-26', '12-25', '12-26'],
  2020: ['01-01', '04-10', '04-13', '05-08', '05-25', '08-31', '12-25', '12-28'],
  2021: ['01-01', '04-02', '04-05', '05-03', '05-31', '08-30', '12-27', '12-28'],
  2022: ['01-03', '04-15', '04-18', '05-02', '06-02', '06-03', '08-29', '09-19', '12-26', '12-27'],
  2023: ['01-02', '04-07', '04-10', '05-01', '05-08', '05-29', '08-28', '12-25', '12-26'],
  2024: ['01-01', '03-29', '04-01', '05-06', '05-27', '08-26', '12-25', '12-26'],
  2025: ['01-01', '04-18', '04-21', '05-05', '05-26', '08-25', '12-25', '12-26'],
  2026: ['01-01', '04-03', '04-06', '05-04', '05-25', '08-31', '12-25', '12-28'],
  2027: ['01-01', '03-26', '03-29', '05-03', '05-31', '08-30', '12-27', '12-28'],
};

describe('England & Wales bank holidays, 1995–2027', () => {
  it.each(Object.entries(ENGLAND_AND_WALES))('%s: exactly the published days off', (year, days) => {
    const expected = days.map((md) => `${year}-${md}`);
    const found: string[] = [];
    for (let d = `${year}-01-01`; d <= `${year}-12-31`; d = addDays(d, 1)) {
      const day = weekday(d);
      if (day !== 0 && day !== 6 && bankHoliday(d)) found.push(d);
    }
    expect(found).toEqual(expected);
    for (const d of expected) expect(whyNotWorking(d)).toMatch(/^bank holiday: /);
  });

  it('names the one-off days', () => {
    expect(bankHoliday('1995-05-08')?.name).toMatch(/VE day/);
    expect(bankHoliday('1999-12-31')?.name).toMatch(/Millennium/);
    expect(bankHoliday('2002-06-03')?.name).toMatch(/Golden Jubilee/);
    expect(bankHoliday('2011-04-29')?.name).toMatch(/Royal wedding/);
    expect(bankHoliday('2012-06-05')?.name).toMatch(/Diamond Jubilee/);
    expect(bankHoliday('1995-05-01')).toBeNull();
    expect(bankHoliday('2002-05-27')).toBeNull();
    expect(bankHoliday('2012-05-28')).toBeNull();
  });

  it('cites a source for every correction to the library', () => {
    for (const c of BANK_HOLIDAY_CORRECTIONS) {
      expect(c.source.length).toBeGreaterThan(20);
      expect(c.date < '2013-01-01').toBe(true);
    }
  });
});
