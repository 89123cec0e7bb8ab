import { createParamDecorator, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { Actor } from '#libs/lifecycle';
import { SignInRequired } from './web-errors.js';
import { signedInUser } from './web-session.js';

/** A staff page needs a signed-in session (the cookie); the JSON API's bearer tokens are not read here. */
@Injectable()
export class SignedInGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Request & { actor?: Actor }>();
    const user = signedInUser(request);
    if (!user) throw new SignInRequired();
    request.actor = user;
    return true;
  }
}

/** The signed-in person of a page. */
export const SignedInUser = createParamDecorator((_: unknown, context: ExecutionContext): Actor => {
  return context.switchToHttp().getRequest().actor;
});
