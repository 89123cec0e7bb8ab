import { describe, expect, it } from '@jest/globals';
import {
  ACTIONS,
  DECISION_STATES,
  EVENT_FOR_ACTION,
  applyEvent,
  availableActions,
  displayStatus,
  lifecycleRules,
  startLifecycle,
  timersFor,
  type DecisionState,
  type LifecycleEvent,
  type LifecycleFacts,
  type LifecycleRules,
  type PersistedLifecycle,
} from './index.js';

const RULES = { forwardPlanClearDays: 28, callInMinMembers: 2 };
const AT = '2021-02-01T10:00:00.000Z';
const CALL_IN = { deadline: '2021-02-08T17:00:00.000Z', effectiveAt: '2021-02-09T00:00:00.000Z' };

function facts(over: Partial<LifecycleFacts> = {}): LifecycleFacts {
  return {
    decisionType: 'executive',
    isKeyDecision: false,
    isSubjectToCallIn: true,
    urgency: 'none',
    generalExceptionNoticeAt: null,
    specialUrgency: null,
    callInWaiver: null,
    consultees: ['hr', 'finance'],
    forwardPlanNoticeAt: null,
    ...over,
  };
}

function start(over: Partial<LifecycleFacts> = {}): PersistedLifecycle {
  return startLifecycle({ facts: facts(over), rules: RULES });
}

/** Applies events that must all be accepted. */
function run(p: PersistedLifecycle, ...events: LifecycleEvent[]): PersistedLifecycle {
  return events.reduce((acc, e) => {
    const r = applyEvent(acc, e);
    if (!r.accepted) throw new Error(`${e.type} refused in ${acc.state}: ${r.reason}`);
    return r.next;
  }, p);
}

function refusal(p: PersistedLifecycle, e: LifecycleEvent): string {
  const r = applyEvent(p, e);
  if (r.accepted) throw new Error(`${e.type} was accepted in ${p.state}`);
  return r.reason;
}

const submit: LifecycleEvent = { type: 'SUBMIT', at: AT };
const signOff = (area: string, by = `u-${area}`, at = AT): LifecycleEvent => ({ type: 'SIGN_OFF', at, area, by, comments: null });
const approve = (decidedAt = '2021-02-01'): LifecycleEvent => ({ type: 'APPROVE', at: AT, decidedAt });
const publish = (publishedAt = '2021-02-01', callIn = CALL_IN): LifecycleEvent => ({ type: 'PUBLISH', at: AT, publishedAt, callIn });
const callIn = (...members: string[]): LifecycleEvent => ({ type: 'CALL_IN', at: AT, members, reasons: 'r' });
const periodEnded = (dueAt = CALL_IN.deadline): LifecycleEvent => ({ type: 'CALL_IN_PERIOD_ENDED', at: dueAt, dueAt });

const forDetermination = (over: Partial<LifecycleFacts> = {}) => run(start(over), submit, signOff('hr'), signOff('finance'));
const approved = (over: Partial<LifecycleFacts> = {}) => run(forDetermination(over), approve());
const inCallIn = () => run(approved(), publish());
const calledIn = () => run(inCallIn(), callIn('m1', 'm2'));

describe('startLifecycle', () => {
  it('starts in draft at revision 1 with nothing recorded', () => {
    const p = start();
    expect(p).toEqual({
      state: 'draft',
      context: {
        ...facts(),
        rules: lifecycleRules(RULES),
        revision: 1,
        signOffs: {},
        changesRequested: {},
        reconsideration: false,
        submittedAt: null,
        forDeterminationAt: null,
        decidedAt: null,
        publishedAt: null,
        callInDeadline: null,
        callInEffectiveAt: null,
        effectiveAt: null,
        deferredUntil: null,
        calledInBy: [],
      },
    });
  });

  it('keeps each consultee area once, so consultation can end', () => {
    const p = start({ consultees: ['hr', 'hr', 'finance'] });
    expect(p.context.consultees).toEqual(['hr', 'finance']);
    expect(run(p, submit, signOff('hr'), signOff('finance')).state).toBe('for-determination');
  });

  it('does not share the input arrays', () => {
    const input = facts();
    const p = startLifecycle({ facts: input, rules: RULES });
    input.consultees.push('legal');
    expect(p.context.consultees).toEqual(['hr', 'finance']);
  });
});

