import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { matchLabel, SECTIONS } from './labels.js';
import { parseDecisionRecord } from './parse.js';
import { emptyRecord, REQUIRED_FIELDS, type DecisionRecord } from './record.js';
import { seedText } from './testing/seeds.js';

/** A seed cut into its parts: the header, the title, and one chunk per labelled section. */
interface Chunk {
  field: keyof DecisionRecord | 'header';
  lines: string[];
}

function chunks(text: string): Chunk[] {
  const out: Chunk[] = [];
  for (const line of text.split('\n')) {
    const label = matchLabel(line.trim());
    if (out.length === 0) out.push({ field: 'header', lines: [line] });
    else if (label) out.push({ field: label.section.field, lines: [line] });
    else if (out.length === 1 && line.trim()) out.push({ field: 'title', lines: [line] });
    else out[out.length - 1].lines.push(line);
  }
  return out;
}

function parsedSeed(text: string): DecisionRecord {
  const result = parseDecisionRecord(text);
  if (!result.ok) throw new Error('seed refused');
  return result.record;
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const variant = fc.record({
  dropHeader: fc.boolean(),
  drop: fc.array(fc.boolean(), { minLength: 30, maxLength: 30 }),
  dropRequired: fc.option(fc.constantFrom(...REQUIRED_FIELDS), { nil: null, freq: 4 }),
  order: fc.array(fc.nat(), { minLength: 30, maxLength: 30 }),
  labelCase: fc.array(fc.constantFrom('as-is', 'lower', 'upper'), { minLength: 30, maxLength: 30 }),
  indent: fc.array(fc.constantFrom('', ' ', '  ', '\t', '\u00a0'), { minLength: 60, maxLength: 60 }),
  blankLines: fc.integer({ min: 0, max: 3 }),
  eol: fc.constantFrom('\n', '\r\n'),
  wrap: fc.constantFrom('none', 'html-paragraphs', 'html-pre', 'html-fragment'),
});
type Variant = typeof variant extends fc.Arbitrary<infer V> ? V : never;

/** Applies a variant to a seed; returns the text and the record it should read as (or the field it lacks). */
function apply(seed: string, v: Variant): { input: string; expected: DecisionRecord | null; missing: string | null } {
  const parts = chunks(seed);
  const expected = structuredClone(parsedSeed(seed));
  const empty = emptyRecord();
  let kept = parts.filter((c, i) => {
    if (c.field === 'header') return !v.dropHeader;
    if (c.field === v.dropRequired) return false;
    const optional = c.field !== 'title' && !(REQUIRED_FIELDS as readonly string[]).includes(c.field);
    if (optional && v.drop[i % v.drop.length]) {
      (expected as unknown as Record<string, unknown>)[c.field] = (empty as unknown as Record<string, unknown>)[c.field];
      return false;
    }
    return true;
  });
  // Sections after the title in any order.
  const head = kept.filter((c) => c.field === 'header' || c.field === 'title');
  const body = kept.filter((c) => c.field !== 'header' && c.field !== 'title');
  const order = body.map((c, i) => ({ c, k: v.order[i % v.order.length] * 31 + i })).sort((a, b) => a.k - b.k).map((x) => x.c);
  kept = [...head, ...order];
  if (v.dropRequired === 'title') expected.reference = null;

  let n = 0;
  const lines = kept.flatMap((c, ci) =>
    c.lines.map((line, li) => {
      let out = line;
      if (li === 0 && c.field !== 'title' && c.field !== 'header') {
        const colon = out.indexOf(':');
        const label = colon >= 0 ? out.slice(0, colon + 1) : out;
        const rest = colon >= 0 ? out.slice(colon + 1) : '';
        const mode = v.labelCase[ci % v.labelCase.length];
        out = (mode === 'lower' ? label.toLowerCase() : mode === 'upper' ? label.toUpperCase() : label) + rest;
      }
      const pad = v.indent[n++ % v.indent.length];
      return out.trim() ? `${pad}${out}${pad}` : out;
    }).flatMap((l) => (l.trim() === '' ? [l, ...Array(v.blankLines).fill('')] : [l])),
  );

  let input: string;
  if (v.wrap === 'none') input = lines.join(v.eol);
  else if (v.wrap === 'html-pre') input = `<!doctype html><html><body><pre>${escapeHtml(lines.join(v.eol))}</pre></body></html>`;
  else {
    const paragraphs = lines.join('\n').split(/\n\s*\n/).filter((p) => p.trim());
    const body = paragraphs.map((p) => `<p>${p.split('\n').map(escapeHtml).join('<br>' + v.eol)}</p>`).join(v.eol);
    input = v.wrap === 'html-fragment' ? `<div>${body}</div>` : `<html><head><title>x</title></head><body><main>${body}</main></body></html>`;
  }
  return { input, expected: v.dropRequired ? null : expected, missing: v.dropRequired };
}

describe('variants of the seeds (property-based)', () => {
  for (const seed of ['oldham', 'doncaster'] as const) {
    it(`reads every variant of ${seed}'s record as the seed, less what was dropped, or names what is missing`, () => {
      const text = seedText(seed);
      fc.assert(
        fc.property(variant, (v) => {
          const { input, expected, missing } = apply(text, v);
          const result = parseDecisionRecord(input);
          if (expected) {
            expect(result).toMatchObject({ ok: true });
            if (result.ok) expect(result.record).toEqual(expected);
          } else {
            expect(result.ok).toBe(false);
            if (!result.ok) expect(result.missing).toContain(missing);
          }
        }),
        { numRuns: 250 },
      );
    });
  }
});

const labelLine = fc.tuple(fc.constantFrom(...SECTIONS.flatMap((s) => [s.label, ...s.aliases])), fc.string({ maxLength: 30 })).map(([l, v]) => `${l} ${v}`);
const noise = fc.oneof(fc.string({ maxLength: 80 }), fc.string({ unit: 'binary', maxLength: 80 }), labelLine, fc.constantFrom('Decision details', '<p>', '</div>', '1.', 'a)', '•', '&amp;'));

describe('random input (property-based)', () => {
  it('never throws, and gives either a complete record or the list of what is missing', () => {
    fc.assert(
      fc.property(fc.array(noise, { maxLength: 40 }), fc.constantFrom('\n', '\r\n', ' ', ''), (lines, sep) => {
        const result = parseDecisionRecord(lines.join(sep));
        if (result.ok) {
          expect(result.record.title).not.toBe('');
          expect(result.record.decisionMaker).not.toBe('');
          expect(result.record.dateOfDecision).toMatch(/^\d{4}-\d{2}-\d{2}$/);
          expect(result.record.decision.recommendations.length + (result.record.decision.preamble ? 1 : 0)).toBeGreaterThan(0);
        } else {
          expect(result.missing.length).toBeGreaterThan(0);
          for (const p of result.problems) expect(p.message).toEqual(expect.any(String));
        }
      }),
      { numRuns: 500 },
    );
  });
});
