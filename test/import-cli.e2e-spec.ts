import { describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import * as cheerio from 'cheerio';
import { loadConfig } from '#libs/config';
import { parseDecisionRecord, type DecisionRecord } from '#libs/records';
import { startApi, USERS } from './support/api.js';
import { cleanUp, testEnv } from './support/environment.js';

const run = promisify(execFile);

/** A record read from a file (or, with `isText`, from text). */
function parsed(source: string, isText = false): DecisionRecord {
  const result = parseDecisionRecord(isText ? source : readFileSync(source, 'utf8'));
  if (!result.ok) throw new Error(`does not parse: ${JSON.stringify(result.problems)}`);
  return result.record;
}

/** `npm run import -- FILE… [--dry-run]`, run as a user would (tsx), on the seeds and their variants; storing into a test schema. */
describe('import CLI', () => {
  const cli = (...args: (string | NodeJS.ProcessEnv)[]) =>
    run(process.execPath, ['node_modules/tsx/dist/cli.mjs', '--conditions=ratify-source', 'apps/cli/import.ts', ...(args.filter((a) => typeof a === 'string') as string[])], {
      env: (args.find((a) => typeof a === 'object') as NodeJS.ProcessEnv | undefined) ?? process.env,
    }).then(
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

  it('stores both seeds, one transaction each, skips them the second time, and refuses what is not a record', async () => {
    const env = testEnv({ COUNCIL_NAME: 'Test Borough Council', REGISTER_PUBLISH_PENDING: 'true' });
    const config = loadConfig(env);
    const dir = mkdtempSync(join(tmpdir(), 'ratify-import-'));
    try {
      writeFileSync(join(dir, 'broken.txt'), 'Decision details\n\nJust a title\n\nDecision status: Approved');
      const seeds = ['test/fixtures/seeds/000_df90ee194b41cad9.txt', 'test/fixtures/seeds/002_90fd4c86da8dc638.txt'];
      const first = await cli({ ...process.env, ...env }, ...seeds, join(dir, 'broken.txt'));
      const lines = first.out.split('\n');
      expect(lines.filter((l) => /^\[\d\/3\]/.test(l))).toEqual([
        expect.stringMatching(/^\[1\/3\] 000_df90ee194b41cad9\.txt: imported as \S+ \(Recommendations Approved, effective\); 5 staffing arrangements proposed$/),
        expect.stringMatching(/^\[2\/3\] 002_90fd4c86da8dc638\.txt: imported as LOP&S - 2021035 \(For Determination, for-determination\); 2 staffing arrangements proposed$/),
        expect.stringMatching(/^\[3\/3\] broken\.txt: refused — .*Decision Maker.*is missing/),
      ]);
      expect(first.out).toContain('temporary-post: 2 × Early Help Pathway Lead (Grade 9), P12M from taking effect, funded from COVID-19 pressures fund, managed by Alison Tomes');
      expect(lines).toContain('Imported 2, skipped 0 as duplicates, refused 1 (broken.txt: decisionMaker, decision, dateOfDecision).');
      expect(first.code).toBe(1);

      const again = await cli({ ...process.env, ...env }, ...seeds);
      expect(again.out.split('\n').filter((l) => /^\[\d\/2\]/.test(l))).toEqual([
        expect.stringMatching(/^\[1\/2\] 000_df90ee194b41cad9\.txt: skipped as a duplicate — this record has been imported already/),
        expect.stringMatching(/^\[2\/2\] 002_90fd4c86da8dc638\.txt: skipped as a duplicate — this record has been imported already: it is decision LOP&S - 2021035/),
      ]);
      expect(again.out).toContain('Imported 0, skipped 2 as duplicates, refused 0.');
      expect(again.code).toBe(0);

      // Out of the public register as the records they were: text, and the compatible pages.
      const api = await startApi(config);
      try {
        const list = await api.anonymous().get('/api/public/decisions').expect(200);
        expect(list.body.items.map((d: { title: string }) => d.title).sort()).toEqual([parsed(seeds[0]).title, parsed(seeds[1]).title].sort());
        for (const item of list.body.items as { id: string; number: number; title: string }[]) {
          const seed = seeds.find((f) => parsed(f).title === item.title)!;
          const text = await api.anonymous().get(`/api/public/decisions/${item.id}`).set('Accept', 'text/plain').expect(200);
          expect({ ...parsed(text.text, true), effectiveFrom: null }).toEqual(parsed(seed));
          const page = cheerio.load((await api.anonymous().get(`/ieDecisionDetails.aspx?ID=${item.number}`).expect(200)).text);
          expect(page('h2.mgSubTitleTxt').text()).toContain(item.title);
        }
        const history = await api.as(USERS.admin).get(`/api/decisions/${list.body.items[0].id}/history`).expect(200);
        expect(history.body[0]).toMatchObject({ type: 'import', payload: { importedFrom: expect.stringMatching(/\.txt$/), format: 'text' }, actor: { userId: expect.stringMatching(/^cli-/) } });
      } finally {
        await api.app.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await cleanUp(config);
    }
  });

  it('explains its usage', async () => {
    expect((await cli()).code).toBe(64);
  });
});
