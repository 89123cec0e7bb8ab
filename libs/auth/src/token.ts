import jwt from 'jsonwebtoken';
import type { Actor } from '#libs/lifecycle';

export const ROLES = ['officer', 'decision-maker', 'democratic-services', 'scrutiny', 'hr', 'admin'] as const;

/** A known role, or `consultee:<area>`. */
export function isRole(role: string): boolean {
  return (ROLES as readonly string[]).includes(role) || /^consultee:[a-z0-9][a-z0-9-]*$/.test(role);
}

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

/** Verifies an HS256 JWT and returns the actor it names; throws InvalidToken saying why. */
export function verifyToken(token: string, secret: string): Actor {
  let payload: jwt.JwtPayload | string;
  try {
    payload = jwt.verify(token, secret, { algorithms: ['HS256'] });
  } catch (error) {
    throw new InvalidToken(`invalid token: ${(error as Error).message}`);
  }
  if (typeof payload === 'string' || typeof payload.sub !== 'string' || !payload.sub) {
    throw new InvalidToken("invalid token: the 'sub' claim is missing");
  }
  if (payload.purpose) throw new InvalidToken('invalid token: an action link is not a bearer token');
  const roles = payload.roles;
  if (!Array.isArray(roles) || !roles.every((r) => typeof r === 'string')) {
    throw new InvalidToken("invalid token: the 'roles' claim must be an array of strings");
  }
  return { userId: payload.sub, name: typeof payload.name === 'string' ? payload.name : payload.sub, roles };
}
