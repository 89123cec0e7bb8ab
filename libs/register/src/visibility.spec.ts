import { describe, expect, it } from '@jest/globals';
import { DECISION_STATES } from '#libs/lifecycle';
import { isPublic, NEVER_PUBLIC } from './visibility.js';

describe('what the public register shows', () => {
  // state → [never published, published before] × [pending not published, pending published]
  const table: Record<string, [boolean, boolean, boolean, boolean]> = {
    draft: [false, false, false, false],
    consultation: [false, false, false, false],
    'for-determination': [false, true, true, true],
    deferred: [false, true, true, true],
    approved: [false, true, false, true],
    'call-in-period': [true, true, true, true],
    'called-in': [true, true, true, true],
    'referred-to-council': [true, true, true, true],
    effective: [true, true, true, true],
    closed: [true, true, true, true],
    rejected: [false, true, false, true],
    withdrawn: [false, true, false, true],
  };

  it('decides every state, with and without pending decisions published', () => {
    expect(Object.keys(table).sort()).toEqual([...DECISION_STATES].sort());
    for (const state of DECISION_STATES) {
      const got = [isPublic(state, null, false), isPublic(state, '2021-03-02', false), isPublic(state, null, true), isPublic(state, '2021-03-02', true)];
      expect([state, ...got]).toEqual([state, ...table[state]]);
    }
  });

  it('never shows a draft or a consultation', () => {
    expect([...NEVER_PUBLIC].sort()).toEqual(['consultation', 'draft']);
  });
});
