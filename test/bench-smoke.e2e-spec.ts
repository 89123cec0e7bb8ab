import { describe, expect, it } from '@jest/globals';
import { runBench } from '../bench/run.js';
import { SUMMARY_KEYS } from '../bench/support/report.js';

/**
 * The benchmark's pieces at tiny sizes, so the suite notices when a change breaks `npm run bench`. It checks
 * what the bench reports, never how fast: the timers scenario (worker processes, a firing window) is left to
 * `npm run bench -- --quick`, and its behaviour to timer-horizon and fault-tolerance.
 */
describe('npm run bench (tiny sizes)', () => {
  it('runs engine vs floor, HTTP, pg-boss, graphile-worker and reads, and writes a summary with exactly the issue keys', async () => {
    const report = await runBench('tiny', new Set(['engine', 'http', 'competitors', 'reads']), () => undefined);

    expect(report.failed).toBeUndefined();
    expect(Object.keys(report.summary)).toEqual([...SUMMARY_KEYS]);
    for (const key of ['engineToFloor', 'engineToFloorConcurrent', 'httpToEngine', 'pgBossLatencyP99Ms', 'graphileWorkerLatencyP99Ms', 'readP99Ms']) {
      expect(typeof report.summary[key]).toBe('number');
      expect(report.summary[key] as number).toBeGreaterThan(0);
    }
    expect(report.summary.readRows).toBe(500);
    // What did not run is null, with the reason given beside it.
    for (const key of ['timerLatencyP99Ms', 'timersPending', 'redisBytesPerPendingTimer', 'reconcileMs', 'recoveryMs', 'workerScaleOut']) {
      expect(report.summary[key]).toBeNull();
      expect(report.summaryNulls[key]).toMatch(/not run/);
    }
    // Every job of the comparison fired once; the reads' plans were checked.
    const { competitors, reads } = report.scenarios as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    for (const c of [competitors.pgBoss, competitors.graphileWorker]) expect([c.fired, c.movedTwice]).toEqual([c.timers, 0]);
    expect(reads.queries.listByState.plans.length).toBeGreaterThan(0);
    expect(typeof reads.queries.listByState.seqScan).toBe('boolean');
  }, 180_000);
});
