import { Body, Controller, Headers, Inject, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CurrentActor } from '#libs/auth';
import { ImportService } from '#libs/import';
import type { Actor } from '#libs/lifecycle';
import { ImportResultView } from './import.response.js';

/** POST /api/import/decision-record: HTTP in, ImportService out. */
@ApiTags('import')
@ApiBearerAuth()
@Controller('import')
export class ImportController {
  constructor(@Inject(ImportService) private readonly imports: ImportService) {}

  @Post('decision-record')
  @ApiOperation({
    summary: 'Import one "Decision details" record (democratic-services, admin): text in the register layout, or an HTML page',
    description:
      'The decision enters the state its status and dates imply, with an "import" history entry. 400 names what is missing; ' +
      '409 when the record is in the register already (same reference, or with none the same title, decision maker and date of decision).',
  })
  @ApiConsumes('text/plain', 'text/html')
  @ApiBody({ schema: { type: 'string', example: 'Decision details\n\nTitle…\n\nDecision Maker: …' } })
  @ApiQuery({ name: 'source', required: false, schema: { type: 'string', maxLength: 200, example: '000_df90ee194b41cad9.txt' }, description: 'the file name, recorded in the history entry' })
  @ApiCreatedResponse({ type: ImportResultView })
  importRecord(@Body() body: unknown, @Headers('content-type') contentType: string | undefined, @Query('source') source: unknown, @CurrentActor() actor: Actor) {
    const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
    return this.imports.importRecord(
      { content: typeof body === 'string' ? body : '', format: type === 'text/html' ? 'html' : 'text', name: typeof source === 'string' ? source.slice(0, 200) : undefined },
      actor,
    );
  }
}
