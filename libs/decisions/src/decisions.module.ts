import { Module } from '@nestjs/common';
import { EngineModule } from '#libs/engine';
import { DecisionAdapter } from './decision.adapter.js';
import { DecisionService } from './decision.service.js';
import { DecisionTimers } from './decision.timers.js';

/**
 * The decision aggregate: its service, its engine adapter and its timer handlers. Needs the engine
 * (EngineModule), TransactionRunner (StoreModule) and RATIFY_CONFIG (ConfigModule) from the application.
 */
@Module({
  imports: [EngineModule],
  providers: [DecisionService, DecisionAdapter, DecisionTimers],
  exports: [DecisionService, DecisionAdapter],
})
export class DecisionsModule {}
