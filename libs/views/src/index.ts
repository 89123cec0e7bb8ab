export * from './assets.js';
export * from './project-root.js';
export * from './views.js';
export * from './views.module.js';
