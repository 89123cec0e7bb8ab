import { DateTime, Duration } from 'luxon';
import { daysInMonth, isoDate, monthNumber } from '../fields.js';

/**
 * The phrases records use for dates, durations, grades, counts and money, each read on its own.
 * Pure: a phrase and, where needed, nothing else.
 */

const NUMBER_WORDS: Record<string, number> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, eighteen: 18, 'twenty-four': 24, 'twenty four': 24, 'thirty-six': 36,
};
export const NUM = '(\\d+(?:\\.\\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|eighteen|twenty[\\s-]four|thirty-six)';

export function numberFrom(word: string): number | null {
  const w = word.toLowerCase().trim();
  if (/^\d+(\.\d+)?$/.test(w)) return Number(w);
  return NUMBER_WORDS[w.replace(/\s+/, ' ')] ?? NUMBER_WORDS[w] ?? null;
}

const MONTH = '(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)';
const DAY = '(\\d{1,2})(?:st|nd|rd|th)?';
const YEAR = '(\\d{4})';
const DASH = '\\s*(?:-|–|—|to|until|till)\\s*';
/** "1 October 2020", or "October 2020" (a month alone). */
const WORD_DATE = `(?:${DAY}\\s+)?${MONTH}\\.?,?\\s+${YEAR}`;
const SLASH_DATE = '(\\d{1,2})/(\\d{1,2})/(\\d{4})';

function wordDate(day: string | undefined, month: string, year: string, end: boolean): string | null {
  const m = monthNumber(month);
  if (!m) return null;
  const y = Number(year);
  // A month alone: its first day as a start, its last day as an end ("from 1 September 2020 – March 2021").
  return isoDate(y, m, day ? Number(day) : end ? daysInMonth(y, m) : 1);
}

export interface DateRange {
  start: string | null;
  end: string | null;
}

/**
 * "from 1 October 2020 - 31 March 2021", "1 December 2020 – 31 May 2021", "from 1 September 2020 – March 2021",
 * "01/10/2020 to 31/03/2021", "from 1 October 2020", "until 31 March 2021".
 */
export function findDateRange(text: string): DateRange {
  let m = new RegExp(`${WORD_DATE}${DASH}${WORD_DATE}`, 'i').exec(text);
  if (m) return { start: wordDate(m[1], m[2], m[3], false), end: wordDate(m[4], m[5], m[6], true) };
  m = new RegExp(`${SLASH_DATE}${DASH}${SLASH_DATE}`).exec(text);
  if (m) return { start: isoDate(+m[3], +m[2], +m[1]), end: isoDate(+m[6], +m[5], +m[4]) };
  m = new RegExp(`\\b(?:from|starting|commencing|with effect from)\\s+${WORD_DATE}`, 'i').exec(text);
  if (m) return { start: wordDate(m[1], m[2], m[3], false), end: null };
  m = new RegExp(`\\b(?:until|to|ending|ending on)\\s+${WORD_DATE}`, 'i').exec(text);
  if (m) return { start: null, end: wordDate(m[1], m[2], m[3], true) };
  return { start: null, end: null };
}

const UNIT: Record<string, string> = { week: 'W', month: 'M', year: 'Y', day: 'D' };

/** "for six weeks" → P6W, "temporary for 12 months" → P12M, "for a 6 month period" → P6M, "for one year" → P1Y. */
export function findDuration(text: string): string | null {
  const patterns = [
    new RegExp(`\\b(?:for|of|over)\\s+(?:a\\s+|an\\s+)?(?:further\\s+)?(?:period\\s+of\\s+)?${NUM}[\\s-]+(day|week|month|year)s?\\b`, 'i'),
    new RegExp(`\\b${NUM}[\\s-]+(day|week|month|year)s?\\s+(?:period|fixed[\\s-]term|contract|secondment|post|appointment)\\b`, 'i'),
    /\b(?:for|of)\s+(a|one)\s+(year)\b/i,
  ];
  for (const p of patterns) {
    const m = p.exec(text);
    if (!m) continue;
    const n = numberFrom(m[1]);
    if (n && Number.isInteger(n)) return `P${n}${UNIT[m[2].toLowerCase()]}`;
  }
  return null;
}

