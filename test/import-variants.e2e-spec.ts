import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import request from 'supertest';
import { parseDecisionRecord, type DecisionRecord } from '#libs/records';
import { startApi, tokenFor, USERS, type TestApi } from './support/api.js';
import { databaseSnapshot } from './support/db-snapshot.js';
import { cleanUp, testConfig } from './support/environment.js';

const SEEDS = {
  oldham: readFileSync('test/fixtures/seeds/000_df90ee194b41cad9.txt', 'utf8'),
  doncaster: readFileSync('test/fixtures/seeds/002_90fd4c86da8dc638.txt', 'utf8'),
};
const RUNS = Number(process.env.FUZZ_RUNS ?? 40);

/** Gives the record a reference of its own (in Doncaster's title-line form), so each variant is a new record. */
function withReference(text: string, reference: string): string {
  const lines = text.split(/\r?\n/);
  const i = lines.findIndex((l, n) => n > 0 && l.trim() !== '');
  lines[i] = `${reference} - ${lines[i].replace(/^LOP&S - 2021035 - /, '')}`;
  return lines.join('\n');
}

/** The sections of a record: its head, then each label with the lines up to the next. */
function sections(text: string): string[] {
  const parts = text.split(/\n(?=(?:Decision Maker|Decision status|Is Key decision\?|Is subject to call in\?|Purpose|Decision|Reasons for the decision|Alternative options considered|Other reasons \/ organisations consulted|Contact|Publication date|Date of decision|Accompanying Documents):?)/);
  return parts;
}

