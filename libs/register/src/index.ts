export * from './visibility.js';
export * from './public-decision.js';
export * from './public-query.js';
export * from './register.repository.js';
export * from './register.service.js';
export * from './register.module.js';
