/** The summary the issue asks for (exactly these keys), the printed table and the markdown page (bench/results/latest.md). */
type Any = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export const SUMMARY_KEYS = [
  'engineToFloor',
  'engineToFloorConcurrent',
  'httpToEngine',
  'timerLatencyP99Ms',
  'pgBossLatencyP99Ms',
  'graphileWorkerLatencyP99Ms',
  'timersPending',
  'redisBytesPerPendingTimer',
  'reconcileMs',
  'recoveryMs',
  'readP99Ms',
  'readRows',
  'workerScaleOut',
] as const;

/** The issue's targets, to mark each figure met or missed. */
const TARGETS: Record<string, { text: string; met: (v: number, s: Any) => boolean }> = {
  engineToFloor: { text: '≥ 0.5', met: (v) => v >= 0.5 },
  engineToFloorConcurrent: { text: '≥ 0.5', met: (v) => v >= 0.5 },
  httpToEngine: { text: '≥ 0.5', met: (v) => v >= 0.5 },
  timerLatencyP99Ms: {
    text: '≤ 250, below pg-boss and graphile-worker',
    met: (v, s) => v <= 250 && (s.pgBossLatencyP99Ms == null || v < s.pgBossLatencyP99Ms) && (s.graphileWorkerLatencyP99Ms == null || v < s.graphileWorkerLatencyP99Ms),
  },
  reconcileMs: { text: '≤ 1,000', met: (v) => v <= 1000 },
  recoveryMs: { text: '≤ 10,000', met: (v) => v <= 10_000 },
  readP99Ms: { text: '≤ 20', met: (v) => v <= 20 },
  workerScaleOut: { text: '≥ 1.6', met: (v) => v >= 1.6 },
};

/** The reads whose worst p99 is `readP99Ms`. */
export const READ_QUERIES = ['forDeterminationForMe', 'listByState', 'arrangementsEndingIn8Weeks'];

/** The summary: every key, a figure or null; and why each null is null. */
export function summarise(s: Any, ran: Set<string>): Any {
  const why: Record<string, string> = {};
  const pick = (key: string, scenario: string, value: () => unknown) => {
    if (!ran.has(scenario)) return (why[key] = `scenario '${scenario}' not run (--only)`), null;
    try {
      const v = value();
      if (v === undefined || v === null || Number.isNaN(v)) return (why[key] = `scenario '${scenario}' did not produce it (see "failed")`), null;
      return v;
    } catch {
      return (why[key] = `scenario '${scenario}' did not produce it (see "failed")`), null;
    }
  };
  const lanes = () => Object.keys(s.engineVsFloor.levels).map(Number).sort((a, b) => a - b);
  const summary: Any = {
    engineToFloor: pick('engineToFloor', 'engine', () => s.engineVsFloor.levels[lanes()[0]].engineToFloor.median),
    engineToFloorConcurrent: pick('engineToFloorConcurrent', 'engine', () => s.engineVsFloor.levels[lanes().at(-1)!].engineToFloor.median),
    httpToEngine: ran.has('engine') ? pick('httpToEngine', 'http', () => s.http.httpToEngine) : ((why.httpToEngine = 'needs the engine scenario in the same run'), null),
    timerLatencyP99Ms: pick('timerLatencyP99Ms', 'timers', () => s.timers.firing.lateness.p99Ms),
    pgBossLatencyP99Ms: pick('pgBossLatencyP99Ms', 'competitors', () => s.competitors.pgBoss.lateness.p99Ms),
    graphileWorkerLatencyP99Ms: pick('graphileWorkerLatencyP99Ms', 'competitors', () => s.competitors.graphileWorker.lateness.p99Ms),
    timersPending: pick('timersPending', 'timers', () => s.timers.timersPending),
    redisBytesPerPendingTimer: pick('redisBytesPerPendingTimer', 'timers', () => s.timers.due.bytesPerPendingTimer),
    reconcileMs: pick('reconcileMs', 'timers', () => s.timers.reconcileMs.median),
    recoveryMs: pick('recoveryMs', 'timers', () => s.timers.recovery.ms.median),
    readP99Ms: pick('readP99Ms', 'reads', () => Math.max(...READ_QUERIES.map((q) => s.reads.queries[q].p99Ms.median))),
    readRows: pick('readRows', 'reads', () => s.reads.rows),
    workerScaleOut: pick('workerScaleOut', 'timers', () => s.timers.scaleOut.ratio.median),
  };
  reasons.set(summary, why);
  return summary;
}

