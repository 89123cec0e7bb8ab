/**
 * Model-based tests: @xstate/graph walks the arrangement statechart with concrete events — the decision
 * taking effect on time or years late, timers firing on time, late or stale, HR's actions at an instant
 * inside the state's own window — and every path is checked against invariants written apart from the
 * machine's guards (dates are compared as London calendar dates, not through the machine's clock helpers).
 */
import { describe, expect, it } from '@jest/globals';
import { getShortestPaths } from '@xstate/graph';
import { transition } from 'xstate';
import { addDays, londonDateOf } from '#libs/calendar';
import {
  ARRANGEMENT_STATES,
  DEFAULT_ARRANGEMENT_REMINDER_POLICY,
  SETTLED_STATES,
  applyArrangementEvent,
  arrangementMachine,
  clockTimerFor,
  currentDates,
  endingSoonAt,
  overdueAt,
  startArrangement,
  startsAt,
  timersFor,
  type ArrangementContext,
  type ArrangementEvent,
  type ArrangementFacts,
  type ArrangementReminderPolicy,
  type ArrangementTimer,
  type ArrangementState,
  type MachineEvent,
  type PersistedArrangement,
} from './index.js';

const ON_TIME = '2021-02-15T12:00:00.000Z';
const YEARS_LATE = '2026-01-05T12:00:00.000Z';
const DECISION = { effectiveAt: '2021-02-15', decidedAt: '2021-02-15' };

const base: ArrangementFacts = {
  kind: 'temporary-post',
  title: 'Early Help Pathway Lead',
  count: 2,
  fte: 2,
  grade: 'Grade 9',
  fromGrade: null,
  toGrade: null,
  scalePoints: null,
  hoursFrom: null,
  hoursTo: null,
  start: null,
  end: null,
  duration: 'P12M',
  funding: { source: 'COVID-19 pressures fund', amount: null, share: null },
  manager: { name: 'Alison Tomes', userId: null, email: null },
};

interface Variant {
  name: string;
  facts: ArrangementFacts;
  proposed?: boolean;
  policy: ArrangementReminderPolicy;
  /** Facts an EDIT / CONFIRM may bring. */
  edits: ArrangementFacts[];
}

const POLICY = DEFAULT_ARRANGEMENT_REMINDER_POLICY;
const VARIANTS: Variant[] = [
  { name: '12 months from when the decision takes effect', facts: base, policy: POLICY, edits: [{ ...base, duration: 'P6M' }] },
  {
    name: 'six weeks (shorter than the first reminder)',
    facts: { ...base, kind: 'hours-change', title: 'Business Support officer', count: 1, fte: null, grade: 'Grade 2', hoursFrom: 18.5, hoursTo: 37, duration: 'P6W' },
    policy: POLICY,
    edits: [],
  },
  {
    name: 'fixed dates, started before the decision, month-only end',
    facts: { ...base, kind: 'honorarium', start: '2020-09-01', end: '2021-03', duration: null, fromGrade: 'Grade 4', toGrade: 'Grade 5', scalePoints: 2 },
    policy: POLICY,
    edits: [{ ...base, start: '2020-09-01', end: '2021-06-30', duration: null }],
  },
  {
    name: 'no reminders before the end (a council that wants none)',
    facts: base,
    policy: { ...POLICY, beforeEnd: [] },
    edits: [],
  },
  {
    name: 'proposed by an import, with no end yet',
    facts: { ...base, duration: null },
    proposed: true,
    policy: POLICY,
    edits: [{ ...base, duration: null, title: 'Early Help Pathway Lead (edited)' }, base],
  },
];

type Snap = { value: unknown; context: ArrangementContext };
const persisted = (s: Snap): PersistedArrangement => ({ state: s.value as ArrangementState, context: s.context });
const ms = Date.parse;
const mid = (a: string, b: string) => new Date(Math.floor((ms(a) + ms(b)) / 2)).toISOString();
const later = (a: string, b: string) => (ms(a) >= ms(b) ? a : b);

