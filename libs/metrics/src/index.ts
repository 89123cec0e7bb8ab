export * from './metrics.js';
export * from './serve.js';
export * from './queue-depth.js';
