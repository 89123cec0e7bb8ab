import {
  createParamDecorator,
  Inject,
  Injectable,
  ForbiddenException,
  SetMetadata,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { RATIFY_CONFIG, type RatifyConfig } from '#libs/config';
import type { Actor } from '#libs/lifecycle';
import { InvalidToken, verifyToken, type TokenRules } from './token.js';

const IS_PUBLIC = 'ratify:isPublic';
/** Marks a route that needs no token (health, the public register). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

const ROLES_KEY = 'ratify:roles';
/**
 * A route for holders of one of these roles, whatever resource it touches (system endpoints such as
 * health details or metrics). Rules about one decision belong in libs/lifecycle's permission table.
 */
export const RequireRole = (...roles: string[]) => SetMetadata(ROLES_KEY, roles);

/** Every route needs `Authorization: Bearer <JWT>` unless marked @Public(); @RequireRole narrows it. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(RATIFY_CONFIG) private readonly config: RatifyConfig,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()])) return true;
    const request = context.switchToHttp().getRequest();
    const header: string | undefined = request.headers.authorization;
    const match = header?.match(/^Bearer\s+(\S+)$/i);
    if (!match) throw new UnauthorizedException('missing bearer token: send Authorization: Bearer <JWT>');
    try {
      request.actor = verifyToken(match[1], this.config.jwtSecret, tokenRules(this.config));
    } catch (error) {
      if (error instanceof InvalidToken) throw new UnauthorizedException(error.message);
      throw error;
    }
    const roles = this.reflector.getAllAndOverride<string[] | undefined>(ROLES_KEY, [context.getHandler(), context.getClass()]);
    if (roles && !roles.some((role) => request.actor.roles.includes(role))) {
      throw new ForbiddenException(`this needs the ${roles.map((r) => `'${r}'`).join(' or ')} role`);
    }
    return true;
  }
}

export function tokenRules(config: RatifyConfig): TokenRules {
  return { maxLifetimeSeconds: config.security.tokenMaxLifetimeSeconds, clockToleranceSeconds: config.security.tokenClockToleranceSeconds };
}

/** For endpoints outside Nest's routing (/metrics): does this Authorization header carry an admin's token? */
export function adminBearer(config: RatifyConfig) {
  return (authorization: string | undefined): 'ok' | 'unauthorized' | 'forbidden' => {
    const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
    if (!token) return 'unauthorized';
    try {
      return verifyToken(token, config.jwtSecret, tokenRules(config)).roles.includes('admin') ? 'ok' : 'forbidden';
    } catch (error) {
      if (error instanceof InvalidToken) return 'unauthorized';
      throw error;
    }
  };
}

/** The caller, as verified by AuthGuard. */
export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): Actor => {
  return context.switchToHttp().getRequest().actor;
});
