import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { ARRANGEMENT_KINDS, factsAsJson, parseArrangementFacts, parseArrangementList, type ArrangementFacts } from './index.js';
import { DONCASTER_ARRANGEMENTS, OLDHAM_ARRANGEMENTS } from './testing/seed-arrangements.js';

const field = 'staffingArrangements.0';
const minimal = { kind: 'temporary-post', title: 'Early Help Pathway Lead', duration: 'P12M' };
const problemsOf = (raw: unknown, options = {}) => {
  const r = parseArrangementFacts(raw, { field, ...options });
  return r.ok ? [] : r.problems;
};
const fieldsOf = (raw: unknown, options = {}) => [...new Set(problemsOf(raw, options).map((p) => p.field))];

/** Arrangements a client might well send, all valid. */
const validArrangement = fc.record(
  {
    kind: fc.constantFrom(...ARRANGEMENT_KINDS.filter((k) => k !== 'hours-change')),
    title: fc.string({ minLength: 1, maxLength: 60 }).filter((s) => s.trim() !== ''),
    count: fc.integer({ min: 1, max: 20 }),
    grade: fc.constantFrom('Grade 2', 'Grade 7', 'SO1'),
    start: fc.constantFrom(null, '2020-10-01', '2024-02-29'),
    ending: fc.oneof(
      fc.constantFrom('P12M', 'P6W', 'P1Y6M', 'P10D').map((duration) => ({ duration })),
      fc.constantFrom('2026-03-31', '2026-03', '2028-02').map((end) => ({ end })),
    ),
    share: fc.integer({ min: 1, max: 100 }).map((n) => `${n}%`),
    amount: fc.integer({ min: 0, max: 10_000_000 }).map((n) => n / 100),
  },
  { requiredKeys: ['kind', 'title', 'ending'] },
).map(({ ending, share, amount, ...rest }) => ({ ...rest, ...ending, funding: { source: 'COVID-19 pressures fund', share: share ?? null, amount: amount ?? null } }));

