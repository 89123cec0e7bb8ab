/**
 * The same firing load on pg-boss and on graphile-worker, against the same PostgreSQL, each in its own schema:
 * `due` jobs across the same 60-second window, each doing what the floor's transition does (lock the subject
 * row, UPDATE … version, one history INSERT) and stamping the time inside that transaction, as our timers'
 * settled_at is. Concurrency matched to our worker's; polling at 500 ms for both (see POLL_MS).
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import PgBoss from 'pg-boss';
import { Logger, run as runGraphile, makeWorkerUtils } from 'graphile-worker';
import { readFileSync } from 'node:fs';
import { latencies, sleep, timeMs } from '../support/stats.js';

export interface CompetitorOptions {
  databaseUrl: string;
  /** The bench's schema; the libraries' own schemas are named after it. */
  schema: string;
  due: number;
  windowMs: number;
  concurrency: number;
  /** The least time between scheduling's start and the window's. */
  minLeadMs: number;
  log: (line: string) => void;
}

/** Both poll for jobs that become due (graphile-worker's LISTEN/NOTIFY covers only jobs due at once): 500 ms is pg-boss's minimum; the same for both. */
const POLL_MS = 500;
/** pg-boss fires at most a batch per polling interval: 200 capped it at 400 a second, below what it can do. */
const PG_BOSS_BATCH = 1000;
const version = (name: string) => (JSON.parse(readFileSync(`node_modules/${name}/package.json`, 'utf8')) as { version: string }).version;
/** graphile-worker logs every job by default; errors still surface through the counts. */
const quiet = new Logger(() => () => undefined);

async function subjects(pool: pg.Pool, table: string, n: number): Promise<string[]> {
  await pool.query(`CREATE TABLE ${table} (id uuid PRIMARY KEY, version int NOT NULL, state text NOT NULL, due_at timestamptz, fired_at timestamptz)`);
  await pool.query(`CREATE TABLE ${table}_history (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, subject_id uuid NOT NULL, at timestamptz NOT NULL, from_state text, to_state text)`);
  const ids = Array.from({ length: n }, () => randomUUID());
  await pool.query(`INSERT INTO ${table} (id, version, state) SELECT unnest($1::uuid[]), 1, 'call-in-period'`, [ids]);
  return ids;
}

/** The firing transaction both libraries' handlers run. */
async function fire(pool: pg.Pool, table: string, id: string) {
  const c = await pool.connect();
  try {
    await c.query('BEGIN');
    const { rows } = await c.query(`SELECT version, state FROM ${table} WHERE id = $1 FOR UPDATE`, [id]);
    if (rows[0].state === 'call-in-period') {
      await c.query(`UPDATE ${table} SET version = version + 1, state = 'effective', fired_at = clock_timestamp() WHERE id = $1 AND version = $2`, [id, rows[0].version]);
      await c.query(`INSERT INTO ${table}_history (subject_id, at, from_state, to_state) VALUES ($1, clock_timestamp(), 'call-in-period', 'effective')`, [id]);
    }
    await c.query('COMMIT');
  } catch (e) {
    await c.query('ROLLBACK');
    throw e;
  } finally {
    c.release();
  }
}

async function settle(pool: pg.Pool, table: string, n: number, timeoutMs: number) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE fired_at IS NOT NULL`);
    if (rows[0].n >= n || Date.now() > until) break;
    await sleep(500);
  }
  const { rows } = await pool.query<{ late_ms: number; fired_ms: number | null }>(
    `SELECT extract(epoch FROM fired_at - due_at) * 1000 AS late_ms, extract(epoch FROM fired_at) * 1000 AS fired_ms FROM ${table}`,
  );
  const fired = rows.filter((r) => r.fired_ms !== null);
  const times = fired.map((r) => Number(r.fired_ms));
  const { rows: twice } = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM (SELECT subject_id FROM ${table}_history GROUP BY subject_id HAVING count(*) > 1) x`);
  return {
    timers: n,
    fired: fired.length,
    movedTwice: twice[0].n,
    lateness: latencies(fired.map((r) => Math.max(0, Number(r.late_ms)))),
    firingPerSecond: Math.round(fired.length / ((Math.max(...times) - Math.min(...times)) / 1000)),
  };
}

function window(o: CompetitorOptions) {
  const leadMs = Math.max(o.minLeadMs, o.due * 0.15);
  const start = Date.now() + leadMs;
  return { leadMs, at: (i: number) => new Date(start + Math.floor((i * o.windowMs) / o.due)) };
}

