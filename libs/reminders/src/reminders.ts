import { DEFAULT_FORWARD_PLAN_RULE, addDays, addWorkingDays, latestNoticeDate, londonDateOf, londonInstant, subtractWorkingDays, workingCalendar } from '#libs/calendar';
import type { ReminderPolicy } from './policy.js';
import type { Recipient, ReminderKind, ReminderRequest, ReminderView } from './reminder-types.js';

/**
 * The reminders a decision wants in its current state: a pure function of the decision and the policy, so
 * the shell can diff it against the timers it keeps and cancel whatever no longer applies. Reminders due
 * before the state was entered are dropped (nobody is reminded of what was already past when it began).
 */
export function remindersFor(view: ReminderView, policy: ReminderPolicy): ReminderRequest<ReminderKind>[] {
  // Several reminders share an offset (each consultee's first, second, escalation): work each out once.
  const offsets = new Map<number, string>();
  const after = (n: number) => offsets.get(n) ?? offsets.set(n, offset(view.stateEnteredAt, n, policy)).get(n)!;
  const stamp = digits(view.stateEnteredAt);
  const make = (kind: ReminderKind, dueAt: string, recipient: Recipient, actionAsked: string, extra: Partial<ReminderRequest<ReminderKind>> = {}) => ({
    kind,
    dueAt,
    recipient,
    actionAsked,
    deadline: null,
    key: `rem-${kind}-r${view.revision}-${stamp}${extra.area ? `-${extra.area}` : ''}${extra.nth ? `-${extra.nth}` : ''}`,
    ...extra,
  });
  const wanted: ReminderRequest<ReminderKind>[] = [];

  switch (view.state) {
    case 'consultation':
      for (const c of view.consultations.filter((c) => c.status === 'pending')) {
        const who: Recipient = c.assigneeUserId ? { type: 'user', userId: c.assigneeUserId } : { type: 'role', role: `consultee:${c.area}` };
        const ask = `Sign off for ${c.label}`;
        const escalateAt = after(policy.consultee.escalation);
        wanted.push(make('consultee-reminder', after(policy.consultee.first), who, ask, { area: c.area, nth: 1, deadline: escalateAt }));
        wanted.push(make('consultee-reminder', after(policy.consultee.second), who, ask, { area: c.area, nth: 2, deadline: escalateAt }));
        wanted.push(make('consultee-escalation', escalateAt, { type: 'escalation' }, `Chase the ${c.label} sign-off`, { area: c.area }));
      }
      break;
    case 'for-determination': {
      const who: Recipient = view.decisionMakerUserId ? { type: 'user', userId: view.decisionMakerUserId } : { type: 'role', role: 'decision-maker' };
      for (let nth = 1; nth <= policy.decisionMaker.times; nth++) {
        wanted.push(make('decision-maker-reminder', after(policy.decisionMaker.every * nth), who, 'Determine this decision', { nth }));
      }
      const alert = forwardPlanAlert(view, policy);
      if (alert) wanted.push(make('forward-plan-alert', alert.dueAt, { type: 'role', role: 'democratic-services' }, 'Publish notice on the forward plan', { deadline: alert.lastNoticeAt }));
      break;
    }
    case 'approved': {
      wanted.push(make('approved-not-published', after(policy.approvedNotPublishedAfter), { type: 'role', role: 'democratic-services' }, 'Publish the decision record'));
      const lag = publicationOverdue(view, policy);
      if (lag) {
        wanted.push(make('publication-overdue', lag.dueAt, { type: 'role', role: 'democratic-services' }, 'Publish the decision record: it has waited longer than the constitution allows', { deadline: lag.limitAt }));
      }
      break;
    }
    case 'call-in-period':
      if (view.callInDeadline) {
        wanted.push(
          make('call-in-ends-tomorrow', offset(view.callInDeadline, -1, policy), { type: 'role', role: 'democratic-services' }, 'Call-in period ends tomorrow', {
            deadline: view.callInDeadline,
          }),
        );
      }
      break;
    case 'called-in':
      wanted.push(make('call-in-meeting-overdue', after(policy.scrutinyMeetingWithin), { type: 'role', role: 'scrutiny' }, 'Hold the scrutiny meeting on this call-in'));
      break;
  }
  return wanted.filter((r) => r.dueAt >= view.stateEnteredAt);
}

/**
 * A decision taken and still unpublished past the constitution's limit (counted from its date of decision):
 * alert on the first working day after the limit, at the policy's send time. When that is already past as the
 * decision enters `approved` (a paper decision entered late, a historical record imported), one unit of the
 * policy later (the next working day's send time): the publication that usually follows at once cancels it.
 */
function publicationOverdue(view: ReminderView, policy: ReminderPolicy) {
  const limit = view.publicationLimit;
  if (!limit || !view.decidedAt) return null;
  const days = workingCalendar(limit.closures ?? []);
  const lastDay = limit.unit === 'working' ? days.addWorkingDays(view.decidedAt, limit.days) : addDays(view.decidedAt, limit.days);
  const limitAt = londonInstant(addDays(lastDay, 1), '00:00');
  const alertAt = londonInstant(days.addWorkingDays(lastDay, 1), policy.sendAt);
  const soonest = offset(view.stateEnteredAt, 1, policy);
  return { limitAt, dueAt: alertAt < soonest ? soonest : alertAt };
}

/** A key decision with no notice yet: alert before the last day a notice could still be given (the constitution's clear days). */
function forwardPlanAlert(view: ReminderView, policy: ReminderPolicy) {
  if (!view.isKeyDecision || view.urgency !== 'none' || view.forwardPlanNoticeAt || !view.plannedDeterminationAt) return null;
  const lastNoticeDate = latestNoticeDate(view.plannedDeterminationAt, view.forwardPlanRule ?? DEFAULT_FORWARD_PLAN_RULE);
  const lastNoticeAt = londonInstant(lastNoticeDate, policy.sendAt);
  return { dueAt: offset(lastNoticeAt, -policy.forwardPlanAlertBefore, policy), lastNoticeAt };
}

/** `n` units after (or, negative, before) an instant: working days land at the policy's send time. */
export function offset(instant: string, n: number, policy: ReminderPolicy): string {
  if (policy.unit === 'seconds') return new Date(Date.parse(instant) + n * 1000).toISOString();
  if (policy.unit === 'minutes') return new Date(Date.parse(instant) + n * 60_000).toISOString();
  const date = londonDateOf(instant);
  const day = n >= 0 ? addWorkingDays(date, n) : subtractWorkingDays(date, -n);
  return londonInstant(day, policy.sendAt);
}

function digits(s: string) {
  return s.replace(/\D/g, '');
}
