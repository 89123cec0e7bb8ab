export * from './record.js';
export * from './labels.js';
export * from './fields.js';
export * from './lines.js';
export * from './parse.js';
export * from './render.js';
export * from './arrangements/extract.js';
export * from './arrangements/phrases.js';
