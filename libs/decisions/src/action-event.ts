import { computeCallInDeadline, londonDateOf, londonTimeOf, type CallInRule } from '#libs/calendar';
import type { ActionName, CouncilOutcome, LifecycleEvent, ScrutinyOutcome } from '#libs/lifecycle';
import type { ActionBody } from './decision-input.js';
import { InvalidInput } from './errors.js';

/**
 * Turns an HTTP action and its (shape-validated) body into the lifecycle event, with time as an argument.
 * Dates given by the caller may lie in the past (a paper decision entered later) but not in the future.
 */
export function eventForAction(
  action: ActionName,
  body: ActionBody,
  ctx: { userId: string; now: Date; callInRule: CallInRule; decidedAt: string | null },
): LifecycleEvent {
  const at = ctx.now.toISOString();
  const today = londonDateOf(at);
  switch (action) {
    case 'submit':
      return { type: 'SUBMIT', at };
    case 'sign-off':
      return { type: 'SIGN_OFF', at, area: body.area!, by: ctx.userId, comments: body.comments ?? null };
    case 'request-changes':
      return { type: 'REQUEST_CHANGES', at, area: body.area!, by: ctx.userId, comments: body.comments! };
    case 'approve':
      return { type: 'APPROVE', at, decidedAt: notInFuture('decidedAt', body.decidedAt ?? today, today) };
    case 'reject':
      return { type: 'REJECT', at, decidedAt: today, reasons: body.reasons! };
    case 'defer':
      return { type: 'DEFER', at, reason: body.reason!, until: body.until ?? null };
    case 'resume':
      return { type: 'RESUME', at };
    case 'refer-back':
      return { type: 'REFER_BACK', at, comments: body.comments! };
    case 'withdraw':
      return { type: 'WITHDRAW', at, reason: body.reason! };
    case 'publish': {
      const publishedAt = notInFuture('publishedAt', body.publishedAt ?? today, today);
      if (ctx.decidedAt && publishedAt < ctx.decidedAt) {
        throw new InvalidInput('publishedAt must not be before the date of decision', [
          { field: 'publishedAt', message: `must be on or after decidedAt (${ctx.decidedAt})` },
        ]);
      }
      // The time matters only under a publication cut-off: the caller's, or now when published today.
      const publishedTime = body.publishedTime ?? (publishedAt === today ? londonTimeOf(at) : null);
      if (ctx.callInRule.countFrom === 'decision' && !ctx.decidedAt) {
        throw new InvalidInput('the call-in period counts from the date of decision, and none is recorded', [{ field: 'publishedAt', message: 'approve the decision first' }]);
      }
      const { deadline, effectiveAt } = computeCallInDeadline(publishedAt, ctx.callInRule, { publishedTime, decidedAt: ctx.decidedAt });
      return { type: 'PUBLISH', at, publishedAt, callIn: { deadline, effectiveAt } };
    }
    case 'call-in':
      return { type: 'CALL_IN', at, members: body.members!, reasons: body.reasons!, ...(body.scrutinyChair ? { scrutinyChair: true } : {}) };
    case 'scrutiny-outcome':
      return { type: 'SCRUTINY_OUTCOME', at, outcome: body.outcome as ScrutinyOutcome, comments: body.comments ?? null };
    case 'council-outcome':
      return { type: 'COUNCIL_OUTCOME', at, outcome: body.outcome as CouncilOutcome, comments: body.comments ?? null };
  }
}

function notInFuture(field: string, date: string, today: string): string {
  if (date > today) throw new InvalidInput(`${field} cannot be in the future`, [{ field, message: `must be on or before ${today}` }]);
  return date;
}
