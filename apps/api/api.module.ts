import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { AuthGuard } from '#libs/auth';
import { ConfigModule, RATIFY_CONFIG, type RatifyConfig } from '#libs/config';
import { EngineModule } from '#libs/engine';
import { QueueDepthMetrics } from '#libs/metrics';
import { QueueModule } from '#libs/queue';
import { StoreModule } from '#libs/store';
import { TimersModule, JobWorkerModule } from '#libs/timers';
import { ViewsModule } from '#libs/views';
import { ArrangementsHttpModule } from './arrangements/arrangements.module.js';
import { CalendarModule } from './calendar/calendar.module.js';
import { DecisionsHttpModule } from './decisions/decisions.module.js';
import { HealthModule } from './health/health.module.js';
import { NotificationsHttpModule } from './notifications/notifications.module.js';
import { WriteThrottlerGuard } from './http/write-throttler.guard.js';
import { RegisterHttpModule } from './register/register.module.js';
import { WebModule } from './web/web.module.js';

/** The HTTP API; `withWorker` also runs the job processors in this process (npm start, tests). */
@Module({})
export class ApiModule {
  static with(config: RatifyConfig, options: { withWorker?: boolean } = {}): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        ConfigModule.with(config),
        ThrottlerModule.forRootAsync({
          inject: [RATIFY_CONFIG],
          useFactory: (c: RatifyConfig) => ({
            throttlers: [{ ttl: c.security.writeWindowSeconds * 1000, limit: c.security.writesPerWindow }],
            errorMessage: `too many writes: at most ${c.security.writesPerWindow} every ${c.security.writeWindowSeconds} s per user; try again after Retry-After seconds`,
          }),
        }),
        StoreModule,
        QueueModule,
        EngineModule,
        ViewsModule,
        TimersModule,
        DecisionsHttpModule,
        ArrangementsHttpModule,
        CalendarModule,
        HealthModule,
        NotificationsHttpModule,
        RegisterHttpModule,
        WebModule,
        ...(options.withWorker ? [JobWorkerModule] : []),
      ],
      // Guards run in this order: who you are, then whether you have written too much.
      providers: [
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_GUARD, useClass: WriteThrottlerGuard },
        QueueDepthMetrics,
      ],
    };
  }
}
