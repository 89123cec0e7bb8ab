import { closureProblem } from './closures.js';
import { addDays, isClockTime, londonInstant } from './dates.js';
import { workingCalendar } from './working-days.js';

export const PERIOD_UNITS = ['working', 'calendar'] as const;
export const TAKES_EFFECT = ['at-end', 'next-calendar-day', 'next-working-day'] as const;
export const COUNT_FROM = ['publication', 'decision'] as const;
export type PeriodUnit = (typeof PERIOD_UNITS)[number];
export type TakesEffect = (typeof TAKES_EFFECT)[number];
export type CountFrom = (typeof COUNT_FROM)[number];

/**
 * A council's call-in rule, as its constitution states it (configuration, not code). The fields after
 * `takesEffect` are optional so a rule written before them still reads the same.
 */
export interface CallInRule {
  /** Days in the period. */
  days: number;
  /** true: the day counting starts from (publication, or decision) is not itself counted. */
  clear: boolean;
  /** 'HH:mm' Europe/London on the last counted day, or '24:00': the end of that day ("on the expiry of"). */
  endsAt: string;
  /** When the decision takes effect once the period ends. */
  takesEffect: TakesEffect;
  /** 'working' (default): weekends, bank holidays and closure days are skipped; 'calendar': every day counts. */
  unit?: PeriodUnit;
  /** 'HH:mm' on the day it takes effect ("from 9am on the next working day"); only with next-… (default 00:00). */
  effectiveTime?: string | null;
  /** Council closure days that are not bank holidays (closures.ts). */
  closures?: string[];
  /** Count from the publication (default) or from the date of decision. */
  countFrom?: CountFrom;
  /** 'HH:mm': a record published after it counts as published on the next working day. */
  cutOff?: string | null;
}

/** A rule with every field present: what a computation applied, shown beside its answer. */
export type ResolvedCallInRule = Required<CallInRule>;

export const DEFAULT_CALL_IN_RULE: ResolvedCallInRule = {
  days: 5,
  clear: true,
  endsAt: '17:00',
  takesEffect: 'at-end',
  unit: 'working',
  effectiveTime: null,
  closures: [],
  countFrom: 'publication',
  cutOff: null,
};

/** Fills the optional fields; an effective time means nothing when the decision takes effect at the end. */
export function resolveCallInRule(rule: CallInRule): ResolvedCallInRule {
  const resolved: ResolvedCallInRule = {
    days: rule.days,
    clear: rule.clear,
    endsAt: rule.endsAt,
    takesEffect: rule.takesEffect,
    unit: rule.unit ?? 'working',
    effectiveTime: rule.effectiveTime ?? null,
    closures: rule.closures ?? [],
    countFrom: rule.countFrom ?? 'publication',
    cutOff: rule.cutOff ?? null,
  };
  if (resolved.takesEffect === 'at-end') resolved.effectiveTime = null;
  return resolved;
}

export interface RuleProblem {
  field: string;
  message: string;
}

/** What is wrong with a rule, field by field (empty when it can be applied). Field names are the rule's own. */
export function callInRuleProblems(rule: CallInRule): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const bad = (field: string, message: string) => problems.push({ field, message });
  if (!Number.isInteger(rule.days) || rule.days < 1 || rule.days > 99) bad('days', `must be a whole number from 1 to 99, got ${JSON.stringify(rule.days)}`);
  if (typeof rule.clear !== 'boolean') bad('clear', `must be true or false, got ${JSON.stringify(rule.clear)}`);
  if (typeof rule.endsAt !== 'string' || !isClockTime(rule.endsAt, true)) bad('endsAt', `must be HH:mm (24-hour) or 24:00, got ${JSON.stringify(rule.endsAt)}`);
  if (!(TAKES_EFFECT as readonly unknown[]).includes(rule.takesEffect)) bad('takesEffect', `must be one of ${TAKES_EFFECT.join(', ')}, got ${JSON.stringify(rule.takesEffect)}`);
  if (rule.unit !== undefined && !(PERIOD_UNITS as readonly unknown[]).includes(rule.unit)) bad('unit', `must be one of ${PERIOD_UNITS.join(', ')}, got ${JSON.stringify(rule.unit)}`);
  if (rule.effectiveTime != null && (typeof rule.effectiveTime !== 'string' || !isClockTime(rule.effectiveTime))) {
    bad('effectiveTime', `must be HH:mm (24-hour), got ${JSON.stringify(rule.effectiveTime)}`);
  }
  if (rule.countFrom !== undefined && !(COUNT_FROM as readonly unknown[]).includes(rule.countFrom)) bad('countFrom', `must be one of ${COUNT_FROM.join(', ')}, got ${JSON.stringify(rule.countFrom)}`);
  if (rule.cutOff != null && (typeof rule.cutOff !== 'string' || !isClockTime(rule.cutOff))) bad('cutOff', `must be HH:mm (24-hour), got ${JSON.stringify(rule.cutOff)}`);
  for (const spec of rule.closures ?? []) {
    const problem = typeof spec === 'string' ? closureProblem(spec) : `${JSON.stringify(spec)} is not a date`;
    if (problem) bad('closures', problem);
  }
  return problems;
}

