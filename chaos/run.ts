/**
 * `npm run chaos [-- --quick] [--decisions N] [--out FILE] [--keep] [--no-build]`: the reminder promise — never
 * lost, every duplicate recognisable — measured under faults. Builds, then starts the real API and two workers against their own
 * PostgreSQL schema and Redis prefix, an SMTP server and a webhook receiver of its own; drives decisions
 * through their lifecycle over HTTP while it SIGKILLs workers (one, both, bursts when the call-in deadlines
 * fall due), kills and restarts the API and deletes the queue's Redis keys late on; waits for quiet; then
 * compares what the receivers accepted with what the database says was due. See chaos/README.md.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { DateTime } from 'luxon';
import pg from 'pg';
import { signToken } from '#libs/auth';
import { deleteQueueKeys } from '#libs/queue';
import { dropSchema } from '#libs/store';
import { REMINDER_TIMER } from '#libs/reminders';
import { audit, summaryLine } from './audit.js';
import { Driver, randomScript } from './driver.js';
import { FaultLog, Monkey } from './monkey.js';
import { startSmtpReceiver } from './smtp-server.js';
import { Supervisor } from './supervisor.js';
import { startWebhookReceiver } from './webhook-receiver.js';

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const option = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const QUICK = flag('--quick');
const DECISIONS = Number(option('--decisions') ?? (QUICK ? 100 : 1000));
const OUT = option('--out') ?? join('chaos', 'results', 'latest.json');
const MODE = QUICK
  ? { concurrency: 34, maxPauseMs: 2500, firstDeadlineAfterS: 40, secondDeadlineAfterMin: 0, killEveryMs: [3000, 7000], apiKills: [0.4], quietTimeoutS: 45 }
  : { concurrency: 60, maxPauseMs: 5000, firstDeadlineAfterS: 100, secondDeadlineAfterMin: 2, killEveryMs: [6000, 15000], apiKills: [0.35, 0.7], quietTimeoutS: 60 };

const DATABASE_URL = process.env.CHAOS_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.CHAOS_REDIS_URL ?? process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

const started = Date.now();
const runId = randomBytes(4).toString('hex');
const schema = `chaos_${runId}`;
const queuePrefix = `chaos-${runId}`;
const jwtSecret = `chaos-${randomBytes(16).toString('hex')}`;
const webhookSecret = `chaos-hook-${randomBytes(16).toString('hex')}`;
const workDir = mkdtempSync(join(tmpdir(), `ratify-chaos-${runId}-`));
const log = (line: string) => console.log(`[chaos +${((Date.now() - started) / 1000).toFixed(1)}s] ${line}`);

/** The call-in deadlines: today (London) at whole minutes soon after the start, for decisions published yesterday. */
function deadlines() {
  const now = DateTime.now().setZone('Europe/London');
  const atMinute = (t: DateTime) => (t.second || t.millisecond ? t.plus({ minutes: 1 }).startOf('minute') : t);
  const first = atMinute(now.plus({ seconds: MODE.firstDeadlineAfterS }));
  const second = first.plus({ minutes: MODE.secondDeadlineAfterMin });
  // Past midnight the rule would count from another day: every decision is then published long ago instead.
  const usable = second.toISODate() === now.toISODate();
  return { first, second, usable, yesterday: now.minus({ days: 1 }).toISODate()! };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as { port: number }).port;
  await new Promise((r) => server.close(r));
  return port;
}


