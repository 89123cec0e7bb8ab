export * from './timer-scheduler.js';
export * from './timers.module.js';
export * from './timer.worker.js';
export * from './timer-worker.module.js';
