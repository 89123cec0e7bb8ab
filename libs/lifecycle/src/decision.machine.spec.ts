/**
 * Model-based tests: @xstate/graph walks the machine with concrete event payloads (shortest paths to every
 * reachable snapshot, and every simple path within a revision bound) and each path is checked against
 * invariants written independently of the machine's own guards.
 */
import { describe, expect, it } from '@jest/globals';
import { getShortestPaths, getSimplePaths } from '@xstate/graph';
import {
  DECISION_STATES,
  applyEvent,
  decisionMachine,
  displayStatus,
  lifecycleRules,
  startLifecycle,
  timersFor,
  type DecisionContext,
  type DecisionState,
  type LifecycleEvent,
  type LifecycleFacts,
  type LifecycleInput,
  type LifecycleRules,
  type PersistedLifecycle,
} from './index.js';

const AT = '2021-02-01T10:00:00.000Z';
const RULES = { forwardPlanClearDays: 28, callInMinMembers: 2 };
const CALL_IN = { deadline: '2021-02-08T17:00:00.000Z', effectiveAt: '2021-02-09T00:00:00.000Z' };
/** With notice on 2021-01-01: 27 clear days (too short) and 28 (enough). */
const TOO_SHORT = '2021-01-29';
const LONG_ENOUGH = '2021-01-30';