/** An instant inside the window of the snapshot's state, and not before its clock started: "now" for HR. */
function nowIn(s: Snap, policy: ArrangementReminderPolicy): string {
  const ctx = s.context;
  const { resolvedStart, resolvedEnd } = currentDates(ctx);
  const from = ctx.clockFrom ?? ON_TIME;
  switch (s.value as ArrangementState) {
    case 'scheduled':
      return mid(from, startsAt(resolvedStart!));
    case 'active':
    case 'extended':
      return mid(later(from, startsAt(resolvedStart!)), endingSoonAt(resolvedEnd!, policy) ?? overdueAt(resolvedEnd!));
    case 'ending-soon':
      return mid(later(from, endingSoonAt(resolvedEnd!, policy) ?? from), overdueAt(resolvedEnd!));
    case 'overdue':
      return new Date(ms(ctx.overdueSince!) + 86_400_000).toISOString();
    default:
      return ctx.clockFrom ?? ON_TIME;
  }
}

/** Every event the model may try in a snapshot, with the policy attached as applyArrangementEvent does. */
function eventsFor(v: Variant) {
  return (s: Snap): MachineEvent[] => {
    const at = nowIn(s, v.policy);
    const events: ArrangementEvent[] = [
      ...v.edits.map((facts): ArrangementEvent => ({ type: 'EDIT', at, facts })),
      ...v.edits.map((facts): ArrangementEvent => ({ type: 'CONFIRM', at, by: 'u-officer', facts })),
      { type: 'EFFECTIVE', at: ON_TIME, decision: DECISION },
      { type: 'EFFECTIVE', at: YEARS_LATE, decision: DECISION },
      { type: 'CANCEL', at, reason: 'decision withdrawn' },
    ];
    const clock = clockTimerFor(persisted(s), v.policy);
    if (clock) {
      events.push({ type: clock.event, at: clock.dueAt, dueAt: clock.dueAt }); // on time
      events.push({ type: clock.event, at: new Date(ms(clock.dueAt) + 400 * 86_400_000).toISOString(), dueAt: clock.dueAt }); // after an outage
      events.push({ type: clock.event, at: clock.dueAt, dueAt: new Date(ms(clock.dueAt) - 86_400_000).toISOString() }); // stale
    }
    const { resolvedStart, resolvedEnd } = currentDates(s.context);
    if (resolvedStart && resolvedEnd) {
      events.push({ type: 'EXTEND', at, by: 'u-hr', end: addDays(resolvedEnd, 91), decisionReference: 'LOP&S - 2022001' });
      events.push({ type: 'EXTEND', at, by: 'u-hr', end: addDays(resolvedEnd, 400).slice(0, 7), decisionReference: 'LOP&S - 2022002' });
      events.push({ type: 'EXTEND', at, by: 'u-hr', end: resolvedEnd, decisionReference: 'LOP&S - 2022003' }); // not later: refused
      events.push({ type: 'CONFIRM_ENDED', at, by: 'u-hr', endedOn: londonDateOf(at) < resolvedEnd ? londonDateOf(at) : resolvedEnd });
      events.push({ type: 'CONFIRM_ENDED', at, by: 'u-hr', endedOn: addDays(resolvedStart, -1) }); // before it began: refused
      events.push({ type: 'MAKE_PERMANENT', at, by: 'u-hr', decisionReference: 'LOP&S - 2022009' });
    }
    return events.map((e) => ({ ...e, policy: v.policy }) as MachineEvent);
  };
}

type Path = { state: Snap; steps: { state: Snap; event: MachineEvent }[] };

const serialized = new WeakMap<object, string>();
function serializeState(s: Snap): string {
  let key = serialized.get(s);
  if (key === undefined) serialized.set(s, (key = JSON.stringify({ value: s.value, context: s.context })));
  return key;
}

function options(v: Variant) {
  return {
    input: { facts: v.facts, proposed: v.proposed },
    events: eventsFor(v),
    // Each extension makes a new arrangement context: explore two of them.
    stopWhen: (s: Snap) => s.context.extensions.length >= 2,
    serializeState,
  };
}

/** One transition of the model: a reachable snapshot, an event, and the snapshot it leads to. */
interface Step {
  before: Snap;
  event: MachineEvent;
  after: Snap;
  changed: boolean;
}

