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
