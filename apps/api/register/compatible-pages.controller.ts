import { BadRequestException, Controller, Get, Inject, NotFoundException, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '#libs/auth';
import { parseDateRange, RegisterService } from '#libs/register';
import { ErrorView } from '../http/error.dto.js';
import { sendConditional } from '../http/conditional.js';

const first = (v: unknown): string | null => (typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : null);

/**
 * The register under the page shapes civic-tech scrapers already read from council sites (ModernGov):
 * served at the site root, outside /api (see COMPATIBLE_PAGES in bootstrap).
 */
@ApiTags('public register')
@Public()
@Controller()
export class CompatiblePagesController {
  constructor(@Inject(RegisterService) private readonly register: RegisterService) {}

  @Get('mgDelegatedDecisions.aspx')
  @ApiQuery({ name: 'DR', required: false, description: 'dd/mm/yyyy-dd/mm/yyyy (either end may be left out)', example: '01/11/2020-30/11/2020' })
  @ApiOkResponse({ description: 'the list page', content: { 'text/html': { schema: { type: 'string' } } } })
  @ApiResponse({ status: 304, description: 'Not modified' })
  @ApiOperation({ summary: 'List of decisions taken in DR=dd/mm/yyyy-dd/mm/yyyy, linking to ieDecisionDetails.aspx?ID=<number>' })
  async list(@Query() query: Record<string, unknown>, @Req() req: Request, @Res() res: Response) {
    const dr = first(query.DR ?? query.dr);
    const range = parseDateRange(dr);
    if (!range.ok) throw new BadRequestException({ message: range.message, details: [{ field: 'DR', message: range.message }] });
    const decisions = await this.register.between(range.from, range.to);
    const page = this.register.compatibleListPage(decisions, { dr: dr ?? '', from: range.from, to: range.to }, res.locals?.cspNonce);
    sendConditional(req, res, page, 'text/html; charset=utf-8');
  }

  @Get('ieDecisionDetails.aspx')
  @ApiQuery({ name: 'ID', required: true, description: "the decision's public number", example: '1' })
  @ApiOkResponse({ description: 'the Decision details page', content: { 'text/html': { schema: { type: 'string' } } } })
  @ApiResponse({ status: 304, description: 'Not modified' })
  @ApiResponse({ status: 404, description: 'No published decision with that number', type: ErrorView })
  @ApiOperation({ summary: 'One decision by its public number (ID=<number>), in ModernGov markup' })
  async one(@Query() query: Record<string, unknown>, @Req() req: Request, @Res() res: Response) {
    const id = first(query.ID ?? query.id);
    if (!id || !/^\d{1,15}$/.test(id)) throw new NotFoundException(`no published decision with ID '${id ?? ''}'`);
    const decision = await this.register.findByNumber(Number(id));
    if (!decision) throw new NotFoundException(`no published decision with ID '${id}'`);
    sendConditional(req, res, this.register.compatibleDecisionPage(decision, res.locals?.cspNonce), 'text/html; charset=utf-8');
  }
}