const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<number> {
  if (!flag('--no-build')) {
    // Incremental, its build info kept with the output: a second run rebuilds only what changed.
    log('building the apps (tsc -p tsconfig.build.json)');
    execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json', '--incremental', '--tsBuildInfoFile', 'dist/.chaos.tsbuildinfo'], { stdio: 'inherit' });
  }
  const dl = deadlines();
  const hhmm = (t: DateTime) => t.toFormat('HH:mm');
  // Call-in: one clear calendar day ending at a set time, so a decision published yesterday has its deadline
  // today, minutes into the run; key officer decisions end at the second time (quick: the same).
  const constitution = {
    callIn: {
      days: 1,
      unit: 'calendar',
      clear: true,
      endsAt: hhmm(dl.first),
      takesEffect: 'at-end',
      decisionTypes: { 'key-officer': { applies: true, endsAt: hhmm(dl.second) } },
    },
  };
  const councilConfig = join(workDir, 'constitution.json');
  writeFileSync(councilConfig, JSON.stringify(constitution, null, 2));

  const smtp = await startSmtpReceiver({ refuseRate: 0.02, maxHoldMs: 150 });
  const hooks = await startWebhookReceiver({ secret: webhookSecret, refuseRate: 0.02, maxHoldMs: 150 });
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const env: Record<string, string> = {
    NODE_ENV: 'development',
    HOST: '127.0.0.1',
    PORT: String(port),
    PUBLIC_URL: baseUrl,
    DATABASE_URL,
    DATABASE_SCHEMA: schema,
    REDIS_URL,
    QUEUE_PREFIX: queuePrefix,
    JWT_SECRET: jwtSecret,
    WEBHOOK_SECRET: webhookSecret,
    WEBHOOK_URLS: hooks.url,
    SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
    COUNCIL_CONFIG: councilConfig,
    RATE_LIMIT_WRITES: '100000000',
    // Reminders in seconds: they fall due between the driver's steps, or are cancelled by them.
    REMINDER_UNIT: 'seconds',
    REMINDER_CONSULTEE_FIRST: '1',
    REMINDER_CONSULTEE_SECOND: '3',
    REMINDER_CONSULTEE_ESCALATION: '5',
    REMINDER_DECISION_MAKER_EVERY: '2',
    REMINDER_DECISION_MAKER_TIMES: '3',
    REMINDER_APPROVED_NOT_PUBLISHED_AFTER: '1',
    REMINDER_SCRUTINY_MEETING_WITHIN: '1',
    // Arrangements (when this build has them): ended yesterday, so overdue once in effect; reminded every 3 s until settled.
    ARRANGEMENT_OVERDUE_EVERY: '3',
    // Fast recovery, so a run takes minutes: a killed worker's jobs and claims lapse within seconds.
    WORKER_CONCURRENCY: '8',
    WORKER_LOCK_MS: '5000',
    WORKER_STALLED_INTERVAL_MS: '2000',
    DELIVERY_LEASE_MS: '8000',
    DELIVERY_BACKOFF_MS: '200',
    DELIVERY_ATTEMPTS: '30',
    RECONCILE_EVERY_MS: '5000',
    REDIS_WIPE_CHECK_MS: '1000',
    TIMER_RELAY_EVERY_MS: '1000',
  };
  log(`run ${runId}: ${DECISIONS} decisions${QUICK ? ' (quick)' : ''}; schema ${schema}, Redis prefix ${queuePrefix}; logs in ${workDir}`);

  const faults = new FaultLog(started);
  const supervisor = new Supervisor(env, workDir, (name, why) => faults.add(`${name} exited on its own (${why})`, true));
  supervisor.add('api', 'api');
  supervisor.add('worker-1', 'worker');
  supervisor.add('worker-2', 'worker');

  let exitCode = 1;
  let pool: pg.Pool | null = null;
  try {
    // The API applies the migrations; the workers start once it has.
    await supervisor.start('api');
    await Promise.all([supervisor.start('worker-1'), supervisor.start('worker-2')]);
    log('API and two workers running');
    pool = new pg.Pool({ connectionString: DATABASE_URL, max: 2, options: `-c search_path=${schema}` });

    // The API's own working of the deadlines, to show they fall within the run.
    const token = signToken({ sub: 'u-ds', name: 'Dana Scott', roles: ['democratic-services'] }, jwtSecret);
    const deadlineOf = (type: string) =>
      fetch(`${baseUrl}/api/calendar/call-in-deadline?publishedAt=${dl.yesterday}&decisionType=${type}`, { headers: { Authorization: `Bearer ${token}` } })
        .then((r) => r.json() as Promise<{ deadline?: string }>)
        .then((b) => b.deadline);
    const [executiveDeadline, keyOfficerDeadline] = [await deadlineOf('executive'), await deadlineOf('key-officer')];
    log(`call-in deadlines of decisions published ${dl.yesterday}: ${executiveDeadline} (executive), ${keyOfficerDeadline} (key officer)${dl.usable ? '' : ' — past midnight: every decision is published long ago instead'}`);

    // Temporary staffing arrangements join the run once their API exists (see chaos/README.md); until then, say so.
    const openApi = (await fetch(`${baseUrl}/api/docs-json`).then((r) => r.json(), () => ({}))) as { paths?: Record<string, unknown> };
    const arrangementsApi = Object.keys(openApi.paths ?? {}).some((p) => p.startsWith('/api/arrangements'));
    log(arrangementsApi ? 'arrangements API present: some decisions approve temporary posts, settled by HR once overdue' : 'no arrangements API in this build: decisions only');

    const apiUp = async () => {
      for (;;) {
        const status = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(5000) }).then((r) => r.status, () => 0);
        if (status === 200 || status === 503) return;
        await sleep(250);
      }
    };
    const driver = new Driver({
      baseUrl,
      jwtSecret,
      runId,
      recentDate: dl.yesterday,
      maxPauseMs: MODE.maxPauseMs,
      apiUp,
      arrangements: arrangementsApi,
      arrangementDates: { start: '2026-01-05' < dl.yesterday ? '2026-01-05' : '2020-01-06', end: dl.yesterday },
    });
    // HR settles what is overdue, every few seconds, until the run is quiet.
    let settling = arrangementsApi;
    const seenOverdue = new Set<string>();
    const settler = (async () => {
      while (settling) {
        await driver.settleOverdue(seenOverdue);
        await sleep(3000);
      }
    })();
    const monkey = new Monkey(supervisor, faults, {
      killEveryMs: MODE.killEveryMs as [number, number],
      apiKillsAt: MODE.apiKills,
      bothAt: 0.25,
      wipeAt: 0.85,
      burstAt: dl.usable ? [dl.first.toMillis(), ...(dl.second.toMillis() !== dl.first.toMillis() ? [dl.second.toMillis()] : [])] : [],
      wipe: () => deleteQueueKeys(REDIS_URL, queuePrefix),
      progress: () => driver.stats.finished / DECISIONS,
      log,
    });

    // Drive: a pool of concurrent people, each taking the next decision when done with one.
    const monkeyDone = monkey.run();
    let next = 0;
    const progressTimer = setInterval(() => log(`${driver.stats.finished}/${DECISIONS} decisions done, ${driver.stats.requests} requests, ${smtp.received.length + hooks.received.length} received`), 15_000);
    await Promise.all(
      Array.from({ length: MODE.concurrency }, async () => {
        while (next < DECISIONS) {
          const n = next++;
          const script = randomScript();
          if (!dl.usable) script.publishedRecently = false;
          await driver.drive(n, script);
        }
      }),
    );
    log(`driving done in ${((Date.now() - started) / 1000).toFixed(0)} s: ${JSON.stringify(driver.stats.finalStates)}`);
    monkey.finish(); // the faults still owed happen now, and every process is running again
    await monkeyDone;
    clearInterval(progressTimer);

    // Quiet: nothing due (within the quarter hour) is pending, nothing is being sent, and the receivers have stopped.
    // A backlog still draining is not a loss: the run gives up only when nothing has moved for the time limit
    // (after the last deadline), or after an hour.
    const lastDeadline = dl.usable ? dl.second.toMillis() : Date.now();
    const giveUpAt = Date.now() + 3_600_000;
    let stillSince = Math.max(Date.now(), lastDeadline);
    let calm = 0;
    let lastReceived = -1;
    let busy = { timers: 0, deliveries: 0 };
    let lastOpen = -1;
    for (;;) {
      const { rows } = await pool.query<{ timers: string; deliveries: string }>(
        `SELECT (SELECT count(*) FROM timers WHERE status = 'pending' AND due_at < now() + interval '15 minutes') AS timers,
                (SELECT count(*) FROM notifications WHERE status IN ('pending', 'sending')) AS deliveries`,
      );
      busy = { timers: Number(rows[0].timers), deliveries: Number(rows[0].deliveries) };
      const received = smtp.received.length + hooks.received.length;
      const open = busy.timers + busy.deliveries;
      if (received !== lastReceived || open !== lastOpen) stillSince = Math.max(Date.now(), lastDeadline);
      calm = open === 0 && received === lastReceived ? calm + 1 : 0;
      lastReceived = received;
      lastOpen = open;
      if (calm >= 3) break;
      if (Date.now() > stillSince + MODE.quietTimeoutS * 1000 || Date.now() > giveUpAt) {
        log(`no quiet: nothing moved for ${MODE.quietTimeoutS} s with ${busy.timers} timers and ${busy.deliveries} deliveries still open`);
        break;
      }
      await sleep(1000);
    }
    const quietAt = new Date();
    settling = false;
    await settler;
    log(`quiet at +${((quietAt.getTime() - started) / 1000).toFixed(0)} s`);

    const due = await pool.query<{ key: string; channel: 'email' | 'webhook'; timer_id: string | null; recipient: string; message_id: string | null; status: string }>(
      `SELECT idempotency_key AS key, channel, timer_id, recipient, payload->>'messageId' AS message_id, status FROM notifications`,
    );
    const timers = await pool.query<{ id: string; kind: string; status: string; due_at: Date }>(`SELECT id, kind, status, due_at FROM timers`);
    // A decision in its call-in period is ended only by its deadline's timer: without a pending one it would wait for ever.
    const waiting = await pool.query<{ id: string }>(
      `SELECT d.id FROM decisions d WHERE d.state = 'call-in-period'
          AND NOT EXISTS (SELECT 1 FROM timers t WHERE t.subject_id = d.id AND t.kind = 'CALL_IN_PERIOD_ENDED' AND t.status = 'pending')`,
    );
    const result = audit({
      due: due.rows.map((r) => ({ idempotencyKey: r.key, channel: r.channel, timerId: r.timer_id, recipient: r.recipient, messageId: r.channel === 'email' ? r.message_id : null, status: r.status })),
      received: [...smtp.received, ...hooks.received],
      timers: timers.rows.map((t) => ({ id: t.id, kind: t.kind, status: t.status, dueAt: t.due_at })),
      // A pending timer a few seconds past due may just be firing; one past due by more than that is stuck.
      stuckBefore: new Date(quietAt.getTime() - 10_000),
      waitingWithoutClock: waiting.rows.map((r) => `decision ${r.id} (call-in-period)`),
      reminderKind: REMINDER_TIMER,
    });
    const percentiles = async (sql: string) => {
      const { rows } = await pool!.query<Record<string, number | null>>(
        `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY s) AS p50, percentile_cont(0.95) WITHIN GROUP (ORDER BY s) AS p95, max(s) AS max FROM (${sql}) x`,
      );
      return Object.fromEntries(Object.entries(rows[0]).map(([k, v]) => [k, v === null ? null : Math.round(Number(v) * 100) / 100]));
    };
    const count = async (sql: string) => Object.fromEntries((await pool!.query<{ k: string; n: string }>(sql)).rows.map((r) => [r.k, Number(r.n)]));
    const wallSeconds = Math.round((Date.now() - started) / 1000);
    const faultsOwed = monkey.missingFaults();
    const report = {
      runId,
      mode: QUICK ? 'quick' : 'full',
      startedAt: new Date(started).toISOString(),
      wallSeconds,
      decisions: DECISIONS,
      ...result,
      line: summaryLine(result),
      callInDeadlines: dl.usable ? { publishedAt: dl.yesterday, executive: executiveDeadline, keyOfficer: keyOfficerDeadline } : null,
      arrangements: arrangementsApi ? { settled: driver.stats.arrangementsSettled, byState: await count(`SELECT state AS k, count(*) AS n FROM arrangements GROUP BY state`) } : 'no API in this build',
      faults: faults.entries,
      faultsOwed,
      driver: driver.stats,
      receivers: { emails: smtp.received.length, webhooks: hooks.received.length, refusedEmails: smtp.refused(), refusedWebhooks: hooks.refused() },
      database: {
        decisions: await count(`SELECT state AS k, count(*) AS n FROM decisions GROUP BY state`),
        timers: await count(`SELECT kind || ' ' || status AS k, count(*) AS n FROM timers GROUP BY 1`),
        deliveries: await count(`SELECT channel || ' ' || status AS k, count(*) AS n FROM notifications GROUP BY 1`),
        deliveryAttempts: await count(`SELECT attempts::text AS k, count(*) AS n FROM notifications GROUP BY 1`),
      },
      // Measured, never asserted: how late timers fired (settled after due) and how long deliveries took to be recorded sent.
      latencySeconds: {
        // From when it was due, or created if later (a deadline already past when published fires at once).
        timerFiredAfterDue: await percentiles(`SELECT extract(epoch FROM settled_at - greatest(due_at, created_at)) AS s FROM timers WHERE status = 'fired'`),
        deliverySentAfterCreated: await percentiles(`SELECT extract(epoch FROM sent_at - created_at) AS s FROM notifications WHERE status = 'sent'`),
      },
      processStarts: Object.fromEntries(supervisor.names().map((n) => [n, supervisor.starts(n)])),
      stillOpenAtQuiet: busy,
    };
    mkdirSync(dirname(OUT), { recursive: true });
    writeFileSync(OUT, JSON.stringify(report, null, 2) + '\n');

    console.log(summaryLine(result));
    const problems = [
      ...(result.ok ? [] : ['missing, unexpected or stuck (see samples)']),
      ...(driver.stats.serverErrors.length ? [`${driver.stats.serverErrors.length} answers of 5xx: ${driver.stats.serverErrors.slice(0, 3).join(' | ')}`] : []),
      ...(faultsOwed.length ? [`faults that never happened: ${faultsOwed.join(', ')}`] : []),
      ...(faults.entries.some((f) => f.unplanned) ? ['a process exited on its own (see faults)'] : []),
    ];
    log(`${faults.entries.length} faults, ${driver.stats.requests} requests (${driver.stats.unreachable} unreachable, ${driver.stats.conflicts} conflicts), wall time ${wallSeconds} s; figures in ${OUT}`);
    for (const [what, list] of Object.entries(result.samples)) if (list.length) log(`${what}: ${list.slice(0, 5).join('; ')}`);
    if (driver.stats.refused.length) log(`driver refused ${driver.stats.refused.length} times: ${driver.stats.refused.slice(0, 3).join(' | ')}`);
    for (const p of problems) log(`FAIL: ${p}`);
    exitCode = problems.length ? 1 : 0;
  } finally {
    await supervisor.stopAll();
    await pool?.end();
    await smtp.close();
    await hooks.close();
    if (!flag('--keep')) {
      await dropSchema({ url: DATABASE_URL, schema });
      await deleteQueueKeys(REDIS_URL, queuePrefix);
    }
  }
  return exitCode;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(2);
  },
);
