export * from './policy.js';
export * from './reminder-types.js';
export * from './reminders.js';