/**
 * The model of a variant: a shortest path to every reachable snapshot (so every snapshot is reached the
 * way the machine allows), and from each of those snapshots every event tried — every edge of the graph.
 * (Simple paths would multiply the same edges many thousand times over for nothing more.)
 */
interface Model {
  paths: Path[];
  snapshots: Snap[];
  steps: Step[];
}

const models = new Map<string, Model>();
for (const v of VARIANTS) {
  const paths = getShortestPaths(arrangementMachine, options(v) as never) as unknown as Path[];
  const snapshots = paths.map((p) => p.state);
  const steps = snapshots.flatMap((before) =>
    eventsFor(v)(before).map((event) => {
      const [after] = transition(arrangementMachine, before as never, event);
      const next = { value: after.value, context: after.context } as Snap;
      return { before, event, after: next, changed: serializeState(next) !== serializeState(before) };
    }),
  );
  models.set(v.name, { paths, snapshots, steps });
}

const RUNNING: ArrangementState[] = ['scheduled', 'active', 'extended', 'ending-soon'];
const settled = (state: unknown) => (SETTLED_STATES as readonly unknown[]).includes(state);

/** Where the dates put an arrangement at an instant, by London calendar dates (independent of the machine). */
function expectedState(ctx: ArrangementContext, instant: string, policy: ArrangementReminderPolicy): ArrangementState {
  const { resolvedStart, resolvedEnd } = currentDates(ctx);
  const today = londonDateOf(instant);
  if (today > resolvedEnd!) return 'overdue';
  if (today < resolvedStart!) return 'scheduled';
  if (policy.beforeEnd.length && today >= addDays(resolvedEnd!, -Math.max(...policy.beforeEnd))) return 'ending-soon';
  return ctx.extensions.length ? 'extended' : 'active';
}

const instantOf = (e: MachineEvent) => ('dueAt' in e && ms(e.dueAt) > ms(e.at) ? e.dueAt : e.at);

const timerCache = new WeakMap<object, ArrangementTimer[]>();
/** What the snapshot wants at an instant inside its own window. */
function wanted(s: Snap, v: Variant): ArrangementTimer[] {
  let timers = timerCache.get(s);
  if (!timers) timerCache.set(s, (timers = timersFor(persisted(s), v.policy, nowIn(s, v.policy))));
  return timers;
}
const reminders = (s: Snap, v: Variant) => wanted(s, v).flatMap((t) => (t.type === 'reminder' ? [t.reminder] : []));

/** Invariants of one transition, each returning a description of the violation or null. */
const STEP_INVARIANTS: Record<string, (step: Step, v: Variant) => string | null> = {
  'never ended without a confirmation': ({ before, event, after }) => {
    if (after.value !== 'ended' || before.value === 'ended') return null;
    return event.type === 'CONFIRM_ENDED' && after.context.ended?.by === event.by ? null : `ended by ${event.type}`;
  },
  'made permanent only citing a decision; cancelled only before the decision took effect': ({ before, event, after }) => {
    if (before.value === after.value) return null;
    if (after.value === 'made-permanent' && (event.type !== 'MAKE_PERMANENT' || !after.context.madePermanent?.decisionReference)) return `made permanent by ${event.type}`;
    if (after.value === 'cancelled' && (event.type !== 'CANCEL' || !['planned', 'proposed'].includes(before.value as string))) return `cancelled from ${before.value}`;
    return null;
  },
  'a proposed arrangement moves only when an officer confirms it': ({ before, event, after }) =>
    before.value === 'proposed' && !['proposed', 'cancelled'].includes(after.value as string) && (event.type !== 'CONFIRM' || !after.context.confirmed)
      ? `left proposed by ${event.type}`
      : null,
  'every move of the clock lands where the dates put it': ({ event, after, changed }, v) => {
    const to = after.value as ArrangementState;
    if (!changed || (!RUNNING.includes(to) && to !== 'overdue') || event.type === 'EDIT') return null;
    const expected = expectedState(after.context, instantOf(event), v.policy);
    return expected === to ? null : `${event.type} led to ${to}, the dates say ${expected}`;
  },
  'a stale timer changes nothing': ({ event, changed }) => {
    if (!('dueAt' in event) || !changed) return null;
    return ms(event.dueAt) < ms(event.at) && ms(event.at) - ms(event.dueAt) === 86_400_000 ? 'a stale timer moved it' : null;
  },
  'an extension moves every reminder and the end of the clock': ({ before, after }, v) => {
    if (after.context.extensions.length === before.context.extensions.length) return null;
    const was = wanted(before, v);
    const now = wanted(after, v).filter((t) => !(t.type === 'clock' && t.event === 'START_REACHED')); // the start stays
    const kept = now.filter((t) => was.some((o) => o.key === t.key || o.dueAt === t.dueAt));
    if (kept.length) return `still wanted after extending: ${kept.map((t) => t.key).join(', ')}`;
    if (reminders(before, v).length && !reminders(after, v).length && after.value !== 'overdue' && v.policy.beforeEnd.length) return 'extension lost its reminders';
    return null;
  },
};

