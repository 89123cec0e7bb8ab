import { describe, expect, it } from '@jest/globals';
import { ForbiddenException, HttpException } from '@nestjs/common';
import { Conflict, DecisionNotFound, Forbidden } from '#libs/decisions';
import { createViewEnvironment } from '#libs/views';
import { loadConfig } from '#libs/config';
import { HttpErrorFilter } from '../http/http-error.filter.js';
import { PageRenderer } from './page-renderer.js';
import { safeReturnTo } from './return-to.js';
import { RoleRequired } from './web-errors.js';
import { WebErrorFilter, isApiPath } from './web-error.filter.js';

const pages = new PageRenderer(createViewEnvironment({ councilName: 'Oldham Council' }), loadConfig({}));
const filter = new WebErrorFilter(new HttpErrorFilter(), pages);

function render(exception: unknown) {
  const page = filter.describe(exception);
  const html = pages.html({ path: '/work', session: null } as never, { locals: {} } as never, 'web/error.njk', { pageTitle: page.heading, ...page });
  return { page, html };
}

describe('web error pages', () => {
  it('shows a 500 with a reference and never the stack or the message', () => {
    const error = new Error('connect ECONNREFUSED 10.0.0.5:5432 password=hunter2');
    const { page, html } = render(error);
    expect(page.status).toBe(500);
    expect(page.reference).toMatch(/^[0-9A-F]{8}$/);
    expect(html).toContain(page.reference);
    expect(html).not.toContain('ECONNREFUSED');
    expect(html).not.toContain('hunter2');
    expect(html).not.toMatch(/at .*\.ts:\d+/);
  });

  it('says which role a 403 needs', () => {
    expect(render(new RoleRequired('officer', 'Only officers draft decisions.')).html).toContain('You need the <strong>officer</strong> role');
    expect(filter.describe(new Forbidden("calling in needs the 'scrutiny' role")).role).toBe('scrutiny');
    expect(filter.describe(new Forbidden('only the named decision maker may approve this decision')).role).toMatch(/^decision-maker/);
    const csrf = new ForbiddenException('form refused', { cause: Object.assign(new Error('invalid csrf token'), { code: 'EBADCSRFTOKEN' }) });
    expect(filter.describe(csrf).heading).toBe('Your form was not accepted');
  });

  it('maps the rest of the domain errors to their pages', () => {
    expect(filter.describe(new DecisionNotFound('x')).status).toBe(404);
    expect(filter.describe(new Conflict('approve is not allowed in state draft')).status).toBe(409);
    expect(filter.describe(new HttpException('gone', 410)).status).toBe(410);
    expect(filter.describe(Object.assign(new Error('too large'), { status: 413 })).status).toBe(413);
  });

  it('keeps JSON for the API, and sign-in returns only inside the staff pages', () => {
    expect(isApiPath('/api/decisions')).toBe(true);
    expect(isApiPath('/admin/queues')).toBe(true);
    expect(isApiPath('/apiary')).toBe(false);
    expect(safeReturnTo('/work/decisions/1?x=1')).toBe('/work/decisions/1?x=1');
    for (const bad of ['https://evil.example/work', '//evil.example', '/work//evil', '/api/decisions', '/\\evil', 42]) expect(safeReturnTo(bad)).toBe('/work');
  });
});
