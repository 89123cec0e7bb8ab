import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * Ratify's Prometheus metrics, in one registry per process. Instrumentation points elsewhere are one-line
 * calls to the functions below; /metrics (API) and METRICS_PORT (worker) serve `metricsRegistry`.
 */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry, prefix: 'ratify_' });

const httpDuration = new Histogram({
  name: 'ratify_http_request_duration_seconds',
  help: 'HTTP request latency, by method, route pattern and status',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [metricsRegistry],
});

const timerLateness = new Histogram({
  name: 'ratify_timer_lateness_seconds',
  help: 'How long after its due time a timer fired (from the timers table, so a timer restored after a Redis loss counts in full)',
  labelNames: ['kind'] as const,
  buckets: [0.1, 0.5, 1, 2, 5, 10, 30, 60, 120, 300, 900, 3600],
  registers: [metricsRegistry],
});

const deliveries = new Counter({
  name: 'ratify_deliveries_total',
  help: 'Delivery attempts by channel and outcome: sent, failed (will retry), dead (dead-lettered), already (nothing to do)',
  labelNames: ['channel', 'outcome'] as const,
  registers: [metricsRegistry],
});

const reconcileRuns = new Counter({
  name: 'ratify_reconcile_runs_total',
  help: 'Reconciler runs, by outcome (ok, error)',
  labelNames: ['outcome'] as const,
  registers: [metricsRegistry],
});

const reconcileRepairs = new Counter({
  name: 'ratify_reconcile_repairs_total',
  help: 'What reconciler runs repaired: stale timers cancelled, timer and delivery jobs restored',
  labelNames: ['what'] as const,
  registers: [metricsRegistry],
});

type JobCounts = Record<string, Record<string, number>>;
const queueSources: (() => Promise<JobCounts>)[] = [];

new Gauge({
  name: 'ratify_queue_jobs',
  help: 'Jobs in each BullMQ queue, by state (read from Redis at scrape time)',
  labelNames: ['queue', 'state'] as const,
  registers: [metricsRegistry],
  async collect() {
    this.reset();
    for (const source of queueSources) {
      // A scrape while Redis is down answers without queue depth rather than waiting for it.
      const counts = await Promise.race([source(), new Promise<JobCounts>((resolve) => setTimeout(resolve, 2000, {}).unref())]).catch(() => ({}) as JobCounts);
      for (const [queue, states] of Object.entries(counts)) {
        for (const [state, n] of Object.entries(states)) this.set({ queue, state }, n);
      }
    }
  },
});

export function observeHttp(method: string, route: string, status: number, seconds: number): void {
  httpDuration.observe({ method, route, status: String(status) }, seconds);
}

/** A timer is firing now that was due at `dueAt`. */
export function recordTimerFired(kind: string, dueAt: Date, now: Date = new Date()): void {
  timerLateness.observe({ kind }, Math.max(0, (now.getTime() - dueAt.getTime()) / 1000));
}

export function recordDelivery(channel: string, outcome: 'sent' | 'failed' | 'dead' | 'already' | string): void {
  deliveries.inc({ channel, outcome });
}

/** Runs a delivery, counting its outcome (a throw is a failed attempt that will be retried). */
export async function countDelivery<T extends string>(channel: string, deliver: () => Promise<T>): Promise<T> {
  try {
    const outcome = await deliver();
    recordDelivery(channel, outcome);
    return outcome;
  } catch (error) {
    recordDelivery(channel, 'failed');
    throw error;
  }
}

/** Runs the reconciler once, counting the run and what it repaired (any numeric field of its result). */
export async function countReconcile<T extends Record<string, unknown>>(run: () => Promise<T>): Promise<T> {
  try {
    const result = await run();
    reconcileRuns.inc({ outcome: 'ok' });
    for (const [what, n] of Object.entries(result)) if (typeof n === 'number' && n > 0) reconcileRepairs.inc({ what }, n);
    return result;
  } catch (error) {
    reconcileRuns.inc({ outcome: 'error' });
    throw error;
  }
}

/** Where queue depth comes from (each process that holds the queues registers once). */
export function watchQueueDepth(source: () => Promise<JobCounts>): () => void {
  queueSources.push(source);
  return () => queueSources.splice(queueSources.indexOf(source), 1);
}
