/**
 * Engine vs floor: decisions driven through their lifecycle by the engine's service layer (no HTTP), beside
 * the same number of transactions done with raw `pg` (lock the row, UPDATE … version, one history INSERT, one
 * outbox INSERT, COMMIT) in the same run, at each concurrency. Used by bench/run.ts and by
 * `npm run bench:engine` (bench/engine-vs-floor.ts). Nothing here asserts a time.
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { ConfigModule, type RatifyConfig } from '#libs/config';
import { DecisionService, DecisionsModule } from '#libs/decisions';
import { startLifecycle } from '#libs/lifecycle';
import { QueueModule } from '#libs/queue';
import { StoreModule } from '#libs/store';
import { TimersModule } from '#libs/timers';
import { AREAS, consultee, dm, draft, ds, officer } from '../support/decisions.js';
import { benchDriver } from '../support/engine-driver.js';

export interface EngineFloorOptions {
  /** Decisions per round and side. */
  n: number;
  levels: number[];
  rounds: number;
  /** Only the engine (profiling). */
  engineOnly?: boolean;
  log?: (line: string) => void;
}

export interface EngineFloorRound {
  concurrency: number;
  round: number;
  engine: Run;
  floor: Run | null;
  engineToFloor: number | null;
}


/** Transactions per decision: create, submit, 3 sign-offs, approve, publish, call-in timer fired. */
export const PER_DECISION = 8;

export interface Run {
  transitions: number;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** CPU time of this Node process per transition (user + system), µs: what the engine costs beside the database. */
  nodeCpuUs: number;
  /** Of which system time (socket writes and reads). */
  nodeSysUs: number;
  /** CPU time of the PostgreSQL backends serving it, per transition, µs (from /proc; 0 elsewhere). */
  pgCpuUs?: number;
}

/** CPU time (µs) the given PostgreSQL backends have used, from /proc (0 where /proc is not there). */
function backendCpuUs(pids: number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    const file = `/proc/${pid}/stat`;
    if (!existsSync(file)) continue;
    const fields = readFileSync(file, 'utf8').split(') ')[1].split(' ');
    ticks += Number(fields[11]) + Number(fields[12]); // utime, stime
  }
  return ticks * 10_000; // 100 ticks a second
}

/** The backend pids behind a pg pool: open `n` connections at once and ask each. */
async function poolPids(pool: { connect(): Promise<{ query(q: string): Promise<{ rows: { pid: number }[] }>; release(): void }> }, n: number): Promise<number[]> {
  const clients = await Promise.all(Array.from({ length: n }, () => pool.connect()));
  const pids = await Promise.all(clients.map(async (c) => (await c.query('SELECT pg_backend_pid() AS pid')).rows[0].pid));
  clients.forEach((c) => c.release());
  return pids;
}

/** Runs `lanes` workers, each taking decisions 0..n-1 from a shared counter; `one` returns per-transaction latencies. */
async function drive(n: number, lanes: number, one: (i: number) => Promise<number[]>, pids: () => Promise<number[]> = async () => []): Promise<Run> {
  const backends = await pids();
  const pgBefore = backendCpuUs(backends);
  const latencies: number[] = [];
  let next = 0;
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      for (let i = next++; i < n; i = next++) latencies.push(...(await one(i)));
    }),
  );
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const used = process.cpuUsage(cpu);
  latencies.sort((a, b) => a - b);
  const q = (p: number) => +latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))].toFixed(2);
  return { transitions: latencies.length, seconds: +seconds.toFixed(3), perSecond: Math.round(latencies.length / seconds), p50Ms: q(0.5), p99Ms: q(0.99), nodeCpuUs: Math.round((used.user + used.system) / latencies.length), nodeSysUs: Math.round(used.system / latencies.length), pgCpuUs: Math.round((backendCpuUs(backends) - pgBefore) / latencies.length) };
}

async function timed(work: () => Promise<unknown>, into: number[]) {
  const t = process.hrtime.bigint();
  await work();
  into.push(Number(process.hrtime.bigint() - t) / 1e6);
}