/** The moment a call-in period is counted from, as far as it is known. */
export interface CallInStart {
  /** 'HH:mm' Europe/London the record was published (for a cut-off); unknown means "before any cut-off". */
  publishedTime?: string | null;
  /** YYYY-MM-DD: needed when the rule counts from the date of decision. */
  decidedAt?: string | null;
}

export interface CallInComputation {
  publishedAt: string;
  rule: ResolvedCallInRule;
  /** The day counting starts from, and why that day. */
  countedFrom: { date: string; why: string };
  deadline: string;
  effectiveAt: string;
  countedDays: string[];
  skipped: { date: string; why: string }[];
}

/** The call-in deadline for a publication date, with the working shown so an officer can check it. */
export function computeCallInDeadline(publishedAt: string, rule: CallInRule = DEFAULT_CALL_IN_RULE, start: CallInStart = {}): CallInComputation {
  const r = resolveCallInRule(rule);
  const days = workingCalendar(r.closures);
  const countedFrom = startOf(publishedAt, r, start, days.nextWorkingDay);
  const countedDays: string[] = [];
  const skipped: { date: string; why: string }[] = [];
  let d = r.clear ? addDays(countedFrom.date, 1) : countedFrom.date;
  while (countedDays.length < r.days) {
    const why = r.unit === 'working' ? days.whyNotWorking(d) : null;
    if (why) skipped.push({ date: d, why });
    else countedDays.push(d);
    if (countedDays.length < r.days) d = addDays(d, 1);
  }
  const last = countedDays.at(-1)!;
  const deadline = londonInstant(last, r.endsAt);
  const effectiveAt =
    r.takesEffect === 'at-end'
      ? deadline
      : londonInstant(r.takesEffect === 'next-calendar-day' ? addDays(last, 1) : days.nextWorkingDay(last), r.effectiveTime ?? '00:00');
  return { publishedAt, rule: r, countedFrom, deadline, effectiveAt, countedDays, skipped };
}

function startOf(publishedAt: string, r: ResolvedCallInRule, start: CallInStart, nextWorkingDay: (d: string) => string): { date: string; why: string } {
  if (r.countFrom === 'decision') {
    if (!start.decidedAt) throw new Error('this rule counts from the date of decision, and none was given (decidedAt)');
    return { date: start.decidedAt, why: 'date of decision' };
  }
  if (r.cutOff && start.publishedTime && start.publishedTime > r.cutOff) {
    return {
      date: nextWorkingDay(publishedAt),
      why: `published at ${start.publishedTime}, after the ${r.cutOff} cut-off: counts as published on the next working day`,
    };
  }
  return { date: publishedAt, why: 'publication' };
}

/** Reads CALL_IN_DAYS, CALL_IN_CLEAR, CALL_IN_ENDS_AT, CALL_IN_TAKES_EFFECT; errors name the variable. */
export function parseCallInRule(env: Record<string, string | undefined>): ResolvedCallInRule {
  const rule = { ...DEFAULT_CALL_IN_RULE };
  const { CALL_IN_DAYS: days, CALL_IN_CLEAR: clear, CALL_IN_ENDS_AT: endsAt, CALL_IN_TAKES_EFFECT: takesEffect } = env;
  if (days !== undefined && days !== '') {
    if (!/^\d{1,2}$/.test(days) || Number(days) < 1) throw new Error(`CALL_IN_DAYS must be a whole number from 1 to 99, got '${days}'`);
    rule.days = Number(days);
  }
  if (clear !== undefined && clear !== '') {
    if (clear !== 'true' && clear !== 'false') throw new Error(`CALL_IN_CLEAR must be true or false, got '${clear}'`);
    rule.clear = clear === 'true';
  }
  if (endsAt !== undefined && endsAt !== '') {
    if (!isClockTime(endsAt, true)) throw new Error(`CALL_IN_ENDS_AT must be HH:mm (24-hour) or 24:00, got '${endsAt}'`);
    rule.endsAt = endsAt;
  }
  if (takesEffect !== undefined && takesEffect !== '') {
    if (!(TAKES_EFFECT as readonly string[]).includes(takesEffect)) {
      throw new Error(`CALL_IN_TAKES_EFFECT must be one of ${TAKES_EFFECT.join(', ')}, got '${takesEffect}'`);
    }
    rule.takesEffect = takesEffect as TakesEffect;
  }
  return rule;
}

/** A rule with some fields changed (an officer trying another rule); `null` clears an optional time. */
export function overrideCallInRule(base: CallInRule, changes: Partial<CallInRule>): ResolvedCallInRule {
  const defined = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) as Partial<CallInRule>;
  const merged = { ...resolveCallInRule(base), ...defined };
  // An effective time inherited from the base means nothing once the rule takes effect at the end.
  if (changes.takesEffect === 'at-end' && changes.effectiveTime === undefined) merged.effectiveTime = null;
  return merged;
}
