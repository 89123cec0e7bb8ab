import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { extractArrangements, parseDecisionRecord } from '#libs/records';
import {
  DEFAULT_ARRANGEMENT_REMINDER_POLICY as POLICY,
  applyArrangementEvent,
  factsFromExtraction,
  prepareArrangementAction,
  startArrangement,
  weeklyHours,
  type ArrangementFacts,
} from './index.js';

/** What the import proposes for a seed record (the parser and extractor of libs/records, unchanged). */
function extracted(file: string) {
  const r = parseDecisionRecord(readFileSync(new URL(`../../../test/fixtures/seeds/${file}`, import.meta.url), 'utf8'));
  if (!r.ok) throw new Error('seed refused');
  return extractArrangements(r.record).arrangements;
}

describe('factsFromExtraction', () => {
  it("turns every arrangement the import reads from both seeds into a proposed arrangement", () => {
    const oldham = extracted('000_df90ee194b41cad9.txt').map((x) => factsFromExtraction(x));
    const doncaster = extracted('002_90fd4c86da8dc638.txt').map((x) => factsFromExtraction(x));
    for (const r of [...oldham, ...doncaster]) if (!r.ok) throw new Error(JSON.stringify(r.problems));
    const facts = [...oldham, ...doncaster].map((r) => (r as { value: ArrangementFacts }).value);
    expect(facts.map((f) => [f.kind, f.start, f.end, f.duration, f.hoursFrom, f.hoursTo, f.funding.share])).toEqual([
      ['time-allocation', '2020-10-01', '2021-03-31', null, null, null, '50%'],
      ['agency', '2020-12-01', '2021-05-31', null, null, null, null],
      ['maternity-cover', '2020-09-27', '2021-03-31', null, null, null, null],
      ['honorarium', '2020-09-01', '2021-03-31', null, null, null, null],
      ['hours-change', null, null, 'P6W', 18.5, 37, null], // "from half-time to full-time"
      ['temporary-post', null, null, 'P12M', null, null, null],
      ['temporary-post', null, null, 'P12M', null, null, null],
    ]);
    expect(oldham[1].notes).toEqual(['duration P6M dropped: the record also gives the end date 2021-05-31']);
    expect(facts[5].manager).toEqual({ name: 'Alison Tomes', userId: null, email: null });
  });

  it('waits in proposed for an officer, who confirms it with corrections', () => {
    const [, agency] = extracted('000_df90ee194b41cad9.txt');
    const r = factsFromExtraction(agency);
    if (!r.ok) throw new Error('refused');
    const proposed = startArrangement({ facts: r.value, proposed: true });
    expect(proposed.state).toBe('proposed');
    const effective = applyArrangementEvent(proposed, { type: 'EFFECTIVE', at: '2020-11-18T15:00:00.000Z', decision: { effectiveAt: '2020-11-18', decidedAt: '2020-11-18' } }, POLICY);
    if (!effective.accepted) throw new Error(effective.reason);
    const confirm = prepareArrangementAction(effective.next, 'confirm', { title: 'Agency Senior Practitioner' }, { at: '2020-11-19T09:00:00.000Z', by: 'u-officer' });
    const confirmed = confirm.ok ? applyArrangementEvent(effective.next, confirm.event, POLICY) : null;
    expect(confirmed).toMatchObject({ accepted: true, next: { state: 'scheduled', context: { facts: { title: 'Agency Senior Practitioner' } } } });
  });

  it('reads weekly hours from numbers and words, and leaves what it cannot read', () => {
    expect([weeklyHours('full-time', 37), weeklyHours('Half time', 37), weeklyHours('18.5 hours per week', 37), weeklyHours(22.2, 37), weeklyHours('most days', 37)]).toEqual([37, 18.5, 18.5, 22.2, null]);
    const r = factsFromExtraction({
      kind: 'hours-change', title: 'Officer', count: null, fte: null, grade: null, fromGrade: null, toGrade: null, scalePoints: null,
      hoursFrom: 'most days', hoursTo: 'full-time', start: null, end: null, duration: 'P6W', funding: { source: 'x fund', amount: null, share: 50 }, manager: null,
    });
    expect(r).toMatchObject({ ok: true, value: { hoursFrom: null, hoursTo: null, count: 1, funding: { share: '50%' } }, notes: ["hoursFrom 'most days' is not a number of weekly hours: left for the officer"] });
  });

  it('never throws on what an extraction might hold', () => {
    const text = fc.option(fc.string(), { nil: null });
    const num = fc.option(fc.double({ noNaN: true }), { nil: null });
    fc.assert(
      fc.property(fc.record({ kind: fc.string(), title: fc.string(), count: num, fte: num, grade: text, fromGrade: text, toGrade: text, scalePoints: num, hoursFrom: text, hoursTo: text, start: text, end: text, duration: text, funding: fc.constant(null), manager: fc.constant(null) }), (x) => {
        const r = factsFromExtraction(x);
        if (!r.ok) expect(r.problems.length).toBeGreaterThan(0);
      }),
    );
  });
});
