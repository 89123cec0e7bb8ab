/**
 * `npm run bench` (full) and `npm run bench -- --quick`: every scenario of issue 9 against real PostgreSQL
 * and Redis (BENCH_DATABASE_URL / BENCH_REDIS_URL, else TEST_*, else the local test services), each in a
 * schema and key prefix of its own, removed at the end, on failure and on Ctrl-C. Prints a table and writes
 * bench/results/latest.json (quick: quick.json, or `--out`) and the page beside it with the same name in .md
 * (latest.md, quick.md), so a partial run written elsewhere never replaces the full run's page. See bench/README.md.
 *
 *   npm run bench -- [--quick] [--only engine,http,timers,competitors,reads] [--out <json>]
 */
import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { competitorSchemas, graphileFiring, pgBossFiring } from './scenarios/competitors.js';
import { engineFloorApp, engineVsFloor, PER_DECISION, type EngineFloorRound } from './scenarios/engine-floor.js';
import { startHttpBench } from './scenarios/http.js';
import { readsApp, readsAtScale } from './scenarios/reads.js';
import { timersAtScale } from './scenarios/timers.js';
import { templateDecision, type TemplateState } from './support/decisions.js';
import { benchPool } from './support/due-decisions.js';
import { benchConfig, benchEnv, cleanUpAll, isInterrupted, cleanUpCorner, cleanUpOnSignals, onCleanUp, BENCH_DATABASE_URL, BENCH_REDIS_URL } from './support/env.js';
import { load, machine } from './support/machine.js';
import { figure, msSince } from './support/stats.js';
import { markdown, reasonsOf, summarise, table } from './support/report.js';

/** Sizes: the issue's (full), its quick ones, and tiny ones for the smoke test in `npm test`. */
export const SIZES = {
  full: { engineN: 1000, engineRounds: 3, httpN: 300, httpRounds: 3, lanes: 16, due: 100_000, farFuture: 1_000_000, windowMs: 60_000, minLeadMs: 15_000, reconcileRounds: 3, recoveryRounds: 3, scaleOutBacklog: 10_000, scaleOutRounds: 1, readRows: 1_000_000, readIterations: 200, readRounds: 3 },
  quick: { engineN: 60, engineRounds: 3, httpN: 30, httpRounds: 3, lanes: 16, due: 10_000, farFuture: 100_000, windowMs: 10_000, minLeadMs: 10_000, reconcileRounds: 3, recoveryRounds: 2, scaleOutBacklog: 1500, scaleOutRounds: 1, readRows: 100_000, readIterations: 50, readRounds: 3 },
  tiny: { engineN: 4, engineRounds: 2, httpN: 4, httpRounds: 2, lanes: 2, due: 50, farFuture: 200, windowMs: 1000, minLeadMs: 3000, reconcileRounds: 2, recoveryRounds: 1, scaleOutBacklog: 30, scaleOutRounds: 1, readRows: 500, readIterations: 5, readRounds: 2 },
};
export type Mode = keyof typeof SIZES;
export const SCENARIOS = ['engine', 'http', 'timers', 'competitors', 'reads'];

