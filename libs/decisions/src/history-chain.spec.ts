import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { HistoryCheck } from '#libs/store';
import { judgeChain } from './history-chain.js';

const chain = (n: number): HistoryCheck[] =>
  Array.from({ length: n }, (_, i) => ({ seq: i + 1, hash: `h${i + 1}`, expected: `h${i + 1}`, previousSeq: i === 0 ? null : i }));

describe('judgeChain', () => {
  it('accepts an intact chain as long as the version, naming its head', () => {
    expect(judgeChain(chain(3), 3)).toEqual({ valid: true, entries: 3, head: 'h3' });
  });

  it('says where a changed entry breaks it', () => {
    const c = chain(5);
    c[2] = { ...c[2], expected: 'other' };
    expect(judgeChain(c, 5)).toMatchObject({ valid: false, brokenAt: { seq: 3, reason: expect.stringMatching(/entry 3 does not match its hash/) } });
  });

  it('finds a deleted entry in the middle and entries cut off the end', () => {
    const c = chain(5);
    c.splice(1, 1);
    expect(judgeChain(c, 5)).toMatchObject({ valid: false, brokenAt: { seq: 2, reason: expect.stringMatching(/entry 2 is missing/) } });
    expect(judgeChain(chain(3), 5)).toMatchObject({ valid: false, brokenAt: { seq: 4, reason: expect.stringMatching(/entries 4 to 5 are missing/) } });
    expect(judgeChain(chain(4), 3)).toMatchObject({ valid: false, brokenAt: { seq: 4 } });
  });

  it('reports the first break, whichever entries are changed', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), fc.uniqueArray(fc.nat(29), { minLength: 1 }), (n, changed) => {
        const c = chain(n);
        const hit = changed.filter((i) => i < n);
        fc.pre(hit.length > 0);
        for (const i of hit) c[i] = { ...c[i], expected: 'x' };
        expect(judgeChain(c, n).brokenAt?.seq).toBe(Math.min(...hit) + 1);
      }),
    );
  });
});
