import { createActor, type AnyActorScope, type AnyStateMachine, type EventFromLogic, type InputFrom, type SnapshotFrom } from 'xstate';

/**
 * xstate's `transition(machine, snapshot, event)` and `initialTransition(machine, input)`, without their cost per call. That function builds a new
 * inert actor for every call, and building one works out the machine's initial snapshot — for a machine
 * whose context comes from `input`, with no input, so the context factory throws and xstate catches it:
 * an exception with its stack trace on every transition (most of a decision's statechart CPU, by profile).
 * Here the inert scope is built once per machine. It is stateless for machines that spawn or invoke no
 * actors (ours: timers are durable rows, not `after` delays), and its action executor does nothing —
 * callers use only the next snapshot, as with `transition`'s, whose actions they never ran either.
 */
const scopes = new WeakMap<AnyStateMachine, AnyActorScope>();

function inertScope(machine: AnyStateMachine): AnyActorScope {
  let scope = scopes.get(machine);
  if (!scope) {
    const self = createActor(machine); // its own initial snapshot fails for want of input; it is never started
    const noop = () => {};
    scope = { self, id: '', sessionId: '', system: self.system, defer: noop, logger: noop, stopChild: noop, emit: noop, actionExecutor: noop } as unknown as AnyActorScope;
    scopes.set(machine, scope);
  }
  return scope;
}

/** The snapshot after `event` (the same snapshot when no transition takes it), as `transition(…)[0]`. */
export function pureTransition<M extends AnyStateMachine>(machine: M, snapshot: SnapshotFrom<M>, event: EventFromLogic<M>): SnapshotFrom<M> {
  return machine.transition(snapshot, event, inertScope(machine)) as SnapshotFrom<M>;
}

/** The machine's initial snapshot for `input`, as `initialTransition(…)[0]`. */
export function pureInitialTransition<M extends AnyStateMachine>(machine: M, input: InputFrom<M>): SnapshotFrom<M> {
  return machine.getInitialSnapshot(inertScope(machine), input) as SnapshotFrom<M>;
}
