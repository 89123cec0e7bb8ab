/** When each reminder is due, per council (configuration, not code). */
export interface ReminderPolicy {
  /** 'working-days' in production; 'minutes'/'seconds' make every number below that unit (demos, tests). */
  unit: 'working-days' | 'minutes' | 'seconds';
  /** Time of day (Europe/London) working-day reminders are sent. */
  sendAt: string;
  consultee: { first: number; second: number; escalation: number };
  decisionMaker: { every: number; times: number };
  /** Alert this long before the last day a key decision can go on the forward plan. */
  forwardPlanAlertBefore: number;
  approvedNotPublishedAfter: number;
  /** Scrutiny should have met this long after a call-in. */
  scrutinyMeetingWithin: number;
}

export const DEFAULT_REMINDER_POLICY: ReminderPolicy = {
  unit: 'working-days',
  sendAt: '09:00',
  consultee: { first: 3, second: 5, escalation: 7 },
  decisionMaker: { every: 3, times: 3 },
  forwardPlanAlertBefore: 2,
  approvedNotPublishedAfter: 2,
  scrutinyMeetingWithin: 10,
};

type Env = Record<string, string | undefined>;

/** Reads REMINDER_* variables; an error names the variable and what it accepts. */
export function parseReminderPolicy(env: Env): ReminderPolicy {
  const d = DEFAULT_REMINDER_POLICY;
  const unit = env.REMINDER_UNIT ?? d.unit;
  if (unit !== 'working-days' && unit !== 'minutes' && unit !== 'seconds') {
    throw new Error(`REMINDER_UNIT must be working-days, minutes or seconds, got '${unit}'`);
  }
  const sendAt = env.REMINDER_SEND_AT ?? d.sendAt;
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(sendAt)) throw new Error(`REMINDER_SEND_AT must be HH:mm (24-hour), got '${sendAt}'`);
  const n = (name: string, fallback: number) => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    if (!/^\d{1,4}$/.test(raw)) throw new Error(`${name} must be a whole number, got '${raw}'`);
    return Number(raw);
  };
  const policy: ReminderPolicy = {
    unit,
    sendAt,
    consultee: {
      first: n('REMINDER_CONSULTEE_FIRST', d.consultee.first),
      second: n('REMINDER_CONSULTEE_SECOND', d.consultee.second),
      escalation: n('REMINDER_CONSULTEE_ESCALATION', d.consultee.escalation),
    },
    decisionMaker: {
      every: n('REMINDER_DECISION_MAKER_EVERY', d.decisionMaker.every),
      times: n('REMINDER_DECISION_MAKER_TIMES', d.decisionMaker.times),
    },
    forwardPlanAlertBefore: n('REMINDER_FORWARD_PLAN_ALERT_BEFORE', d.forwardPlanAlertBefore),
    approvedNotPublishedAfter: n('REMINDER_APPROVED_NOT_PUBLISHED_AFTER', d.approvedNotPublishedAfter),
    scrutinyMeetingWithin: n('REMINDER_SCRUTINY_MEETING_WITHIN', d.scrutinyMeetingWithin),
  };
  const c = policy.consultee;
  if (!(c.first < c.second && c.second < c.escalation)) {
    throw new Error('REMINDER_CONSULTEE_FIRST < REMINDER_CONSULTEE_SECOND < REMINDER_CONSULTEE_ESCALATION must hold');
  }
  return policy;
}
