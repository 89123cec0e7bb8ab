export * from './redis.js';
export * from './job-queue.js';
export * from './timer-queue.js';
export * from './queue.module.js';
export * from './delivery-queue.js';
export * from './worker-host.js';
