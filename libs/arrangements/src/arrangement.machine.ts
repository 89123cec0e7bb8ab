import { assign, setup } from 'xstate';
import { clockTimerFor, stateByDates } from './clocks.js';
import { currentDates, endDateOf } from './dates.js';
import type { ArrangementReminderPolicy } from './policy.js';
import type { ArrangementContext, ArrangementEvent, ArrangementFacts, ArrangementInput, ArrangementState } from './types.js';

/** What the machine receives: an event plus the clock rules in force when it is applied (see applyArrangementEvent). */
export type MachineEvent = ArrangementEvent & { policy: ArrangementReminderPolicy };
type E<T extends ArrangementEvent['type']> = Extract<MachineEvent, { type: T }>;

/** A temporary arrangement has an end: a date or a duration. */
export function hasEnd(facts: ArrangementFacts): boolean {
  return facts.end !== null || facts.duration !== null;
}

/** The arrangement's data after an event (the states are the machine's business; this is the data's). */
export function dataAfter(ctx: ArrangementContext, event: ArrangementEvent): ArrangementContext {
  switch (event.type) {
    case 'EDIT':
      return { ...ctx, facts: event.facts };
    case 'CONFIRM':
      return { ...ctx, facts: event.facts, confirmed: { at: event.at, by: event.by }, clockFrom: event.at };
    case 'EFFECTIVE':
      return { ...ctx, decision: event.decision, clockFrom: event.at };
    case 'CANCEL':
      return { ...ctx, cancelled: { reason: event.reason, at: event.at } };
    case 'EXTEND': {
      const extension = { end: event.end, resolvedEnd: endDateOf(event.end), decisionReference: event.decisionReference, at: event.at, by: event.by };
      return { ...ctx, extensions: [...ctx.extensions, extension], clockFrom: event.at };
    }
    case 'CONFIRM_ENDED':
      return { ...ctx, ended: { on: event.endedOn, at: event.at, by: event.by } };
    case 'MAKE_PERMANENT':
      return { ...ctx, madePermanent: { decisionReference: event.decisionReference, at: event.at, by: event.by } };
    default:
      return ctx;
  }
}

/** The instant an event happens at: a timer that fires late still counts from its due time at the latest. */
function instantOf(event: MachineEvent): string {
  if ('dueAt' in event) return Date.parse(event.dueAt) > Date.parse(event.at) ? event.dueAt : event.at;
  return event.at;
}

/**
 * Where an event puts the arrangement by its dates. Each of the five guarded routes of a transition asks the
 * same question of the same (context, event) pair: answer it once.
 */
const routed = new WeakMap<object, WeakMap<object, ArrangementState>>();
function routedState(context: ArrangementContext, event: MachineEvent): ArrangementState {
  let byEvent = routed.get(context);
  if (!byEvent) routed.set(context, (byEvent = new WeakMap()));
  let state = byEvent.get(event);
  if (state === undefined) byEvent.set(event, (state = stateByDates(dataAfter(context, event), instantOf(event), event.policy)));
  return state;
}

/** The running states an event may route to by the dates; listed most urgent first. */
const ROUTES = ['overdue', 'ending-soon', 'extended', 'active', 'scheduled'] as const satisfies readonly ArrangementState[];

/**
 * The statechart of an arrangement (DOMAIN.md, issue 6). Pure: every event carries `at`; timers are not
 * `after` delays but requests (see clockTimerFor / timersFor) kept durably by the shell. An event that starts
 * or moves the clock (the decision taking effect, a confirmation, an extension, a timer) goes straight to
 * where the dates put the arrangement at that instant — a historical record lands in `overdue` at once.
 */