describe('draft', () => {
  it('EDIT assigns the fact changes and nothing else', () => {
    const p = run(start(), {
      type: 'EDIT',
      at: AT,
      changes: { isKeyDecision: true, forwardPlanNoticeAt: '2021-01-01', urgency: undefined, revision: 9 } as Partial<LifecycleFacts>,
    });
    expect(p.state).toBe('draft');
    expect(p.context).toMatchObject({ isKeyDecision: true, forwardPlanNoticeAt: '2021-01-01', urgency: 'none', revision: 1 });
  });

  it('SUBMIT goes to consultation when there are consultees', () => {
    const p = run(start(), submit);
    expect(p.state).toBe('consultation');
    expect(p.context.submittedAt).toBe(AT);
    expect(p.context.forDeterminationAt).toBeNull();
  });

  it('SUBMIT goes straight to for-determination with no consultees', () => {
    const p = run(start({ consultees: [] }), submit);
    expect(p.state).toBe('for-determination');
    expect(p.context).toMatchObject({ submittedAt: AT, forDeterminationAt: AT });
  });

  it('SUBMIT clears the changes requested', () => {
    const back = run(start(), submit, { type: 'REQUEST_CHANGES', at: AT, area: 'hr', by: 'u-hr', comments: 'fix' });
    expect(Object.keys(back.context.changesRequested)).toEqual(['hr']);
    expect(run(back, submit).context.changesRequested).toEqual({});
  });

  it('WITHDRAW goes to withdrawn', () => {
    expect(run(start(), { type: 'WITHDRAW', at: AT, reason: 'r' }).state).toBe('withdrawn');
  });

  it('refuses actions of other states, naming the HTTP action', () => {
    expect(refusal(start(), approve())).toBe("approve is not allowed in state 'draft'");
    expect(refusal(start(), signOff('hr'))).toBe("sign-off is not allowed in state 'draft'");
    expect(refusal(start(), publish())).toBe("publish is not allowed in state 'draft'");
    expect(refusal(start(), { type: 'CLOSE', at: AT })).toBe("close is not allowed in state 'draft'");
  });
});

describe('consultation', () => {
  it('records each sign-off and moves on when the last area signs', () => {
    const one = run(start(), submit, { type: 'SIGN_OFF', at: AT, area: 'hr', by: 'u-hr', comments: 'fine' });
    expect(one.state).toBe('consultation');
    expect(one.context.signOffs).toEqual({ hr: { by: 'u-hr', at: AT, comments: 'fine' } });
    const later = '2021-02-02T09:00:00.000Z';
    const two = run(one, signOff('finance', 'u-fin', later));
    expect(two.state).toBe('for-determination');
    expect(two.context.forDeterminationAt).toBe(later);
    expect(two.context.signOffs.finance).toEqual({ by: 'u-fin', at: later, comments: null });
  });

  it('refuses a second sign-off of the same area', () => {
    const one = run(start(), submit, signOff('hr'));
    expect(refusal(one, signOff('hr'))).toBe("area 'hr' has already signed off");
  });

  it('refuses a sign-off or request for an area that is not a consultee', () => {
    const c = run(start(), submit);
    expect(refusal(c, signOff('estates'))).toBe("'estates' is not a consultee of this decision");
    expect(refusal(c, { type: 'REQUEST_CHANGES', at: AT, area: 'estates', by: 'x', comments: 'c' })).toBe(
      "'estates' is not a consultee of this decision",
    );
  });

  it('REQUEST_CHANGES sends it back to draft with a new revision and every sign-off reset', () => {
    const one = run(start(), submit, signOff('hr'));
    const back = run(one, { type: 'REQUEST_CHANGES', at: AT, area: 'finance', by: 'u-fin', comments: 'numbers' });
    expect(back.state).toBe('draft');
    expect(back.context.revision).toBe(2);
    expect(back.context.signOffs).toEqual({});
    expect(back.context.changesRequested).toEqual({ finance: { by: 'u-fin', at: AT, comments: 'numbers' } });
    // the new revision needs every area again
    const again = run(back, submit, signOff('finance'));
    expect(again.state).toBe('consultation');
    expect(run(again, signOff('hr')).state).toBe('for-determination');
  });

  it('an area that has signed may still request changes', () => {
    const one = run(start(), submit, signOff('hr'));
    expect(run(one, { type: 'REQUEST_CHANGES', at: AT, area: 'hr', by: 'u-hr', comments: 'second thoughts' }).state).toBe('draft');
  });

  it('WITHDRAW goes to withdrawn', () => {
    expect(run(start(), submit, { type: 'WITHDRAW', at: AT, reason: 'r' }).state).toBe('withdrawn');
  });

  it('a resubmitted revision is not for determination until it is signed again', () => {
    const referred = run(forDetermination(), { type: 'REFER_BACK', at: AT, comments: 'rethink' });
    const later = '2021-02-05T09:00:00.000Z';
    const resubmitted = run(referred, { type: 'SUBMIT', at: later });
    expect(resubmitted.context).toMatchObject({ submittedAt: later, forDeterminationAt: null });
    expect(run(resubmitted, signOff('hr', 'u-hr', later), signOff('finance', 'u-fin', later)).context.forDeterminationAt).toBe(later);
  });
});

