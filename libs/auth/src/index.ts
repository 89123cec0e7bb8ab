export * from './auth.guard.js';
export * from './token.js';
export * from './action-link.js';
export * from './oidc-claims.js';