describe('parseArrangementFacts', () => {
  it('fills what is left out and keeps what is given', () => {
    const r = parseArrangementFacts(minimal);
    expect(r).toEqual({
      ok: true,
      value: {
        kind: 'temporary-post',
        title: 'Early Help Pathway Lead',
        count: 1,
        fte: null,
        grade: null,
        fromGrade: null,
        toGrade: null,
        scalePoints: null,
        hoursFrom: null,
        hoursTo: null,
        start: null,
        end: null,
        duration: 'P12M',
        funding: { source: null, amount: null, share: null },
        manager: { name: null, userId: null, email: null },
      },
    });
  });

  it('accepts both seeds as written', () => {
    expect(parseArrangementList(OLDHAM_ARRANGEMENTS).ok).toBe(true);
    expect(parseArrangementList(DONCASTER_ARRANGEMENTS).ok).toBe(true);
  });

  it('names each bad field and says how to fix it', () => {
    expect(problemsOf({ ...minimal, kind: 'contractor' })).toEqual([{ field: `${field}.kind`, message: expect.stringMatching(/kind must be one of temporary-post, agency/) }]);
    expect(problemsOf({ ...minimal, duration: 'PT8H' })).toEqual([{ field: `${field}.duration`, message: expect.stringMatching(/P12M, P6W/) }]);
    expect(fieldsOf({ kind: 'agency', title: 'x' })).toEqual([`${field}.end`]);
    expect(fieldsOf({ ...minimal, end: '2022-01-01' })).toEqual([`${field}.duration`]);
    expect(fieldsOf({ ...minimal, duration: null, start: '2021-05-01', end: '2021-04' })).toEqual([`${field}.end`]);
    expect(fieldsOf({ ...minimal, end: '2021-02-29', duration: null })).toEqual([`${field}.end`]);
    expect(fieldsOf({ ...minimal, start: '2021-03' })).toEqual([`${field}.start`]); // a start is a day
    expect(fieldsOf({ ...minimal, count: 2, fte: 3 })).toEqual([`${field}.fte`]);
    expect(fieldsOf({ ...minimal, fromGrade: 'Grade 4' })).toEqual([`${field}.toGrade`]);
    expect(fieldsOf({ ...minimal, kind: 'hours-change', hoursTo: 37 })).toEqual([`${field}.hoursFrom`]);
    expect(fieldsOf({ ...minimal, hoursFrom: 37, hoursTo: 37 })).toEqual([`${field}.hoursTo`]);
    expect(fieldsOf({ ...minimal, funding: { share: 50 } })).toEqual([`${field}.funding.share`]);
    expect(fieldsOf({ ...minimal, funding: { share: '150%' } })).toEqual([`${field}.funding.share`]);
    expect(fieldsOf({ ...minimal, funding: { amount: 10.005 } })).toEqual([`${field}.funding.amount`]);
    expect(fieldsOf({ ...minimal, manager: { email: 'alison' } })).toEqual([`${field}.manager.email`]);
    expect(fieldsOf({ ...minimal, manager: { phone: '01302' } })).toEqual([`${field}.manager.phone`]);
    expect(fieldsOf({ ...minimal, salary: 1 })).toEqual([`${field}.salary`]);
    expect(fieldsOf({ ...minimal, title: '   ' })).toEqual([`${field}.title`]);
    expect(problemsOf('two posts')).toEqual([{ field, message: expect.stringMatching(/object/) }]);
  });

  it('writes a share as a plain percentage, and ignores computed fields sent back', () => {
    const r = parseArrangementFacts({ ...minimal, funding: { share: '50.50%' }, state: 'overdue', resolvedEnd: '1999-01-01', retrospective: true });
    expect(r.ok && r.value.funding.share).toBe('50.5%');
    expect(fieldsOf({ ...minimal, id: 'x' })).toEqual([`${field}.id`]); // an id belongs to a decision's list
  });

  it('lets an imported, proposed arrangement lack an end', () => {
    expect(parseArrangementFacts({ kind: 'agency', title: 'x' }, { proposed: true }).ok).toBe(true);
  });

  it('accepts what a client might send, and reads back what it gave', () => {
    fc.assert(
      fc.property(validArrangement, (raw) => {
        const r = parseArrangementFacts(raw);
        if (!r.ok) throw new Error(JSON.stringify(r.problems));
        expect(parseArrangementFacts(factsAsJson(r.value))).toEqual(r);
        expect(r.value.title).toBe(raw.title.trim());
      }),
    );
  });

  it('never throws, and every problem names a field under the arrangement', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.dictionary(fc.constantFrom('kind', 'title', 'start', 'end', 'duration', 'fte', 'count', 'funding', 'manager', 'hoursFrom'), fc.anything())), (raw) => {
        for (const p of problemsOf(raw)) {
          expect(p.field.startsWith(field)).toBe(true);
          expect(p.message.length).toBeGreaterThan(5);
        }
      }),
    );
  });

  it('each field refuses exactly what it does not accept, and only that field is named', () => {
    const cases: [keyof ArrangementFacts | string, fc.Arbitrary<unknown>][] = [
      ['start', fc.string().filter((s) => !/^\d{4}-\d{2}-\d{2}$/.test(s))],
      ['duration', fc.string().filter((s) => !/^P/.test(s))],
      ['count', fc.oneof(fc.integer({ max: 0 }), fc.double({ min: 1.01, max: 5, noInteger: true }), fc.string())],
      ['scalePoints', fc.oneof(fc.integer({ max: 0 }), fc.integer({ min: 51 }), fc.boolean())],
      ['grade', fc.oneof(fc.integer(), fc.constant(''), fc.string({ minLength: 101, maxLength: 120 }).filter((s) => s.trim().length > 100))],
      ['title', fc.oneof(fc.integer(), fc.constant(' '))],
    ];
    for (const [key, bad] of cases) {
      fc.assert(
        fc.property(bad, (value) => {
          expect(fieldsOf({ ...minimal, [key]: value })).toEqual([`${field}.${key}`]);
        }),
      );
    }
  });
});

describe('parseArrangementList', () => {
  it('tells new arrangements from edited ones by id, and refuses ids the decision does not have', () => {
    const list = [{ ...minimal, id: 'a1' }, minimal];
    expect(parseArrangementList(list, { knownIds: ['a1', 'a2'] })).toMatchObject({ ok: true, value: [{ id: 'a1' }, { id: null }] });
    expect(parseArrangementList(list, { knownIds: [] })).toEqual({ ok: false, problems: [{ field: 'staffingArrangements.0.id', message: expect.stringMatching(/not an arrangement of this decision/) }] });
    expect(parseArrangementList([{ ...minimal, id: 'a1' }, { ...minimal, id: 'a1' }], { knownIds: ['a1'] })).toMatchObject({ ok: false, problems: [{ field: 'staffingArrangements.1.id' }] });
    expect(parseArrangementList({})).toMatchObject({ ok: false, problems: [{ field: 'staffingArrangements' }] });
  });

  it('names the index of each bad arrangement', () => {
    const r = parseArrangementList([minimal, { ...minimal, kind: 'x' }, { ...minimal, duration: 'P0D' }]);
    expect(r.ok ? [] : r.problems.map((p) => p.field)).toEqual(['staffingArrangements.1.kind', 'staffingArrangements.2.duration']);
  });
});
