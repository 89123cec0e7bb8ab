/**
 * Timers at scale, recovery and worker scale-out, through the engine's own timer path and the real worker
 * (apps/worker, as child processes):
 * - far-future timers bulk-inserted as real rows (arrangements ending in years): what they cost Redis;
 * - `due` decisions in their call-in period whose deadlines fall across a 60-second window, scheduled as
 *   the engine schedules a timer (bench/support/due-decisions.ts): time to schedule, Redis bytes per pending
 *   timer, one reconciler pass over the horizon;
 * - recovery: the queue's Redis keys deleted; time until the worker's reconciler has every due timer back;
 * - firing: lateness from due time to the committed transition (the timer's settled_at, written in the
 *   firing transaction), p50/p99/max, and that each fired exactly once;
 * - scale-out: a backlog of already-due timers fired by 1, then 2, worker processes.
 */
import type { INestApplicationContext } from '@nestjs/common';
import type { ChildProcess } from 'node:child_process';
import type pg from 'pg';
import { Redis } from 'ioredis';
import type { RatifyConfig } from '#libs/config';
import { deleteKeysMatching, TIMERS_QUEUE, TimerQueue } from '#libs/queue';
import { TimerScheduler } from '#libs/timers';
import { scheduleDueDecisions } from '../support/due-decisions.js';
import { figure, latencies, msSince, sleep, timeMs, type Figure } from '../support/stats.js';
import { cpuMsOf, postgresCpuMs, spawnWorker, stopWorker } from '../support/workers.js';

export interface TimerOptions {
  due: number;
  farFuture: number;
  windowMs: number;
  /** The least time between scheduling's start and the window's (scheduling, measuring and recovery happen in it). */
  minLeadMs: number;
  reconcileRounds: number;
  recoveryRounds: number;
  scaleOutBacklog: number;
  scaleOutRounds: number;
  log: (line: string) => void;
}

/** Sums MEMORY USAGE over the timers queue's keys (pipelined), and counts them. */
async function queueBytes(redis: Redis, prefix: string): Promise<{ keys: number; bytes: number }> {
  let cursor = '0';
  let keys = 0;
  let bytes = 0;
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', `${prefix}:${TIMERS_QUEUE}:*`, 'COUNT', 2000);
    cursor = next;
    if (batch.length === 0) continue;
    const pipeline = redis.pipeline();
    for (const k of batch) pipeline.memory('USAGE', k);
    for (const [, v] of (await pipeline.exec()) ?? []) bytes += Number(v ?? 0);
    keys += batch.length;
  } while (cursor !== '0');
  return { keys, bytes };
}

async function usedMemory(redis: Redis): Promise<number> {
  return Number(/used_memory:(\d+)/.exec(await redis.info('memory'))?.[1] ?? NaN);
}


const round2 = (n: number) => Math.round(n * 100) / 100;

/** How the worker fires timers (the settings it read from the same environment). */
function firingSettings(config: RatifyConfig) {
  const { concurrency, batchSize, batchesInFlight } = config.timers;
  return { timerConcurrency: concurrency, batchSize, batchesInFlight };
}

/**
 * Polls until every one of `ids` is settled; returns how many are still pending if `timeoutMs` runs out.
 * While it waits it counts only the pending timers due by the last of them (index timers_status_due_idx: a
 * count that shrinks as they fire), not each id — looking up 100,000 ids twice a second would cost the
 * database more than many of the firings it measures. The ids themselves are checked once at the end.
 */
async function waitSettled(pool: pg.Pool, ids: string[], timeoutMs: number): Promise<number> {
  const until = Date.now() + timeoutMs;
  const { rows: last } = await pool.query<{ due: Date }>(`SELECT max(due_at) AS due FROM timers WHERE id = ANY($1::text[])`, [ids]);
  for (;;) {
    const { rows } = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM timers WHERE status = 'pending' AND due_at <= $1`, [last[0].due]);
    if (rows[0].n === 0 || Date.now() > until) break;
    await sleep(250);
  }
  const { rows } = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM timers WHERE id = ANY($1::text[]) AND status = 'pending'`, [ids]);
  return rows[0].n;
}

