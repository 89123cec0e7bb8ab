import 'reflect-metadata';
import { loadConfig } from '#libs/config';
import { createApi } from '../api/bootstrap.js';
import { startEmbeddedPostgres } from './embedded-postgres.js';
import { ensureRedis } from './local-redis.js';

/**
 * `npm start`: API and worker in one process. With no DATABASE_URL it runs an embedded PostgreSQL under
 * ./var; with no Redis answering it launches redis-server. Migrations are applied on start.
 */
const log = (line: string) => console.log(`[ratify] ${line}`);

async function main() {
  const config = loadConfig();
  const stops: (() => Promise<unknown>)[] = [];
  if (!config.databaseUrl) {
    const pg = await startEmbeddedPostgres(Number(process.env.EMBEDDED_PG_PORT ?? 54329), log);
    config.databaseUrl = pg.url;
    stops.push(pg.stop);
  }
  const redis = await ensureRedis(config.redisUrl ?? 'redis://127.0.0.1:6379', log);
  config.redisUrl = redis.url;
  stops.push(redis.stop);

  const app = await createApi(config, { withWorker: true });
  await app.listen(config.port, process.env.HOST ?? '127.0.0.1');
  log(`API on http://localhost:${config.port}/api — OpenAPI docs at /api/docs; timers worker running`);
  log(
    `web pages on http://localhost:${config.port}/ — ${config.web.oidc ? `sign in with ${config.web.oidc.issuer}` : config.web.localSignIn ? 'local sign-in as a demo user of each role' : 'set OIDC_ISSUER to sign in'}`,
  );
  log('get a token: npm run token -- --sub u1 --name "A Person" --roles officer');

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await app.close();
    for (const s of stops.reverse()) await s().catch(() => undefined);
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error) => {
  console.error(`[ratify] cannot start: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
