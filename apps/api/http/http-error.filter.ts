import { Catch, HttpException, HttpStatus, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { DecisionError, InvalidInput } from '#libs/decisions';

const REASON: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** Every error leaves as `{ statusCode, error, message, details? }` (CONTRACT.md), plus state/allowedActions on 409. */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpError');

  catch(exception: unknown, host: ArgumentsHost) {
    const response = host.switchToHttp().getResponse();
    const { statusCode, body } = this.describe(exception);
    response.status(statusCode).json({ statusCode, error: REASON[statusCode] ?? 'Error', ...body });
  }

  private describe(exception: unknown): { statusCode: number; body: Record<string, unknown> } {
    if (exception instanceof DecisionError) {
      const details = exception instanceof InvalidInput && exception.details.length ? { details: exception.details } : {};
      return { statusCode: exception.status, body: { message: exception.message, ...details, ...exception.body } };
    }
    if (exception instanceof HttpException) {
      const res = exception.getResponse();
      const body: Record<string, unknown> = typeof res === 'string' ? { message: res } : { ...(res as Record<string, unknown>) };
      delete body.statusCode;
      delete body.error;
      // Nest maps body-parser's SyntaxError to a 400 carrying the parser's words; say what it means.
      if (exception.cause instanceof SyntaxError) Object.assign(body, malformedJson(exception.cause.message));
      // …and its other errors (too large, an unreadable charset) keep theirs as the cause.
      else if (typeof (exception.cause as { type?: unknown })?.type === 'string') Object.assign(body, bodyParserError(exception.cause as Error & { type: string }));
      return { statusCode: exception.getStatus(), body };
    }
    // body-parser errors (malformed JSON, too large, a charset it cannot read) carry their own 4xx status.
    const status = (exception as { status?: number })?.status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      return { statusCode: status, body: bodyParserError(exception as Error & { type?: string; limit?: number }) };
    }
    this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    return { statusCode: HttpStatus.INTERNAL_SERVER_ERROR, body: { message: 'internal error' } };
  }
}

function malformedJson(reason: string) {
  return { message: `malformed JSON body: ${reason}`, details: [{ field: 'body', message: `is not valid JSON (${reason})` }] };
}

function bodyParserError(error: Error & { type?: string; limit?: number }) {
  switch (error.type) {
    case 'entity.parse.failed':
      return malformedJson(error.message);
    case 'entity.too.large':
      return { message: `request body too large: at most ${error.limit} bytes`, details: [{ field: 'body', message: `must be at most ${error.limit} bytes` }] };
    case 'charset.unsupported':
    case 'encoding.unsupported':
      return { message: error.message, details: [{ field: 'Content-Type', message: 'must be application/json; charset=utf-8' }] };
    default:
      return { message: error.message };
  }
}