/** What became of the timers: fired, lateness (settled_at − due_at) and whether any subject moved twice. */
async function outcome(pool: pg.Pool, ids: string[]) {
  const { rows } = await pool.query<{ status: string; late_ms: number; settled_ms: number }>(
    `SELECT status, extract(epoch FROM settled_at - due_at) * 1000 AS late_ms, extract(epoch FROM settled_at) * 1000 AS settled_ms FROM timers WHERE id = ANY($1::text[])`,
    [ids],
  );
  const fired = rows.filter((r) => r.status === 'fired');
  const { rows: doubled } = await pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM (SELECT h.decision_id FROM decision_history h JOIN timers t ON t.subject_id = h.decision_id
       WHERE t.id = ANY($1::text[]) AND h.type = 'call-in-period-ended' GROUP BY h.decision_id HAVING count(*) > 1) x`,
    [ids],
  );
  const settled = fired.map((r) => Number(r.settled_ms));
  const spanS = settled.length > 1 ? (Math.max(...settled) - Math.min(...settled)) / 1000 : NaN;
  return {
    timers: ids.length,
    fired: fired.length,
    notFired: rows.length - fired.length,
    movedTwice: doubled[0].n,
    lateness: latencies(fired.map((r) => Math.max(0, Number(r.late_ms)))),
    firingPerSecond: Math.round(fired.length / spanS),
  };
}

export async function timersAtScale(app: INestApplicationContext, config: RatifyConfig, env: Record<string, string>, pool: pg.Pool, template: string, o: TimerOptions) {
  const redis = new Redis(config.redisUrl!);
  const queue = app.get(TimerQueue);
  const scheduler = app.get(TimerScheduler);
  const workers: ChildProcess[] = [];
  try {
    // Far future: real timer rows, years ahead, bulk-inserted (what a register of arrangements holds).
    const before = { used: await usedMemory(redis), ...(await queueBytes(redis, config.queuePrefix)) };
    const farFutureLoadMs = await timeMs(() =>
      pool.query(
        `INSERT INTO timers (id, subject_type, subject_id, kind, due_at, payload, status, created_at)
         SELECT 'bench-far-' || g, 'arrangement', gen_random_uuid(), 'END_PASSED', now() + interval '1 year' + g * interval '2 minutes', '{}', 'pending', now()
           FROM generate_series(1, $1::int) g`,
        [o.farFuture],
      ),
    );
    await pool.query('ANALYZE timers');
    // A relay pass (what every worker runs): far-future rows are beyond the horizon, so it queues none.
    const relayedFar = await scheduler.relay();
    const afterFar = { used: await usedMemory(redis), ...(await queueBytes(redis, config.queuePrefix)) };
    o.log(`far future: ${o.farFuture} rows in ${Math.round(farFutureLoadMs)} ms; relayed ${relayedFar}; queue keys ${before.keys} → ${afterFar.keys}`);

    workers.push(await spawnWorker(env));

    // Due: across a window starting after a lead long enough to schedule, measure and recover first.
    // Scheduling runs at 5,000–10,000 timers a second and recovery about as fast: 0.6 ms a timer leaves room for both.
    const leadMs = Math.max(o.minLeadMs, o.due * 0.6);
    const start = Date.now() + leadMs;
    const dueTimes = Array.from({ length: o.due }, (_, i) => start + Math.floor((i * o.windowMs) / o.due));
    let ids: string[] = [];
    const scheduleMs = await timeMs(async () => (ids = await scheduleDueDecisions(app, pool, template, dueTimes, 'due')));
    const afterDue = { used: await usedMemory(redis), ...(await queueBytes(redis, config.queuePrefix)) };
    const pending = (await queue.willRun()).size;
    o.log(`due: ${o.due} scheduled in ${Math.round(scheduleMs)} ms; ${pending} jobs will run; ${afterDue.bytes - afterFar.bytes} bytes in ${afterDue.keys} keys`);

    const reconcile: number[] = [];
    for (let r = 0; r < o.reconcileRounds; r++) {
      let restored = -1;
      reconcile.push(await timeMs(async () => (restored = (await scheduler.reconcile()).length)));
      if (restored !== 0) o.log(`reconcile round ${r} restored ${restored} (expected none)`);
    }

    // Recovery: the worker's own clock notices the wipe (sentinel gone) and reconciles.
    const recovery: number[] = [];
    const lostAfterRecovery: number[] = [];
    for (let r = 0; r < o.recoveryRounds; r++) {
      if (r > 0 && Date.now() + 3 * Math.max(...recovery) > start) break; // never into the firing window
      await deleteKeysMatching(redis, `${config.queuePrefix}:${TIMERS_QUEUE}:*`);
      await redis.del(`${config.queuePrefix}:ratify:sentinel`);
      const t = process.hrtime.bigint();
      let missing = ids.length;
      while (missing > 0 && msSince(t) < 120_000) {
        // Cheap counts until the queue holds as many jobs as there are pending timers (reading every id
        // twenty times a second would slow the very Redis and PostgreSQL the reconciler is repairing), then
        // the exact check — queue first, then the rows: a timer that fires in between shows as settled.
        const counts = await queue.queue.getJobCounts('waiting', 'delayed', 'prioritized', 'active');
        const jobs = Object.values(counts).reduce((a, b) => a + b, 0);
        const { rows: pendingDue } = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM timers WHERE status = 'pending' AND due_at <= $1`, [new Date(dueTimes[dueTimes.length - 1])]);
        if (jobs >= pendingDue[0].n) {
          const willRun = await queue.willRun();
          const { rows } = await pool.query<{ id: string }>(`SELECT id FROM timers WHERE id = ANY($1::text[]) AND status = 'pending'`, [ids]);
          missing = rows.filter((r) => !willRun.has(r.id)).length;
        }
        if (missing > 0) await sleep(50);
      }
      recovery.push(msSince(t));
      lostAfterRecovery.push(missing);
      o.log(`recovery round ${r}: ${Math.round(recovery[r])} ms, ${missing} missing`);
    }
    const delayed = await redis.zcard(`${config.queuePrefix}:${TIMERS_QUEUE}:delayed`);
    const jobsAfterRecovery = (await queue.willRun()).size;
    const workersStartedInTime = Date.now() < start;

    const cpuBefore = cpuMsOf(workers[0]);
    const pgBefore = postgresCpuMs();
    const stillPending = await waitSettled(pool, ids, o.windowMs + leadMs + Math.max(120_000, o.due * 10));
    const fired = await outcome(pool, ids);
    const workerCpuMsPerFiring = round2((cpuMsOf(workers[0]) - cpuBefore) / fired.fired);
    const postgresCpuMsPerFiring = round2((postgresCpuMs() - pgBefore) / fired.fired);
    o.log(`firing: p50 ${fired.lateness.p50Ms} ms, p99 ${fired.lateness.p99Ms} ms, max ${fired.lateness.maxMs} ms, ${fired.firingPerSecond}/s, CPU a firing: worker ${workerCpuMsPerFiring} ms, PostgreSQL ${postgresCpuMsPerFiring} ms; ${stillPending} still pending`);
    for (const w of workers.splice(0)) await stopWorker(w);

    const scaleOut = await workerScaleOut(app, env, pool, template, o);
    return {
      farFuture: {
        timers: o.farFuture,
        loadMs: Math.round(farFutureLoadMs),
        relayedByRelay: relayedFar,
        queueKeysBefore: before.keys,
        queueKeysAfter: afterFar.keys,
        queueBytesGrowth: afterFar.bytes - before.bytes,
        redisUsedMemoryGrowth: afterFar.used - before.used,
      },
      due: {
        timers: o.due,
        windowMs: o.windowMs,
        leadMs,
        scheduleMs: Math.round(scheduleMs),
        schedulePerSecond: Math.round(o.due / (scheduleMs / 1000)),
        jobsWillRun: pending,
        queueKeys: afterDue.keys,
        queueBytes: afterDue.bytes - afterFar.bytes,
        redisUsedMemoryGrowth: afterDue.used - afterFar.used,
        bytesPerPendingTimer: Math.round((afterDue.bytes - afterFar.bytes) / o.due),
      },
      timersPending: o.due + o.farFuture,
      reconcileMs: figure(reconcile, 0),
      recovery: { ms: figure(recovery, 0), missingAfter: lostAfterRecovery, jobsAfterRecovery, delayedZsetSize: delayed, doubled: Math.max(0, jobsAfterRecovery - ids.length) },
      workersStartedBeforeWindow: workersStartedInTime,
      firing: { ...fired, stillPending, workerCpuMsPerFiring, postgresCpuMsPerFiring, workers: 1, ...firingSettings(config) },
      scaleOut,
    };
  } finally {
    for (const w of workers) await stopWorker(w);
    redis.disconnect();
  }
}

