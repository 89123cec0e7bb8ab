import { Module } from '@nestjs/common';
import { DecisionsModule } from '#libs/decisions';
import { NotificationsModule } from '#libs/notifications';
import { TimerWorker } from './timer.worker.js';

/** Import into a process that should run jobs (apps/worker, or npm start's all-in-one). */
@Module({ imports: [DecisionsModule, NotificationsModule], providers: [TimerWorker], exports: [TimerWorker] })
export class TimerWorkerModule {}
