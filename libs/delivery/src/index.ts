export * from './email.js';
export * from './templates.js';
export * from './webhook.js';
export * from './testing/smtp-catcher.js';
