import { Module, type DynamicModule } from '@nestjs/common';
import { ConfigModule, type RatifyConfig } from '#libs/config';
import { DecisionsModule } from '#libs/decisions';
import { EngineModule } from '#libs/engine';
import { QueueDepthMetrics } from '#libs/metrics';
import { QueueModule } from '#libs/queue';
import { StaffingModule } from '#libs/staffing';
import { StoreModule } from '#libs/store';
import { TimersModule, JobWorkerModule } from '#libs/timers';

/** The job processors: no HTTP. Several may run against one Redis and PostgreSQL. Each aggregate's module brings its timers. */
@Module({})
export class WorkerModule {
  static with(config: RatifyConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [ConfigModule.with(config), StoreModule, QueueModule, EngineModule, TimersModule, DecisionsModule, StaffingModule, JobWorkerModule],
      providers: [QueueDepthMetrics],
    };
  }
}
