import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Engine } from './engine.js';
import { CLOCK, systemClock } from './ports.js';
import { EngineRegistry } from './registry.js';

/**
 * The engine, its registry and the clock. Needs TransactionRunner (StoreModule), RATIFY_CONFIG (ConfigModule)
 * and TIMER_SINK (TimersModule, or a test's recording sink) from the application.
 */
@Global()
@Module({
  imports: [DiscoveryModule],
  providers: [Engine, EngineRegistry, { provide: CLOCK, useValue: systemClock }],
  exports: [Engine, CLOCK],
})
export class EngineModule {}
