import { BadRequestException, Controller, Get, Inject, NotFoundException, Param, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '#libs/auth';
import { parsePublicQuery, RegisterService, type PublicQuery } from '#libs/register';
import { sendConditional } from '../http/conditional.js';

/** Reads a query or answers 400 naming each bad parameter. */
export function publicQuery(raw: Record<string, unknown>, maxPageSize: number): PublicQuery {
  const parsed = parsePublicQuery(raw, maxPageSize);
  if (!parsed.ok) throw new BadRequestException({ message: 'invalid query parameters', details: parsed.problems });
  return parsed.query;
}

const nonceOf = (res: Response): string | undefined => res.locals?.cspNonce;

/** GET /api/public/**: the published register, no sign-in. HTTP in and out only; RegisterService decides. */
@ApiTags('public register')
@Public()
@Controller('public')
export class PublicRegisterController {
  constructor(@Inject(RegisterService) private readonly register: RegisterService) {}

  @Get('decisions')
  @ApiOperation({ summary: 'Published decisions: q (full text), decisionMaker, status, isKeyDecision, ward, from, to (date of decision), page, pageSize' })
  async list(@Query() raw: Record<string, unknown>, @Req() req: Request, @Res() res: Response) {
    const page = await this.register.list(publicQuery(raw, this.register.maxPageSize));
    sendConditional(req, res, page, 'application/json');
  }

  @Get('feed.atom')
  @ApiProduces('application/atom+xml')
  @ApiOperation({ summary: 'Atom feed of newly published and changed decisions (decisionMaker, ward, isKeyDecision, status, q)' })
  async feed(@Query() raw: Record<string, unknown>, @Req() req: Request, @Res() res: Response) {
    const query = publicQuery(raw, this.register.maxPageSize);
    const page = await this.register.feed(query, `${this.register.publicUrl}${req.originalUrl}`);
    sendConditional(req, res, page, 'application/atom+xml; charset=utf-8');
  }

  @Get('forward-plan')
  @ApiProduces('application/json', 'text/html')
  @ApiOperation({ summary: 'Key decisions planned, their planned dates and whether 28 clear days are met (JSON, or HTML)' })
  async forwardPlan(@Req() req: Request, @Res() res: Response) {
    const plan = await this.register.forwardPlan();
    if (req.accepts(['application/json', 'text/html']) === 'text/html') {
      const page = this.register.forwardPlanPage(plan.body, nonceOf(res));
      return sendConditional(req, res, { ...page, lastModified: plan.lastModified }, 'text/html; charset=utf-8');
    }
    sendConditional(req, res, plan, 'application/json');
  }

  @Get('decisions/:idOrReference')
  @ApiProduces('application/json', 'text/html', 'text/plain')
  @ApiOperation({ summary: 'One published decision by id or URL-encoded reference: JSON, the Decision details page (Accept: text/html) or the text layout (Accept: text/plain)' })
  async one(@Param('idOrReference') idOrReference: string, @Req() req: Request, @Res() res: Response) {
    const decision = await this.register.find(idOrReference);
    if (!decision) throw new NotFoundException(`no published decision with id or reference '${idOrReference}'`);
    switch (req.accepts(['application/json', 'text/html', 'text/plain'])) {
      case 'text/html':
        return sendConditional(req, res, this.register.decisionPage(decision, nonceOf(res)), 'text/html; charset=utf-8');
      case 'text/plain':
        return sendConditional(req, res, this.register.text(decision), 'text/plain; charset=utf-8');
      default:
        return sendConditional(req, res, this.register.json(decision), 'application/json');
    }
  }
}
