import Holidays from 'date-holidays';

export interface BankHoliday {
  date: string;
  name: string;
}

/**
 * Where the library is wrong for England & Wales, each with its source. `date-holidays` applies the
 * standard pattern before 2013 and misses the one-off changes made by Royal Proclamation under the
 * Banking and Financial Dealings Act 1971, s.1(3). Records are back-dated, so these years matter.
 * `name: null` removes a day the library lists that was not a bank holiday that year.
 */
export const BANK_HOLIDAY_CORRECTIONS: readonly { date: string; name: string | null; source: string }[] = [
  // 1995: the early May bank holiday moved from Monday 1 May to Monday 8 May for the 50th anniversary of VE day.
  { date: '1995-05-01', name: null, source: 'Royal Proclamation under the 1971 Act moving the early May bank holiday 1995 to Monday 8 May (House of Commons Library, bank holidays briefing: one-off changes)' },
  { date: '1995-05-08', name: 'Early May bank holiday (VE day)', source: 'Royal Proclamation under the 1971 Act: the early May bank holiday 1995 held on Monday 8 May, the 50th anniversary of VE day' },
  // 1999: an extra bank holiday on Friday 31 December for the millennium.
  { date: '1999-12-31', name: 'Millennium Eve', source: 'Royal Proclamation under the 1971 Act appointing Friday 31 December 1999 an additional bank holiday (the millennium)' },
  // 2002: Golden Jubilee; the spring bank holiday moved from Monday 27 May to Tuesday 4 June, Monday 3 June added.
  { date: '2002-05-27', name: null, source: 'Royal Proclamation under the 1971 Act moving the spring bank holiday 2002 to Tuesday 4 June (Golden Jubilee)' },
  { date: '2002-06-03', name: "Queen's Golden Jubilee", source: 'Royal Proclamation under the 1971 Act appointing Monday 3 June 2002 an additional bank holiday (Golden Jubilee)' },
  { date: '2002-06-04', name: 'Spring bank holiday', source: 'Royal Proclamation under the 1971 Act: the spring bank holiday 2002 held on Tuesday 4 June' },
  // 2011: the wedding of Prince William and Catherine Middleton.
  { date: '2011-04-29', name: 'Royal wedding', source: "Royal Proclamation under the 1971 Act for Friday 29 April 2011, announced by the Prime Minister's office on 23 November 2010" },
  // 2012: Diamond Jubilee; the spring bank holiday moved from Monday 28 May to Monday 4 June (5 June added; the library has it).
  { date: '2012-05-28', name: null, source: 'gov.uk/bank-holidays (2012): spring bank holiday moved to 4 June by Royal Proclamation' },
  { date: '2012-06-04', name: 'Spring bank holiday (substitute day)', source: 'gov.uk/bank-holidays (2012): "4 June, Spring bank holiday (substitute day)"' },
];

// England & Wales: the GB/ENG region of a maintained calendar, public holidays only (no observances).
const calendar = new Holidays('GB', 'ENG');
const byYear = new Map<number, Map<string, string>>();

function holidaysOf(year: number): Map<string, string> {
  let holidays = byYear.get(year);
  if (!holidays) {
    holidays = new Map(
      calendar
        .getHolidays(year)
        .filter((h) => h.type === 'public')
        .map((h) => [h.date.slice(0, 10), h.name] as const),
    );
    for (const c of BANK_HOLIDAY_CORRECTIONS) {
      if (Number(c.date.slice(0, 4)) !== year) continue;
      if (c.name === null) holidays.delete(c.date);
      else holidays.set(c.date, c.name);
    }
    byYear.set(year, holidays);
  }
  return holidays;
}

/** The England & Wales bank holiday on `date` (YYYY-MM-DD), or null. */
export function bankHoliday(date: string): BankHoliday | null {
  const name = holidaysOf(Number(date.slice(0, 4))).get(date);
  return name ? { date, name } : null;
}
