export * from './imported-decision.js';
export * from './import.service.js';
export * from './import.module.js';
