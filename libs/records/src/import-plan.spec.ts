import { describe, expect, it } from '@jest/globals';
import { duplicateKey, planImport } from './import-plan.js';
import { seedText } from './testing/seeds.js';

describe('planning an import', () => {
  it('imports each record once: the same reference, or the same title, decision maker and date, is a duplicate', () => {
    const oldham = seedText('oldham');
    const doncaster = seedText('doncaster');
    const plan = planImport([
      { name: 'a', content: oldham },
      { name: 'b', content: doncaster },
      { name: 'c', content: oldham.replace('Decision Maker: Managing', 'decision maker:   managing').replace(/\n/g, '\r\n') },
      { name: 'd', content: `<pre>${doncaster.replace(/&/g, '&amp;').replace('Decision status: For Determination', 'Decision status: Recommendations Approved')}</pre>` },
      { name: 'e', content: 'Decision details\n\nA title only' },
    ]);
    expect(plan.map((p) => p.outcome)).toEqual(['import', 'import', 'duplicate', 'duplicate', 'refused']);
    expect(plan[2]).toMatchObject({ duplicateOf: 'a' });
    expect(plan[3]).toMatchObject({ duplicateOf: 'b' });
    expect(plan[4]).toMatchObject({ problems: expect.arrayContaining([expect.objectContaining({ field: 'decisionMaker' })]) });
    if (plan[0].outcome === 'import') expect(plan[0].extraction.arrangements).toHaveLength(5);
    if (plan[1].outcome === 'import') expect(plan[1].extraction.arrangements).toHaveLength(2);
  });

  it('keys records by reference when they have one', () => {
    const plan = planImport([{ name: 'b', content: seedText('doncaster') }]);
    if (plan[0].outcome !== 'import') throw new Error('refused');
    expect(duplicateKey(plan[0].record)).toBe('ref:lop&s - 2021035');
    expect(duplicateKey({ ...plan[0].record, reference: null })).toMatch(/^record:temporary additional staffing .*\|director of learning, opportunities and skills\|2021-02-15$/);
  });
});