export async function pgBossFiring(o: CompetitorOptions) {
  const pool = new pg.Pool({ connectionString: o.databaseUrl, max: o.concurrency + 2, options: `-c search_path=${o.schema}` });
  const boss = new PgBoss({ connectionString: o.databaseUrl, schema: `${o.schema}_pgboss`, max: o.concurrency + 2 });
  boss.on('error', (e) => o.log(`pg-boss: ${e.message}`));
  try {
    await boss.start();
    await boss.createQueue('bench-timer');
    const ids = await subjects(pool, 'pgboss_subjects', o.due);
    const w = window(o);
    const dues = ids.map((_, i) => w.at(i));
    await pool.query(`UPDATE pgboss_subjects s SET due_at = d.due FROM unnest($1::uuid[], $2::timestamptz[]) d(id, due) WHERE s.id = d.id`, [ids, dues]);
    const scheduleMs = await timeMs(async () => {
      for (let i = 0; i < ids.length; i += 1000) {
        await boss.insert(ids.slice(i, i + 1000).map((id, k) => ({ name: 'bench-timer', data: { id }, startAfter: dues[i + k] })));
      }
    });
    // v10 waits its polling interval after every fetch, jobs or not, so at its defaults (2 s, one job a fetch)
    // it fires 0.5 jobs a second per worker. Its own knobs, set for latency: the shortest interval it allows
    // and a batch a fetch, run `concurrency` at a time.
    await boss.work<{ id: string }>('bench-timer', { batchSize: PG_BOSS_BATCH, pollingIntervalSeconds: POLL_MS / 1000 }, async (jobs) => {
      let next = 0;
      await Promise.all(
        Array.from({ length: o.concurrency }, async () => {
          for (let i = next++; i < jobs.length; i = next++) await fire(pool, 'pgboss_subjects', jobs[i].data.id);
        }),
      );
    });
    const result = await settle(pool, 'pgboss_subjects', o.due, o.windowMs + w.leadMs + Math.max(120_000, o.due * 10));
    o.log(`pg-boss: p50 ${result.lateness.p50Ms} ms, p99 ${result.lateness.p99Ms} ms, ${result.firingPerSecond}/s`);
    return { library: `pg-boss ${version('pg-boss')}`, settings: { concurrency: o.concurrency, pollingIntervalSeconds: POLL_MS / 1000, batchSize: PG_BOSS_BATCH }, scheduleMs: Math.round(scheduleMs), ...result };
  } finally {
    await boss.stop({ graceful: false, wait: true }).catch(() => undefined);
    await pool.end();
  }
}

export async function graphileFiring(o: CompetitorOptions) {
  const pool = new pg.Pool({ connectionString: o.databaseUrl, max: o.concurrency + 4, options: `-c search_path=${o.schema}` });
  pool.on('error', (e) => o.log(`graphile-worker pool: ${e.message}`));
  pool.on('connect', (client) => client.on('error', (e) => o.log(`graphile-worker client: ${e.message}`)));
  const schema = `${o.schema}_graphile`;
  const utils = await makeWorkerUtils({ pgPool: pool, schema, logger: quiet });
  try {
    await utils.migrate();
    const ids = await subjects(pool, 'graphile_subjects', o.due);
    const w = window(o);
    const dues = ids.map((_, i) => w.at(i));
    await pool.query(`UPDATE graphile_subjects s SET due_at = d.due FROM unnest($1::uuid[], $2::timestamptz[]) d(id, due) WHERE s.id = d.id`, [ids, dues]);
    const scheduleMs = await timeMs(async () => {
      for (let i = 0; i < ids.length; i += 1000) {
        await utils.addJobs(ids.slice(i, i + 1000).map((id, k) => ({ identifier: 'bench_timer', payload: { id }, runAt: dues[i + k] })));
      }
    });
    const runner = await runGraphile({
      pgPool: pool,
      schema,
      concurrency: o.concurrency,
      pollInterval: POLL_MS,
      noHandleSignals: true,
      logger: quiet,
      taskList: { bench_timer: async (payload) => fire(pool, 'graphile_subjects', (payload as { id: string }).id) },
    });
    try {
      const result = await settle(pool, 'graphile_subjects', o.due, o.windowMs + w.leadMs + Math.max(120_000, o.due * 10));
      o.log(`graphile-worker: p50 ${result.lateness.p50Ms} ms, p99 ${result.lateness.p99Ms} ms, ${result.firingPerSecond}/s`);
      return { library: `graphile-worker ${version('graphile-worker')}`, settings: { concurrency: o.concurrency, pollInterval: POLL_MS }, scheduleMs: Math.round(scheduleMs), ...result };
    } finally {
      await runner.stop();
    }
  } finally {
    await utils.release();
    await pool.end();
  }
}

/** Their schemas, for the clean-up. */
export const competitorSchemas = (schema: string) => [`${schema}_pgboss`, `${schema}_graphile`];
