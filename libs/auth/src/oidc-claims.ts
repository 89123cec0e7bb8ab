import type { OidcSettings } from '#libs/config';
import type { Actor } from '#libs/lifecycle';
import { isRole } from './token.js';

type Claims = Record<string, unknown>;

/** A claim by dotted path (`realm_access.roles`); a claim whose own name holds dots is found too. */
export function claimAt(claims: Claims, path: string): unknown {
  if (path in claims) return claims[path];
  return path.split('.').reduce<unknown>((value, key) => (value && typeof value === 'object' ? (value as Claims)[key] : undefined), claims);
}

/** The claim's values as strings: an array, or one string (space- or comma-separated, as some providers send). */
function values(claim: unknown): string[] {
  if (Array.isArray(claim)) return claim.filter((v): v is string => typeof v === 'string');
  if (typeof claim === 'string') return claim.split(/[\s,]+/).filter(Boolean);
  return [];
}

/**
 * The Ratify user an identity provider's claims describe. Roles come from the configured claim, each value
 * mapped through OIDC_ROLE_MAP or taken as it is when it is already a Ratify role; anything else is dropped,
 * so a provider can never grant a role Ratify does not know.
 */
export function actorFromClaims(claims: Claims, settings: Pick<OidcSettings, 'rolesClaim' | 'roleMap' | 'userIdClaim' | 'nameClaim'>): Actor {
  const userId = claimAt(claims, settings.userIdClaim);
  if (typeof userId !== 'string' || !userId) throw new Error(`the identity provider sent no '${settings.userIdClaim}' claim`);
  const name = claimAt(claims, settings.nameClaim);
  const roles = values(claimAt(claims, settings.rolesClaim)).flatMap((v) => settings.roleMap[v] ?? [v]).filter(isRole);
  return { userId, name: typeof name === 'string' && name ? name : userId, roles: [...new Set(roles)] };
}