describe('for-determination', () => {
  it('APPROVE records the date of decision', () => {
    const p = approved();
    expect(p.state).toBe('approved');
    expect(p.context.decidedAt).toBe('2021-02-01');
  });

  it('REJECT records the date and is final', () => {
    const p = run(forDetermination(), { type: 'REJECT', at: AT, decidedAt: '2021-02-01', reasons: 'no' });
    expect(p.state).toBe('rejected');
    expect(p.context.decidedAt).toBe('2021-02-01');
    expect(availableActions(p)).toEqual([]);
    expect(refusal(p, { type: 'WITHDRAW', at: AT, reason: 'r' })).toBe("withdraw is not allowed in state 'rejected'");
  });

  it('DEFER and RESUME', () => {
    const deferred = run(forDetermination(), { type: 'DEFER', at: AT, reason: 'later', until: '2021-03-01' });
    expect(deferred.state).toBe('deferred');
    expect(deferred.context.deferredUntil).toBe('2021-03-01');
    expect(availableActions(deferred)).toEqual(['resume', 'withdraw']);
    expect(refusal(deferred, approve())).toBe("approve is not allowed in state 'deferred'");
    const resumed = run(deferred, { type: 'RESUME', at: AT });
    expect(resumed.state).toBe('for-determination');
    expect(run(deferred, { type: 'WITHDRAW', at: AT, reason: 'r' }).state).toBe('withdrawn');
  });

  it('REFER_BACK returns it to draft with a new revision', () => {
    const p = run(forDetermination(), { type: 'REFER_BACK', at: AT, comments: 'rethink' });
    expect(p.state).toBe('draft');
    expect(p.context.revision).toBe(2);
    expect(p.context.signOffs).toEqual({});
  });

  it('WITHDRAW goes to withdrawn', () => {
    expect(run(forDetermination(), { type: 'WITHDRAW', at: AT, reason: 'r' }).state).toBe('withdrawn');
  });

  describe('the key-decision rule', () => {
    const key = { isKeyDecision: true, forwardPlanNoticeAt: '2021-01-01' };

    it('reads the two-number rules of before the constitution as calendar clear days, call-in for every type', () => {
      const rules = lifecycleRules(RULES);
      expect(rules.forwardPlan).toEqual({ days: 28, unit: 'calendar', closures: [] });
      expect(rules.generalException).toMatchObject({ days: 5, unit: 'calendar' });
      expect(Object.values(rules.callIn)).toEqual(Array(4).fill({ applies: true, minMembers: 2, scrutinyChairAlone: false }));
      expect(lifecycleRules(rules)).toBe(rules);
    });

    it('allows 28 clear days', () => {
      expect(run(forDetermination(key), approve('2021-01-30')).state).toBe('approved');
    });

    it('refuses 27 clear days, saying how many there have been', () => {
      expect(refusal(forDetermination(key), approve('2021-01-29'))).toBe(
        'key decision: it must be on the forward plan for 28 clear days before it is taken (it has been 27; the earliest date is 2021-01-30), or general exception / special urgency must be recorded',
      );
      expect(refusal(forDetermination(key), approve('2021-01-14'))).toContain('(it has been 12;');
    });

    it('refuses a key decision with no notice recorded', () => {
      expect(refusal(forDetermination({ isKeyDecision: true }), approve('2021-01-29'))).toBe(
        'key decision: it must be on the forward plan for 28 clear days before it is taken (no forward plan notice date is recorded), or general exception / special urgency must be recorded',
      );
    });

    it('refuses a date of decision that is not a date, saying so', () => {
      expect(refusal(forDetermination(key), approve('soon'))).toContain("('2021-01-01' to 'soon' is not a pair of YYYY-MM-DD dates)");
    });

    it('refuses a notice dated on or after the decision, whatever the number of days', () => {
      const p = startLifecycle({ facts: facts({ ...key, consultees: [], forwardPlanNoticeAt: '2021-02-02' }), rules: { ...RULES, forwardPlanClearDays: 0 } });
      expect(refusal(run(p, submit), approve('2021-02-01'))).toContain('the notice of 2021-02-02 is not before the decision');
      expect(run(run(p, submit), approve('2021-02-03')).state).toBe('approved');
    });

    it('counts working days where the constitution does', () => {
      const rules = { ...lifecycleRules(RULES), forwardPlan: { days: 5, unit: 'working' as const } };
      const fd = run(startLifecycle({ facts: facts({ ...key, forwardPlanNoticeAt: '2021-03-31', consultees: [] }), rules }), submit);
      const r = applyEvent(fd, approve('2021-04-09'));
      expect(r.accepted).toBe(false);
      if (!r.accepted) {
        expect(r.reason).toContain('5 clear working days');
        expect(r.details).toMatchObject({ computation: { clearDays: 4, required: 5, earliestDecisionDate: '2021-04-10' } });
      }
      expect(run(fd, approve('2021-04-10')).state).toBe('approved');
    });

    it('approves under the general exception only after 5 clear days from its notice, with the computation when refused', () => {
      const ge = { ...key, urgency: 'general-exception' as const, generalExceptionNoticeAt: '2021-01-20' };
      const r = applyEvent(forDetermination(ge), approve('2021-01-25'));
      expect(r.accepted).toBe(false);
      if (!r.accepted) {
        expect(r.reason).toBe('general exception: the decision may be taken only after 5 clear days from its notice on 2021-01-20 (it has been 4; the earliest date is 2021-01-26)');
        expect(r.details).toMatchObject({ computation: { noticeAt: '2021-01-20', decidedAt: '2021-01-25', clearDays: 4, met: false } });
      }
      expect(run(forDetermination(ge), approve('2021-01-26')).state).toBe('approved');
      expect(refusal(forDetermination({ ...key, urgency: 'general-exception' }), approve('2021-03-01'))).toContain('generalExceptionNoticeAt');
    });

    it('approves under special urgency however short the notice, once who agreed is recorded, and not before they agreed', () => {
      const agreed = { agreedBy: 'Cllr Chair, chair of Overview and Scrutiny', agreedAt: '2021-01-01' };
      expect(run(forDetermination({ isKeyDecision: true, urgency: 'special-urgency', specialUrgency: agreed }), approve('2021-01-02')).state).toBe('approved');
      expect(refusal(forDetermination({ isKeyDecision: true, urgency: 'special-urgency' }), approve('2021-01-02'))).toContain('specialUrgency');
      expect(refusal(forDetermination({ isKeyDecision: true, urgency: 'special-urgency', specialUrgency: agreed }), approve('2020-12-31'))).toContain('after the date of decision');
    });

    it('does not apply to a non-key decision', () => {
      expect(run(forDetermination({ forwardPlanNoticeAt: '2021-01-01' }), approve('2021-01-02')).state).toBe('approved');
    });

    it('uses the configured number of days', () => {
      const p = startLifecycle({ facts: facts({ ...key, consultees: [] }), rules: { ...RULES, forwardPlanClearDays: 5 } });
      const fd = run(p, submit);
      expect(run(fd, approve('2021-01-07')).state).toBe('approved');
      expect(refusal(fd, approve('2021-01-06'))).toContain('for 5 clear days');
    });
  });
});

