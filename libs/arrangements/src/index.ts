export * from './arrangement.js';
export * from './arrangement.machine.js';
export * from './clocks.js';
export * from './dates.js';
export * from './policy.js';
export * from './reminders.js';
export * from './types.js';
