import { addDays, londonInstant, nextWorkingDay, startOfLondonDay, whyNotWorking } from './working-days.js';

/** A council's call-in rule (its constitution's numbers, from configuration). */
export interface CallInRule {
  /** Working days in the period. */
  days: number;
  /** true: the day of publication is not counted. */
  clear: boolean;
  /** 'HH:mm' Europe/London on the last counted day. */
  endsAt: string;
  takesEffect: 'at-end' | 'next-calendar-day' | 'next-working-day';
}

export const DEFAULT_CALL_IN_RULE: CallInRule = { days: 5, clear: true, endsAt: '17:00', takesEffect: 'at-end' };

export interface CallInComputation {
  publishedAt: string;
  rule: CallInRule;
  deadline: string;
  effectiveAt: string;
  countedDays: string[];
  skipped: { date: string; why: string }[];
}

/** The call-in deadline for a publication date, with the working shown so an officer can check it. */
export function computeCallInDeadline(publishedAt: string, rule: CallInRule = DEFAULT_CALL_IN_RULE): CallInComputation {
  const countedDays: string[] = [];
  const skipped: { date: string; why: string }[] = [];
  let d = rule.clear ? addDays(publishedAt, 1) : publishedAt;
  while (countedDays.length < rule.days) {
    const why = whyNotWorking(d);
    if (why) skipped.push({ date: d, why });
    else countedDays.push(d);
    if (countedDays.length < rule.days) d = addDays(d, 1);
  }
  const last = countedDays.at(-1) ?? publishedAt;
  const deadline = londonInstant(last, rule.endsAt);
  const effectiveAt =
    rule.takesEffect === 'at-end'
      ? deadline
      : startOfLondonDay(rule.takesEffect === 'next-calendar-day' ? addDays(last, 1) : nextWorkingDay(last));
  return { publishedAt, rule, deadline, effectiveAt, countedDays, skipped };
}

const TAKES_EFFECT = ['at-end', 'next-calendar-day', 'next-working-day'] as const;

/** Reads CALL_IN_DAYS, CALL_IN_CLEAR, CALL_IN_ENDS_AT, CALL_IN_TAKES_EFFECT; errors name the variable. */
export function parseCallInRule(env: Record<string, string | undefined>): CallInRule {
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
    if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(endsAt)) throw new Error(`CALL_IN_ENDS_AT must be HH:mm (24-hour), got '${endsAt}'`);
    rule.endsAt = endsAt;
  }
  if (takesEffect !== undefined && takesEffect !== '') {
    if (!(TAKES_EFFECT as readonly string[]).includes(takesEffect)) {
      throw new Error(`CALL_IN_TAKES_EFFECT must be one of ${TAKES_EFFECT.join(', ')}, got '${takesEffect}'`);
    }
    rule.takesEffect = takesEffect as CallInRule['takesEffect'];
  }
  return rule;
}