describe('approved → publication', () => {
  it('PUBLISH opens the call-in period when subject to call-in and not urgent', () => {
    const p = inCallIn();
    expect(p.state).toBe('call-in-period');
    expect(p.context).toMatchObject({
      publishedAt: '2021-02-01',
      callInDeadline: CALL_IN.deadline,
      callInEffectiveAt: CALL_IN.effectiveAt,
      effectiveAt: null,
    });
  });

  it.each([
    ['not subject to call-in', { isSubjectToCallIn: false }, lifecycleRules(RULES)],
    ['exempted by a call-in waiver', { callInWaiver: { reason: 'delay would prejudice the public interest', agreedBy: 'Cllr Chair' } }, lifecycleRules(RULES)],
    ['a non-executive decision', { decisionType: 'non-executive' as const }, { ...lifecycleRules(RULES), callIn: { ...lifecycleRules(RULES).callIn, 'non-executive': { applies: false, minMembers: 2, scrutinyChairAlone: false } } }],
  ] as [string, Partial<LifecycleFacts>, LifecycleRules][])('PUBLISH takes effect on the publication date when %s', (_, over, rules) => {
    const p = run(startLifecycle({ facts: facts({ ...over, consultees: [] }), rules }), submit, approve(), publish('2021-02-03'));
    expect(p.state).toBe('effective');
    expect(p.context).toMatchObject({ publishedAt: '2021-02-03', effectiveAt: '2021-02-03', callInDeadline: null });
    expect(timersFor(p)).toEqual([]);
  });

  it.each([
    ['general exception', { isKeyDecision: true, urgency: 'general-exception' as const, generalExceptionNoticeAt: '2021-01-20' }],
    ['special urgency', { isKeyDecision: true, urgency: 'special-urgency' as const, specialUrgency: { agreedBy: 'Cllr Chair', agreedAt: '2021-01-31' } }],
  ])('PUBLISH still opens the call-in period under %s: it waives the notice, not call-in', (_, over) => {
    expect(run(approved(over), publish()).state).toBe('call-in-period');
  });

  it('only publish is available once approved', () => {
    expect(availableActions(approved())).toEqual(['publish']);
    expect(refusal(approved(), { type: 'WITHDRAW', at: AT, reason: 'r' })).toBe("withdraw is not allowed in state 'approved'");
  });
});