function engineLifecycle(app: INestApplicationContext) {
  const decisions = app.get(DecisionService);
  const driver = benchDriver(app);
  return async (i: number) => {
    const lat: number[] = [];
    let decisionId = '';
    await timed(async () => (decisionId = (await decisions.create(draft(`Bench decision ${i}`), officer)).id), lat);
    await timed(() => decisions.act(decisionId, 'submit', {}, officer), lat);
    for (const area of AREAS) await timed(() => decisions.act(decisionId, 'sign-off', { area }, consultee(area)), lat);
    await timed(() => decisions.act(decisionId, 'approve', { decidedAt: '2020-11-18' }, dm), lat);
    let published!: Awaited<ReturnType<DecisionService['act']>>;
    await timed(async () => (published = await decisions.act(decisionId, 'publish', { publishedAt: '2020-11-18' }, ds)), lat);
    const timerId = driver.callInTimerId(published); // what the worker is handed by the job
    await timed(async () => {
      const outcome = await driver.fire(timerId, decisionId);
      if (outcome !== 'fired') throw new Error(`call-in timer of ${decisionId}: ${outcome}`);
    }, lat);
    return lat;
  };
}

/** The floor: the same transactions in raw pg, on tables shaped like the engine's (LIKE … INCLUDING ALL). */
async function floorSetup(pool: pg.Pool) {
  await pool.query(`CREATE TABLE floor_decisions (LIKE decisions INCLUDING ALL)`);
  await pool.query(`CREATE TABLE floor_history (LIKE decision_history INCLUDING ALL)`);
  // The floor is the issue's: a plain history INSERT. (The engine's also computes the entry's SHA-256 hash
  // chain since the tamper-evident history; the floor does not, so the ratio counts that against the engine.)
  await pool.query(`ALTER TABLE floor_history DROP COLUMN IF EXISTS hash`);
  await pool.query(
    `CREATE TABLE floor_outbox (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, subject_id uuid NOT NULL, kind text NOT NULL, due_at timestamptz NOT NULL, payload jsonb NOT NULL DEFAULT '{}', created_at timestamptz NOT NULL DEFAULT now())`,
  );
}

function floorLifecycle(pool: pg.Pool) {
  const lifecycle = startLifecycle({
    facts: { isKeyDecision: false, isSubjectToCallIn: true, urgency: 'none', consultees: AREAS, forwardPlanNoticeAt: null },
    rules: { forwardPlanClearDays: 28, callInMinMembers: 2 },
  });
  const states = ['consultation', 'consultation', 'consultation', 'for-determination', 'approved', 'call-in-period', 'effective'];
  const tx = async (work: (c: pg.PoolClient) => Promise<void>) => {
    const c = await pool.connect();
    try {
      await c.query('BEGIN');
      await work(c);
      await c.query('COMMIT');
    } catch (e) {
      await c.query('ROLLBACK');
      throw e;
    } finally {
      c.release();
    }
  };
  const history = (c: pg.PoolClient, id: string, seq: number, type: string, from: string | null, to: string) =>
    c.query(
      `INSERT INTO floor_history (decision_id, seq, type, at, actor_user_id, actor_name, from_state, to_state, payload) VALUES ($1, $2, $3, now(), 'u', 'U', $4, $5, '{}')`,
      [id, seq, type, from, to],
    );
  const outbox = (c: pg.PoolClient, id: string, kind: string) =>
    c.query(`INSERT INTO floor_outbox (subject_id, kind, due_at, payload) VALUES ($1, $2, now() + interval '3 days', '{}')`, [id, kind]);
  return async (i: number) => {
    const lat: number[] = [];
    const decisionId = randomUUID();
    await timed(
      () =>
        tx(async (c) => {
          await c.query(
            `INSERT INTO floor_decisions (id, reference, version, state, lifecycle, title, decision_maker_title, decision_maker_user_id, author_user_id, author_name, is_key_decision, is_subject_to_call_in, urgency, purpose, reasons)
             VALUES ($1, $2, 1, 'draft', $3, $4, 'Director', 'u-dm', 'u-officer', 'u-officer', false, true, 'none', 'Temporary capacity', 'Option 1')`,
            [decisionId, `FLOOR-${decisionId}`, lifecycle, `Bench decision ${i}`],
          );
          await history(c, decisionId, 1, 'create', null, 'draft');
          await outbox(c, decisionId, 'REMINDER');
        }),
      lat,
    );
    let from = 'draft';
    for (let k = 0; k < states.length; k++) {
      const to = states[k];
      await timed(
        () =>
          tx(async (c) => {
            const { rows } = await c.query(`SELECT * FROM floor_decisions WHERE id = $1 FOR UPDATE`, [decisionId]);
            const version = rows[0].version as number;
            await c.query(`UPDATE floor_decisions SET version = $2, state = $3, lifecycle = $4, updated_at = now() WHERE id = $1 AND version = $5`, [
              decisionId,
              version + 1,
              to,
              lifecycle,
              version,
            ]);
            await history(c, decisionId, k + 2, 'transition', from, to);
            await outbox(c, decisionId, 'REMINDER');
          }),
        lat,
      );
      from = to;
    }
    return lat;
  };
}

