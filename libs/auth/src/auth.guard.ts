import {
  createParamDecorator,
  Inject,
  Injectable,
  SetMetadata,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { RATIFY_CONFIG, type RatifyConfig } from '#libs/config';
import type { Actor } from '#libs/lifecycle';
import { InvalidToken, verifyToken } from './token.js';

const IS_PUBLIC = 'ratify:isPublic';
/** Marks a route that needs no token (health, the public register). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Every route needs `Authorization: Bearer <JWT>` unless marked @Public(). */
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
      request.actor = verifyToken(match[1], this.config.jwtSecret);
    } catch (error) {
      if (error instanceof InvalidToken) throw new UnauthorizedException(error.message);
      throw error;
    }
    return true;
  }
}

/** The caller, as verified by AuthGuard. */
export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): Actor => {
  return context.switchToHttp().getRequest().actor;
});
