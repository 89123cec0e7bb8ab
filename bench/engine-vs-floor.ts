/**
 * `npm run bench:engine`: only the engine-vs-floor scenario (bench/scenarios/engine-floor.ts), for profiling.
 *
 *   npm run bench:engine -- [--n 200] [--concurrency 1,16] [--rounds 1] [--out bench/results/engine-vs-floor.json] [--engine-only]
 *
 * Uses BENCH_DATABASE_URL / BENCH_REDIS_URL (default: the test services), its own schema and key prefix, and
 * removes them afterwards. Nothing here asserts a time.
 */
import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { engineFloorApp, engineVsFloor, PER_DECISION } from './scenarios/engine-floor.js';
import { benchConfig, benchEnv, cleanUpAll, cleanUpCorner, cleanUpOnSignals, onCleanUp } from './support/env.js';

const { values: args } = parseArgs({
  options: {
    n: { type: 'string', default: '200' },
    concurrency: { type: 'string', default: '1,16' },
    rounds: { type: 'string', default: '1' },
    out: { type: 'string', default: 'bench/results/engine-vs-floor.json' },
    'engine-only': { type: 'boolean', default: false },
  },
});

cleanUpOnSignals();
const config = benchConfig(benchEnv());
cleanUpCorner(config);
try {
  const app = await engineFloorApp(config);
  onCleanUp(() => app.close());
  const results = await engineVsFloor(config, app, {
    n: Number(args.n),
    levels: args.concurrency!.split(',').map(Number),
    rounds: Number(args.rounds),
    engineOnly: args['engine-only'],
  });
  mkdirSync(dirname(args.out!), { recursive: true });
  const report = { at: new Date().toISOString(), node: process.version, decisions: Number(args.n), transitionsPerDecision: PER_DECISION, results };
  writeFileSync(args.out!, JSON.stringify(report, null, 2) + '\n');
  console.log(`written to ${args.out}`);
} finally {
  await cleanUpAll();
}
