/**
 * Applies pending migrations to DATABASE_URL / DATABASE_SCHEMA and says what it did:
 *   npm run migration:run
 * (The API and the worker also apply them on start; this is for deployments that migrate first.)
 */
import 'reflect-metadata';
import { ConfigError, loadConfig } from '#libs/config';
import { MIGRATIONS, openDatabase } from '#libs/store';

async function main(): Promise<number> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    console.error(error instanceof ConfigError ? error.message : String(error));
    return 2;
  }
  if (!config.databaseUrl) {
    console.error('DATABASE_URL is not set: e.g. DATABASE_URL=postgres://user@host:5432/ratify npm run migration:run');
    return 2;
  }
  const dataSource = await openDatabase({ url: config.databaseUrl, schema: config.databaseSchema, poolSize: 2 });
  try {
    const applied: { name: string }[] = await dataSource.query(`SELECT name FROM migrations ORDER BY id`);
    const names = new Set(applied.map((m) => m.name));
    console.log(`schema ${config.databaseSchema}: ${applied.length} of ${MIGRATIONS.length} migrations applied`);
    for (const m of MIGRATIONS) console.log(`  ${names.has(m.name) ? '✓' : '✗'} ${m.name}`);
    return MIGRATIONS.every((m) => names.has(m.name)) ? 0 : 1;
  } finally {
    await dataSource.destroy();
  }
}

main().then(
  (code) => (process.exitCode = code),
  (error) => {
    console.error(`migration failed: ${error instanceof Error ? error.message : error}`);
    process.exitCode = 1;
  },
);
