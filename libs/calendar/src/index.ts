export * from './bank-holidays.js';
export * from './call-in.js';
export * from './clear-days.js';
export * from './closures.js';
export * from './dates.js';
export * from './working-days.js';
