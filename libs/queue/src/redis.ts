import { Redis } from 'ioredis';

/** BullMQ needs `maxRetriesPerRequest: null` on connections that block (workers). */
export function connectRedis(url: string, name = 'ratify'): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, connectionName: name, lazyConnect: false });
}

export async function redisIsUp(redis: Redis): Promise<boolean> {
  try {
    return (await Promise.race([redis.ping(), timeout(1000)])) === 'PONG';
  } catch {
    return false;
  }
}

/**
 * How long a call to Redis from a request or a shutdown may take. Connections retry for ever
 * (`maxRetriesPerRequest: null`, as BullMQ needs), so without a bound a command sent while Redis is down
 * waits until it is back — and an HTTP request with it.
 */
export const REDIS_CALL_TIMEOUT_MS = 5000;

/** `work`, or a rejection naming `what` after `ms`; the work itself is left to finish or fail on its own. */
export function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expiry = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
    timer.unref();
  });
  return Promise.race([work, expiry]).finally(() => clearTimeout(timer));
}

function timeout(ms: number): Promise<never> {
  return new Promise((_, reject) => setTimeout(() => reject(new Error('redis ping timed out')), ms).unref());
}

/**
 * Production Redis must keep jobs: `maxmemory-policy noeviction` and persistence (AOF or RDB).
 * Returns what is missing, in words; empty when all is well or when CONFIG is not allowed.
 */
export async function redisDurabilityWarnings(redis: Redis): Promise<string[]> {
  try {
    const [, policy] = (await redis.config('GET', 'maxmemory-policy')) as string[];
    const [, appendonly] = (await redis.config('GET', 'appendonly')) as string[];
    const [, save] = (await redis.config('GET', 'save')) as string[];
    const warnings: string[] = [];
    if (policy !== 'noeviction') warnings.push(`Redis maxmemory-policy is '${policy}': set it to 'noeviction' or queued jobs may be evicted`);
    if (appendonly !== 'yes' && !save) warnings.push('Redis keeps nothing on disk (appendonly no, no save points): jobs are lost on restart until the reconciler restores them');
    return warnings;
  } catch {
    return [];
  }
}

/** Deletes every key matching `pattern`, by SCAN (never KEYS, which blocks a large Redis); returns how many. */
export async function deleteKeysMatching(redis: Redis, pattern: string): Promise<number> {
  let cursor = '0';
  let deleted = 0;
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    if (keys.length) deleted += await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
  return deleted;
}

/** Deletes every key under a queue prefix (what a Redis wipe loses; how tests, bench and chaos clean up). */
export async function deleteQueueKeys(url: string, prefix: string): Promise<number> {
  const redis = new Redis(url);
  try {
    return await deleteKeysMatching(redis, `${prefix}:*`);
  } finally {
    redis.disconnect();
  }
}