/** Kept off the summary's own keys: the reasons for its nulls (also written beside it as summaryNulls). */
const reasons = new WeakMap<object, Record<string, string>>();
export const reasonsOf = (summary: object): Record<string, string> => reasons.get(summary) ?? {};

function verdict(key: string, value: unknown, summary: Any): string {
  const target = TARGETS[key];
  if (!target) return '';
  if (typeof value !== 'number') return 'not measured';
  return target.met(value, summary) ? 'met' : 'MISSED';
}

export function table(summary: Any): string {
  const rows = SUMMARY_KEYS.map((k) => [k, summary[k] === null ? `null (${reasonsOf(summary)[k]})` : String(summary[k]), TARGETS[k]?.text ?? '', verdict(k, summary[k], summary)]);
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((c, i) => (i < 3 ? c.padEnd(widths[i]) : c)).join('  ')).join('\n');
}

const f = (x: Any | undefined) => (x && typeof x === 'object' && 'median' in x ? `${x.median} (${x.min}–${x.max})` : String(x));

/** The page of a run; `json` is the results file's name relative to the page (they are written side by side). */
export function markdown(r: Any, json: string): string {
  const s = r.scenarios as Any;
  const m = r.machine as Any;
  const lines = [
    `# Benchmark results (${r.mode})`,
    '',
    `Run at ${r.at} in ${r.wallSeconds} s; every figure is in [\`${json}\`](${json}). Figures are medians of rounds with (min–max).`,
    '',
    `Machine: ${m.cores} cores (${m.cpu}), ${m.memoryGiB} GiB, Node ${m.node}, PostgreSQL ${m.postgres}, Redis ${m.redis}, ${m.platform}. Load average (1, 5, 15 min) at start ${r.loadAverageAtStart.join(', ')}, at end ${r.loadAverageAtEnd.join(', ')}.`,
    '',
    r.failed ? `**The run failed part-way:** see \`failed\` in the JSON.\n` : '',
    '## Summary',
    '',
    '| key | value | target | |',
    '|---|---|---|---|',
    ...SUMMARY_KEYS.map((k) => `| \`${k}\` | ${r.summary[k] === null ? `null — ${reasonsOf(r.summary)[k]}` : r.summary[k]} | ${TARGETS[k]?.text ?? ''} | ${verdict(k, r.summary[k], r.summary)} |`),
    '',
  ];
  if (s.engineVsFloor) {
    lines.push('## Lifecycle, engine vs floor', '', `${s.engineVsFloor.decisions} decisions a round, ${s.engineVsFloor.transitionsPerDecision} transitions each.`, '');
    lines.push('| concurrency | engine /s | engine p50 ms | engine p99 ms | floor /s | floor p50 ms | floor p99 ms | engine/floor |', '|---|---|---|---|---|---|---|---|');
    for (const [c, l] of Object.entries(s.engineVsFloor.levels as Any)) {
      lines.push(`| ${c} | ${f(l.enginePerSecond)} | ${f(l.engineP50Ms)} | ${f(l.engineP99Ms)} | ${f(l.floorPerSecond)} | ${f(l.floorP50Ms)} | ${f(l.floorP99Ms)} | ${f(l.engineToFloor)} |`);
    }
    lines.push('');
  }
  if (s.http) {
    lines.push('## Lifecycle through HTTP', '', `${s.http.lanes} concurrent clients, ${s.http.decisions} decisions a round: ${f(s.http.perSecond)} transitions/s, p50 ${f(s.http.p50Ms)} ms, p99 ${f(s.http.p99Ms)} ms; to the engine at the same concurrency: ${s.http.httpToEngine}.`, '');
  }
  if (s.timers) {
    const t = s.timers;
    lines.push(
      '## Timers at scale',
      '',
      `- Far future: ${t.farFuture.timers} rows bulk-inserted in ${t.farFuture.loadMs} ms; the relay queued ${t.farFuture.relayedByRelay}; timer-queue keys ${t.farFuture.queueKeysBefore} → ${t.farFuture.queueKeysAfter}, their bytes grew by ${t.farFuture.queueBytesGrowth} (Redis used_memory by ${t.farFuture.redisUsedMemoryGrowth}, which other users of the shared Redis move too).`,
      `- Due: ${t.due.timers} timers across ${t.due.windowMs / 1000} s, scheduled through the engine's path in ${t.due.scheduleMs} ms (${t.due.schedulePerSecond}/s); ${t.due.jobsWillRun} jobs queued, ${t.due.queueBytes} bytes in ${t.due.queueKeys} keys: **${t.due.bytesPerPendingTimer} bytes per pending timer**.`,
      `- Reconciler pass over the horizon: ${f(t.reconcileMs)} ms.`,
      `- Recovery after deleting the queue's keys: ${f(t.recovery.ms)} ms until every due timer was queued again; missing after: ${t.recovery.missingAfter.join(', ')}; jobs then ${t.recovery.jobsAfterRecovery} (doubled: ${t.recovery.doubled}).`,
      `- Firing (1 worker process holding ${t.firing.timerConcurrency} timer jobs, fired in batches of up to ${t.firing.batchSize}, ${t.firing.batchesInFlight} at once${t.workersStartedBeforeWindow ? '' : '; **the window had begun before scheduling and recovery were done**'}): lateness p50 ${t.firing.lateness.p50Ms} ms, p99 ${t.firing.lateness.p99Ms} ms, max ${t.firing.lateness.maxMs} ms; ${t.firing.firingPerSecond} firings/s; CPU a firing: the worker's ${t.firing.workerCpuMsPerFiring} ms, PostgreSQL's ${t.firing.postgresCpuMsPerFiring} ms (every postgres process on the machine); ${t.firing.fired}/${t.firing.timers} fired, ${t.firing.movedTwice} moved twice, ${t.firing.stillPending} still pending.`,
      `- Worker scale-out (backlog of ${t.scaleOut.backlog}): 1 worker ${f(t.scaleOut.oneWorkerPerSecond)}/s, 2 workers ${f(t.scaleOut.twoWorkersPerSecond)}/s, ratio ${f(t.scaleOut.ratio)}.`,
      '',
    );
  }
  if (s.competitors) {
    lines.push('## The same firing load on pg-boss and graphile-worker', '', '| | lateness p50 ms | p99 ms | max ms | firings/s | fired | settings |', '|---|---|---|---|---|---|---|');
    if (s.timers) {
      const t = s.timers.firing;
      lines.push(`| Ratify (BullMQ, 1 worker) | ${t.lateness.p50Ms} | ${t.lateness.p99Ms} | ${t.lateness.maxMs} | ${t.firingPerSecond} | ${t.fired}/${t.timers} | ${t.timerConcurrency} jobs held, batches of ${t.batchSize} × ${t.batchesInFlight} |`);
    }
    for (const c of [s.competitors.pgBoss, s.competitors.graphileWorker]) {
      lines.push(`| ${c.library} | ${c.lateness.p50Ms} | ${c.lateness.p99Ms} | ${c.lateness.maxMs} | ${c.firingPerSecond} | ${c.fired}/${c.timers} | ${JSON.stringify(c.settings)} |`);
    }
    lines.push('');
  }
  if (s.reads) {
    lines.push(
      '## Reads at scale',
      '',
      `${s.reads.rows} decisions, loaded in ${s.reads.loadMs} ms; ${s.reads.arrangements} arrangements, loaded in ${s.reads.arrangementsLoadMs} ms; then VACUUM (ANALYZE) in ${s.reads.vacuumMs} ms.`,
      '',
      '| query | p50 ms | p99 ms | total | sequential scan | indexes used | PostgreSQL ms (EXPLAIN ANALYZE, each statement) |',
      '|---|---|---|---|---|---|---|',
    );
    for (const [name, q] of Object.entries(s.reads.queries as Any)) {
      if (q.skipped) lines.push(`| ${name} | — | — | — | — | ${q.skipped} | |`);
      else lines.push(`| ${name} | ${f(q.p50Ms)} | ${f(q.p99Ms)} | ${q.total ?? ''} | ${q.seqScan ? `**yes**: ${q.plans.flatMap((p: Any) => p.seqScans).join(', ')}` : 'no'} | ${[...new Set(q.plans.flatMap((p: Any) => p.indexes))].join(', ')} | ${q.plans.map((p: Any) => p.executionMs).join(', ')} |`);
    }
    lines.push('');
  }
  return lines.join('\n') + '\n';
}
