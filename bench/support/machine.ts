import { cpus, loadavg, totalmem } from 'node:os';
import pg from 'pg';
import { Redis } from 'ioredis';

/** What the figures were measured on: they mean little without it. */
export async function machine(databaseUrl: string, redisUrl: string) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const postgres = (await client.query<{ server_version: string }>('SHOW server_version')).rows[0].server_version;
  await client.end();
  const redis = new Redis(redisUrl);
  const info = await redis.info('server');
  redis.disconnect();
  return {
    cores: cpus().length,
    cpu: cpus()[0]?.model ?? 'unknown',
    memoryGiB: +(totalmem() / 2 ** 30).toFixed(1),
    node: process.version,
    postgres,
    redis: /redis_version:(\S+)/.exec(info)?.[1] ?? 'unknown',
    platform: `${process.platform} ${process.arch}`,
  };
}

/** The 1, 5 and 15 minute load averages: other work on the machine shows here. */
export const load = () => loadavg().map((x) => +x.toFixed(2));
