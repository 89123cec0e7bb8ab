import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { DISPLAY_STATUSES } from './fields.js';
import { parseDecisionRecord } from './parse.js';
import { emptyRecord, type DecisionRecord } from './record.js';
import { renderDecisionRecord } from './render.js';
import { seedText } from './testing/seeds.js';

const record = (input: string): DecisionRecord => {
  const result = parseDecisionRecord(input);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.record;
};

describe('rendering the text layout', () => {
  it("reproduces Doncaster's record byte for byte", () => {
    expect(renderDecisionRecord(record(seedText('doncaster')))).toBe(seedText('doncaster'));
  });

  it("reproduces Oldham's record line for line, but for the repeated email address and the no-break space", () => {
    const rendered = renderDecisionRecord(record(seedText('oldham'))).split('\n');
    const seed = seedText('oldham').split('\n');
    expect(rendered).toHaveLength(seed.length);
    const differing = rendered.flatMap((line, i) => (line === seed[i] ? [] : [[line, seed[i]]]));
    expect(differing).toEqual([
      [
        'Contact: Bruce Penhale, Head of Stronger Communities Service 0161 770 4196 Email: bruce.penhale@oldham.gov.uk.',
        'Contact: Bruce Penhale, Head of Stronger Communities Service 0161 770 4196 Email:\u00a0bruce.penhale@oldham.gov.uk Email:\u00a0Bruce.penhale@oldham.gov.uk.',
      ],
    ]);
  });

  it('round-trips both seeds: parsed, rendered and parsed again, every field is the same', () => {
    for (const seed of ['oldham', 'doncaster'] as const) {
      const once = record(seedText(seed));
      expect(record(renderDecisionRecord(once))).toEqual(once);
    }
  });

  it('writes the reference on its own line when it would not read back from the title line', () => {
    const r = { ...record(seedText('oldham')), reference: 'OLDHAM-MASH-2020' };
    const text = renderDecisionRecord(r);
    expect(text).toContain('\n\nReference: OLDHAM-MASH-2020\n\n');
    expect(record(text)).toEqual(r);
  });
});

// Words that can never form a label, a marker or a date, so generated text reads back as itself.
const WORD = fc.constantFrom('early', 'help', 'capacity', 'school', 'team', 'budget', 'temporary', 'posts', 'review', 'children', 'families', 'service', 'support', 'the', 'of', 'and', 'for', 'in', 'care', 'social', 'hub', 'model', 'agreed', 'approve', '50%', '£226k', 'Grade', 'officer');
const NAME = fc.constantFrom('Bruce', 'Alison', 'Penhale', 'Tomes', 'Jo', 'Smith', 'Head', 'Manager', 'Lead');
const phrase = (min = 1, max = 8) => fc.array(WORD, { minLength: min, maxLength: max }).map((w) => w.join(' '));
const paragraphs = fc.array(phrase(), { minLength: 1, maxLength: 3 }).map((p) => p.join('\n'));
const isoDate = fc.date({ min: new Date('1995-01-01T00:00:00Z'), max: new Date('2035-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
const bool = fc.constantFrom(true, false, null);
const nullable = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: null });

const marked = fc.array(phrase(), { minLength: 1, maxLength: 5 }).chain((texts) =>
  fc.record({
    preamble: nullable(phrase().map((p) => `RESOLVED ${p}:`)),
    recommendations: fc.constant(texts.map((text, i) => ({ marker: i % 2 ? `${String.fromCharCode(97 + i)})` : `${i + 1}.`, text }))),
  }),
);
const unmarked = fc.record({
  preamble: nullable(phrase().map((p) => `RESOLVED ${p}:`)),
  recommendations: fc.array(phrase().map((text) => ({ marker: null, text })), { minLength: 1, maxLength: 4 }),
});

const contact = fc.record({
  name: fc.array(NAME, { minLength: 1, maxLength: 3 }).map((w) => w.join(' ')),
  post: nullable(phrase(1, 5)),
  phone: nullable(fc.constantFrom('0161 770 4196', '01302 734000', '020 7946 0018')),
  emails: fc.uniqueArray(fc.constantFrom('a.person@oldham.gov.uk', 'team@doncaster.gov.uk', 'x@example.org'), { maxLength: 2 }),
});

const generatedRecord: fc.Arbitrary<DecisionRecord> = fc.record({
  ...Object.fromEntries(Object.entries(emptyRecord()).map(([k, v]) => [k, fc.constant(v)])),
  reference: nullable(fc.constantFrom('LOP&S - 2021035', 'KD 2021/035', 'RAT-2026-0001', 'OLDHAM-MASH-2020', 'Item 7b')),
  title: phrase(1, 12),
  decisionMaker: phrase(1, 6),
  status: nullable(fc.constantFrom(...DISPLAY_STATUSES)),
  isKeyDecision: bool,
  isSubjectToCallIn: bool,
  isUrgent: bool,
  purpose: nullable(paragraphs),
  decision: fc.oneof(marked, unmarked),
  reasons: nullable(paragraphs),
  alternativeOptions: nullable(paragraphs),
  otherConsulted: nullable(paragraphs),
  conflictsOfInterest: nullable(paragraphs),
  dispensation: nullable(paragraphs),
  risks: nullable(paragraphs),
  contact: nullable(contact),
  publicationDate: nullable(isoDate),
  dateOfDecision: isoDate,
  effectiveFrom: nullable(isoDate),
  wardsAffected: fc.array(phrase(1, 3), { maxLength: 3 }),
  reportAuthor: nullable(phrase(1, 3)),
  decidedAtMeeting: nullable(phrase(1, 4)),
  documents: fc.array(fc.record({ title: phrase(1, 4), url: nullable(fc.constantFrom('https://example.org/a.pdf', 'documents/s7942/report.pdf')) }), { maxLength: 3 }),
}) as fc.Arbitrary<DecisionRecord>;

describe('round trip, property-based', () => {
  it('any record rendered as text reads back as the same record', () => {
    fc.assert(
      fc.property(generatedRecord, (r) => {
        const back = parseDecisionRecord(renderDecisionRecord(r));
        expect(back).toMatchObject({ ok: true });
        if (back.ok) expect(back.record).toEqual(r);
      }),
      { numRuns: 300 },
    );
  });
});
