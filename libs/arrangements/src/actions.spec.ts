import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  ARRANGEMENT_ACTIONS,
  DEFAULT_ARRANGEMENT_REMINDER_POLICY as POLICY,
  applyArrangementEvent,
  parseArrangementFacts,
  prepareArrangementAction,
  startArrangement,
  type ArrangementEvent,
  type PersistedArrangement,
} from './index.js';
import { DONCASTER_ARRANGEMENTS } from './testing/seed-arrangements.js';

const DECISION = { effectiveAt: '2021-02-15', decidedAt: '2021-02-15' };
const facts = (() => {
  const r = parseArrangementFacts(DONCASTER_ARRANGEMENTS[0]);
  if (!r.ok) throw new Error('seed');
  return r.value;
})();

function at(state: 'planned' | 'scheduled' | 'active' | 'overdue'): PersistedArrangement {
  const p = startArrangement({ facts });
  if (state === 'planned') return p;
  const when = { scheduled: '2021-02-15T12:00:00.000Z', active: '2021-06-01T12:00:00.000Z', overdue: '2026-01-05T12:00:00.000Z' }[state];
  const r = applyArrangementEvent(p, { type: 'EFFECTIVE', at: when, decision: DECISION }, POLICY);
  if (!r.accepted || r.next.state !== state) throw new Error(`not ${state}`);
  return r.next;
}

const HR = { at: '2021-06-01T12:00:00.000Z', by: 'u-hr' };
const apply = (p: PersistedArrangement, e: ArrangementEvent) => applyArrangementEvent(p, e, POLICY);