describe('call-in-period', () => {
  it('asks for one timer at the deadline, with a stable key', () => {
    const p = inCallIn();
    const timers = timersFor(p);
    expect(timers).toEqual([{ event: 'CALL_IN_PERIOD_ENDED', dueAt: CALL_IN.deadline, key: 'call-in-period-r1-20210208170000000' }]);
    expect(timers[0].key).not.toContain(':');
    expect(timersFor(JSON.parse(JSON.stringify(p)))).toEqual(timers);
    expect(timersFor(p)).toEqual(timers);
  });

  it('the deadline timer makes it effective from the calendar effective date', () => {
    const p = run(inCallIn(), periodEnded());
    expect(p.state).toBe('effective');
    expect(p.context.effectiveAt).toBe(CALL_IN.effectiveAt);
    expect(timersFor(p)).toEqual([]);
  });

  it('refuses a stale timer', () => {
    expect(refusal(inCallIn(), periodEnded('2021-02-05T17:00:00.000Z'))).toMatch(/^stale timer/);
    expect(refusal(approved(), periodEnded())).toBe("call-in-period-ended is not allowed in state 'approved'");
    expect(refusal(calledIn(), periodEnded())).toBe("call-in-period-ended is not allowed in state 'called-in'");
  });

  it('CALL_IN needs enough distinct members', () => {
    expect(refusal(inCallIn(), callIn('m1'))).toBe('call-in needs at least 2 members');
    expect(refusal(inCallIn(), callIn('m1', 'm1'))).toBe('call-in needs at least 2 members');
    const p = run(inCallIn(), callIn('m1', 'm2', 'm1'));
    expect(p.state).toBe('called-in');
    expect(p.context.calledInBy).toEqual(['m1', 'm2']);
    expect(timersFor(p)).toEqual([]);
  });

  it("CALL_IN follows the decision type's rule set: its own number of members, or the scrutiny chair alone", () => {
    const base = lifecycleRules(RULES);
    const rules = { ...base, callIn: { ...base.callIn, 'key-officer': { applies: true, minMembers: 5, scrutinyChairAlone: true } } };
    const open = run(startLifecycle({ facts: facts({ decisionType: 'key-officer', consultees: [] }), rules }), submit, approve(), publish());
    expect(open.state).toBe('call-in-period');
    expect(refusal(open, callIn('m1', 'm2', 'm3', 'm4'))).toBe('call-in needs at least 5 members, or the scrutiny chair alone');
    expect(run(open, callIn('m1', 'm2', 'm3', 'm4', 'm5')).state).toBe('called-in');
    expect(run(open, { type: 'CALL_IN', at: AT, members: ['Cllr Chair'], reasons: 'r', scrutinyChair: true }).state).toBe('called-in');
    // the chair alone is not enough where the rule set does not say so
    expect(applyEvent(inCallIn(), { type: 'CALL_IN', at: AT, members: ['Cllr Chair'], reasons: 'r', scrutinyChair: true }).accepted).toBe(false);
  });

  it('only call-in is an action in the call-in period (the timer is not an action)', () => {
    expect(availableActions(inCallIn())).toEqual(['call-in']);
  });
});

