export * from './redis.js';
export * from './timer-queue.js';
export * from './queue.module.js';
