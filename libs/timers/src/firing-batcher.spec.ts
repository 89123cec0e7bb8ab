import { describe, expect, it } from '@jest/globals';
import type { FireOutcome, TimerRef } from '#libs/engine';
import { FiringBatcher } from './firing-batcher.js';

/** A fireMany that records its batches and answers when told to. */
function recorder() {
  const batches: string[][] = [];
  const pending: (() => void)[] = [];
  const fireMany = (refs: TimerRef[]) =>
    new Promise<(FireOutcome | Error)[]>((resolve) => {
      batches.push(refs.map((r) => r.timerId));
      pending.push(() => resolve(refs.map((r) => (r.timerId.startsWith('bad') ? new Error(`${r.timerId} failed`) : r.timerId.startsWith('old') ? 'stale' : 'fired'))));
    });
  const finishOne = async () => {
    pending.shift()?.();
    // Its settling, then the turn of the event loop on which the next batch starts.
    for (let i = 0; i < 2; i++) await new Promise((r) => setImmediate(r));
  };
  return { batches, fireMany, finishOne };
}

const ref = (timerId: string): TimerRef => ({ timerId, subjectType: 'decision', subjectId: timerId });
const tick = () => new Promise((r) => setImmediate(r));

describe('FiringBatcher', () => {
  it('fires a timer that arrives at a quiet worker at once, alone', async () => {
    const r = recorder();
    const batcher = new FiringBatcher(r.fireMany, 50, 2);
    const outcome = batcher.fire(ref('t1'));
    await tick();
    expect(r.batches).toEqual([['t1']]);
    await r.finishOne();
    await expect(outcome).resolves.toBe('fired');
  });

  it('gathers arrivals while every batch in flight runs, up to the batch size, and settles each with its own outcome', async () => {
    const r = recorder();
    const batcher = new FiringBatcher(r.fireMany, 3, 1);
    const first = batcher.fire(ref('a'));
    await tick();
    const rest = ['b', 'old-c', 'bad-d', 'e'].map((id) => batcher.fire(ref(id)));
    const settled = Promise.allSettled(rest);
    await tick();
    expect(r.batches).toEqual([['a']]); // nothing more until the one in flight ends
    await r.finishOne();
    expect(r.batches).toEqual([['a'], ['b', 'old-c', 'bad-d']]);
    await r.finishOne();
    expect(r.batches).toEqual([['a'], ['b', 'old-c', 'bad-d'], ['e']]);
    await r.finishOne();
    await expect(first).resolves.toBe('fired');
    const results = await settled;
    expect(results.map((s) => (s.status === 'fulfilled' ? s.value : (s.reason as Error).message))).toEqual(['fired', 'stale', 'bad-d failed', 'fired']);
  });

  it('rejects every timer of a batch whose call itself fails, and goes on with the next', async () => {
    let calls = 0;
    const batcher = new FiringBatcher(async (refs) => {
      if (calls++ === 0) throw new Error('database gone');
      return refs.map(() => 'fired' as const);
    }, 10, 1);
    const a = batcher.fire(ref('a'));
    const b = batcher.fire(ref('b'));
    await expect(a).rejects.toThrow('database gone');
    await expect(b).rejects.toThrow('database gone');
    await expect(batcher.fire(ref('c'))).resolves.toBe('fired');
  });
});
