import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  ACTIONS,
  DECISION_STATES,
  applyEvent,
  availableActions,
  mayPerform,
  permittedActions,
  startLifecycle,
  type ActionName,
  type Actor,
  type Assignment,
  type LifecycleEvent,
  type PersistedLifecycle,
} from './index.js';

const AT = '2021-02-01T10:00:00.000Z';
const RULES = { forwardPlanClearDays: 28, callInMinMembers: 2 };

const actor = (userId: string, ...roles: string[]): Actor => ({ userId, name: userId, roles });

const assignment: Assignment = {
  authorUserId: 'u-author',
  decisionMakerUserId: 'u-dm',
  consultees: [{ area: 'hr', assigneeUserId: 'u-hr' }, { area: 'finance' }, { area: 'legal', assigneeUserId: null }],
};

function consultation(signed: string[] = []): PersistedLifecycle {
  let p = startLifecycle({
    facts: { isKeyDecision: false, isSubjectToCallIn: true, urgency: 'none', consultees: ['hr', 'finance', 'legal'], forwardPlanNoticeAt: null },
    rules: RULES,
  });
  const events: LifecycleEvent[] = [{ type: 'SUBMIT', at: AT }, ...signed.map((area): LifecycleEvent => ({ type: 'SIGN_OFF', at: AT, area, by: 'x' }))];
  for (const e of events) {
    const r = applyEvent(p, e);
    if (!r.accepted) throw new Error(r.reason);
    p = r.next;
  }
  return p;
}

