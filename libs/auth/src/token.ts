import { createSecretKey, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import type { Actor } from '#libs/lifecycle';

// The role vocabulary lives with the permission table (libs/lifecycle); re-exported for the token CLI.
export { ROLES, isRole } from '#libs/lifecycle';

export interface TokenClaims {
  sub: string;
  name: string;
  roles: string[];
}

export function signToken(claims: TokenClaims, secret: string, expiresInSeconds = 8 * 3600): string {
  return jwt.sign({ name: claims.name, roles: claims.roles }, secret, {
    algorithm: 'HS256',
    subject: claims.sub,
    expiresIn: expiresInSeconds,
  });
}

export class InvalidToken extends Error {}

const hmacKeys = new Map<string, KeyObject>();

/**
 * The HS256 secret as a KeyObject, made once per secret. Given a string, jsonwebtoken first tries to read it
 * as a PEM public key — which throws, and an OpenSSL error with a stack trace is most of a request's token
 * check — before making the same secret key this does. An empty secret stays a string (refused as before).
 */
export function hmacKey(secret: string): KeyObject | string {
  if (!secret) return secret;
  let key = hmacKeys.get(secret);
  if (!key) {
    if (hmacKeys.size >= 16) hmacKeys.clear(); // a handful of secrets at most (tests change them)
    hmacKeys.set(secret, (key = createSecretKey(Buffer.from(secret))));
  }
  return key;
}

export interface TokenRules {
  /** Longest life a token may claim, from `iat` (or from now, without `iat`). */
  maxLifetimeSeconds: number;
  /** Clock difference tolerated on `exp`, `nbf` and `iat`. */
  clockToleranceSeconds: number;
  now?: Date;
}

export const DEFAULT_TOKEN_RULES: TokenRules = { maxLifetimeSeconds: 24 * 3600, clockToleranceSeconds: 60 };

/**
 * Verifies an HS256 JWT and returns the actor it names; throws InvalidToken saying why. Besides the
 * signature and `exp`/`nbf`, a token must expire (`exp`), within the maximum lifetime, and must not claim
 * to have been issued in the future (`iat`).
 */
export function verifyToken(token: string, secret: string, rules: TokenRules = DEFAULT_TOKEN_RULES): Actor {
  const now = Math.floor((rules.now ?? new Date()).getTime() / 1000);
  let payload: jwt.JwtPayload | string;
  try {
    payload = jwt.verify(token, hmacKey(secret), { algorithms: ['HS256'], clockTolerance: rules.clockToleranceSeconds, clockTimestamp: now });
  } catch (error) {
    throw new InvalidToken(`invalid token: ${(error as Error).message}`);
  }
  if (typeof payload === 'string' || typeof payload.sub !== 'string' || !payload.sub) {
    throw new InvalidToken("invalid token: the 'sub' claim is missing");
  }
  checkLifetime(payload, now, rules);
  if (payload.purpose) throw new InvalidToken('invalid token: an action link is not a bearer token');
  const roles = payload.roles;
  if (!Array.isArray(roles) || !roles.every((r) => typeof r === 'string')) {
    throw new InvalidToken("invalid token: the 'roles' claim must be an array of strings");
  }
  return { userId: payload.sub, name: typeof payload.name === 'string' ? payload.name : payload.sub, roles };
}

/** `exp` present and within the maximum lifetime; `iat`, if present, a number not in the future. */
export function checkLifetime(payload: jwt.JwtPayload, now: number, rules: TokenRules): void {
  if (typeof payload.exp !== 'number') throw new InvalidToken("invalid token: the 'exp' claim is missing (tokens must expire)");
  if (payload.iat !== undefined && typeof payload.iat !== 'number') throw new InvalidToken("invalid token: the 'iat' claim must be a number");
  if (typeof payload.iat === 'number' && payload.iat > now + rules.clockToleranceSeconds) {
    throw new InvalidToken("invalid token: the 'iat' claim lies in the future");
  }
  const from = typeof payload.iat === 'number' ? payload.iat : now;
  if (payload.exp - from > rules.maxLifetimeSeconds + rules.clockToleranceSeconds) {
    throw new InvalidToken(`invalid token: it lives longer than the maximum of ${Math.round(rules.maxLifetimeSeconds / 3600)} hours`);
  }
}
