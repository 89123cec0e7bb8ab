import { Global, Module } from '@nestjs/common';
import { TIMER_SINK } from '#libs/decisions';
import { TimerScheduler } from './timer-scheduler.js';

@Global()
@Module({
  providers: [TimerScheduler, { provide: TIMER_SINK, useExisting: TimerScheduler }],
  exports: [TimerScheduler, TIMER_SINK],
})
export class TimersModule {}
