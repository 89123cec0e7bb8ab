import 'reflect-metadata';
import { loadConfig } from '#libs/config';
import { createApi } from './bootstrap.js';

/** The API alone (production): needs DATABASE_URL and REDIS_URL; run apps/worker beside it. */
const config = loadConfig();
const app = await createApi(config);
app.enableShutdownHooks();
await app.listen(config.port, process.env.HOST ?? '0.0.0.0');
console.log(`Ratify API on http://localhost:${config.port}/api (docs: /api/docs), web pages on http://localhost:${config.port}/`);
