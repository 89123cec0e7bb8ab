import jwt from 'jsonwebtoken';
import type { Actor } from '#libs/lifecycle';
import { hmacKey, InvalidToken } from './token.js';

/** `confirm-ended`: a staffing arrangement has ended (the link names the arrangement, and its decision). */
export type LinkAction = 'open' | 'sign-off' | 'confirm-ended';

export interface ActionLink {
  actor: Actor;
  decisionId: string;
  action: LinkAction;
  area?: string;
  /** The staffing arrangement a `confirm-ended` link is about (it belongs to `decisionId`). */
  arrangementId?: string;
  /** Unique id; a link that performs an action works once. */
  jti: string;
}

const PURPOSE = 'ratify-action-link';

/** A signed, expiring link token for one action on one decision, as one user (used in reminder emails). */
export function signActionLink(link: ActionLink, secret: string, ttlSeconds: number): string {
  return jwt.sign(
    { purpose: PURPOSE, name: link.actor.name, roles: link.actor.roles, decisionId: link.decisionId, action: link.action, area: link.area, arrangementId: link.arrangementId },
    secret,
    { algorithm: 'HS256', subject: link.actor.userId, expiresIn: ttlSeconds, jwtid: link.jti },
  );
}

export function verifyActionLink(token: string, secret: string): ActionLink {
  let p: jwt.JwtPayload | string;
  try {
    p = jwt.verify(token, hmacKey(secret), { algorithms: ['HS256'] });
  } catch (error) {
    throw new InvalidToken(`invalid link: ${(error as Error).message}`);
  }
  if (typeof p === 'string' || p.purpose !== PURPOSE || !p.sub || !p.jti || typeof p.decisionId !== 'string') {
    throw new InvalidToken('invalid link: not a Ratify action link');
  }
  if (typeof p.exp !== 'number') throw new InvalidToken('invalid link: it does not expire');
  if (p.action !== 'open' && p.action !== 'sign-off' && p.action !== 'confirm-ended') throw new InvalidToken('invalid link: unknown action');
  if (p.action === 'confirm-ended' && typeof p.arrangementId !== 'string') throw new InvalidToken('invalid link: it names no arrangement');
  return {
    actor: { userId: p.sub, name: String(p.name ?? p.sub), roles: Array.isArray(p.roles) ? p.roles.map(String) : [] },
    decisionId: p.decisionId,
    action: p.action,
    area: typeof p.area === 'string' ? p.area : undefined,
    arrangementId: typeof p.arrangementId === 'string' ? p.arrangementId : undefined,
    jti: p.jti,
  };
}
