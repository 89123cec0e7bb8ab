import { isIsoDate, londonDateOf } from '#libs/calendar';
import { arrangementActions } from './arrangement.js';
import { currentDates, endDateOf, isYearMonth } from './dates.js';
import { factsAsJson, parseArrangementFacts } from './input.js';
import type { ArrangementAction, ArrangementEvent, ArrangementState, FieldProblem, PersistedArrangement } from './types.js';

/**
 * The four HR actions of CONTRACT.md, from request body to event: shape first (400 naming each bad field),
 * then whether the state allows the action (409 with the state and the actions it allows), then the rules
 * that depend on the arrangement's dates (400 naming the field). The event still goes through
 * applyArrangementEvent, which refuses whatever slipped past (a concurrent change).
 */
export type PreparedAction =
  | { ok: true; event: ArrangementEvent }
  | { ok: false; status: 400; message: string; details: FieldProblem[] }
  | { ok: false; status: 409; message: string; state: ArrangementState; allowedActions: ArrangementAction[] };

export interface ActionContext {
  /** ISO instant, from the shell's clock. */
  at: string;
  /** The acting user's id. */
  by: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function prepareArrangementAction(p: PersistedArrangement, action: ArrangementAction, body: unknown, ctx: ActionContext): PreparedAction {
  const problems: FieldProblem[] = [];
  const b = body === undefined || body === null || body === '' ? {} : body;
  if (!isObject(b)) return invalid([{ field: 'body', message: 'body must be a JSON object' }]);

  const allowOnly = (keys: string[]) => {
    for (const key of Object.keys(b)) if (!keys.includes(key)) problems.push({ field: key, message: `${key} is not accepted by ${action}${keys.length ? ` (it takes ${keys.join(', ')})` : ' (it takes no body)'}` });
  };
  const reference = () => {
    const v = b.decisionReference;
    if (typeof v !== 'string' || v.trim() === '') {
      problems.push({ field: 'decisionReference', message: `decisionReference is required: the reference of the decision that approved this (${action === 'extend' ? 'extension' : 'permanent post'})` });
      return '';
    }
    if (v.length > 200) problems.push({ field: 'decisionReference', message: 'decisionReference must be at most 200 characters' });
    return v.trim();
  };

  switch (action) {
    case 'extend': {
      allowOnly(['end', 'decisionReference']);
      const end = b.end;
      if (typeof end !== 'string' || !(isIsoDate(end) || isYearMonth(end))) {
        problems.push({ field: 'end', message: 'end is required: the new last day, written YYYY-MM-DD (or YYYY-MM for a month\'s last day)' });
      }
      const decisionReference = reference();
      if (problems.length) return invalid(problems);
      const refused = stateRefuses(p, action);
      if (refused) return refused;
      const current = currentDates(p.context).resolvedEnd!;
      if (endDateOf(end as string) <= current) return invalid([{ field: 'end', message: `end must be after the current end (${current})` }]);
      return { ok: true, event: { type: 'EXTEND', at: ctx.at, by: ctx.by, end: end as string, decisionReference } };
    }
    case 'make-permanent': {
      allowOnly(['decisionReference']);
      const decisionReference = reference();
      if (problems.length) return invalid(problems);
      return stateRefuses(p, action) ?? { ok: true, event: { type: 'MAKE_PERMANENT', at: ctx.at, by: ctx.by, decisionReference } };
    }
    case 'confirm-ended': {
      allowOnly(['endedOn']);
      const endedOn = b.endedOn;
      if (endedOn !== undefined && endedOn !== null && (typeof endedOn !== 'string' || !isIsoDate(endedOn))) {
        problems.push({ field: 'endedOn', message: 'endedOn must be a date written YYYY-MM-DD (the last day worked), or left out' });
      }
      if (problems.length) return invalid(problems);
      const refused = stateRefuses(p, action);
      if (refused) return refused;
      const { resolvedStart, resolvedEnd } = currentDates(p.context);
      const today = londonDateOf(ctx.at);
      // By default it ended on its last day, or today if HR ends it early.
      const on = (endedOn as string | null | undefined) ?? (resolvedEnd! < today ? resolvedEnd! : today);
      if (on > today) return invalid([{ field: 'endedOn', message: `endedOn ${on} is in the future: confirm an end once it has happened` }]);
      if (on < resolvedStart!) return invalid([{ field: 'endedOn', message: `endedOn ${on} is before the arrangement started (${resolvedStart})` }]);
      return { ok: true, event: { type: 'CONFIRM_ENDED', at: ctx.at, by: ctx.by, endedOn: on } };
    }
    case 'confirm': {
      const refused = stateRefuses(p, action);
      if (refused) return refused;
      // The body holds the officer's edits, laid over what was extracted; the result must be complete.
      const parsed = parseArrangementFacts({ ...factsAsJson(p.context.facts), ...b });
      if (!parsed.ok) return invalid(parsed.problems);
      return { ok: true, event: { type: 'CONFIRM', at: ctx.at, by: ctx.by, facts: parsed.value } };
    }
  }
}

function invalid(details: FieldProblem[]): PreparedAction {
  return { ok: false, status: 400, message: `invalid ${[...new Set(details.map((d) => d.field))].join(', ')}`, details };
}

function stateRefuses(p: PersistedArrangement, action: ArrangementAction): PreparedAction | null {
  const allowedActions = arrangementActions(p);
  if (allowedActions.includes(action)) return null;
  return { ok: false, status: 409, message: `${action} is not allowed in state '${p.state}'`, state: p.state, allowedActions };
}
