export * from './constitution.js';
export * from './load.js';
export * from './schema.js';
