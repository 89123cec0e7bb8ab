import { Module } from '@nestjs/common';
import { DecisionsModule } from '#libs/decisions';
import { EngineModule } from '#libs/engine';
import { ArrangementAdapter } from './arrangement.adapter.js';
import { ArrangementReactions } from './arrangement.reactions.js';
import { ArrangementService } from './arrangement.service.js';
import { ArrangementTimers } from './arrangement.timers.js';

/**
 * Temporary staffing arrangements as stored, running records: their engine adapter, clocks, reactions to
 * their decision, and service. Import it wherever decisions change or timers fire (API, worker).
 */
@Module({
  imports: [EngineModule, DecisionsModule],
  providers: [ArrangementAdapter, ArrangementTimers, ArrangementReactions, ArrangementService],
  exports: [ArrangementService, ArrangementAdapter],
})
export class StaffingModule {}