describe('mayPerform', () => {
  it('submit and edit: the author only', () => {
    for (const action of ['submit', 'edit'] as const) {
      expect(mayPerform(action, assignment, actor('u-author'))).toBe(true);
      expect(mayPerform(action, assignment, actor('u-other', 'admin', 'decision-maker'))).toBe(false);
    }
  });

  it('sign-off / request-changes: the named assignee only, whatever roles others hold', () => {
    for (const action of ['sign-off', 'request-changes'] as const) {
      expect(mayPerform(action, assignment, actor('u-hr'), 'hr')).toBe(true);
      expect(mayPerform(action, assignment, actor('u-someone', 'consultee:hr'), 'hr')).toBe(false);
      expect(mayPerform(action, assignment, actor('u-hr'), 'finance')).toBe(false);
    }
  });

  it('sign-off / request-changes: anyone with consultee:<area> when no one is assigned', () => {
    expect(mayPerform('sign-off', assignment, actor('u-f', 'consultee:finance'), 'finance')).toBe(true);
    expect(mayPerform('sign-off', assignment, actor('u-l', 'consultee:legal'), 'legal')).toBe(true);
    expect(mayPerform('sign-off', assignment, actor('u-f', 'consultee:hr'), 'finance')).toBe(false);
    expect(mayPerform('request-changes', assignment, actor('u-f', 'consultee:finance'), 'finance')).toBe(true);
  });

  it('sign-off for an area that is not a consultee: nobody', () => {
    expect(mayPerform('sign-off', assignment, actor('u-e', 'consultee:estates', 'admin'), 'estates')).toBe(false);
  });

  it('sign-off with no area: may act for at least one consultee area', () => {
    expect(mayPerform('sign-off', assignment, actor('u-hr'))).toBe(true);
    expect(mayPerform('sign-off', assignment, actor('u-f', 'consultee:finance'))).toBe(true);
    expect(mayPerform('sign-off', assignment, actor('u-x', 'consultee:hr', 'consultee:estates'))).toBe(false);
  });

  it('decision-maker actions: the named decision maker, who must also hold the role', () => {
    for (const action of ['approve', 'reject', 'defer', 'resume', 'refer-back'] as const) {
      expect(mayPerform(action, assignment, actor('u-dm', 'decision-maker'))).toBe(true);
      expect(mayPerform(action, assignment, actor('u-dm'))).toBe(false);
      expect(mayPerform(action, assignment, actor('u-dm', 'admin', 'officer'))).toBe(false);
      expect(mayPerform(action, assignment, actor('u-other', 'decision-maker', 'admin'))).toBe(false);
    }
  });

  it('separation of duties: nobody signs off, requests changes on or determines their own decision', () => {
    const own: Assignment = { authorUserId: 'u-all', decisionMakerUserId: 'u-all', consultees: [{ area: 'hr', assigneeUserId: 'u-all' }, { area: 'finance' }] };
    const everything = actor('u-all', 'officer', 'decision-maker', 'consultee:hr', 'consultee:finance', 'admin');
    for (const action of ['sign-off', 'request-changes'] as const) {
      expect(mayPerform(action, own, everything, 'hr')).toBe(false);
      expect(mayPerform(action, own, everything, 'finance')).toBe(false);
      expect(mayPerform(action, own, everything)).toBe(false);
    }
    for (const action of ['approve', 'reject', 'defer', 'resume', 'refer-back'] as const) {
      expect(mayPerform(action, own, everything)).toBe(false);
      expect(mayPerform(action, { ...own, decisionMakerUserId: null }, everything)).toBe(false);
    }
    // The author still submits, edits and withdraws their own decision.
    for (const action of ['submit', 'edit', 'withdraw'] as const) expect(mayPerform(action, own, everything)).toBe(true);
  });

  it('decision-maker actions: anyone with decision-maker when none is named', () => {
    const unnamed = { ...assignment, decisionMakerUserId: null };
    expect(mayPerform('approve', unnamed, actor('u-other', 'decision-maker'))).toBe(true);
    expect(mayPerform('approve', unnamed, actor('u-dm'))).toBe(false);
    expect(mayPerform('approve', unnamed, actor('u-author', 'decision-maker'))).toBe(false);
  });

  it('withdraw: the author or an admin', () => {
    expect(mayPerform('withdraw', assignment, actor('u-author'))).toBe(true);
    expect(mayPerform('withdraw', assignment, actor('u-x', 'admin'))).toBe(true);
    expect(mayPerform('withdraw', assignment, actor('u-dm', 'decision-maker'))).toBe(false);
  });

  it('publish and the outcomes: democratic services; call-in: scrutiny', () => {
    for (const action of ['publish', 'scrutiny-outcome', 'council-outcome'] as const) {
      expect(mayPerform(action, assignment, actor('u-ds', 'democratic-services'))).toBe(true);
      expect(mayPerform(action, assignment, actor('u-s', 'scrutiny', 'admin'))).toBe(false);
    }
    expect(mayPerform('call-in', assignment, actor('u-s', 'scrutiny'))).toBe(true);
    expect(mayPerform('call-in', assignment, actor('u-ds', 'democratic-services'))).toBe(false);
  });
});

describe('reading', () => {
  const published = ['call-in-period', 'called-in', 'referred-to-council', 'effective', 'closed'] as const;

  it("a decision's parties and admins read it in every state; nobody else reads a draft", () => {
    for (const state of DECISION_STATES) {
      for (const who of [actor('u-author'), actor('u-dm', 'decision-maker'), actor('u-hr'), actor('u-f', 'consultee:finance'), actor('u-a', 'admin')]) {
        expect({ state, who: who.userId, read: mayPerform('read', assignment, who, undefined, state) }).toEqual({ state, who: who.userId, read: true });
      }
    }
    for (const who of [actor('u-x'), actor('u-x', 'officer'), actor('u-dm'), actor('u-ds', 'democratic-services'), actor('u-s', 'scrutiny'), actor('u-h', 'hr'), actor('u-x', 'consultee:estates'), actor('u-x', 'king')]) {
      expect({ who, read: mayPerform('read', assignment, who, undefined, 'draft') }).toEqual({ who, read: false });
    }
  });

  it('democratic services read whatever has left draft; any member of staff reads what is published', () => {
    for (const state of DECISION_STATES) {
      expect(mayPerform('read', assignment, actor('u-ds', 'democratic-services'), undefined, state)).toBe(state !== 'draft');
      for (const role of ['officer', 'scrutiny', 'hr', 'decision-maker', 'consultee:estates']) {
        expect({ state, role, read: mayPerform('read', assignment, actor('u-x', role), undefined, state) }).toEqual({
          state,
          role,
          read: (published as readonly string[]).includes(state),
        });
      }
      // No role, or no role Ratify knows: never, not even published.
      expect(mayPerform('read', assignment, actor('u-x'), undefined, state)).toBe(false);
      expect(mayPerform('read', assignment, actor('u-x', 'king'), undefined, state)).toBe(false);
    }
  });

  it('without a state, a state-bound grant never applies', () => {
    expect(mayPerform('read', assignment, actor('u-x', 'officer'))).toBe(false);
    expect(mayPerform('read', assignment, actor('u-author'))).toBe(true);
  });

  it('the notification log: the author, democratic services and admins', () => {
    expect(mayPerform('read-notifications', assignment, actor('u-author'))).toBe(true);
    expect(mayPerform('read-notifications', assignment, actor('u-ds', 'democratic-services'))).toBe(true);
    expect(mayPerform('read-notifications', assignment, actor('u-a', 'admin'))).toBe(true);
    for (const who of [actor('u-dm', 'decision-maker'), actor('u-hr', 'consultee:hr'), actor('u-s', 'scrutiny'), actor('u-x')]) {
      expect(mayPerform('read-notifications', assignment, who)).toBe(false);
    }
  });
});

