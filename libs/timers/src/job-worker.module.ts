import { Module } from '@nestjs/common';
import { NotificationsModule } from '#libs/notifications';
import { JobWorker } from './job.worker.js';
import { QueueKeeper } from './queue-keeper.js';

/**
 * Import into a process that should run jobs (apps/worker, or npm start's all-in-one), beside the modules of
 * the aggregates whose timers it fires: their adapters and @TimerHandler methods are found at start-up.
 */
@Module({ imports: [NotificationsModule], providers: [JobWorker, QueueKeeper], exports: [JobWorker, QueueKeeper] })
export class JobWorkerModule {}
