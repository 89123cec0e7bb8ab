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
