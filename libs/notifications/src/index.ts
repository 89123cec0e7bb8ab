export * from './delivery.service.js';
export * from './directory.js';
export * from './notification-log.js';
export * from './notifications.module.js';
export * from './reminder.firing.js';
export * from './notification-log.service.js';
