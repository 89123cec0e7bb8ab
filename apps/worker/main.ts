import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { loadConfig, logger } from '#libs/config';
import { WorkerModule } from './worker.module.js';

const app = await NestFactory.createApplicationContext(WorkerModule.with(loadConfig()), { logger: logger() });
app.enableShutdownHooks();
console.log('Ratify worker running');