describe('prepareArrangementAction', () => {
  it('extend: needs a later end and the new decision’s reference, and moves the end', () => {
    const p = at('active');
    expect(prepareArrangementAction(p, 'extend', {}, HR)).toMatchObject({
      status: 400,
      details: [
        { field: 'end', message: expect.stringMatching(/YYYY-MM-DD/) },
        { field: 'decisionReference', message: expect.stringMatching(/required/) },
      ],
    });
    expect(prepareArrangementAction(p, 'extend', { end: '2022-02-15', decisionReference: 'LOP&S - 2022001' }, HR)).toMatchObject({
      status: 400,
      details: [{ field: 'end', message: 'end must be after the current end (2022-02-15)' }],
    });
    expect(prepareArrangementAction(p, 'extend', { end: '2023-02', decisionReference: 'X', reason: 'y' }, HR)).toMatchObject({ status: 400, details: [{ field: 'reason' }] });
    const ok = prepareArrangementAction(p, 'extend', { end: '2023-02', decisionReference: ' LOP&S - 2022001 ' }, HR);
    expect(ok).toEqual({ ok: true, event: { type: 'EXTEND', at: HR.at, by: 'u-hr', end: '2023-02', decisionReference: 'LOP&S - 2022001' } });
    const r = ok.ok ? apply(p, ok.event) : null;
    expect(r).toMatchObject({ accepted: true, next: { state: 'extended', context: { extensions: [{ end: '2023-02', resolvedEnd: '2023-02-28' }] } } });
  });

  it('refuses an action the state does not allow with the state and the actions it does allow (409)', () => {
    expect(prepareArrangementAction(at('planned'), 'extend', { end: '2023-02-01', decisionReference: 'X' }, HR)).toEqual({
      ok: false,
      status: 409,
      message: "extend is not allowed in state 'planned'",
      state: 'planned',
      allowedActions: [],
    });
    expect(prepareArrangementAction(at('scheduled'), 'confirm-ended', {}, HR)).toMatchObject({ status: 409, state: 'scheduled', allowedActions: ['extend', 'make-permanent'] });
    expect(prepareArrangementAction(at('active'), 'confirm', {}, HR)).toMatchObject({ status: 409, allowedActions: ['confirm-ended', 'extend', 'make-permanent'] });
    // a malformed body is a 400 whatever the state
    expect(prepareArrangementAction(at('planned'), 'make-permanent', { decisionReference: '' }, HR)).toMatchObject({ status: 400, details: [{ field: 'decisionReference' }] });
  });

  it('make-permanent cites a decision and settles it', () => {
    const p = at('overdue');
    const ok = prepareArrangementAction(p, 'make-permanent', { decisionReference: 'LOP&S - 2022009' }, { at: '2026-01-06T09:00:00.000Z', by: 'u-hr' });
    const r = ok.ok ? apply(p, ok.event) : null;
    expect(r).toMatchObject({ accepted: true, next: { state: 'made-permanent', context: { madePermanent: { decisionReference: 'LOP&S - 2022009', by: 'u-hr' }, overdueSince: null } } });
    if (r?.accepted) expect(prepareArrangementAction(r.next, 'confirm-ended', {}, HR)).toMatchObject({ status: 409, state: 'made-permanent', allowedActions: [] });
  });

  it('confirm-ended: on its last day if that has passed, else today; never in the future or before the start', () => {
    const overdue = at('overdue');
    const late = { at: '2026-01-06T09:00:00.000Z', by: 'u-hr' };
    expect(prepareArrangementAction(overdue, 'confirm-ended', undefined, late)).toMatchObject({ ok: true, event: { type: 'CONFIRM_ENDED', endedOn: '2022-02-15' } });
    expect(prepareArrangementAction(at('active'), 'confirm-ended', {}, HR)).toMatchObject({ ok: true, event: { endedOn: '2021-06-01' } });
    expect(prepareArrangementAction(at('active'), 'confirm-ended', { endedOn: '2021-06-02' }, HR)).toMatchObject({ status: 400, details: [{ field: 'endedOn', message: expect.stringMatching(/future/) }] });
    expect(prepareArrangementAction(at('active'), 'confirm-ended', { endedOn: '2021-02-15' }, HR)).toMatchObject({ status: 400, details: [{ field: 'endedOn', message: expect.stringMatching(/before the arrangement started/) }] });
    expect(prepareArrangementAction(at('active'), 'confirm-ended', { endedOn: '15/03/2021' }, HR)).toMatchObject({ status: 400, details: [{ field: 'endedOn' }] });
    const ok = prepareArrangementAction(overdue, 'confirm-ended', { endedOn: '2021-12-31' }, late);
    expect(ok.ok && apply(overdue, ok.event)).toMatchObject({ accepted: true, next: { state: 'ended', context: { ended: { on: '2021-12-31', by: 'u-hr' } } } });
  });

  it('confirm: lays the officer’s edits over what was extracted, and needs the result complete', () => {
    const proposed = startArrangement({ facts: { ...facts, duration: null }, proposed: true });
    expect(proposed.state).toBe('proposed');
    expect(prepareArrangementAction(proposed, 'confirm', {}, HR)).toMatchObject({ status: 400, details: [{ field: 'end' }] });
    expect(prepareArrangementAction(proposed, 'confirm', { duration: 'P12 months' }, HR)).toMatchObject({ status: 400, details: [{ field: 'duration' }] });
    const ok = prepareArrangementAction(proposed, 'confirm', { duration: 'P12M', manager: { name: 'Alison Tomes', email: 'alison.tomes@example.org' } }, HR);
    expect(ok).toMatchObject({ ok: true, event: { type: 'CONFIRM', facts: { duration: 'P12M', manager: { name: 'Alison Tomes', email: 'alison.tomes@example.org', userId: null } } } });
    // confirmed before its decision takes effect: planned; after: where its dates put it
    expect(ok.ok && apply(proposed, ok.event)).toMatchObject({ accepted: true, next: { state: 'planned', context: { confirmed: { by: 'u-hr' } } } });
    const effective = apply(proposed, { type: 'EFFECTIVE', at: '2021-02-15T12:00:00.000Z', decision: DECISION });
    expect(effective).toMatchObject({ accepted: true, next: { state: 'proposed' } });
    if (effective.accepted && ok.ok) expect(apply(effective.next, ok.event)).toMatchObject({ accepted: true, next: { state: 'active' } });
  });

  it('never throws, and answers 400 naming fields, 409 with the state, or an event the machine accepts', () => {
    const states = fc.constantFrom('planned', 'scheduled', 'active', 'overdue') as fc.Arbitrary<'planned' | 'scheduled' | 'active' | 'overdue'>;
    const bodies = fc.oneof(
      fc.anything(),
      fc.record({ end: fc.oneof(fc.constantFrom('2022-06-30', '2021-01-01', '2023-02', '2022-13'), fc.string()), decisionReference: fc.oneof(fc.string(), fc.constant('LOP&S - 1')) }, { requiredKeys: [] }),
      fc.record({ endedOn: fc.constantFrom('2021-03-01', '2020-01-01', '2030-01-01', 'yesterday') }, { requiredKeys: [] }),
    );
    fc.assert(
      fc.property(states, fc.constantFrom(...ARRANGEMENT_ACTIONS), bodies, (state, action, body) => {
        const p = at(state);
        const r = prepareArrangementAction(p, action, body, { at: state === 'overdue' ? '2026-01-06T09:00:00.000Z' : HR.at, by: 'u-hr' });
        if (r.ok) expect(apply(p, r.event)).toMatchObject({ accepted: true });
        else if (r.status === 400) expect(r.details.length).toBeGreaterThan(0);
        else expect(r).toMatchObject({ status: 409, state });
      }),
    );
  });
});
