import { describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** `npm run import -- FILE… --dry-run`, run as a user would (tsx), on the seeds and their variants. */
describe('import CLI', () => {
  const cli = (...args: string[]) =>
    run(process.execPath, ['node_modules/tsx/dist/cli.mjs', '--conditions=ratify-source', 'apps/cli/import.ts', ...args]).then(
      (r) => ({ code: 0, out: r.stdout }),
      (e: { code: number; stdout: string }) => ({ code: e.code, out: e.stdout }),
    );

  it('prints what it would import from both seeds, a progress line each and a closing summary', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ratify-import-'));
    try {
      const oldham = readFileSync('test/fixtures/seeds/000_df90ee194b41cad9.txt', 'utf8');
      writeFileSync(join(dir, 'oldham-again.html'), `<html><body><main>${oldham.split('\n').map((l) => `<p>${l.replace(/&/g, '&amp;')}</p>`).join('')}</main></body></html>`);
      writeFileSync(join(dir, 'broken.txt'), 'Decision details\n\nJust a title\n\nDecision status: Approved');
      const { code, out } = await cli('test/fixtures/seeds/000_df90ee194b41cad9.txt', 'test/fixtures/seeds/002_90fd4c86da8dc638.txt', join(dir, 'oldham-again.html'), join(dir, 'broken.txt'), '--dry-run');
      const lines = out.split('\n');
      expect(lines.filter((l) => /^\[\d\/4\]/.test(l))).toEqual([
        expect.stringMatching(/^\[1\/4\] 000_df90ee194b41cad9\.txt: would import Additional staffing .*; 5 staffing arrangements proposed$/),
        expect.stringMatching(/^\[2\/4\] 002_90fd4c86da8dc638\.txt: would import LOP&S - 2021035 – .*\(For Determination, decided 15\/02\/2021\); 2 staffing arrangements proposed$/),
        expect.stringMatching(/^\[3\/4\] oldham-again\.html: skipped as a duplicate of 000_df90ee194b41cad9\.txt/),
        expect.stringMatching(/^\[4\/4\] broken\.txt: refused — .*Decision Maker.*is missing/),
      ]);
      expect(out).toContain('temporary-post: 2 × Early Help Pathway Lead (Grade 9), P12M from taking effect, funded from COVID-19 pressures fund, managed by Alison Tomes');
      expect(out).toContain('honorarium: Children’s Social Care MASH Customer Service Officer acting as Early Help Process officer (Grade 4 → Grade 5), 01/09/2020 – 31/03/2021, retrospective');
      expect(lines).toContain('Dry run: would import 2, skipped 1 as duplicates, refused 1 (broken.txt: decisionMaker, decision, dateOfDecision).');
      expect(code).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says that storing arrives with the import endpoint, and stores nothing, without --dry-run', async () => {
    const { code, out } = await cli('test/fixtures/seeds/002_90fd4c86da8dc638.txt');
    expect(out).toContain('Nothing was stored');
    expect(code).toBe(2);
  });

  it('explains its usage', async () => {
    expect((await cli()).code).toBe(64);
  });
});