/** The last day a duration covers from its first day: 2021-02-16 + P12M → 2022-02-15. */
export function endOfDuration(start: string, duration: string): string | null {
  const from = DateTime.fromISO(start, { zone: 'utc' });
  const span = Duration.fromISO(duration);
  if (!from.isValid || !span.isValid) return null;
  return from.plus(span).minus({ days: 1 }).toISODate();
}

export function findGrade(text: string): string | null {
  const m = /\bGrade\s+([A-Z]?\d+[A-Za-z]?)\b/i.exec(text);
  return m ? `Grade ${m[1]}` : null;
}

/** "from Grade 4 to Grade 5" (an honorarium or acting up). */
export function findGradeChange(text: string): { fromGrade: string; toGrade: string } | null {
  const m = /\bfrom\s+Grade\s+([A-Z]?\d+[A-Za-z]?)\s+to\s+Grade\s+([A-Z]?\d+[A-Za-z]?)\b/i.exec(text);
  return m ? { fromGrade: `Grade ${m[1]}`, toGrade: `Grade ${m[2]}` } : null;
}

export function findScalePoints(text: string): number | null {
  const m = new RegExp(`\\b${NUM}\\s+(?:scale\\s+)?(?:spinal\\s+column\\s+)?points?\\b`, 'i').exec(text);
  return m ? numberFrom(m[1]) : null;
}

/** "£226k" → 226000, "£1.2m" → 1200000, "£226,000" → 226000. */
export function parseAmount(text: string): number | null {
  const m = /£\s?(\d[\d,]*(?:\.\d+)?)\s*(k|m|million|thousand)?\b/i.exec(text);
  if (!m) return null;
  const n = Number(m[1].replace(/,/g, ''));
  const unit = (m[2] ?? '').toLowerCase();
  const factor = unit === 'k' || unit === 'thousand' ? 1_000 : unit === 'm' || unit === 'million' ? 1_000_000 : 1;
  return Math.round(n * factor);
}

const SOURCE_END = '(?:fund|funding|grant|budget|reserves?|allocation)';

export interface FundingPhrase {
  source: string;
  amount: number | null;
}

/** "funded from DfE social care transformation funding …", "funding of £226k from the Council's COVID-19 pressures fund". */
export function findFunding(text: string): FundingPhrase | null {
  const amountFirst = new RegExp(`(£\\s?\\d[\\d,.]*\\s*(?:k|m|million|thousand)?)\\s+(?:will be\\s+)?(?:funded\\s+)?from\\s+(?:the\\s+)?(?:Council[’']s\\s+)?(.+?\\b${SOURCE_END})\\b`, 'i').exec(text);
  if (amountFirst) return { source: tidySource(amountFirst[2]), amount: parseAmount(amountFirst[1]) };
  const funded = new RegExp(`\\b(?:funded|met|paid)\\s+(?:from|by|through)\\s+(?:the\\s+)?(?:Council[’']s\\s+)?(.+?\\b${SOURCE_END})\\b`, 'i').exec(text);
  if (funded) return { source: tidySource(funded[1]), amount: parseAmount(text) };
  return null;
}

function tidySource(source: string): string {
  return source.replace(/\s+/g, ' ').trim();
}

/** "50% of the cost" → 0.5 */
export function findCostShare(text: string): number | null {
  const m = /(\d{1,3}(?:\.\d+)?)\s?%\s+of\s+the\s+cost/i.exec(text);
  return m ? Number(m[1]) / 100 : null;
}

/** "Early Help Pathway Leads" → "Early Help Pathway Lead". */
export function singular(title: string): string {
  return title.replace(/(\w+)$/, (w) => (/ies$/i.test(w) ? w.slice(0, -3) + 'y' : /[^s]s$/i.test(w) && !/(us|is)$/i.test(w) ? w.slice(0, -1) : w));
}