/** A backlog of due timers fired by 1 and by 2 worker processes (started first, so both are at work from the start). */
async function workerScaleOut(app: INestApplicationContext, env: Record<string, string>, pool: pg.Pool, template: string, o: TimerOptions) {
  const rates: Record<number, number[]> = { 1: [], 2: [] };
  const checks: { workers: number; fired: number; notFired: number; movedTwice: number; workerCpuMsPerFiring: number }[] = [];
  for (let round = 0; round < o.scaleOutRounds; round++) {
    for (const k of [1, 2]) {
      const workers = await Promise.all(Array.from({ length: k }, () => spawnWorker(env)));
      try {
        const now = Date.now() - 1000;
        const cpu = () => workers.reduce((sum, w) => sum + cpuMsOf(w), 0);
        const cpuBefore = cpu();
        const ids = await scheduleDueDecisions(app, pool, template, Array.from({ length: o.scaleOutBacklog }, (_, i) => now - i), `scale-${round}-${k}`);
        await waitSettled(pool, ids, 300_000);
        const r = await outcome(pool, ids);
        const workerCpuMsPerFiring = round2((cpu() - cpuBefore) / r.fired);
        rates[k].push(r.firingPerSecond);
        checks.push({ workers: k, fired: r.fired, notFired: r.notFired, movedTwice: r.movedTwice, workerCpuMsPerFiring });
        o.log(`scale-out: ${k} worker(s) ${r.firingPerSecond}/s (${r.fired}/${ids.length} fired), worker CPU ${workerCpuMsPerFiring} ms a firing`);
      } finally {
        for (const w of workers) await stopWorker(w);
      }
    }
  }
  const one = figure(rates[1], 0);
  const two = figure(rates[2], 0);
  return { backlog: o.scaleOutBacklog, oneWorkerPerSecond: one, twoWorkersPerSecond: two, ratio: figure(rates[1].map((r, i) => rates[2][i] / r)), checks } satisfies Record<string, unknown> & { ratio: Figure };
}
