import { pureInitialTransition, pureTransition } from '#libs/lifecycle';
import { arrangementMachine, hasEnd } from './arrangement.machine.js';
import { currentDates, isRetrospective, type ResolvedDates } from './dates.js';
import type { ArrangementReminderPolicy } from './policy.js';
import {
  ARRANGEMENT_ACTIONS,
  SETTLED_STATES,
  type ArrangementAction,
  type ArrangementContext,
  type ArrangementEvent,
  type ArrangementEventType,
  type ArrangementFacts,
  type ArrangementInput,
  type ArrangementState,
  type PersistedArrangement,
} from './types.js';

export const EVENT_FOR_ARRANGEMENT_ACTION: Record<ArrangementAction, ArrangementEventType> = {
  'confirm-ended': 'CONFIRM_ENDED',
  extend: 'EXTEND',
  'make-permanent': 'MAKE_PERMANENT',
  confirm: 'CONFIRM',
};

/** A new arrangement: `planned` (entered with a draft decision) or `proposed` (extracted from an import). */
export function startArrangement(input: ArrangementInput): PersistedArrangement {
  const snapshot = pureInitialTransition(arrangementMachine, input);
  return persist(snapshot);
}

function restore(p: PersistedArrangement) {
  return arrangementMachine.resolveState({ value: p.state, context: p.context });
}

function persist(snapshot: ReturnType<typeof restore>): PersistedArrangement {
  return { state: snapshot.value as ArrangementState, context: structuredClone(snapshot.context) };
}

export type ArrangementApplyResult =
  | { accepted: true; next: PersistedArrangement }
  | { accepted: false; reason: string; state: ArrangementState; allowedActions: ArrangementAction[] };

/**
 * Applies one event, under the clock rules in force now (the same policy the shell gives timersFor).
 * A refusal says why, with the state and the actions it allows (the API's 409).
 */
export function applyArrangementEvent(p: PersistedArrangement, event: ArrangementEvent, policy: ArrangementReminderPolicy): ArrangementApplyResult {
  const snapshot = restore(p);
  const withPolicy = { ...event, policy };
  if (!snapshot.can(withPolicy)) return { accepted: false, reason: refusal(p, event), state: p.state, allowedActions: arrangementActions(p) };
  const next = pureTransition(arrangementMachine, snapshot, withPolicy);
  return { accepted: true, next: persist(next) };
}

/** The HTTP actions the state allows, whoever asks (payload rules — dates, references — are the caller's). */
export function arrangementActions(p: PersistedArrangement): ArrangementAction[] {
  const on = Object.keys(arrangementMachine.states[p.state]?.on ?? {});
  return ARRANGEMENT_ACTIONS.filter((action) => on.includes(EVENT_FOR_ARRANGEMENT_ACTION[action]));
}

export function isSettled(state: ArrangementState): boolean {
  return (SETTLED_STATES as readonly string[]).includes(state);
}

/**
 * A decision closes once every arrangement it approved has ended, been made permanent or been cancelled.
 * One with no arrangements has nothing to close on: it stays effective.
 */
export function decisionMayClose(states: ArrangementState[]): boolean {
  return states.length > 0 && states.every(isSettled);
}

/** The events a decision's own transitions send to its arrangements. */
export function eventForDecision(change: { type: 'effective'; at: string; effectiveAt: string; decidedAt: string | null } | { type: 'rejected' | 'withdrawn'; at: string; reason?: string | null }): ArrangementEvent {
  if (change.type === 'effective') return { type: 'EFFECTIVE', at: change.at, decision: { effectiveAt: change.effectiveAt, decidedAt: change.decidedAt } };
  return { type: 'CANCEL', at: change.at, reason: change.reason ? `decision ${change.type}: ${change.reason}` : `decision ${change.type}` };
}

const ACTION_OF: Partial<Record<ArrangementEventType, string>> = Object.fromEntries(Object.entries(EVENT_FOR_ARRANGEMENT_ACTION).map(([a, t]) => [t, a]));

/** Why the machine refused an event: the rule, in words. */
function refusal(p: PersistedArrangement, event: ArrangementEvent): string {
  const name = ACTION_OF[event.type] ?? event.type.toLowerCase().replace(/_/g, '-');
  const notHere = `${name} is not allowed in state '${p.state}'`;
  const on = Object.keys(arrangementMachine.states[p.state]?.on ?? {});
  if (!on.includes(event.type)) return notHere;
  const { resolvedStart, resolvedEnd } = currentDates(p.context);
  switch (event.type) {
    case 'EXTEND':
      return `the new end ${event.end} must be after the current end ${resolvedEnd}`;
    case 'CONFIRM_ENDED':
      return `endedOn ${event.endedOn} is before the arrangement started (${resolvedStart})`;
    case 'EDIT':
    case 'CONFIRM':
      return 'an end date or a duration is needed';
    case 'START_REACHED':
    case 'ENDING_SOON_REACHED':
    case 'END_PASSED':
      return `stale timer: ${event.type} due ${event.dueAt} is no longer what this arrangement waits for`;
    default:
      return notHere;
  }
}

/** CONTRACT.md's JSON of one arrangement, plus what happened to it. */
export interface ArrangementJson extends ArrangementFacts, ResolvedDates {
  id: string;
  state: ArrangementState;
  retrospective: boolean;
  extensions: { end: string; resolvedEnd: string; decisionReference: string; at: string; by: string }[];
  ended: ArrangementContext['ended'];
  madePermanent: ArrangementContext['madePermanent'];
  cancelled: ArrangementContext['cancelled'];
}

/**
 * The representation returned inside a decision and by /api/arrangements. `decidedAt` is the decision's
 * date of decision when the arrangement has not been told it yet (before the decision takes effect).
 */
export function representArrangement(id: string, p: PersistedArrangement, decision: { decidedAt: string | null }): ArrangementJson {
  const ctx = p.context;
  const dates = currentDates(ctx);
  const f = ctx.facts;
  return {
    id,
    kind: f.kind,
    title: f.title,
    count: f.count,
    fte: f.fte,
    grade: f.grade,
    fromGrade: f.fromGrade,
    toGrade: f.toGrade,
    scalePoints: f.scalePoints,
    hoursFrom: f.hoursFrom,
    hoursTo: f.hoursTo,
    start: f.start,
    end: f.end,
    duration: f.duration,
    funding: { ...f.funding },
    manager: { ...f.manager },
    state: p.state,
    retrospective: isRetrospective(dates.resolvedStart, ctx.decision.decidedAt ?? decision.decidedAt),
    resolvedStart: dates.resolvedStart,
    resolvedEnd: dates.resolvedEnd,
    extensions: ctx.extensions.map((e) => ({ ...e })),
    ended: ctx.ended,
    madePermanent: ctx.madePermanent,
    cancelled: ctx.cancelled,
  };
}
