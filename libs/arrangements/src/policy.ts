/**
 * When a council wants to hear about arrangements ending (configuration, not code). The default: 8 weeks,
 * 4 weeks and 1 week before the end and on the day of the end, then — once overdue — one escalation to the
 * HR escalation contact and a reminder to the manager every week until it is settled.
 */
export interface ArrangementReminderPolicy {
  /** 'days' in production; 'minutes' / 'seconds' make every number below that unit (demos, tests). */
  unit: 'days' | 'minutes' | 'seconds';
  /** Time of day (Europe/London) reminders are sent: the anchor of every reminder, whatever the unit. */
  sendAt: string;
  /** Reminders this many units before the last day (0 = on the last day), largest first, all different. */
  beforeEnd: number[];
  /** Overdue: a reminder to the manager every this many units after the escalation. */
  overdueEvery: number;
}

export const DEFAULT_ARRANGEMENT_REMINDER_POLICY: ArrangementReminderPolicy = {
  unit: 'days',
  sendAt: '09:00',
  beforeEnd: [56, 28, 7, 0],
  overdueEvery: 7,
};

type Env = Record<string, string | undefined>;

/**
 * Reads the arrangement reminder settings. REMINDER_UNIT and REMINDER_SEND_AT are shared with the decision
 * reminders (their `working-days` is `days` here: an arrangement ends on a calendar date, weekend or not);
 * ARRANGEMENT_REMINDERS_BEFORE_END ("56,28,7,0") and ARRANGEMENT_OVERDUE_EVERY ("7") are this policy's own.
 * An error names the variable and what it accepts.
 */
export function parseArrangementReminderPolicy(env: Env): ArrangementReminderPolicy {
  const d = DEFAULT_ARRANGEMENT_REMINDER_POLICY;
  const rawUnit = env.REMINDER_UNIT || 'working-days';
  const units: Record<string, ArrangementReminderPolicy['unit']> = { 'working-days': 'days', days: 'days', minutes: 'minutes', seconds: 'seconds' };
  const unit = units[rawUnit];
  if (!unit) throw new Error(`REMINDER_UNIT must be working-days, minutes or seconds, got '${rawUnit}'`);
  const sendAt = env.REMINDER_SEND_AT || d.sendAt;
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(sendAt)) throw new Error(`REMINDER_SEND_AT must be HH:mm (24-hour), got '${sendAt}'`);

  let beforeEnd = d.beforeEnd;
  const rawBefore = env.ARRANGEMENT_REMINDERS_BEFORE_END;
  if (rawBefore !== undefined && rawBefore.trim() !== '') {
    const items = rawBefore.split(',').map((s) => s.trim());
    if (!items.every((s) => /^\d{1,4}$/.test(s))) {
      throw new Error(`ARRANGEMENT_REMINDERS_BEFORE_END must be whole numbers separated by commas (e.g. 56,28,7,0), got '${rawBefore}'`);
    }
    beforeEnd = [...new Set(items.map(Number))].sort((a, b) => b - a);
  } else if (rawBefore !== undefined) {
    beforeEnd = []; // set and empty: no reminders before the end
  }

  const rawEvery = env.ARRANGEMENT_OVERDUE_EVERY;
  let overdueEvery = d.overdueEvery;
  if (rawEvery !== undefined && rawEvery !== '') {
    if (!/^\d{1,4}$/.test(rawEvery) || Number(rawEvery) < 1) throw new Error(`ARRANGEMENT_OVERDUE_EVERY must be a whole number ≥ 1, got '${rawEvery}'`);
    overdueEvery = Number(rawEvery);
  }
  return { unit, sendAt, beforeEnd, overdueEvery };
}
