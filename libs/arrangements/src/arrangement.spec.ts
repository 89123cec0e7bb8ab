import { describe, expect, it } from '@jest/globals';
import {
  ARRANGEMENT_STATES,
  DEFAULT_ARRANGEMENT_REMINDER_POLICY as POLICY,
  applyArrangementEvent,
  arrangementActions,
  decisionMayClose,
  eventForDecision,
  parseArrangementFacts,
  representArrangement,
  startArrangement,
  type ArrangementState,
} from './index.js';
import { DONCASTER_ARRANGEMENTS } from './testing/seed-arrangements.js';

const facts = (() => {
  const r = parseArrangementFacts(DONCASTER_ARRANGEMENTS[0]);
  if (!r.ok) throw new Error('seed');
  return r.value;
})();

describe('the decision and its arrangements', () => {
  it('closes once every arrangement has ended, been made permanent or been cancelled — and not with none', () => {
    expect(decisionMayClose(['ended', 'made-permanent', 'cancelled'])).toBe(true);
    expect(decisionMayClose(['ended', 'overdue'])).toBe(false);
    expect(decisionMayClose([])).toBe(false);
    const settling = ARRANGEMENT_STATES.filter((s) => decisionMayClose([s]));
    expect(settling).toEqual(['ended', 'made-permanent', 'cancelled'] satisfies ArrangementState[]);
  });

  it('takes effect with the decision, and is cancelled when the decision is rejected or withdrawn', () => {
    const planned = startArrangement({ facts });
    const effective = eventForDecision({ type: 'effective', at: '2021-02-15T12:00:00.000Z', effectiveAt: '2021-02-15', decidedAt: '2021-02-15' });
    expect(applyArrangementEvent(planned, effective, POLICY)).toMatchObject({ accepted: true, next: { state: 'scheduled' } });
    const withdrawn = eventForDecision({ type: 'withdrawn', at: '2021-02-01T12:00:00.000Z', reason: 'no longer needed' });
    expect(withdrawn).toEqual({ type: 'CANCEL', at: '2021-02-01T12:00:00.000Z', reason: 'decision withdrawn: no longer needed' });
    const cancelled = applyArrangementEvent(planned, withdrawn, POLICY);
    expect(cancelled).toMatchObject({ accepted: true, next: { state: 'cancelled', context: { cancelled: { reason: 'decision withdrawn: no longer needed' } } } });
    if (cancelled.accepted) {
      expect(representArrangement('a1', cancelled.next, { decidedAt: null })).toMatchObject({ state: 'cancelled', cancelled: { at: '2021-02-01T12:00:00.000Z' } });
      expect(applyArrangementEvent(cancelled.next, effective, POLICY)).toMatchObject({ accepted: false, state: 'cancelled', allowedActions: [], reason: "effective is not allowed in state 'cancelled'" });
    }
  });

  it('lets an officer edit it only while planned or proposed, and never drop its end', () => {
    const planned = startArrangement({ facts });
    expect(applyArrangementEvent(planned, { type: 'EDIT', at: '2021-01-01T00:00:00.000Z', facts: { ...facts, duration: 'P6M' } }, POLICY)).toMatchObject({ accepted: true, next: { context: { facts: { duration: 'P6M' } } } });
    expect(applyArrangementEvent(planned, { type: 'EDIT', at: '2021-01-01T00:00:00.000Z', facts: { ...facts, duration: null } }, POLICY)).toMatchObject({ accepted: false, reason: 'an end date or a duration is needed' });
    expect(arrangementActions(planned)).toEqual([]);
    expect(arrangementActions(startArrangement({ facts, proposed: true }))).toEqual(['confirm']);
  });

  it('keeps what was given beside what an extension made of it', () => {
    const r = applyArrangementEvent(startArrangement({ facts }), { type: 'EFFECTIVE', at: '2021-06-01T12:00:00.000Z', decision: { effectiveAt: '2021-02-15', decidedAt: '2021-02-15' } }, POLICY);
    if (!r.accepted) throw new Error(r.reason);
    const x = applyArrangementEvent(r.next, { type: 'EXTEND', at: '2021-06-02T12:00:00.000Z', by: 'u-hr', end: '2023-03', decisionReference: 'LOP&S - 2021200' }, POLICY);
    if (!x.accepted) throw new Error(x.reason);
    expect(representArrangement('a1', x.next, { decidedAt: '2021-02-15' })).toMatchObject({
      state: 'extended',
      duration: 'P12M',
      end: null,
      resolvedStart: '2021-02-16',
      resolvedEnd: '2023-03-31',
      extensions: [{ end: '2023-03', resolvedEnd: '2023-03-31', decisionReference: 'LOP&S - 2021200', at: '2021-06-02T12:00:00.000Z', by: 'u-hr' }],
    });
  });
});
