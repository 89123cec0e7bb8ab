import { randomBytes } from 'node:crypto';
import { deleteQueueKeys } from '#libs/queue';
import { loadConfig, type RatifyConfig } from '#libs/config';
import { dropSchema } from '#libs/store';

/**
 * Each test file gets its own PostgreSQL schema and Redis key prefix on the shared services, and removes
 * them afterwards. TEST_DATABASE_URL / TEST_REDIS_URL point elsewhere when needed.
 */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const JWT_SECRET = 'ratify-test-secret';

/** The environment of one isolated test run (also handed to worker processes the test spawns). */
export function testEnv(overrides: Record<string, string> = {}): Record<string, string> {
  const id = randomBytes(5).toString('hex');
  return {
    DATABASE_URL: TEST_DATABASE_URL,
    DATABASE_SCHEMA: `test_${id}`,
    REDIS_URL: TEST_REDIS_URL,
    QUEUE_PREFIX: `test-${id}`,
    JWT_SECRET,
    // Test files write far faster than people; the rate-limit test sets its own, low, limit.
    RATE_LIMIT_WRITES: '1000000',
    ...overrides,
  };
}

export function testConfig(overrides: Record<string, string> = {}): RatifyConfig {
  return loadConfig(testEnv(overrides));
}

export async function cleanUp(config: RatifyConfig): Promise<void> {
  await dropSchema({ url: config.databaseUrl!, schema: config.databaseSchema });
  await deleteQueueKeys(config.redisUrl!, config.queuePrefix);
}

/** Deletes every Redis key under a test's prefix (what a Redis wipe loses). */
export { deleteQueueKeys as deleteRedisKeys };

/** Polls until `check` returns a value (not undefined/false) or the time is up. */
export async function eventually<T>(check: () => Promise<T | undefined | false>, timeoutMs = 10_000, everyMs = 100): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > until) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