describe('permittedActions', () => {
  it('the author in draft may submit and withdraw; others nothing', () => {
    const draft = startLifecycle({
      facts: { isKeyDecision: false, isSubjectToCallIn: true, urgency: 'none', consultees: [], forwardPlanNoticeAt: null },
      rules: RULES,
    });
    expect(permittedActions(draft, assignment, actor('u-author'))).toEqual(['submit', 'withdraw']);
    expect(permittedActions(draft, assignment, actor('u-x', 'admin'))).toEqual(['withdraw']);
    expect(permittedActions(draft, assignment, actor('u-dm', 'decision-maker'))).toEqual([]);
  });

  it('a consultee may act only while its own area is pending', () => {
    expect(permittedActions(consultation(), assignment, actor('u-hr'))).toEqual(['sign-off', 'request-changes']);
    expect(permittedActions(consultation(['hr']), assignment, actor('u-hr'))).toEqual([]);
    expect(permittedActions(consultation(['hr']), assignment, actor('u-f', 'consultee:finance'))).toEqual(['sign-off', 'request-changes']);
    expect(permittedActions(consultation(['finance']), assignment, actor('u-f', 'consultee:finance', 'consultee:legal'))).toEqual([
      'sign-off',
      'request-changes',
    ]);
  });

  it('only areas of the decision count: a consultee of an area the assignment lacks may do nothing', () => {
    const narrow: Assignment = { ...assignment, consultees: [{ area: 'hr', assigneeUserId: 'u-hr' }] };
    expect(permittedActions(consultation(), narrow, actor('u-f', 'consultee:finance'))).toEqual([]);
  });
});

const areas = ['hr', 'finance', 'legal', 'estates'];
const userIds = ['u-author', 'u-dm', 'u-hr', 'u-fin', 'u-x'];
const roles = ['admin', 'decision-maker', 'democratic-services', 'scrutiny', ...areas.map((a) => `consultee:${a}`)];

const actorArb = fc.record({
  userId: fc.constantFrom(...userIds),
  name: fc.constant('n'),
  roles: fc.uniqueArray(fc.constantFrom(...roles), { maxLength: roles.length }),
});

const assignmentArb: fc.Arbitrary<Assignment> = fc.record({
  authorUserId: fc.constantFrom(...userIds),
  decisionMakerUserId: fc.option(fc.constantFrom(...userIds), { nil: null }),
  consultees: fc.uniqueArray(
    fc.record({ area: fc.constantFrom(...areas), assigneeUserId: fc.option(fc.constantFrom(...userIds), { nil: null }) }),
    { selector: (c) => c.area, maxLength: areas.length },
  ),
});

