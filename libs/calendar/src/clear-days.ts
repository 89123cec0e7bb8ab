import { closureProblem } from './closures.js';
import { addDays } from './dates.js';
import { PERIOD_UNITS, type PeriodUnit, type RuleProblem } from './call-in.js';
import { workingCalendar } from './working-days.js';

/**
 * "N clear days' notice": N days strictly between the notice and the decision, neither end counted
 * (R v Swansea CC ex p Elitestone, 1993). The 2012 Regulations do not define "clear days", so whether
 * they are calendar or working days is each constitution's reading.
 */
export interface ClearDaysRule {
  days: number;
  /** 'calendar' (most councils) or 'working' (weekends, bank holidays and closure days do not count). */
  unit: PeriodUnit;
  closures?: string[];
}

export const DEFAULT_FORWARD_PLAN_RULE: ClearDaysRule = { days: 28, unit: 'calendar', closures: [] };
/** Reg. 10 of the 2012 Regulations: at least five clear days after the notice of the general exception. */
export const DEFAULT_GENERAL_EXCEPTION_RULE: ClearDaysRule = { days: 5, unit: 'calendar', closures: [] };

export interface ClearDaysComputation {
  noticeAt: string;
  decidedAt: string | null;
  rule: Required<ClearDaysRule>;
  /** Clear days from the notice to the decision (null without a decision date). */
  clearDays: number | null;
  required: number;
  /** The notice came before the decision and enough clear days lie between (null without a decision date). */
  met: boolean | null;
  /** The first date a decision may be taken on. */
  earliestDecisionDate: string;
  /** The clear days counted up to the earliest decision date, and the days passed over. */
  countedDays: string[];
  skipped: { date: string; why: string }[];
}

/** Whether a decision on `decidedAt` had `rule.days` clear days' notice from `noticeAt`, with the working shown. */
export function checkClearDays(noticeAt: string, decidedAt: string | null, rule: ClearDaysRule): ClearDaysComputation {
  const r: Required<ClearDaysRule> = { days: rule.days, unit: rule.unit, closures: rule.closures ?? [] };
  const { whyNotWorking } = workingCalendar(r.closures);
  const countedDays: string[] = [];
  const skipped: { date: string; why: string }[] = [];
  let d = addDays(noticeAt, 1);
  for (; countedDays.length < r.days; d = addDays(d, 1)) {
    const why = r.unit === 'working' ? whyNotWorking(d) : null;
    if (why) skipped.push({ date: d, why });
    else countedDays.push(d);
  }
  // `d` is now the day after the last counted day: the first a decision may be taken on.
  const earliestDecisionDate = d;
  let clearDays: number | null = null;
  if (decidedAt !== null) {
    clearDays = 0;
    for (let day = addDays(noticeAt, 1); day < decidedAt; day = addDays(day, 1)) {
      if (r.unit === 'calendar' || whyNotWorking(day) === null) clearDays++;
    }
  }
  const met = decidedAt === null ? null : noticeAt < decidedAt && clearDays! >= r.days;
  return { noticeAt, decidedAt, rule: r, clearDays, required: r.days, met, earliestDecisionDate, countedDays, skipped };
}

/** The last date a notice can be given for a decision on `decidedAt` to have its clear days. */
export function latestNoticeDate(decidedAt: string, rule: ClearDaysRule): string {
  const { isWorkingDay } = workingCalendar(rule.closures);
  let counted = 0;
  let d = addDays(decidedAt, -1);
  for (; counted < rule.days; d = addDays(d, -1)) {
    if (rule.unit === 'calendar' || isWorkingDay(d)) counted++;
  }
  return d;
}

export function clearDaysRuleProblems(rule: ClearDaysRule): RuleProblem[] {
  const problems: RuleProblem[] = [];
  if (!Number.isInteger(rule.days) || rule.days < 0 || rule.days > 365) problems.push({ field: 'days', message: `must be a whole number from 0 to 365, got ${JSON.stringify(rule.days)}` });
  if (!(PERIOD_UNITS as readonly unknown[]).includes(rule.unit)) problems.push({ field: 'unit', message: `must be one of ${PERIOD_UNITS.join(', ')}, got ${JSON.stringify(rule.unit)}` });
  for (const spec of rule.closures ?? []) {
    const problem = closureProblem(spec);
    if (problem) problems.push({ field: 'closures', message: problem });
  }
  return problems;
}
