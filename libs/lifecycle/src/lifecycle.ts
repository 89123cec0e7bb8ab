import { callInAllowed, decisionMachine, pendingAreas, type TimerMeta } from './decision.machine.js';
import { pureInitialTransition, pureTransition } from './pure-transition.js';
import { noticeCheck } from './rules.js';
import {
  ACTIONS,
  type ActionName,
  type DecisionState,
  type DisplayStatus,
  type LifecycleEvent,
  type LifecycleEventType,
  type LifecycleInput,
  type PersistedLifecycle,
  type TimerRequest,
} from './types.js';

export const EVENT_FOR_ACTION: Record<ActionName, LifecycleEventType> = {
  submit: 'SUBMIT',
  'sign-off': 'SIGN_OFF',
  'request-changes': 'REQUEST_CHANGES',
  approve: 'APPROVE',
  reject: 'REJECT',
  defer: 'DEFER',
  resume: 'RESUME',
  'refer-back': 'REFER_BACK',
  withdraw: 'WITHDRAW',
  publish: 'PUBLISH',
  'call-in': 'CALL_IN',
  'scrutiny-outcome': 'SCRUTINY_OUTCOME',
  'council-outcome': 'COUNCIL_OUTCOME',
};

const STATUS: Record<DecisionState, DisplayStatus> = {
  draft: 'Draft',
  consultation: 'Consultation',
  'for-determination': 'For Determination',
  deferred: 'Deferred',
  approved: 'Recommendations Approved',
  'call-in-period': 'Recommendations Approved (subject to call-in)',
  'called-in': 'Called In',
  'referred-to-council': 'Referred to Council',
  effective: 'Recommendations Approved',
  closed: 'Implemented',
  rejected: 'Rejected',
  withdrawn: 'Withdrawn',
};

export function displayStatus(state: DecisionState): DisplayStatus {
  return STATUS[state];
}

export function startLifecycle(input: LifecycleInput): PersistedLifecycle {
  const snapshot = pureInitialTransition(decisionMachine, input);
  return persist(snapshot);
}

type Snapshot = ReturnType<typeof decisionMachine.resolveState>;

// Restoring a snapshot costs about as much as a transition, and every change restores the state it has just
// entered again (its timers, the caller's allowed actions): each persisted lifecycle keeps, weakly, the
// snapshot it was made from.
const snapshots = new WeakMap<PersistedLifecycle, Snapshot>();

function restore(p: PersistedLifecycle): Snapshot {
  return snapshots.get(p) ?? decisionMachine.resolveState({ value: p.state, context: p.context });
}

function persist(snapshot: Snapshot): PersistedLifecycle {
  const p = { state: snapshot.value as DecisionState, context: structuredClone(snapshot.context) };
  snapshots.set(p, snapshot);
  return p;
}

/** A refusal says why in words, and may carry the computation behind it (e.g. the clear days counted). */
export type ApplyResult = { accepted: true; next: PersistedLifecycle } | { accepted: false; reason: string; details?: Record<string, unknown> };

/** Applies one event to a persisted lifecycle. Refused events (wrong state, failed guard) say why. */
export function applyEvent(p: PersistedLifecycle, event: LifecycleEvent): ApplyResult {
  const snapshot = restore(p);
  const next = pureTransition(decisionMachine, snapshot, event);
  // An event no transition takes leaves the very same snapshot (asking `can` first would work it out twice).
  if (next === snapshot && !snapshot.can(event)) return { accepted: false, ...refusal(p, event) };
  return { accepted: true, next: persist(next) };
}

/** The HTTP actions the state allows, whoever asks. */
export function availableActions(p: PersistedLifecycle): ActionName[] {
  const snapshot = restore(p);
  const pending = pendingAreas(p.context).length > 0;
  return ACTIONS.filter((action) => {
    const type = EVENT_FOR_ACTION[action];
    if (type === 'SIGN_OFF' || type === 'REQUEST_CHANGES') return p.state === 'consultation' && pending;
    // Guards on the payload (dates, members, outcomes) are the caller's to satisfy: ask the state alone.
    return Object.keys(snapshot.machine.states[p.state].on).includes(type);
  });
}

/** The durable timers the current state asks for (declared in the state's meta). */
export function timersFor(p: PersistedLifecycle): TimerRequest[] {
  const meta = restore(p).getMeta() as Record<string, TimerMeta | undefined>;
  return Object.values(meta).flatMap((m) =>
    (m?.timers ?? []).flatMap(({ event, at }) => {
      const dueAt = p.context[at];
      if (typeof dueAt !== 'string') return [];
      return [{ event, dueAt, key: `${p.state}-r${p.context.revision}-${dueAt.replace(/\D/g, '')}` }];
    }),
  );
}

function actionName(type: LifecycleEventType): string {
  const entry = Object.entries(EVENT_FOR_ACTION).find(([, t]) => t === type);
  return entry ? entry[0] : type.toLowerCase().replace(/_/g, '-');
}

/** Why the machine refused an event: the rule, in words, and the working where there is some. */
function refusal(p: PersistedLifecycle, event: LifecycleEvent): { reason: string; details?: Record<string, unknown> } {
  const ctx = p.context;
  const notHere = { reason: `${actionName(event.type)} is not allowed in state '${p.state}'` };
  switch (event.type) {
    case 'SIGN_OFF':
    case 'REQUEST_CHANGES':
      if (p.state !== 'consultation') return notHere;
      if (!ctx.consultees.includes(event.area)) return { reason: `'${event.area}' is not a consultee of this decision` };
      return { reason: `area '${event.area}' has already signed off` };
    case 'APPROVE': {
      if (p.state !== 'for-determination') return notHere;
      const check = noticeCheck(ctx, event.decidedAt);
      if (check.met) return notHere;
      return { reason: check.reason, ...(check.computation ? { details: { computation: check.computation } } : {}) };
    }
    case 'CALL_IN': {
      if (p.state !== 'call-in-period') return notHere;
      const rule = ctx.rules.callIn[ctx.decisionType];
      if (!callInAllowed(ctx, event.members, event.scrutinyChair)) {
        return { reason: `call-in needs at least ${rule.minMembers} members${rule.scrutinyChairAlone ? ', or the scrutiny chair alone' : ''}` };
      }
      return notHere;
    }
    case 'CALL_IN_PERIOD_ENDED':
      return p.state === 'call-in-period' ? { reason: `stale timer: the call-in deadline is now ${ctx.callInDeadline}` } : notHere;
    case 'SCRUTINY_OUTCOME':
      return p.state === 'called-in' ? { reason: `outcome '${event.outcome}' is not allowed in state '${p.state}'` } : notHere;
    case 'COUNCIL_OUTCOME':
      return p.state === 'referred-to-council' ? { reason: `outcome '${event.outcome}' is not allowed in state '${p.state}'` } : notHere;
    default:
      return notHere;
  }
}