/** A persisted lifecycle in any state, with any subset of its consultees signed off. */
const lifecycleArb: fc.Arbitrary<PersistedLifecycle> = fc
  .record({
    state: fc.constantFrom(...DECISION_STATES),
    consultees: fc.uniqueArray(fc.constantFrom(...areas)),
    signed: fc.uniqueArray(fc.constantFrom(...areas)),
  })
  .map(({ state, consultees, signed }) => {
    const p = startLifecycle({
      facts: { isKeyDecision: false, isSubjectToCallIn: true, urgency: 'none', consultees, forwardPlanNoticeAt: null },
      rules: RULES,
    });
    const signOffs = Object.fromEntries(signed.filter((a) => consultees.includes(a)).map((a) => [a, { by: 'x', at: AT }]));
    return { state, context: { ...p.context, signOffs } };
  });

describe('properties', () => {
  it('an actor without the area role who is not the assignee can never sign off or request changes', () => {
    fc.assert(
      fc.property(assignmentArb, actorArb, fc.constantFrom(...areas), fc.constantFrom<ActionName>('sign-off', 'request-changes'), (a, who, area, action) => {
        const consultee = a.consultees.find((c) => c.area === area);
        fc.pre(!who.roles.includes(`consultee:${area}`) && consultee?.assigneeUserId !== who.userId);
        expect(mayPerform(action, a, who, area)).toBe(false);
      }),
    );
  });

  it('with an assignee named, no one else may act for the area whatever their roles', () => {
    fc.assert(
      fc.property(assignmentArb, actorArb, (a, who) => {
        for (const c of a.consultees) {
          if (c.assigneeUserId && c.assigneeUserId !== who.userId) expect(mayPerform('sign-off', a, who, c.area)).toBe(false);
        }
      }),
    );
  });

  it('the author never signs off, requests changes on or determines their own decision, whatever roles they hold', () => {
    fc.assert(
      fc.property(assignmentArb, actorArb, fc.option(fc.constantFrom(...areas), { nil: undefined }), (a, who, area) => {
        const author = { ...who, userId: a.authorUserId };
        for (const action of ['sign-off', 'request-changes', 'approve', 'reject', 'defer', 'resume', 'refer-back'] as const) {
          expect(mayPerform(action, a, author, area)).toBe(false);
        }
      }),
    );
  });

  it('nobody without the decision-maker role determines a decision, named or not', () => {
    fc.assert(
      fc.property(assignmentArb, actorArb, (a, who) => {
        const without = { ...who, roles: who.roles.filter((r) => r !== 'decision-maker') };
        for (const action of ['approve', 'reject', 'defer', 'resume', 'refer-back'] as const) expect(mayPerform(action, a, without)).toBe(false);
      }),
    );
  });

  it('permittedActions ⊆ availableActions, in ACTIONS order', () => {
    fc.assert(
      fc.property(lifecycleArb, assignmentArb, actorArb, (p, a, who) => {
        const available = availableActions(p);
        const permitted = permittedActions(p, a, who);
        expect(permitted.every((x) => available.includes(x))).toBe(true);
        expect(permitted).toEqual(ACTIONS.filter((x) => permitted.includes(x)));
      }),
    );
  });

  it('permittedActions are the available actions the actor may perform (consultees: for a pending area)', () => {
    fc.assert(
      fc.property(lifecycleArb, assignmentArb, actorArb, (p, a, who) => {
        const pending = p.context.consultees.filter((area) => !p.context.signOffs[area]);
        const expected = availableActions(p).filter((x) =>
          x === 'sign-off' || x === 'request-changes' ? pending.some((area) => mayPerform(x, a, who, area)) : mayPerform(x, a, who),
        );
        expect(permittedActions(p, a, who)).toEqual(expected);
      }),
    );
  });

  it('whoever may sign off (no area given) may sign off for some area of the assignment', () => {
    fc.assert(
      fc.property(assignmentArb, actorArb, (a, who) => {
        expect(mayPerform('sign-off', a, who)).toBe(a.consultees.some((c) => mayPerform('sign-off', a, who, c.area)));
      }),
    );
  });
});
