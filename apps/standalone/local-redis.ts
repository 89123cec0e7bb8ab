import { spawn, spawnSync } from 'node:child_process';
import { Redis } from 'ioredis';

/**
 * Uses the Redis at `url` if one answers; otherwise launches the system `redis-server` as a child
 * process on that port, or explains how to install it.
 */
export async function ensureRedis(url: string, log: (line: string) => void) {
  if (await answers(url)) return { url, stop: async () => undefined };
  const port = Number(new URL(url).port || 6379);
  if (spawnSync('redis-server', ['--version']).error) {
    throw new Error(
      `no Redis answers at ${url} and redis-server is not installed: install it (Debian/Ubuntu: sudo apt-get install redis-server; macOS: brew install redis) or set REDIS_URL`,
    );
  }
  log(`no Redis at ${url}: starting redis-server on port ${port}…`);
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  for (let i = 0; i < 50; i++) {
    if (await answers(url)) return { url, stop: async () => void child.kill('SIGTERM') };
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`redis-server did not start on port ${port}`);
}

async function answers(url: string): Promise<boolean> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 1000 });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    return (await redis.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}