describe('called-in and referred-to-council', () => {
  const outcome = (o: 'no-further-action' | 'refer-back' | 'refer-to-council', at = '2021-02-20T12:00:00.000Z'): LifecycleEvent => ({
    type: 'SCRUTINY_OUTCOME',
    at,
    outcome: o,
  });
  const council = (o: 'no-further-action' | 'refer-back', at = '2021-03-01T12:00:00.000Z'): LifecycleEvent => ({ type: 'COUNCIL_OUTCOME', at, outcome: o });

  it('no further action: effective now', () => {
    const p = run(calledIn(), outcome('no-further-action'));
    expect(p.state).toBe('effective');
    expect(p.context.effectiveAt).toBe('2021-02-20T12:00:00.000Z');
  });

  it('refer back: reconsidered, and not subject to call-in again', () => {
    const p = run(calledIn(), outcome('refer-back'));
    expect(p.state).toBe('for-determination');
    expect(p.context.reconsideration).toBe(true);
    const again = run(p, approve('2021-02-25'), publish('2021-02-25', { deadline: '2021-03-04T17:00:00.000Z', effectiveAt: '2021-03-05T00:00:00.000Z' }));
    expect(again.state).toBe('effective');
    expect(again.context.effectiveAt).toBe('2021-02-25');
  });

  it('refer to council, then the council decides', () => {
    const p = run(calledIn(), outcome('refer-to-council'));
    expect(p.state).toBe('referred-to-council');
    expect(availableActions(p)).toEqual(['council-outcome']);
    expect(run(p, council('no-further-action')).context.effectiveAt).toBe('2021-03-01T12:00:00.000Z');
    const back = run(p, council('refer-back'));
    expect(back.state).toBe('for-determination');
    expect(back.context.reconsideration).toBe(true);
  });

  it('refuses an outcome the council cannot give', () => {
    const p = run(calledIn(), outcome('refer-to-council'));
    expect(refusal(p, { type: 'COUNCIL_OUTCOME', at: AT, outcome: 'refer-to-council' as 'refer-back' })).toBe(
      "outcome 'refer-to-council' is not allowed in state 'referred-to-council'",
    );
    expect(refusal(p, outcome('no-further-action'))).toBe("scrutiny-outcome is not allowed in state 'referred-to-council'");
    expect(refusal(calledIn(), council('no-further-action'))).toBe("council-outcome is not allowed in state 'called-in'");
  });
});