export const arrangementMachine = setup({
  types: {
    context: {} as ArrangementContext,
    events: {} as MachineEvent,
    input: {} as ArrangementInput,
  },
  guards: {
    isProposed: ({ context }) => context.origin === 'imported' && context.confirmed === null,
    hasEnd: ({ event }) => hasEnd((event as E<'EDIT'>).facts),
    awaitsEffect: ({ context, event }) => hasEnd((event as E<'CONFIRM'>).facts) && dataAfter(context, event).decision.effectiveAt === null,
    routesTo: ({ context, event }, params: RouteParams) => preconditionHolds(context, event, params.precondition) && routedState(context, event) === params.state,
    endedAfterStart: ({ context, event }) => {
      const { resolvedStart } = currentDates(context);
      return resolvedStart !== null && (event as E<'CONFIRM_ENDED'>).endedOn >= resolvedStart;
    },
  },
  actions: {
    apply: assign(({ context, event }) => dataAfter(context, event)),
    // Overdue since the instant it became so (a late timer counts from its due time); cleared on leaving.
    markOverdue: assign(({ event }) => ({ overdueSince: instantOf(event) })),
    clearOverdue: assign({ overdueSince: null }),
  },
}).createMachine({
  id: 'arrangement',
  initial: 'new',
  context: ({ input }): ArrangementContext => ({
      facts: input.facts,
      origin: input.proposed ? 'imported' : 'entered',
      decision: { effectiveAt: null, decidedAt: null },
      clockFrom: null,
      overdueSince: null,
      extensions: [],
      confirmed: null,
      ended: null,
      madePermanent: null,
      cancelled: null,
  }),
  states: {
    // Transient: sorts a new arrangement into `proposed` (extracted from an import) or `planned`.
    new: {
      always: [{ guard: 'isProposed', target: 'proposed' }, { target: 'planned' }],
    },
    proposed: {
      on: {
        EDIT: { actions: 'apply' },
        // The decision may take effect before an officer confirms: remember its dates, wait for `confirm`.
        EFFECTIVE: { actions: 'apply' },
        CONFIRM: [...routes('confirmable'), { guard: 'awaitsEffect', target: 'planned', actions: 'apply' }],
        CANCEL: { target: 'cancelled', actions: 'apply' },
      },
    },
    planned: {
      on: {
        EDIT: { guard: 'hasEnd', actions: 'apply' },
        EFFECTIVE: routes('datesKnown'),
        CANCEL: { target: 'cancelled', actions: 'apply' },
      },
    },
    scheduled: {
      on: {
        START_REACHED: routes({ timerIn: 'scheduled' }),
        EXTEND: routes('movesEndLater'),
        MAKE_PERMANENT: { target: 'made-permanent', actions: ['apply', 'clearOverdue'] },
      },
    },
    active: {
      on: {
        ENDING_SOON_REACHED: routes({ timerIn: 'active' }),
        END_PASSED: routes({ timerIn: 'active' }),
        ...settling(),
      },
    },
    extended: {
      on: {
        ENDING_SOON_REACHED: routes({ timerIn: 'extended' }),
        END_PASSED: routes({ timerIn: 'extended' }),
        ...settling(),
      },
    },
    'ending-soon': {
      on: {
        END_PASSED: routes({ timerIn: 'ending-soon' }),
        ...settling(),
      },
    },
    overdue: { on: settling() },
    ended: { type: 'final' },
    'made-permanent': { type: 'final' },
    cancelled: { type: 'final' },
  },
});

/** What must hold, besides the dates, for an event to move the arrangement. */
type Precondition = 'datesKnown' | 'confirmable' | 'movesEndLater' | { timerIn: ArrangementState };
interface RouteParams {
  state: ArrangementState;
  precondition: Precondition;
}

function preconditionHolds(context: ArrangementContext, event: MachineEvent, precondition: Precondition): boolean {
  if (typeof precondition === 'object') {
    // A timer is current when it is exactly the state change the arrangement waits for (else it is stale).
    const e = event as Extract<MachineEvent, { dueAt: string }>;
    const wanted = clockTimerFor({ state: precondition.timerIn, context }, e.policy);
    return wanted !== null && wanted.event === e.type && Date.parse(wanted.dueAt) === Date.parse(e.dueAt);
  }
  const after = dataAfter(context, event);
  const { resolvedStart, resolvedEnd } = currentDates(after);
  const datesKnown = resolvedStart !== null && resolvedEnd !== null;
  switch (precondition) {
    case 'datesKnown':
      return datesKnown;
    case 'confirmable':
      return hasEnd(after.facts) && after.decision.effectiveAt !== null && datesKnown;
    case 'movesEndLater': {
      const before = currentDates(context).resolvedEnd;
      return before !== null && resolvedEnd !== null && resolvedEnd > before;
    }
  }
}

type ActionName = 'apply' | 'markOverdue' | 'clearOverdue';

/** Guarded transitions to where the dates put the arrangement, each behind `precondition`. */
function routes(precondition: Precondition) {
  return ROUTES.map((state) => ({
    guard: { type: 'routesTo' as const, params: { state, precondition } },
    target: state as string,
    actions: ['apply', state === 'overdue' ? 'markOverdue' : 'clearOverdue'] as ActionName[],
  }));
}

/** What HR may do to a running arrangement: confirm it ended, extend it (a new decision), make it permanent. */
function settling() {
  return {
    CONFIRM_ENDED: { guard: 'endedAfterStart' as const, target: 'ended', actions: ['apply', 'clearOverdue'] as ActionName[] },
    EXTEND: routes('movesEndLater'),
    MAKE_PERMANENT: { target: 'made-permanent', actions: ['apply', 'clearOverdue'] as ActionName[] },
  };
}
