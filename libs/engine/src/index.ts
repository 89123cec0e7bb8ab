export * from './aggregate.js';
export * from './decorators.js';
export * from './engine.js';
export * from './engine.module.js';
export * from './ports.js';
export * from './registry.js';
export * from './subject.js';
export * from './unit-of-work.js';
