import { Module } from '@nestjs/common';
import { DecisionsModule } from '#libs/decisions';
import { NotificationsModule } from '#libs/notifications';
import { JobWorker } from './job.worker.js';

/** Import into a process that should run jobs (apps/worker, or npm start's all-in-one). */
@Module({ imports: [DecisionsModule, NotificationsModule], providers: [JobWorker], exports: [JobWorker] })
export class JobWorkerModule {}
