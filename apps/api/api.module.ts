import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthGuard } from '#libs/auth';
import { ConfigModule, type RatifyConfig } from '#libs/config';
import { QueueModule } from '#libs/queue';
import { StoreModule } from '#libs/store';
import { TimersModule, JobWorkerModule } from '#libs/timers';
import { ViewsModule } from '#libs/views';
import { CalendarModule } from './calendar/calendar.module.js';
import { DecisionsHttpModule } from './decisions/decisions.module.js';
import { HealthModule } from './health/health.module.js';
import { NotificationsHttpModule } from './notifications/notifications.module.js';
import { RegisterHttpModule } from './register/register.module.js';

/** The HTTP API; `withWorker` also runs the job processors in this process (npm start, tests). */
@Module({})
export class ApiModule {
  static with(config: RatifyConfig, options: { withWorker?: boolean } = {}): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        ConfigModule.with(config),
        StoreModule,
        QueueModule,
        ViewsModule,
        TimersModule,
        DecisionsHttpModule,
        CalendarModule,
        HealthModule,
        NotificationsHttpModule,
        RegisterHttpModule,
        ...(options.withWorker ? [JobWorkerModule] : []),
      ],
      providers: [{ provide: APP_GUARD, useClass: AuthGuard }],
    };
  }
}