describe('effective and the final states', () => {
  it('CLOSE closes an effective decision; closed takes nothing', () => {
    const eff = run(inCallIn(), periodEnded());
    expect(availableActions(eff)).toEqual([]);
    const closed = run(eff, { type: 'CLOSE', at: AT });
    expect(closed.state).toBe('closed');
    for (const type of ['SUBMIT', 'WITHDRAW', 'CLOSE'] as const) {
      expect(applyEvent(closed, { type, at: AT, reason: 'r' } as LifecycleEvent).accepted).toBe(false);
    }
  });
});

describe('the persisted form', () => {
  it('is plain JSON that round-trips through jsonb at every step', () => {
    const events: LifecycleEvent[] = [
      { type: 'EDIT', at: AT, changes: { urgency: 'none' } },
      submit,
      signOff('hr'),
      { type: 'REQUEST_CHANGES', at: AT, area: 'finance', by: 'u-fin', comments: 'c' },
      submit,
      signOff('hr'),
      signOff('finance'),
      { type: 'DEFER', at: AT, reason: 'r', until: null },
      { type: 'RESUME', at: AT },
      approve(),
      publish(),
      callIn('a', 'b'),
      { type: 'SCRUTINY_OUTCOME', at: AT, outcome: 'refer-back' },
      approve('2021-02-10'),
      publish('2021-02-10'),
      { type: 'CLOSE', at: AT },
    ];
    let direct = start();
    let viaJson: PersistedLifecycle = JSON.parse(JSON.stringify(direct));
    for (const e of events) {
      direct = run(direct, e);
      viaJson = JSON.parse(JSON.stringify(run(viaJson, JSON.parse(JSON.stringify(e)))));
      expect(viaJson).toEqual(direct);
      expect(Object.keys(direct).sort()).toEqual(['context', 'state']);
    }
    expect(direct.state).toBe('closed');
    expect(direct.context.revision).toBe(2);
  });

  it('applyEvent does not mutate its input', () => {
    const p = run(start(), submit);
    const copy = structuredClone(p);
    run(p, signOff('hr'));
    applyEvent(p, signOff('estates'));
    expect(p).toEqual(copy);
  });
});

describe('displayStatus', () => {
  it.each<[DecisionState, string]>([
    ['draft', 'Draft'],
    ['consultation', 'Consultation'],
    ['for-determination', 'For Determination'],
    ['deferred', 'Deferred'],
    ['approved', 'Recommendations Approved'],
    ['call-in-period', 'Recommendations Approved (subject to call-in)'],
    ['called-in', 'Called In'],
    ['referred-to-council', 'Referred to Council'],
    ['effective', 'Recommendations Approved'],
    ['closed', 'Implemented'],
    ['rejected', 'Rejected'],
    ['withdrawn', 'Withdrawn'],
  ])('%s → %s', (state, status) => {
    expect(displayStatus(state)).toBe(status);
  });
});

describe('availableActions', () => {
  it('lists the actions of each state in ACTIONS order', () => {
    expect(availableActions(start())).toEqual(['submit', 'withdraw']);
    expect(availableActions(run(start(), submit))).toEqual(['sign-off', 'request-changes', 'withdraw']);
    expect(availableActions(forDetermination())).toEqual(['approve', 'reject', 'defer', 'refer-back', 'withdraw']);
    expect(availableActions(calledIn())).toEqual(['scrutiny-outcome']);
    for (const s of DECISION_STATES) {
      const p = { ...start(), state: s };
      const listed = availableActions(p);
      expect(listed).toEqual(ACTIONS.filter((a) => listed.includes(a)));
    }
  });

  it('maps every action to its event', () => {
    expect(Object.keys(EVENT_FOR_ACTION)).toEqual([...ACTIONS]);
    expect(EVENT_FOR_ACTION['refer-back']).toBe('REFER_BACK');
    expect(EVENT_FOR_ACTION['council-outcome']).toBe('COUNCIL_OUTCOME');
  });

  it('offers no sign-off once no area is pending', () => {
    const p: PersistedLifecycle = { ...run(start(), submit), context: { ...run(start(), submit).context, consultees: [] } };
    expect(availableActions(p)).toEqual(['withdraw']);
  });
});
