import { Module } from '@nestjs/common';
import { DecisionService } from './decision.service.js';
import { CLOCK, systemClock } from './ports.js';

/** Needs DataSource (StoreModule), RATIFY_CONFIG (ConfigModule) and TIMER_SINK (TimersModule) from the app. */
@Module({
  providers: [DecisionService, { provide: CLOCK, useValue: systemClock }],
  exports: [DecisionService, CLOCK],
})
export class DecisionsModule {}
