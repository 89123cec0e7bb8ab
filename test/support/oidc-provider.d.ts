// oidc-provider ships no type definitions; the tests use a small part of it (see test/support/oidc.ts).
declare module 'oidc-provider';