const EXPECTED_STATUS: Record<DecisionState, string> = {
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

interface Variant {
  name: string;
  facts: LifecycleFacts;
  approveDates: string[];
  edits?: Partial<LifecycleFacts>[];
  rules?: LifecycleRules;
}

const base: LifecycleFacts = {
  decisionType: 'executive',
  isKeyDecision: false,
  isSubjectToCallIn: true,
  urgency: 'none',
  generalExceptionNoticeAt: null,
  specialUrgency: null,
  callInWaiver: null,
  consultees: ['hr', 'finance'],
  forwardPlanNoticeAt: null,
};
/** A constitution where non-executive and other officer decisions are never called in. */
const BY_TYPE: LifecycleRules = {
  ...lifecycleRules(RULES),
  callIn: {
    executive: { applies: true, minMembers: 2, scrutinyChairAlone: false },
    'key-officer': { applies: true, minMembers: 2, scrutinyChairAlone: false },
    officer: { applies: false, minMembers: 2, scrutinyChairAlone: false },
    'non-executive': { applies: false, minMembers: 2, scrutinyChairAlone: false },
  },
};
/** With notice on 2021-01-20: 8 clear days before TOO_SHORT (enough for the general exception's 5). */
const GE_NOTICE = '2021-01-20';

const VARIANTS: Variant[] = [
  { name: 'consultees hr + finance, subject to call-in', facts: base, approveDates: ['2021-02-01'], edits: [{ consultees: ['hr'] }] },
  { name: 'not subject to call-in', facts: { ...base, consultees: ['hr'], isSubjectToCallIn: false }, approveDates: ['2021-02-01'] },
  {
    name: 'key decision, notice too short',
    facts: { ...base, consultees: ['legal'], isKeyDecision: true, forwardPlanNoticeAt: '2021-01-01' },
    approveDates: [TOO_SHORT],
  },
  {
    name: 'key decision, notice too short or long enough',
    facts: { ...base, consultees: [], isKeyDecision: true, forwardPlanNoticeAt: '2021-01-01' },
    approveDates: [TOO_SHORT, LONG_ENOUGH],
  },
  {
    name: 'key decision, no notice, edited in draft',
    facts: { ...base, consultees: [], isKeyDecision: true },
    approveDates: [TOO_SHORT, LONG_ENOUGH],
    edits: [{ forwardPlanNoticeAt: '2021-01-01' }, { urgency: 'general-exception', generalExceptionNoticeAt: GE_NOTICE }],
  },
  {
    name: 'key decision, special urgency',
    facts: { ...base, consultees: ['hr'], isKeyDecision: true, urgency: 'special-urgency', specialUrgency: { agreedBy: 'Cllr Chair', agreedAt: '2021-01-02' } },
    approveDates: [TOO_SHORT],
  },
  {
    name: 'key decision, general exception notice too recent or old enough',
    facts: { ...base, consultees: [], isKeyDecision: true, urgency: 'general-exception', generalExceptionNoticeAt: '2021-01-26' },
    approveDates: ['2021-01-31', '2021-02-01'],
  },
  {
    name: 'call-in waiver recorded in draft',
    facts: { ...base, consultees: [] },
    approveDates: ['2021-02-01'],
    edits: [{ callInWaiver: { reason: 'delay would prejudice the public interest', agreedBy: 'Cllr Chair' } }],
  },
  {
    name: 'decision types under a constitution that calls in executive decisions only',
    facts: { ...base, consultees: [], decisionType: 'non-executive' },
    approveDates: ['2021-02-01'],
    edits: [{ decisionType: 'executive' }, { decisionType: 'officer' }],
    rules: BY_TYPE,
  },
];

/** Every event the model may try, with concrete payloads; the machine ignores the ones its state does not take. */
function eventsFor(v: Variant): LifecycleEvent[] {
  return [
    ...(v.edits ?? []).map((changes): LifecycleEvent => ({ type: 'EDIT', at: AT, changes })),
    { type: 'SUBMIT', at: AT },
    ...['hr', 'finance', 'legal', 'estates'].map((area): LifecycleEvent => ({ type: 'SIGN_OFF', at: AT, area, by: `u-${area}` })),
    { type: 'REQUEST_CHANGES', at: AT, area: 'hr', by: 'u-hr', comments: 'changes' },
    { type: 'REQUEST_CHANGES', at: AT, area: 'legal', by: 'u-legal', comments: 'changes' },
    { type: 'REQUEST_CHANGES', at: AT, area: 'estates', by: 'u-estates', comments: 'not mine' },
    ...v.approveDates.map((decidedAt): LifecycleEvent => ({ type: 'APPROVE', at: AT, decidedAt })),
    { type: 'REJECT', at: AT, decidedAt: '2021-02-01', reasons: 'no' },
    { type: 'DEFER', at: AT, reason: 'later', until: '2021-03-01' },
    { type: 'RESUME', at: AT },
    { type: 'REFER_BACK', at: AT, comments: 'again' },
    { type: 'WITHDRAW', at: AT, reason: 'gone' },
    { type: 'PUBLISH', at: AT, publishedAt: '2021-02-01', callIn: CALL_IN },
    { type: 'CALL_IN', at: AT, members: ['m1'], reasons: 'r' },
    { type: 'CALL_IN', at: AT, members: ['m1', 'm1'], reasons: 'r' },
    { type: 'CALL_IN', at: AT, members: ['m1', 'm2'], reasons: 'r' },
    { type: 'CALL_IN_PERIOD_ENDED', at: AT, dueAt: '2021-02-05T17:00:00.000Z' },
    { type: 'CALL_IN_PERIOD_ENDED', at: AT, dueAt: CALL_IN.deadline },
    { type: 'SCRUTINY_OUTCOME', at: AT, outcome: 'no-further-action' },
    { type: 'SCRUTINY_OUTCOME', at: AT, outcome: 'refer-back' },
    { type: 'SCRUTINY_OUTCOME', at: AT, outcome: 'refer-to-council' },
    { type: 'COUNCIL_OUTCOME', at: AT, outcome: 'no-further-action' },
    { type: 'COUNCIL_OUTCOME', at: AT, outcome: 'refer-back' },
    { type: 'CLOSE', at: AT },
  ];
}

interface Walk {
  states: { value: DecisionState; context: DecisionContext }[];
  events: LifecycleEvent[];
}

type Snap = { value: unknown; context: DecisionContext };
type Path = { state: Snap; steps: { state: Snap; event: LifecycleEvent }[] };

/** @xstate/graph's steps are (state, the event that led to it), the first led to by 'xstate.init'. */
function toWalk(path: Path): Walk {
  const states = path.steps.map((s) => ({ value: s.state.value as DecisionState, context: s.state.context }));
  expect(path.steps[0].event.type).toBe('xstate.init');
  expect(path.steps.at(-1)!.state).toBe(path.state);
  return { states, events: path.steps.slice(1).map((s) => s.event) };
}

/** Revision bound: the loops draft ⇄ consultation / for-determination are explored twice over. */
const MAX_REVISION = 2;

function options(v: Variant) {
  const input: LifecycleInput = { facts: v.facts, rules: v.rules ?? RULES };
  const events = eventsFor(v);
  return { input, events: () => events, stopWhen: (s: Snap) => s.context.revision > MAX_REVISION, serializeState };
}

/**
 * The default serialization (value + context), memoised per snapshot object: getSimplePaths re-serializes
 * every adjacent snapshot once per target vertex, which would otherwise dominate the run time.
 */
const serialized = new WeakMap<object, string>();
function serializeState(s: Snap): string {
  let key = serialized.get(s);
  if (key === undefined) serialized.set(s, (key = JSON.stringify({ value: s.value, context: s.context })));
  return key;
}

const shortest = new Map<string, Walk[]>();
const simple = new Map<string, Walk[]>();
for (const v of VARIANTS) {
  shortest.set(v.name, (getShortestPaths(decisionMachine, options(v)) as unknown as Path[]).map(toWalk));
  simple.set(v.name, (getSimplePaths(decisionMachine, options(v)) as unknown as Path[]).map(toWalk));
}

/** Calendar days strictly between two dates, counted one by one (independent of the machine's arithmetic). */
function clearDays(from: string, to: string): number {
  let n = 0;
  const d = new Date(`${from}T00:00:00Z`);
  for (d.setUTCDate(d.getUTCDate() + 1); d.toISOString().slice(0, 10) < to; d.setUTCDate(d.getUTCDate() + 1)) n++;
  return n;
}

const bumpsRevision = (e: LifecycleEvent) => e.type === 'REQUEST_CHANGES' || e.type === 'REFER_BACK';

/** The invariants, each returning a description of the violation or null. */
const INVARIANTS: Record<string, (w: Walk, v: Variant) => string | null> = {
  'effective only with every consultee of the final revision signed and an approval': (w, v) => {
    const i = w.states.findIndex((s) => s.value === 'effective');
    if (i < 0) return null;
    const events = w.events.slice(0, i);
    const lastBump = events.map(bumpsRevision).lastIndexOf(true);
    const finalRevision = events.slice(lastBump + 1);
    let consultees = v.facts.consultees;
    for (const e of events) if (e.type === 'EDIT' && e.changes.consultees) consultees = e.changes.consultees;
    const signed = new Set(finalRevision.flatMap((e) => (e.type === 'SIGN_OFF' ? [e.area] : [])));
    const missing = consultees.filter((a) => !signed.has(a));
    if (missing.length) return `effective without sign-off of ${missing.join(', ')}`;
    const approveAt = finalRevision.findIndex((e) => e.type === 'APPROVE');
    if (approveAt < 0) return 'effective without an approval';
    const lastSignOff = finalRevision.map((e) => e.type === 'SIGN_OFF').lastIndexOf(true);
    if (lastSignOff > approveAt) return 'approved before the last sign-off';
    return null;
  },
  'a key decision without urgency is approved only after enough clear days of notice': (w) => {
    for (let i = 0; i < w.events.length; i++) {
      const e = w.events[i];
      const ctx = w.states[i].context;
      if (e.type !== 'APPROVE' || w.states[i + 1].value !== 'approved' || !ctx.isKeyDecision || ctx.urgency !== 'none') continue;
      if (!ctx.forwardPlanNoticeAt) return 'approved with no forward plan notice';
      const days = clearDays(ctx.forwardPlanNoticeAt, e.decidedAt);
      if (days < RULES.forwardPlanClearDays) return `approved after ${days} clear days`;
    }
    return null;
  },
  'a reconsidered decision never re-enters the call-in period': (w) => {
    const firstReconsidered = w.states.findIndex((s) => s.context.reconsideration);
    if (firstReconsidered < 0) return null;
    return w.states.slice(firstReconsidered).some((s) => s.value === 'call-in-period') ? 'call-in period after reconsideration' : null;
  },
  'the call-in period is entered at most once': (w) =>
    w.states.filter((s, i) => s.value === 'call-in-period' && w.states[i - 1]?.value !== 'call-in-period').length > 1 ? 'two call-in periods' : null,
  'called-in only follows the call-in period': (w) => {
    for (let i = 1; i < w.states.length; i++) {
      if (w.states[i].value === 'called-in' && w.states[i - 1].value !== 'called-in' && w.states[i - 1].value !== 'call-in-period') {
        return `called-in after ${w.states[i - 1].value}`;
      }
    }
    return null;
  },
  'the call-in period is entered exactly when its rule set applies, it is subject to call-in, no waiver is recorded and it is not reconsidered': (w) => {
    for (let i = 0; i < w.events.length; i++) {
      if (w.events[i].type !== 'PUBLISH' || w.states[i].value !== 'approved') continue;
      const c = w.states[i].context;
      const expected = c.rules.callIn[c.decisionType].applies && c.isSubjectToCallIn && c.callInWaiver === null && !c.reconsideration;
      if ((w.states[i + 1].value === 'call-in-period') !== expected) return `published to ${w.states[i + 1].value} (urgency ${c.urgency}, type ${c.decisionType})`;
    }
    return null;
  },
  'a general-exception decision is approved only after 5 clear days from its notice': (w) => {
    for (let i = 0; i < w.events.length; i++) {
      const e = w.events[i];
      const ctx = w.states[i].context;
      if (e.type !== 'APPROVE' || w.states[i + 1].value !== 'approved' || ctx.urgency !== 'general-exception') continue;
      if (!ctx.generalExceptionNoticeAt) return 'approved with no general exception notice';
      const days = clearDays(ctx.generalExceptionNoticeAt, e.decidedAt);
      if (days < 5) return `approved ${days} clear days after the general exception notice`;
    }
    return null;
  },
  'the for-determination date belongs to the revision being determined': (w) => {
    const wrong = w.states.find(
      (s) => (s.value === 'consultation' && s.context.forDeterminationAt !== null) || (s.value === 'for-determination' && s.context.forDeterminationAt === null),
    );
    return wrong ? `${wrong.value} with forDeterminationAt ${wrong.context.forDeterminationAt}` : null;
  },
  'every reached state has its display status': (w) => {
    const wrong = w.states.find((s) => displayStatus(s.value) !== EXPECTED_STATUS[s.value]);
    return wrong ? `${wrong.value} shows ${displayStatus(wrong.value)}` : null;
  },
  'the revision counts the requests for changes and referrals back': (w) => {
    for (let i = 0; i < w.states.length; i++) {
      const expected = 1 + w.events.slice(0, i).filter(bumpsRevision).length;
      if (w.states[i].context.revision !== expected) return `revision ${w.states[i].context.revision}, expected ${expected}`;
    }
    return null;
  },
  'a timer is asked for exactly while in the call-in period': (w) => {
    for (const s of w.states) {
      const timers = timersFor({ state: s.value, context: s.context });
      if (timers.length !== (s.value === 'call-in-period' ? 1 : 0)) return `${timers.length} timers in ${s.value}`;
    }
    return null;
  },
};

describe('decision machine (model-based)', () => {
  it('has exactly the DecisionState list as its states', () => {
    expect(Object.keys(decisionMachine.states)).toEqual([...DECISION_STATES]);
  });

  describe.each(VARIANTS.map((v) => [v.name, v] as const))('%s', (name, v) => {
    it('generates paths', () => {
      expect(shortest.get(name)!.length).toBeGreaterThan(0);
      expect(simple.get(name)!.length).toBeGreaterThan(shortest.get(name)!.length);
    });

    it.each(Object.keys(INVARIANTS))('%s', (invariant) => {
      const violations = [...shortest.get(name)!, ...simple.get(name)!].flatMap((w) => {
        const problem = INVARIANTS[invariant](w, v);
        return problem ? [`${problem}: ${w.events.map((e) => e.type).join(' → ')}`] : [];
      });
      expect(violations.slice(0, 3)).toEqual([]);
    });

    it('applyEvent over the persisted JSON agrees with the machine at every step, and refuses what the model ignores', () => {
      const events = eventsFor(v);
      for (const w of shortest.get(name)!) {
        let p: PersistedLifecycle = startLifecycle({ facts: v.facts, rules: v.rules ?? RULES });
        expect(p).toEqual({ state: w.states[0].value, context: w.states[0].context });
        w.events.forEach((e, i) => {
          const r = applyEvent(JSON.parse(JSON.stringify(p)), e);
          if (!r.accepted) throw new Error(`refused ${e.type} in ${p.state}: ${r.reason}`);
          p = r.next;
          expect(p).toEqual({ state: w.states[i + 1].value, context: w.states[i + 1].context });
        });
        // every event that would not change the snapshot is refused, with a reason
        const here = JSON.stringify(p);
        for (const e of events) {
          const r = applyEvent(p, e);
          if (!r.accepted) expect(r.reason.length).toBeGreaterThan(10);
          else if (e.type !== 'EDIT') expect(JSON.stringify(r.next)).not.toBe(here); // an EDIT may repeat itself
        }
      }
    });
  });

  it('reaches every state in the full variant', () => {
    const reached = new Set(simple.get(VARIANTS[0].name)!.flatMap((w) => w.states.map((s) => s.value)));
    expect([...reached].sort()).toEqual([...DECISION_STATES].sort());
  });

  it('never approves the key decision whose notice is too short', () => {
    const walks = simple.get('key decision, notice too short')!;
    expect(walks.some((w) => w.states.some((s) => s.value === 'for-determination'))).toBe(true);
    expect(walks.some((w) => w.states.some((s) => s.value === 'approved'))).toBe(false);
  });

  it('approves a key decision with enough notice, and one with special urgency however short', () => {
    const approvedVia = (name: string) =>
      simple.get(name)!.flatMap((w) => w.events.filter((e, i) => e.type === 'APPROVE' && w.states[i + 1].value === 'approved'));
    const dates = new Set(approvedVia('key decision, notice too short or long enough').map((e) => (e as { decidedAt: string }).decidedAt));
    expect([...dates]).toEqual([LONG_ENOUGH]);
    expect(approvedVia('key decision, special urgency').length).toBeGreaterThan(0);
    // general exception: only the date 5 clear days after its notice
    const ge = new Set(approvedVia('key decision, general exception notice too recent or old enough').map((e) => (e as { decidedAt: string }).decidedAt));
    expect([...ge]).toEqual(['2021-02-01']);
    // edited in draft: approved with the short date only once general exception was recorded
    const edited = simple.get('key decision, no notice, edited in draft')!;
    for (const w of edited) {
      w.events.forEach((e, i) => {
        if (e.type === 'APPROVE' && e.decidedAt === TOO_SHORT && w.states[i + 1].value === 'approved') {
          expect(w.states[i].context.urgency).toBe('general-exception');
        }
      });
    }
    expect(edited.some((w) => w.states.some((s) => s.value === 'approved'))).toBe(true);
  });

  it('takes a decision out of call-in by a waiver, and by its type where the rule set says so', () => {
    const waived = simple.get('call-in waiver recorded in draft')!;
    const publications = (walks: Walk[]) => walks.flatMap((w) => w.states.filter((s, i) => i > 0 && w.states[i - 1].value === 'approved'));
    const withWaiver = publications(waived).filter((s) => s.context.callInWaiver !== null);
    expect(withWaiver.length).toBeGreaterThan(0);
    expect(new Set(withWaiver.map((s) => s.value))).toEqual(new Set(['effective']));
    expect(publications(waived).some((s) => s.context.callInWaiver === null && s.value === 'call-in-period')).toBe(true);
    const typed = simple.get('decision types under a constitution that calls in executive decisions only')!;
    const published = publications(typed).filter((s) => !s.context.reconsideration).map((s) => [s.context.decisionType, s.value]);
    expect(new Set(published.map((p) => p.join(' → ')))).toEqual(new Set(['non-executive → effective', 'executive → call-in-period', 'officer → effective']));
  });

  it('takes effect on publication when not subject to call-in', () => {
    const walks = simple.get('not subject to call-in')!;
    expect(walks.some((w) => w.states.some((s) => s.value === 'call-in-period'))).toBe(false);
    const effective = walks.flatMap((w) => w.states.filter((s) => s.value === 'effective'));
    expect(effective.length).toBeGreaterThan(0);
    for (const s of effective) expect(s.context.effectiveAt).toBe(s.context.publishedAt);
  });

  it('reaches effective through the call-in timer, scrutiny and council', () => {
    const walks = simple.get(VARIANTS[0].name)!;
    const lastEvents = new Set(walks.filter((w) => w.states.at(-1)!.value === 'effective').map((w) => JSON.stringify(w.events.at(-1))));
    expect(lastEvents).toEqual(
      new Set([
        JSON.stringify({ type: 'CALL_IN_PERIOD_ENDED', at: AT, dueAt: CALL_IN.deadline }),
        JSON.stringify({ type: 'SCRUTINY_OUTCOME', at: AT, outcome: 'no-further-action' }),
        JSON.stringify({ type: 'COUNCIL_OUTCOME', at: AT, outcome: 'no-further-action' }),
        // a reconsidered decision is published straight to effective
        JSON.stringify({ type: 'PUBLISH', at: AT, publishedAt: '2021-02-01', callIn: CALL_IN }),
      ]),
    );
  });
});
