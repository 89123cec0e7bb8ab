import { BadRequestException, Controller, Get, Inject, NotFoundException, Param, Query, Req, Res } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiProduces, ApiQuery, ApiResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { ForwardPlanView, PublicDecisionList, PublicDecisionView } from './register.response.js';
import type { Request, Response } from 'express';
import { Public } from '#libs/auth';
import { parsePublicQuery, RegisterService, type PublicQuery } from '#libs/register';
import { navigationFor } from '#libs/web';
import { sendConditional } from '../http/conditional.js';

/** Reads a query or answers 400 naming each bad parameter. */
export function publicQuery(raw: Record<string, unknown>, maxPageSize: number): PublicQuery {
  const parsed = parsePublicQuery(raw, maxPageSize);
  if (!parsed.ok) throw new BadRequestException({ message: 'invalid query parameters', details: parsed.problems });
  return parsed.query;
}

const nonceOf = (res: Response): string | undefined => res.locals?.cspNonce;

/** The web app's public navigation on the API's HTML pages too: one service, whichever address was opened. */
const publicNavigation = (path: string) => ({ navigation: navigationFor(null, path) });

/** The filters of the public list and feed (parsePublicQuery reads them, and names each bad one). */
export const PUBLIC_QUERY = (): MethodDecorator => (target, key, descriptor) => {
  const params: [string, object][] = [
    ['q', { description: 'full text', example: 'staffing' }],
    ['decisionMaker', { description: 'part of the decision maker’s title' }],
    ['status', { description: 'a display status', example: 'Recommendations Approved' }],
    ['isKeyDecision', { description: 'true or false (also yes/no, 1/0)', example: 'true' }],
    ['ward', {}],
    ['from', { description: 'date of decision on or after, YYYY-MM-DD', example: '2020-01-01' }],
    ['to', { description: 'date of decision on or before, YYYY-MM-DD', example: '2021-12-31' }],
    ['page', { type: 'integer', minimum: 1, example: 1 }],
    ['pageSize', { type: 'integer', minimum: 1, example: 20, description: 'capped at REGISTER_MAX_PAGE_SIZE' }],
  ];
  for (const [name, schema] of params) ApiQuery({ name, required: false, schema: { type: 'string', ...schema } })(target, key, descriptor);
  ApiResponse({ status: 304, description: 'Not modified since the ETag or date sent (If-None-Match / If-Modified-Since)' })(target, key, descriptor);
};

const NOT_MODIFIED = ApiResponse({ status: 304, description: 'Not modified since the ETag or date sent (If-None-Match / If-Modified-Since)' });
const TEXT = (type: string) => ({ [type]: { schema: { type: 'string' } } });

/** GET /api/public/**: the published register, no sign-in. HTTP in and out only; RegisterService decides. */
@ApiTags('public register')
@ApiExtraModels(ForwardPlanView, PublicDecisionView)
@Public()
@Controller('public')
export class PublicRegisterController {
  constructor(@Inject(RegisterService) private readonly register: RegisterService) {}

  @Get('decisions')
  @PUBLIC_QUERY()
  @ApiOkResponse({ type: PublicDecisionList })
  @ApiOperation({ summary: 'Published decisions: q (full text), decisionMaker, status, isKeyDecision, ward, from, to (date of decision), page, pageSize' })
  async list(@Query() raw: Record<string, unknown>, @Req() req: Request, @Res() res: Response) {
    const page = await this.register.list(publicQuery(raw, this.register.maxPageSize));
    sendConditional(req, res, page, 'application/json');
  }

  @Get('feed.atom')
  @ApiProduces('application/atom+xml')
  @PUBLIC_QUERY()
  @ApiOkResponse({ description: 'an Atom feed', content: TEXT('application/atom+xml') })
  @ApiOperation({ summary: 'Atom feed of newly published and changed decisions (decisionMaker, ward, isKeyDecision, status, q)' })
  async feed(@Query() raw: Record<string, unknown>, @Req() req: Request, @Res() res: Response) {
    const query = publicQuery(raw, this.register.maxPageSize);
    const page = await this.register.feed(query, `${this.register.publicUrl}${req.originalUrl}`);
    sendConditional(req, res, page, 'application/atom+xml; charset=utf-8');
  }

  @Get('forward-plan')
  @ApiProduces('application/json', 'text/html')
  @NOT_MODIFIED
  @ApiOkResponse({ content: { 'application/json': { schema: { $ref: getSchemaPath(ForwardPlanView) } }, ...TEXT('text/html') } })
  @ApiOperation({ summary: 'Key decisions planned, their planned dates and whether 28 clear days are met (JSON, or HTML)' })
  async forwardPlan(@Req() req: Request, @Res() res: Response) {
    const plan = await this.register.forwardPlan();
    if (req.accepts(['application/json', 'text/html']) === 'text/html') {
      const page = this.register.forwardPlanPage(plan.body, nonceOf(res), publicNavigation('/register/forward-plan'));
      return sendConditional(req, res, { ...page, lastModified: plan.lastModified }, 'text/html; charset=utf-8');
    }
    sendConditional(req, res, plan, 'application/json');
  }

  @Get('decisions/:idOrReference')
  @ApiProduces('application/json', 'text/html', 'text/plain')
  @NOT_MODIFIED
  @ApiOkResponse({ content: { 'application/json': { schema: { $ref: getSchemaPath(PublicDecisionView) } }, ...TEXT('text/html'), ...TEXT('text/plain') } })
  @ApiOperation({ summary: 'One published decision by id or URL-encoded reference: JSON, the Decision details page (Accept: text/html) or the text layout (Accept: text/plain)' })
  async one(@Param('idOrReference') idOrReference: string, @Req() req: Request, @Res() res: Response) {
    const decision = await this.register.find(idOrReference);
    if (!decision) throw new NotFoundException(`no published decision with id or reference '${idOrReference}'`);
    switch (req.accepts(['application/json', 'text/html', 'text/plain'])) {
      case 'text/html':
        return sendConditional(req, res, this.register.decisionPage(decision, nonceOf(res), publicNavigation('/register')), 'text/html; charset=utf-8');
      case 'text/plain':
        return sendConditional(req, res, this.register.text(decision), 'text/plain; charset=utf-8');
      default:
        return sendConditional(req, res, this.register.json(decision), 'application/json');
    }
  }
}
