import { randomBytes } from 'node:crypto';
import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Conflict, DecisionError, DecisionNotFound, Forbidden, InvalidInput } from '#libs/decisions';
import type { HttpErrorFilter } from '../http/http-error.filter.js';
import type { PageRenderer } from './page-renderer.js';
import { PageNotFound, RoleRequired, SignInRequired } from './web-errors.js';

/** Paths that belong to the JSON API and its tools: their errors stay JSON. */
export function isApiPath(path: string): boolean {
  return /^\/(api|admin)(\/|$)/.test(path);
}

interface ErrorPage {
  status: number;
  heading: string;
  paragraphs: string[];
  role?: string;
  reference?: string;
}

const sentence = (s: string) => (s ? s.charAt(0).toUpperCase() + s.slice(1).replace(/([^.])$/, '$1.') : s);

/**
 * Errors as pages for people (404, 403 naming the role, 409, 400, and a 500 that shows a reference, never a
 * stack trace), and as the API's JSON for everything under /api.
 */
@Catch()
export class WebErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('WebError');

  constructor(
    private readonly api: HttpErrorFilter,
    private readonly pages: PageRenderer,
  ) {}

  catch(exception: unknown, host: ArgumentsHost) {
    const req = host.switchToHttp().getRequest<Request>();
    const res = host.switchToHttp().getResponse<Response>();
    if (isApiPath(req.path) || res.headersSent) return this.api.catch(exception, host);
    if (exception instanceof SignInRequired) {
      const back = req.method === 'GET' ? `?returnTo=${encodeURIComponent(req.originalUrl)}` : '';
      return res.redirect(302, `/sign-in${back}`);
    }
    const page = this.describe(exception);
    try {
      this.pages.render(req, res, 'web/error.njk', { pageTitle: page.heading, ...page }, page.status);
    } catch (renderError) {
      this.logger.error(`could not render the error page: ${(renderError as Error).stack}`);
      res.status(page.status).type('text').send(`${page.heading}${page.reference ? ` (reference ${page.reference})` : ''}`);
    }
  }

  describe(exception: unknown): ErrorPage {
    const status = this.statusOf(exception);
    const message = exception instanceof Error ? exception.message : '';
    switch (status) {
      case 404:
        return { status, heading: 'Page not found', paragraphs: ['If you typed the web address, check it is correct.', 'If you pasted the web address, check you copied the entire address.'] };
      case 403:
        if (exception instanceof RoleRequired) return { status, heading: 'You cannot do this', paragraphs: [sentence(message)], role: exception.role };
        if (isCsrfRefusal(exception)) return { status, heading: 'Your form was not accepted', paragraphs: [message] };
        return { status, heading: 'You cannot do this', paragraphs: [sentence(message)], role: roleNamed(message) };
      case 409:
        return { status, heading: 'This cannot be done now', paragraphs: [sentence(message)] };
      case 400:
        return { status, heading: 'There is a problem with the request', paragraphs: [sentence(message), ...((exception instanceof InvalidInput ? exception.details : []).map((d) => `${d.field}: ${d.message}`))] };
      default: {
        if (status >= 400 && status < 500) return { status, heading: 'There is a problem with the request', paragraphs: [sentence(message)] };
        const reference = randomBytes(4).toString('hex').toUpperCase();
        this.logger.error(`reference ${reference}: ${exception instanceof Error ? exception.stack : String(exception)}`);
        return { status: 500, heading: 'Sorry, there is a problem with the service', paragraphs: ['Try again later. Nothing you were doing was half-done: each change either happens whole or not at all.'], reference };
      }
    }
  }

  private statusOf(exception: unknown): number {
    if (exception instanceof PageNotFound || exception instanceof DecisionNotFound) return 404;
    if (exception instanceof RoleRequired || exception instanceof Forbidden) return 403;
    if (exception instanceof Conflict) return 409;
    if (exception instanceof DecisionError) return exception.status;
    if (exception instanceof HttpException) return exception.getStatus();
    const status = (exception as { status?: number; statusCode?: number })?.status ?? (exception as { statusCode?: number })?.statusCode;
    return typeof status === 'number' && status >= 400 && status < 500 ? status : 500;
  }
}

/** csrf-sync's refusal, as it arrives (Nest wraps the middleware's http-error in an HttpException). */
function isCsrfRefusal(exception: unknown): boolean {
  const code = (e: unknown) => (e as { code?: string } | undefined)?.code;
  return code(exception) === 'EBADCSRFTOKEN' || code((exception as { cause?: unknown })?.cause) === 'EBADCSRFTOKEN';
}

/** The role a refusal names ("needs the 'scrutiny' role"), for the 403 page to say which role is needed. */
function roleNamed(message: string): string | undefined {
  return /'([a-z:-]+)' role/.exec(message)?.[1] ?? (/decision maker/.test(message) ? 'decision-maker (the named decision maker)' : undefined);
}
