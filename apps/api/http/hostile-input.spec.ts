import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { hostileInputProblems, MAX_DEPTH } from './hostile-input.js';

const nest = (depth: number): unknown => {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
};

describe('hostile input', () => {
  it('accepts ordinary JSON, unicode included', () => {
    fc.assert(
      fc.property(fc.json({ depthSize: 'small', stringUnit: 'grapheme' }), (text) => {
        const value = JSON.parse(text);
        fc.pre(!text.includes('__proto__') && !text.includes('"constructor"') && !text.includes('"prototype"'));
        expect(hostileInputProblems(value, 'body')).toEqual([]);
      }),
    );
  });

  it('finds a NUL byte wherever it is, naming the path', () => {
    expect(hostileInputProblems({ title: 'a\u0000b' }, 'body')).toEqual([{ field: 'title', message: expect.stringMatching(/NUL/) }]);
    expect(hostileInputProblems({ consultees: [{ area: 'hr', label: '\u0000' }] }, 'body')).toEqual([
      { field: 'consultees.0.label', message: expect.stringMatching(/NUL/) },
    ]);
    expect(hostileInputProblems({ ['a\u0000']: 1 }, 'body')).toEqual([{ field: 'a\\u0000', message: expect.stringMatching(/NUL/) }]);
    expect(hostileInputProblems('x\u0000', 'page')).toEqual([{ field: 'page', message: expect.stringMatching(/NUL/) }]);
    fc.assert(
      fc.property(fc.string(), fc.string(), (before, after) => {
        expect(hostileInputProblems({ comments: `${before}\u0000${after}` }, 'body').map((p) => p.field)).toContain('comments');
      }),
    );
  });

  it('refuses unpaired surrogates but not paired ones', () => {
    expect(hostileInputProblems({ t: '\ud800' }, 'body')).toHaveLength(1);
    expect(hostileInputProblems({ t: 'x\udc00' }, 'body')).toHaveLength(1);
    expect(hostileInputProblems({ t: '😀 \ud83d\ude00' }, 'body')).toEqual([]);
  });

  it('refuses __proto__, constructor and prototype as field names', () => {
    for (const key of ['__proto__', 'constructor', 'prototype']) {
      expect(hostileInputProblems(JSON.parse(`{"contact": {"${key}": {"admin": true}}}`), 'body')).toEqual([
        { field: `contact.${key}`, message: 'is not an allowed field name' },
      ]);
    }
  });

  it(`stops at ${MAX_DEPTH} levels, without recursion, however deep the value`, () => {
    expect(hostileInputProblems(nest(MAX_DEPTH), 'body')).toEqual([]);
    expect(hostileInputProblems(nest(MAX_DEPTH + 1), 'body')).toEqual([{ field: expect.any(String), message: expect.stringMatching(/nested too deeply/) }]);
    const deep = JSON.parse('['.repeat(100_000) + ']'.repeat(100_000));
    expect(hostileInputProblems(deep, 'body')).toHaveLength(1);
  });
});
