import { describe, expect, it } from '@jest/globals';
import { defaultConstitution } from '#libs/constitution';
import { extractArrangements, parseDecisionRecord, type DecisionRecord } from '#libs/records';
import { seedText } from '../../records/src/testing/seeds.js';
import { ImportRefused, importedDecision } from './imported-decision.js';

const actor = { userId: 'u-ds', name: 'Dana Scott', roles: ['democratic-services'] };
const record = (text: string): DecisionRecord => {
  const r = parseDecisionRecord(text);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.record;
};
const make = (r: DecisionRecord, now: string) =>
  importedDecision(r, extractArrangements(r), { id: 'id-1', now: new Date(now), actor, constitution: defaultConstitution(), source: { name: 'seed.txt', format: 'text' } }).decision;

const OLDHAM = seedText('oldham');
const DONCASTER = seedText('doncaster');
/** Oldham's record as a decision subject to call-in (the default constitution: 5 clear working days, 17:00). */
const SUBJECT_TO_CALL_IN = OLDHAM.replace('Is subject to call in?: No', 'Is subject to call in?: Yes');

describe('importedDecision: the state a record implies (pure: time and the constitution are arguments)', () => {
  it('Oldham, published and not subject to call-in: effective from its publication date', () => {
    const d = make(record(OLDHAM), '2026-01-05T10:00:00.000Z');
    expect(d).toMatchObject({ state: 'effective', decidedAt: '2020-11-18', publishedAt: '2020-11-18', reference: '', importKey: expect.stringMatching(/^record:/) });
    expect(d.lifecycle.context).toMatchObject({ effectiveAt: '2020-11-18', callInDeadline: null, consultees: [] });
    expect(d.imported).toMatchObject({ source: { name: 'seed.txt', format: 'text' }, referenceGiven: false, record: { emails: ['bruce.penhale@oldham.gov.uk'] } });
  });

  it('subject to call-in: in its call-in period until the deadline the calendar gives, effective after it', () => {
    const during = make(record(SUBJECT_TO_CALL_IN), '2020-11-20T12:00:00.000Z');
    expect(during.state).toBe('call-in-period');
    // Published Wed 18/11/2020: five clear working days end Wed 25/11 at 17:00 (GMT).
    expect(during.lifecycle.context.callInDeadline).toBe('2020-11-25T17:00:00.000Z');
    const after = make(record(SUBJECT_TO_CALL_IN), '2020-11-25T17:00:00.000Z');
    expect(after.state).toBe('effective');
    expect(after.lifecycle.context.effectiveAt).toBe('2020-11-25T17:00:00.000Z');
  });

  it('approved with no publication date: approved, its date of decision kept', () => {
    const d = make(record(OLDHAM.replace(/Publication date: .*\n/, '')), '2026-01-05T10:00:00.000Z');
    expect(d).toMatchObject({ state: 'approved', decidedAt: '2020-11-18', publishedAt: null });
  });

  it('Doncaster, For Determination: pending since its publication date, its date of decision the planned one', () => {
    const d = make(record(DONCASTER), '2026-01-05T10:00:00.000Z');
    expect(d).toMatchObject({ state: 'for-determination', reference: 'LOP&S - 2021035', decidedAt: null, publishedAt: null, plannedDeterminationAt: '2021-02-15' });
    expect(d.lifecycle.context.forDeterminationAt).toBe('2021-03-02T00:00:00.000Z');
    expect(d.funding).toEqual([{ amount: 226000, currency: 'GBP', source: 'COVID-19 pressures fund' }]);
  });

  it('a key decision approved elsewhere is imported approved: the forward-plan guard is for approvals made here', () => {
    const d = make(record(OLDHAM.replace('Is Key decision?: No', 'Is Key decision?: Yes')), '2026-01-05T10:00:00.000Z');
    expect(d).toMatchObject({ state: 'effective', isKeyDecision: true, forwardPlanNoticeAt: null });
  });

  it('with no "Is subject to call in?" the rule for executive decisions decides (call-in applies)', () => {
    const d = make(record(OLDHAM.replace(/Is subject to call in\?: No\n/, '')), '2020-11-20T12:00:00.000Z');
    expect(d).toMatchObject({ state: 'call-in-period', isSubjectToCallIn: true });
  });

  it('refuses, naming the field: no status, a status it cannot import, dates that contradict each other', () => {
    const refused = (text: string, now = '2026-01-05T10:00:00.000Z') => {
      try {
        make(record(text), now);
      } catch (error) {
        expect(error).toBeInstanceOf(ImportRefused);
        return (error as ImportRefused).problems.map((p) => p.field);
      }
      throw new Error('imported');
    };
    expect(refused(OLDHAM.replace(/Decision status: .*\n/, ''))).toEqual(['status']);
    expect(refused(OLDHAM.replace('Recommendations Approved', 'Called In'))).toEqual(['status']);
    expect(refused(OLDHAM.replace('Publication date: 18/11/2020', 'Publication date: 17/11/2020'))).toEqual(['publicationDate']);
    expect(refused(OLDHAM, '2020-11-17T10:00:00.000Z')).toEqual(['dateOfDecision', 'publicationDate']);
  });
});