/** Runs the scenarios of `only` at the sizes of `mode`; returns the report, summary first. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type BenchReport = Record<string, any> & { summary: Record<string, unknown>; summaryNulls: Record<string, string> };

export async function runBench(mode: Mode, only: Set<string>, log: (line: string) => void): Promise<BenchReport> {
  const size = SIZES[mode];
  const started = process.hrtime.bigint();
  const report: Record<string, any> = { // eslint-disable-line @typescript-eslint/no-explicit-any
    at: new Date().toISOString(),
    mode,
    sizes: size,
    machine: await machine(BENCH_DATABASE_URL, BENCH_REDIS_URL),
    loadAverageAtStart: load(),
  };
  const scenarios: Record<string, unknown> = {};
  report.scenarios = scenarios;
  const failures: Record<string, string> = {};
  /** One scenario: a failure is recorded and the others still run; its corner is cleaned up at once. */
  async function scenario(name: string, work: () => Promise<void>) {
    if (isInterrupted()) return;
    try {
      await work();
    } catch (error) {
      failures[name] = String((error as Error).stack ?? error);
      log(`${name} failed: ${(error as Error).message}`);
    } finally {
      await cleanUpAll();
    }
  }
  try {
    if (only.has('engine') || only.has('http')) await scenario('engine+http', async () => {
      const config = benchConfig(benchEnv({ DATABASE_POOL_SIZE: String(Math.max(20, size.lanes + 4)) }));
      cleanUpCorner(config);
      const app = await engineFloorApp(config);
      onCleanUp(() => app.close());
      let rounds: EngineFloorRound[] = [];
      if (only.has('engine')) {
        log('engine vs floor');
        rounds = await engineVsFloor(config, app, { n: size.engineN, levels: [1, size.lanes], rounds: size.engineRounds, log });
        const at = (c: number) => rounds.filter((r) => r.concurrency === c);
        scenarios.engineVsFloor = {
          decisions: size.engineN,
          transitionsPerDecision: PER_DECISION,
          levels: Object.fromEntries(
            [1, size.lanes].map((c) => [
              c,
              {
                enginePerSecond: figure(at(c).map((r) => r.engine.perSecond), 0),
                engineP50Ms: figure(at(c).map((r) => r.engine.p50Ms)),
                engineP99Ms: figure(at(c).map((r) => r.engine.p99Ms)),
                floorPerSecond: figure(at(c).map((r) => r.floor!.perSecond), 0),
                floorP50Ms: figure(at(c).map((r) => r.floor!.p50Ms)),
                floorP99Ms: figure(at(c).map((r) => r.floor!.p99Ms)),
                engineToFloor: figure(at(c).map((r) => r.engineToFloor!)),
              },
            ]),
          ),
          rounds,
        };
      }
      if (only.has('http')) {
        log('lifecycle through HTTP');
        const http = await startHttpBench(config);
        try {
          await http.run(Math.min(10, size.httpN), size.lanes); // warm
          const runs = [];
          for (let r = 0; r < size.httpRounds; r++) {
            runs.push(await http.run(size.httpN, size.lanes));
            log(`http round ${r}: ${runs[r].perSecond}/s p50 ${runs[r].p50Ms} ms p99 ${runs[r].p99Ms} ms`);
          }
          const engineAtLanes = rounds.filter((r) => r.concurrency === size.lanes).map((r) => r.engine.perSecond);
          const httpPerSecond = figure(runs.map((r) => r.perSecond), 0);
          scenarios.http = {
            decisions: size.httpN,
            lanes: size.lanes,
            transitionsPerDecision: 7,
            perSecond: httpPerSecond,
            p50Ms: figure(runs.map((r) => r.p50Ms)),
            p99Ms: figure(runs.map((r) => r.p99Ms)),
            httpToEngine: engineAtLanes.length ? +(httpPerSecond.median / figure(engineAtLanes).median).toFixed(2) : null,
            runs,
          };
        } finally {
          await http.close();
        }
      }
    });

    if (only.has('timers')) await scenario('timers', async () => {
      log('timers at scale, recovery, worker scale-out');
      const env = benchEnv();
      const config = benchConfig(env);
      cleanUpCorner(config);
      const app = await engineFloorApp(config);
      onCleanUp(() => app.close());
      const pool = benchPool(config);
      onCleanUp(() => pool.end());
      const template = await templateDecision(app, 'call-in-period');
      scenarios.timers = await timersAtScale(app, config, env, pool, template, { ...size, log });
    });

    if (only.has('competitors')) await scenario('competitors', async () => {
      const config = benchConfig(benchEnv());
      cleanUpCorner(config);
      const admin = new pg.Pool({ connectionString: config.databaseUrl, max: 1 });
      onCleanUp(async () => {
        for (const s of competitorSchemas(config.databaseSchema)) await admin.query(`DROP SCHEMA IF EXISTS "${s}" CASCADE`);
        await admin.end();
      });
      await admin.query(`CREATE SCHEMA "${config.databaseSchema}"`);
      const o = { databaseUrl: config.databaseUrl!, schema: config.databaseSchema, due: size.due, windowMs: size.windowMs, minLeadMs: size.minLeadMs, concurrency: config.worker.concurrency, log };
      log('pg-boss');
      const pgBoss = await pgBossFiring(o);
      log('graphile-worker');
      const graphile = await graphileFiring(o);
      scenarios.competitors = { pgBoss, graphileWorker: graphile };
    });

    if (only.has('reads')) await scenario('reads', async () => {
      log('reads at scale');
      const config = benchConfig(benchEnv());
      cleanUpCorner(config);
      const app = await readsApp(config);
      onCleanUp(() => app.close());
      const pool = benchPool(config);
      onCleanUp(() => pool.end());
      const states: TemplateState[] = ['draft', 'consultation', 'for-determination', 'approved', 'call-in-period', 'effective'];
      const templates = {} as Record<TemplateState, string>;
      for (const s of states) templates[s] = await templateDecision(app, s);
      scenarios.reads = await readsAtScale(app, pool, templates, { rows: size.readRows, iterations: size.readIterations, rounds: size.readRounds, log });
    });
  } finally {
    await cleanUpAll();
  }

  report.loadAverageAtEnd = load();
  report.wallSeconds = Math.round(msSince(started) / 1000);
  if (Object.keys(failures).length) report.failed = failures;
  report.summary = summarise(scenarios, only);
  return { summary: report.summary as Record<string, unknown>, summaryNulls: reasonsOf(report.summary as object), ...report };
}


/** Where the markdown page of a run written to `json` goes: beside it, with the same base name. */
export function markdownPath(json: string): string {
  return join(dirname(json), `${basename(json, extname(json))}.md`);
}

/** The command line (not when imported, e.g. by the smoke test). */
if (/\/bench\/run\.[jt]s$/.test(process.argv[1] ?? '')) {
  const { values: args } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      only: { type: 'string' },
      out: { type: 'string' },
      tiny: { type: 'boolean', default: false },
    },
  });
  const mode: Mode = args.tiny ? 'tiny' : args.quick ? 'quick' : 'full';
  const out = args.out ?? (mode === 'full' ? 'bench/results/latest.json' : mode === 'quick' ? 'bench/results/quick.json' : 'bench/results/tiny.json');
  const log = (line: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);
  cleanUpOnSignals();
  const report = await runBench(mode, new Set((args.only ?? SCENARIOS.join(',')).split(',')), log);
  if (isInterrupted()) await new Promise(() => undefined); // the signal's clean-up exits when it is done
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify(report, null, 2) + '\n');
  // The page follows the JSON: beside it, same name, .md (latest.json → latest.md, /tmp/x.json → /tmp/x.md).
  const page = markdownPath(out);
  if (mode !== 'tiny') writeFileSync(page, markdown(report, basename(out)));
  console.log('\n' + table(report.summary));
  console.log(`\n${mode} run in ${report.wallSeconds} s; written to ${out}${mode !== 'tiny' ? ` and ${page}` : ''}`);
  process.exit(report.failed ? 1 : 0);
}
