import Holidays from 'date-holidays';

export interface BankHoliday {
  date: string;
  name: string;
}

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
    byYear.set(year, holidays);
  }
  return holidays;
}

/** The England & Wales bank holiday on `date` (YYYY-MM-DD), or null. */
export function bankHoliday(date: string): BankHoliday | null {
  const name = holidaysOf(Number(date.slice(0, 4))).get(date);
  return name ? { date, name } : null;
}
