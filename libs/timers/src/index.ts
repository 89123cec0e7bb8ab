export * from './timer-scheduler.js';
export * from './timers.module.js';
export * from './queue-keeper.js';
export * from './job.worker.js';
export * from './job-worker.module.js';
export * from './firing-batcher.js';
