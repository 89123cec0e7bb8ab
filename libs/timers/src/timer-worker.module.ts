import { Module } from '@nestjs/common';
import { DecisionsModule } from '#libs/decisions';
import { TimerWorker } from './timer.worker.js';

/** Import into a process that should run timer jobs (apps/worker, or npm start's all-in-one). */
@Module({ imports: [DecisionsModule], providers: [TimerWorker], exports: [TimerWorker] })
export class TimerWorkerModule {}
