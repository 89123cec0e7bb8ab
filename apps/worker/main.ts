import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { adminBearer } from '#libs/auth';
import { loadConfig, logger } from '#libs/config';
import { metricsAuth, startMetricsServer } from '#libs/metrics';
import { WorkerModule } from './worker.module.js';

const config = loadConfig();
const app = await NestFactory.createApplicationContext(WorkerModule.with(config), { logger: logger() });
app.enableShutdownHooks();
if (config.security.metricsPort) {
  // Timer lateness, delivery outcomes and reconcile runs happen here: Prometheus scrapes each worker.
  const server = await startMetricsServer(config.security.metricsPort, process.env.HOST ?? '0.0.0.0', metricsAuth(config.security.metricsToken, adminBearer(config)));
  process.once('SIGTERM', () => server.close());
  console.log(`Ratify worker metrics on :${config.security.metricsPort}/metrics`);
}
console.log('Ratify worker running');
