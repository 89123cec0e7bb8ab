import { Catch, HttpException, HttpStatus, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { DecisionError, InvalidInput } from '#libs/decisions';

const REASON: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
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
      if (exception.cause instanceof SyntaxError) body.message = `malformed JSON body: ${exception.cause.message}`;
      return { statusCode: exception.getStatus(), body };
    }
    // body-parser errors (malformed JSON, too large) carry their own 4xx status.
    const status = (exception as { status?: number })?.status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      const type = (exception as { type?: string }).type;
      const message = type === 'entity.parse.failed' ? 'malformed JSON body' : (exception as Error).message;
      return { statusCode: status, body: { message } };
    }
    this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    return { statusCode: HttpStatus.INTERNAL_SERVER_ERROR, body: { message: 'internal error' } };
  }
}
