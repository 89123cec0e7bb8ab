export * from './auth.guard.js';
export * from './token.js';
