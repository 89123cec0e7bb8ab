export * from './bank-holidays.js';
export * from './call-in.js';
export * from './working-days.js';
