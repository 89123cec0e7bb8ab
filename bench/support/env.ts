import { randomBytes } from 'node:crypto';
import { deleteQueueKeys } from '#libs/queue';
import { loadConfig, type RatifyConfig } from '#libs/config';
import { dropSchema } from '#libs/store';

/**
 * The bench's own corner of the shared services: a schema and a Redis key prefix of its own on
 * BENCH_DATABASE_URL / BENCH_REDIS_URL (default: the test services, as test/support/environment.ts), and a
 * list of clean-ups that run at the end, on failure and on Ctrl-C.
 */
export const BENCH_DATABASE_URL = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const BENCH_REDIS_URL = process.env.BENCH_REDIS_URL ?? process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const JWT_SECRET = 'ratify-bench-secret';

/** The environment of one isolated bench corner (also handed to the worker processes it spawns). */
export function benchEnv(overrides: Record<string, string> = {}): Record<string, string> {
  const id = randomBytes(4).toString('hex');
  return {
    DATABASE_URL: BENCH_DATABASE_URL,
    DATABASE_SCHEMA: `bench_${id}`,
    REDIS_URL: BENCH_REDIS_URL,
    QUEUE_PREFIX: `bench-${id}`,
    JWT_SECRET,
    RATE_LIMIT_WRITES: '100000000',
    LOG_LEVEL: 'error',
    ...overrides,
  };
}

export function benchConfig(env: Record<string, string>): RatifyConfig {
  return loadConfig({ ...process.env, ...env });
}

const cleanups: (() => Promise<unknown>)[] = [];

/** Registers a clean-up; the latest registered runs first. */
export function onCleanUp(task: () => Promise<unknown>): void {
  cleanups.push(task);
}

let running: Promise<void> | null = null;

/**
 * Runs (and forgets) every clean-up registered so far, newest first; one failing does not stop the rest.
 * One pass at a time: a caller arriving mid-pass (Ctrl-C while a scenario cleans up) waits for that pass.
 */
export function cleanUpAll(): Promise<void> {
  running ??= (async () => {
    while (cleanups.length) {
      const task = cleanups.pop()!;
      await task().catch((e) => console.error(`clean-up failed: ${(e as Error).message}`));
    }
  })().finally(() => (running = null));
  return running;
}

const corners: RatifyConfig[] = [];

const removeCorner = async (config: RatifyConfig) => {
  await dropSchema({ url: config.databaseUrl!, schema: config.databaseSchema });
  await deleteQueueKeys(config.redisUrl!, config.queuePrefix);
};

/** Removes a bench corner's schema and Redis keys when the run ends. */
export function cleanUpCorner(config: RatifyConfig): void {
  corners.push(config);
  onCleanUp(() => removeCorner(config));
}


let interrupted = false;

/** Whether Ctrl-C (or a kill) has been received: no new scenario starts. */
export const isInterrupted = () => interrupted;

/**
 * Ctrl-C (or a kill) cleans up before exiting. The scenario under way may still register a corner while the
 * first pass runs, so a second pass follows a moment later, then every corner is removed once more.
 */
export function cleanUpOnSignals(): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      interrupted = true;
      console.error(`\n${signal}: cleaning up`);
      // Once more after a moment, for every corner: an app interrupted while starting may have written a
      // key (BullMQ's queue meta) after its corner was removed.
      void cleanUpAll()
        .then(() => new Promise((r) => setTimeout(r, 2000)))
        .then(() => cleanUpAll())
        .then(() => Promise.all(corners.map((c) => removeCorner(c).catch(() => undefined))))
        .finally(() => process.exit(130));
    });
  }
}