/** Runs both sides at each concurrency, `rounds` times; the app and schema are the caller's (made by engineFloorApp). */
export async function engineVsFloor(config: RatifyConfig, app: INestApplicationContext, options: EngineFloorOptions): Promise<EngineFloorRound[]> {
  const { n: N, levels: LEVELS, rounds: ROUNDS } = options;
  const log = options.log ?? console.log;
  const pool = new pg.Pool({ connectionString: config.databaseUrl, max: Math.max(...LEVELS), options: `-c search_path=${config.databaseSchema}` });
  const results: EngineFloorRound[] = [];
  try {
    await floorSetup(pool);
    const engine = engineLifecycle(app);
    const enginePool = (app.get(DataSource).driver as unknown as { master: Parameters<typeof poolPids>[0] }).master;
    const enginePids = () => poolPids(enginePool, config.databasePoolSize);
    const floor = floorLifecycle(pool);
    // Warm up both the same way (JIT, prepared statements and plans on every pooled connection).
    const lanes = Math.max(...LEVELS);
    await drive(Math.min(100, N), lanes, engine);
    await drive(Math.min(100, N), lanes, floor);
    for (const level of LEVELS) {
      const lanes = level;
      for (let round = 0; round < ROUNDS; round++) {
        const e = await drive(N, lanes, engine, enginePids);
        if (options.engineOnly) {
          results.push({ concurrency: lanes, round, engine: e, floor: null, engineToFloor: null });
          log(`concurrency ${lanes}: engine ${e.perSecond}/s (p50 ${e.p50Ms} ms, p99 ${e.p99Ms} ms, node ${e.nodeCpuUs} µs CPU)`);
          continue;
        }
        const f = await drive(N, lanes, floor, () => poolPids(pool, lanes));
        const ratio = +(e.perSecond / f.perSecond).toFixed(2);
        results.push({ concurrency: lanes, round, engine: e, floor: f, engineToFloor: ratio });
        log(
          `concurrency ${String(lanes).padStart(2)}: engine ${e.perSecond}/s (p50 ${e.p50Ms} ms, p99 ${e.p99Ms} ms, node ${e.nodeCpuUs} µs CPU, ${e.nodeSysUs} sys, pg ${e.pgCpuUs} µs) · floor ${f.perSecond}/s (p50 ${f.p50Ms} ms, p99 ${f.p99Ms} ms, node ${f.nodeCpuUs} µs, ${f.nodeSysUs} sys, pg ${f.pgCpuUs} µs) · engine/floor ${ratio}`,
        );
      }
    }
  } finally {
    await pool.end();
  }
  return results;
}

/** The engine as the service layer runs it (no HTTP, no worker: the bench fires the call-in timer as the worker would). */
export async function engineFloorApp(config: RatifyConfig): Promise<INestApplicationContext> {
  @Module({ imports: [ConfigModule.with(config), StoreModule, QueueModule, TimersModule, DecisionsModule] })
  class BenchModule {}
  return NestFactory.createApplicationContext(BenchModule, { logger: ['error'], abortOnError: false });
}