/** Invariants of one reachable snapshot. */
const SNAPSHOT_INVARIANTS: Record<string, (s: Snap, v: Variant) => string | null> = {
  'never two pending reminders for the same date; keys unique and without ":"': (s, v) => {
    const keys = wanted(s, v).map((t) => t.key);
    if (new Set(keys).size !== keys.length || keys.some((k) => k.includes(':'))) return `keys ${keys.join(', ')}`;
    const days = reminders(s, v).map((r) => londonDateOf(r.dueAt));
    return new Set(days).size === days.length ? null : `two reminders on one day in ${s.value}: ${days.join(', ')}`;
  },
  'a settled arrangement wants no timers; a running one waits for exactly one state change': (s, v) => {
    const timers = wanted(s, v);
    const clocks = timers.filter((t) => t.type === 'clock').length;
    if (settled(s.value) && timers.length) return `${timers.length} timers in ${s.value}`;
    if (RUNNING.includes(s.value as ArrangementState) && clocks !== 1) return `${clocks} clock timers in ${s.value}`;
    if (['planned', 'proposed'].includes(s.value as string) && timers.length) return `timers before the decision took effect (${s.value})`;
    return null;
  },
  'overdue escalates exactly once, not before it became overdue, then reminds the manager weekly': (s, v) => {
    const ctx = s.context;
    if ((s.value === 'overdue') !== (ctx.overdueSince !== null)) return `overdueSince ${ctx.overdueSince} in ${s.value}`;
    if (s.value !== 'overdue') return null;
    const escalations = reminders(s, v).filter((r) => r.kind === 'arrangement-overdue-escalation');
    if (escalations.length !== 1 || ms(escalations[0].dueAt) < ms(ctx.overdueSince!)) return `escalations ${JSON.stringify(escalations)}`;
    if (escalations[0].recipient.type !== 'escalation') return 'escalation not sent to the escalation contact';
    const weekly = reminders(s, v).filter((r) => r.kind === 'arrangement-overdue');
    return weekly.length >= 1 && weekly.every((r) => ms(r.dueAt) > ms(escalations[0].dueAt)) ? null : `weekly ${JSON.stringify(weekly)}`;
  },
  'reminders before the end fall between the time its end took hold and its last day': (s, v) => {
    if (!RUNNING.includes(s.value as ArrangementState)) return null;
    const { resolvedStart, resolvedEnd } = currentDates(s.context);
    const wrong = reminders(s, v).find((r) => {
      const day = londonDateOf(r.dueAt);
      return day > resolvedEnd! || day < resolvedStart! || ms(r.dueAt) < ms(s.context.clockFrom!);
    });
    return wrong ? `${wrong.key} due ${wrong.dueAt}` : null;
  },
};

