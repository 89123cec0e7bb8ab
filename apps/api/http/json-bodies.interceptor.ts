import { HttpException, HttpStatus, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DECORATORS } from '@nestjs/swagger';
import type { Request } from 'express';

/**
 * A request that carries a body must send it as one of the media types the route documents
 * (`@ApiConsumes`, JSON when it says nothing): a PATCH sent as text/plain used to arrive as `{}` and pass
 * for an empty edit. Answers 415 naming Content-Type.
 */
@Injectable()
export class JsonBodiesInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler) {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<Request>();
    // The API's routes; the staff pages outside /api take their own HTML forms.
    if (request.path.startsWith('/api/') && carriesBody(request)) {
      const consumes = this.reflector.getAllAndOverride<string[]>(DECORATORS.API_CONSUMES, [context.getHandler(), context.getClass()]) ?? ['application/json'];
      const type = (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
      if (!consumes.some((accepted) => accepted.toLowerCase() === type)) {
        throw new HttpException(
          {
            message: `unsupported Content-Type '${type || '(none)'}': send ${consumes.join(' or ')}`,
            details: [{ field: 'Content-Type', message: `must be ${consumes.join(' or ')}` }],
          },
          HttpStatus.UNSUPPORTED_MEDIA_TYPE,
        );
      }
    }
    return next.handle();
  }
}

/** A non-empty body: a Content-Length above 0, or a chunked one. */
function carriesBody(request: Request): boolean {
  const length = Number(request.headers['content-length'] ?? 0);
  return length > 0 || request.headers['transfer-encoding'] !== undefined;
}