const html = (text: string) =>
  `<!doctype html><html><head><title>Decision details</title></head><body><div id="modgov"><div class="mgContent">${text
    .split('\n')
    .map((l) => `<p>${l.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>`)
    .join('\n')}</div></div></body></html>`;

/**
 * Variants made from the seeds through POST /api/import/decision-record: each gives the record (every field
 * as the parser reads the variant, read back from the register) or a 400 naming what is missing, with the
 * database unchanged; random text never gives a 500 nor a partial record.
 */
describe('import variants and random text (HTTP, PostgreSQL)', () => {
  const config = testConfig({ REGISTER_PUBLISH_PENDING: 'true' });
  let api: TestApi;
  let n = 0;

  beforeAll(async () => {
    api = await startApi(config);
  });
  afterAll(async () => {
    await api?.app.close();
    await cleanUp(config);
  });

  const post = (content: string, type = 'text/plain') =>
    request(api.server).post('/api/import/decision-record').set('Authorization', `Bearer ${tokenFor(USERS.admin)}`).set('Content-Type', `${type}; charset=utf-8`).send(content);

  const parsed = (text: string, format?: 'html'): DecisionRecord => {
    const r = parseDecisionRecord(text, { format });
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    return r.record;
  };

  /** Imports the variant and checks the register gives back exactly what the variant says. */
  async function importsExactly(variant: string, type = 'text/plain') {
    const res = await post(variant, type);
    expect({ status: res.status, body: res.status === 201 ? null : res.body }).toEqual({ status: 201, body: null });
    const text = await api.anonymous().get(`/api/public/decisions/${res.body.decision.id}`).set('Accept', 'text/plain').expect(200);
    const { effectiveFrom: _a, ...back } = parsed(text.text);
    const { effectiveFrom: _b, ...expected } = parsed(variant, type === 'text/html' ? 'html' : undefined);
    expect(back).toEqual(expected);
    return { res, record: expected };
  }

  for (const [name, seed] of Object.entries(SEEDS)) {
    describe(name, () => {
      const variant = () => withReference(seed, `VAR - ${2020000 + ++n}`);

      it('CRLF, odd spacing and lower-case labels read as the seed', async () => {
        const crlf = variant().replace(/\n/g, '\r\n');
        const { record } = await importsExactly(crlf);
        const { reference: _r, effectiveFrom: _e, ...seedFields } = parsed(seed);
        const { reference: _v, ...fields } = record;
        expect(fields).toEqual(seedFields);
        await importsExactly(variant().replace(/^(.+?):\s*/gm, (m, label: string) => (label.length < 45 ? `  ${label.toLowerCase()} :   ` : m)).replace(/\n\n/g, '\n \n\t\n'));
      });

      it('HTML-wrapped', async () => {
        const { record } = await importsExactly(html(variant()), 'text/html');
        expect(record.title).toBe(parsed(seed).title);
      });

      it('sections reordered', async () => {
        const [head, ...rest] = sections(variant());
        await importsExactly([head, ...rest.reverse()].join('\n'));
      });

      it('optional sections missing', async () => {
        const dropped = sections(variant()).filter((s) => !/^(Purpose|Alternative options considered|Contact|Other reasons)/.test(s));
        const { res } = await importsExactly(dropped.join('\n'));
        expect(res.body.decision).toMatchObject({ purpose: '', alternativeOptions: [], contact: null, otherConsulted: null });
      });

      it('a required section missing: 400 naming it, the database unchanged', async () => {
        for (const [label, field] of [['Decision Maker', 'decisionMaker'], ['Decision status', 'status'], ['Date of decision', 'dateOfDecision'], ['Decision:', 'decision']] as const) {
          const before = await databaseSnapshot(config);
          const res = await post(sections(variant()).filter((s) => !s.startsWith(label)).join('\n'));
          expect({ label, status: res.status, fields: res.body.details?.map((d: { field: string }) => d.field) }).toEqual({ label, status: 400, fields: [field] });
          expect(await databaseSnapshot(config)).toEqual(before);
        }
      });
    });
  }

  it('random text and random cuts of the seeds: a record or a 4xx, never a 500, never a partial record', async () => {
    const lines = Object.values(SEEDS).flatMap((s) => s.split('\n'));
    const bySection = Object.values(SEEDS).map((s) => sections(s));
    const inputs = fc.oneof(
      // Whole sections of a seed, some dropped, in any order, with a reference of their own: mostly records.
      fc.tuple(fc.constantFrom(...bySection), fc.nat(999999)).chain(([parts, ref]) => {
        const required = parts.slice(1).filter((p) => /^(Decision Maker|Decision status|Decision:|Date of decision)/.test(p));
        const optional = parts.slice(1).filter((p) => !required.includes(p));
        return fc
          .shuffledSubarray(optional)
          .chain((kept) => fc.shuffledSubarray([...required, ...kept], { minLength: required.length + kept.length }))
          .map((picked) => ({ text: [withReference(parts[0], `SEC - ${4000000 + ref}`), ...picked].join('\n'), type: 'text/plain' }));
      }),
      fc.string({ unit: 'grapheme', maxLength: 300 }).map((text) => ({ text, type: 'text/plain' })),
      fc.tuple(fc.shuffledSubarray(lines), fc.constantFrom('\n', '\r\n', '\n\n'), fc.boolean(), fc.constantFrom('text/plain', 'text/html'), fc.nat(999999)).map(([picked, eol, lower, type, ref]) => {
        const text = picked.map((l) => (lower ? l.toLowerCase() : l)).join(eol);
        // Half of them with a reference of their own, so records that parse are new records.
        return { text: ref % 2 ? `Decision details${eol}RND - ${3000000 + ref} - ${text}` : text, type };
      }),
    );
    await fc.assert(
      fc.asyncProperty(inputs, async ({ text, type }) => {
        const before = await databaseSnapshot(config);
        const res = await post(text, type);
        expect([201, 400, 409]).toContain(res.status);
        if (res.status !== 201) {
          expect(res.body).toMatchObject({ statusCode: res.status, message: expect.any(String) });
          expect(await databaseSnapshot(config)).toEqual(before);
          return;
        }
        // Stored whole: every field the parser read, one history entry.
        const record = parseDecisionRecord(text, { format: type === 'text/html' ? 'html' : undefined });
        if (!record.ok) throw new Error('stored a record that does not parse');
        const d = res.body.decision;
        expect(d).toMatchObject({ title: record.record.title, decisionMaker: { title: record.record.decisionMaker }, purpose: record.record.purpose ?? '', reasons: record.record.reasons ?? '' });
        expect(d.recommendations.map((r: { text: string }) => r.text)).toEqual(record.record.decision.recommendations.map((r) => r.text));
        const history = await api.as(USERS.admin).get(`/api/decisions/${d.id}/history`).expect(200);
        expect(history.body.map((h: { type: string }) => h.type)).toEqual(['import']);
      }),
      { numRuns: RUNS },
    );
  }, 300_000);
});
