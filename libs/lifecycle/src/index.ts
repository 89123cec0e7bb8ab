export * from './decision.machine.js';
export * from './lifecycle.js';
export * from './permissions.js';
export * from './pure-transition.js';
export * from './rules.js';
export * from './types.js';
