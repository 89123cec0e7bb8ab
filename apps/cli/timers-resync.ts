/**
 * Re-derives every pending timer of every subject from its state, after the reminder configuration changed
 * (REMINDER_* or a new policy): clocks the new configuration wants are inserted, the ones it no longer wants
 * cancelled. Safe to run at any time; each subject is one engine transaction.
 *   npm run timers:resync
 */
import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ConfigModule, loadConfig } from '#libs/config';
import { DECISION, DecisionsModule } from '#libs/decisions';
import { Engine, EngineModule } from '#libs/engine';
import { QueueModule } from '#libs/queue';
import { ARRANGEMENT, StaffingModule } from '#libs/staffing';
import { StoreModule } from '#libs/store';
import { TimersModule } from '#libs/timers';

const config = loadConfig();

@Module({ imports: [ConfigModule.with(config), StoreModule, QueueModule, EngineModule, TimersModule, DecisionsModule, StaffingModule] })
class ResyncModule {}

const app = await NestFactory.createApplicationContext(ResyncModule, { logger: ['error', 'warn'] });
try {
  for (const subjectType of [DECISION, ARRANGEMENT]) {
    const { subjects, cancelled, inserted } = await app.get(Engine).resync(subjectType);
    console.log(`${subjectType}: ${subjects} with pending timers, ${inserted} timer(s) inserted, ${cancelled} cancelled`);
  }
} finally {
  await app.close();
}
