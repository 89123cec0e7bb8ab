import { describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEST_DATABASE_URL, TEST_REDIS_URL } from './support/environment.js';

/**
 * `npm run chaos -- --quick` in the e2e tier: the real API and two workers, about 100 decisions, workers
 * SIGKILLed (one, both, a burst), the API killed, the queue's Redis keys deleted; every delivery that was due
 * must have arrived, none unexpected, no timer stuck. The run's own figures are read back from its JSON.
 */
describe('chaos --quick', () => {
  it('loses no reminder and sends nothing unexpected through worker kills, an API kill and Redis wipes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ratify-chaos-quick-'));
    const out = join(dir, 'result.json');
    try {
      const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=ratify-source', 'chaos/run.ts', '--quick', '--out', out], {
        env: { ...process.env, CHAOS_DATABASE_URL: TEST_DATABASE_URL, CHAOS_REDIS_URL: TEST_REDIS_URL },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout!.on('data', (c) => (output += c));
      child.stderr!.on('data', (c) => (output += c));
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      const line = output.split('\n').find((l) => l.startsWith('chaos: '));
      if (code !== 0) throw new Error(`chaos --quick exited ${code}:\n${output.slice(-6000)}`);

      const result = JSON.parse(readFileSync(out, 'utf8'));
      expect(line).toBe(result.line);
      expect(line).toMatch(/^chaos: \d+ expected, \d+ received, 0 missing, \d+ doubled \(all with the same key\), 0 unexpected, 0 stuck timers$/);
      expect(result).toMatchObject({ missing: 0, unexpected: 0, stuckTimers: 0, doubledWithDifferentKey: 0, ok: true, faultsOwed: [] });
      expect(result.expected).toBeGreaterThan(100);
      expect(result.received).toBe(result.expected + result.extraCopies);
      // The faults really happened: single kills, both at once, a burst, the API, the Redis wipes.
      const faults: string[] = result.faults.map((f: { what: string }) => f.what);
      expect(faults.some((f) => /^SIGKILL worker-\d/.test(f))).toBe(true);
      expect(faults.some((f) => f.startsWith('SIGKILL both workers'))).toBe(true);
      expect(faults.some((f) => f.startsWith('SIGKILL (burst'))).toBe(true);
      expect(faults.some((f) => f.startsWith('SIGKILL api'))).toBe(true);
      expect(faults.filter((f) => f.startsWith("deleted the queue's Redis keys")).length).toBeGreaterThanOrEqual(1);
      expect(result.driver.serverErrors).toEqual([]);
      // The call-in deadlines fired: decisions subject to call-in reached effective by their timers.
      expect(result.database.timers['CALL_IN_PERIOD_ENDED fired']).toBeGreaterThan(0);
      // Temporary posts went overdue when their decisions took effect, and HR settled them, stopping their series.
      expect(result.arrangements.settled).toBeGreaterThan(0);
      expect(result.arrangements.byState.overdue ?? 0).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 600_000);
});
