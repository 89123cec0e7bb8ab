export * from './decision-input.js';
export * from './decision.service.js';
export * from './decisions.module.js';
export * from './errors.js';
export * from './ports.js';
export * from './representation.js';
export * from './reminder-view.js';
