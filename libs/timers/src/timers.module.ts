import { Global, Module } from '@nestjs/common';
import { TIMER_SINK } from '#libs/engine';
import { TimerScheduler } from './timer-scheduler.js';

/** The engine's timer sink (BullMQ) and the relay/reconciler over it. */
@Global()
@Module({
  providers: [TimerScheduler, { provide: TIMER_SINK, useExisting: TimerScheduler }],
  exports: [TimerScheduler, TIMER_SINK],
})
export class TimersModule {}
