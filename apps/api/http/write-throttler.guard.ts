import { Injectable, type ExecutionContext } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Per-user rate limiting of writes (RATE_LIMIT_WRITES per RATE_LIMIT_WINDOW_SECONDS), counted across every
 * write endpoint together; reads are not limited. Runs after AuthGuard, so the user is the token's `sub`;
 * a request without a token (a one-click link) counts against its IP address. Answers 429 with Retry-After.
 */
@Injectable()
export class WriteThrottlerGuard extends ThrottlerGuard {
  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    return context.getType() !== 'http' || !WRITES.has(context.switchToHttp().getRequest().method);
  }

  protected override async getTracker(req: Record<string, any>): Promise<string> {
    return req.actor?.userId ? `user:${req.actor.userId}` : `ip:${req.ip}`;
  }

  protected override generateKey(_context: ExecutionContext, tracker: string, name: string): string {
    return `writes:${name}:${tracker}`;
  }
}