describe('arrangement machine (model-based)', () => {
  it('has exactly the ArrangementState list as its states, besides the transient entry', () => {
    expect(Object.keys(arrangementMachine.states).filter((s) => s !== 'new').sort()).toEqual([...ARRANGEMENT_STATES].sort());
  });

  describe.each(VARIANTS.map((v) => [v.name, v] as const))('%s', (name, v) => {
    const model = () => models.get(name)!;
    const pathOf = (s: Snap) => model().paths.find((p) => p.state === s)!.steps.slice(1).map((st) => st.event.type).join(' → ');

    it('reaches many snapshots, and every event is tried in each', () => {
      expect(model().snapshots.length).toBeGreaterThan(20);
      expect(model().steps.filter((s) => s.changed).length).toBeGreaterThan(model().snapshots.length);
    });

    it.each(Object.keys(STEP_INVARIANTS))('%s', (invariant) => {
      const violations = model().steps.flatMap((step) => {
        const problem = STEP_INVARIANTS[invariant](step, v);
        return problem ? [`${problem}: ${pathOf(step.before)} → ${step.event.type}`] : [];
      });
      expect(violations.slice(0, 3)).toEqual([]);
    });

    it.each(Object.keys(SNAPSHOT_INVARIANTS))('%s', (invariant) => {
      const violations = model().snapshots.flatMap((s) => {
        const problem = SNAPSHOT_INVARIANTS[invariant](s, v);
        return problem ? [`${problem}: ${pathOf(s)}`] : [];
      });
      expect(violations.slice(0, 3)).toEqual([]);
    });

    it('applyArrangementEvent over the persisted JSON follows the machine on every edge, and refuses exactly what changes nothing', () => {
      // Replaying the longest paths from JSON is enough: every edge is checked one by one below.
      const longest = [...model().paths].sort((a, b) => b.steps.length - a.steps.length).slice(0, 10);
      for (const path of longest) {
        let p = startArrangement({ facts: v.facts, proposed: v.proposed });
        expect(p).toEqual(persisted(path.steps[0].state));
        for (const { state, event } of path.steps.slice(1)) {
          const { policy, ...e } = event;
          const r = applyArrangementEvent(JSON.parse(JSON.stringify(p)), e as ArrangementEvent, policy);
          if (!r.accepted) throw new Error(`refused ${e.type} in ${p.state}: ${r.reason}`);
          p = r.next;
          expect(p).toEqual(persisted(state));
        }
      }
      for (const step of model().steps) {
        const { policy, ...e } = step.event;
        const r = applyArrangementEvent(persisted(step.before), e as ArrangementEvent, policy);
        if (r.accepted) expect(r.next).toEqual(persisted(step.after));
        else {
          expect(step.changed).toBe(false);
          expect(r.reason.length).toBeGreaterThan(10);
          expect(r.state).toBe(step.before.value);
        }
      }
    });
  });

  it('reaches every state', () => {
    const reached = new Set([...models.values()].flatMap((m) => m.snapshots.map((s) => s.value)));
    expect([...reached].sort()).toEqual([...ARRANGEMENT_STATES].sort());
  });

  it('a historical record goes straight to overdue when its decision takes effect years later', () => {
    const p = startArrangement({ facts: base });
    const r = applyArrangementEvent(p, { type: 'EFFECTIVE', at: YEARS_LATE, decision: DECISION }, POLICY);
    expect(r.accepted && r.next.state).toBe('overdue');
    expect(r.accepted && r.next.context.overdueSince).toBe(YEARS_LATE);
  });

  it('a stale timer is refused and says so', () => {
    const p = startArrangement({ facts: base });
    const r = applyArrangementEvent(p, { type: 'EFFECTIVE', at: ON_TIME, decision: DECISION }, POLICY);
    if (!r.accepted) throw new Error(r.reason);
    const stale = applyArrangementEvent(r.next, { type: 'START_REACHED', at: '2021-02-16T00:00:00.000Z', dueAt: '2021-02-15T00:00:00.000Z' }, POLICY);
    expect(stale).toMatchObject({ accepted: false, state: 'scheduled', reason: expect.stringMatching(/stale timer/) });
    const wrongEvent = applyArrangementEvent(r.next, { type: 'END_PASSED', at: '2021-02-16T00:00:00.000Z', dueAt: '2022-02-16T00:00:00.000Z' }, POLICY);
    expect(wrongEvent).toMatchObject({ accepted: false, reason: "end-passed is not allowed in state 'scheduled'" });
  });
});
