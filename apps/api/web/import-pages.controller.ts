import { Body, Controller, Get, Inject, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '#libs/auth';
import { Conflict, InvalidInput } from '#libs/decisions';
import { IMPORT_ROLES, ImportService } from '#libs/import';
import type { Actor } from '#libs/lifecycle';
import { importErrors, importResultView, text, type FormBody } from '#libs/web';
import { problemsOf } from './api-validation.js';
import { uploadedFile } from './import-upload.js';
import { PageRenderer } from './page-renderer.js';
import { SignedInGuard, SignedInUser } from './signed-in.guard.js';
import { RoleRequired } from './web-errors.js';

/** Page 5 (democratic services): import a "Decision details" record, pasted or uploaded. ImportService decides. */
@ApiExcludeController()
@Public()
@UseGuards(SignedInGuard)
@Controller('work/import')
export class ImportPagesController {
  constructor(
    @Inject(ImportService) private readonly imports: ImportService,
    @Inject(PageRenderer) private readonly pages: PageRenderer,
  ) {}

  @Get()
  page(@Req() req: Request, @Res() res: Response, @SignedInUser() actor: Actor) {
    this.mayImport(actor);
    this.pages.render(req, res, 'web/import.njk', { pageTitle: 'Import a decision record', values: { content: '' } });
  }

  @Post()
  async post(@Req() req: Request, @Res() res: Response, @SignedInUser() actor: Actor, @Body() body: FormBody) {
    this.mayImport(actor);
    const file = uploadedFile(req);
    const pasted = typeof body.content === 'string' ? body.content : '';
    const field = file ? 'file' : 'content';
    const content = file ? file.content : pasted;
    const refuse = (problems: { field: string; message: string }[], status = 400) =>
      this.pages.render(req, res, 'web/import.njk', { pageTitle: 'Error: Import a decision record', values: { content: pasted }, errors: importErrors(problems, field) }, status);
    if (!text(content)) return refuse([{ field, message: file ? 'the file is empty' : 'paste a record, or choose a file to upload' }]);
    try {
      const result = await this.imports.importRecord({ content, name: file?.name, format: file?.format }, actor);
      this.pages.render(req, res, 'web/import.njk', { pageTitle: `Imported: ${result.decision.reference}`, result: importResultView(result), flash: { type: 'success', title: 'Success', heading: `Record imported as ${result.decision.reference}` } }, 201);
    } catch (error) {
      if (error instanceof InvalidInput) return refuse(problemsOf(error));
      if (error instanceof Conflict) return refuse([{ field, message: error.message }], 409);
      throw error;
    }
  }

  private mayImport(actor: Actor) {
    if (!IMPORT_ROLES.some((r) => actor.roles.includes(r))) throw new RoleRequired('democratic-services', 'Importing records needs the democratic-services or admin role.');
  }
}
