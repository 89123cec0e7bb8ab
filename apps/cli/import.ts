/**
 * npm run import -- FILE… [--dry-run] [--verbose]
 * Imports "Decision details" records (text, or HTML by its .html/.htm name or its markup) straight into the
 * database through the import service — the same checks and the same one transaction per record as
 * POST /api/import/decision-record — with a progress line per file and a closing summary: imported, skipped
 * as duplicates, refused with why. Exit code 1 when any file was refused.
 * It connects to DATABASE_URL (with no DATABASE_URL, to the embedded PostgreSQL `npm start` runs on
 * EMBEDDED_PG_PORT) and REDIS_URL, like the server. --dry-run reads the files only and stores nothing.
 */
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { basename, extname } from 'node:path';
import { planImport, renderDecisionRecord, ukDate, type ImportInput, type PlannedImport, type ProposedArrangement } from '#libs/records';

const args = process.argv.slice(2);
const dryRun = args.includes('--dry-run');
const verbose = args.includes('--verbose');
const files = args.filter((a) => !a.startsWith('--'));
const unknown = args.filter((a) => a.startsWith('--') && a !== '--dry-run' && a !== '--verbose');

if (files.length === 0 || unknown.length || args.includes('--help')) {
  console.error(`usage: npm run import -- FILE… [--dry-run] [--verbose]${unknown.length ? `\nunknown option: ${unknown.join(' ')}` : ''}`);
  process.exit(files.length === 0 || unknown.length ? 64 : 0);
}

type Outcome = 'imported' | 'duplicate' | 'refused';
const width = String(files.length).length;
const progress = (i: number, file: string) => `[${String(i + 1).padStart(width)}/${files.length}] ${basename(file)}`;
const refusedWhy: string[] = [];
const tally: Record<Outcome, number> = { imported: 0, duplicate: 0, refused: 0 };

function read(file: string): ImportInput | { error: string } {
  try {
    const ext = extname(file).toLowerCase();
    return { name: basename(file), content: readFileSync(file, 'utf8'), format: ext === '.html' || ext === '.htm' ? 'html' : undefined };
  } catch (error) {
    return { error: `cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` };
  }
}

/** What a progress line says of a proposed arrangement (as extracted, or as stored). */
type Described = Pick<ProposedArrangement, 'kind' | 'title' | 'count' | 'grade' | 'fromGrade' | 'toGrade' | 'start' | 'end' | 'duration' | 'retrospective' | 'confidence'> & {
  funding: { source: string | null } | null;
  manager: { name: string | null } | null;
};

function describeArrangement(a: Described): string {
  const span = a.start || a.end ? `${a.start ? ukDate(a.start) : 'on taking effect'} – ${a.end ? ukDate(a.end) : a.duration ?? '?'}` : `${a.duration ?? '?'} from taking effect`;
  return `      ${a.kind}: ${a.count && a.count > 1 ? `${a.count} × ` : ''}${a.title}${a.grade ? ` (${a.grade})` : ''}${a.fromGrade ? ` (${a.fromGrade} → ${a.toGrade})` : ''}, ${span}${a.retrospective ? ', retrospective' : ''}${a.funding?.source ? `, funded from ${a.funding.source}` : ''}${a.manager?.name ? `, managed by ${a.manager.name}` : ''} [confidence ${a.confidence}]`;
}

const refuse = (i: number, file: string, why: string, fields: string[]) => {
  tally.refused++;
  refusedWhy.push(`${basename(file)}: ${fields.join(', ')}`);
  console.log(`${progress(i, file)}: refused — ${why}`);
};

if (dryRun) {
  // Reads only: what importing would do, duplicates judged among the files themselves.
  const inputs: ImportInput[] = [];
  const slots = files.map((file) => {
    const input = read(file);
    return 'error' in input ? input : inputs.push(input) - 1;
  });
  const planned = planImport(inputs);
  slots.forEach((slot, i) => {
    if (typeof slot !== 'number') return refuse(i, files[i], `file ${slot.error}`, ['input']);
    const entry: PlannedImport = planned[slot];
    if (entry.outcome === 'refused') return refuse(i, files[i], entry.problems.map((p) => `${p.label} ${p.message}`).join('; '), entry.problems.map((p) => p.field));
    const r = entry.record;
    const what = `${r.reference ? `${r.reference} – ` : ''}${r.title} (${r.status ?? 'no status'}, decided ${r.dateOfDecision ? ukDate(r.dateOfDecision) : '?'})`;
    if (entry.outcome === 'duplicate') {
      tally.duplicate++;
      return console.log(`${progress(i, files[i])}: skipped as a duplicate of ${basename(entry.duplicateOf)} — ${what}`);
    }
    tally.imported++;
    const n = entry.extraction.arrangements.length;
    console.log(`${progress(i, files[i])}: would import ${what}; ${n} staffing arrangement${n === 1 ? '' : 's'} proposed`);
    for (const a of entry.extraction.arrangements) console.log(describeArrangement(a));
    for (const w of entry.warnings) console.log(`      warning: ${w.label} ${w.message}`);
    if (verbose) console.log(renderDecisionRecord(r).replace(/^/gm, '      | '));
  });
} else {
  await store();
}

console.log(
  `\n${dryRun ? 'Dry run: would import' : 'Imported'} ${tally.imported}, skipped ${tally.duplicate} as duplicates, refused ${tally.refused}` +
    (refusedWhy.length ? ` (${refusedWhy.join('; ')})` : '') +
    '.',
);
process.exit(tally.refused ? 1 : 0);

/** Stores each record through the import service, one transaction each, in the order given. */
async function store() {
  const { Module } = await import('@nestjs/common');
  const { NestFactory } = await import('@nestjs/core');
  const { ConfigModule, loadConfig } = await import('#libs/config');
  const { Conflict, DecisionError, DecisionsModule } = await import('#libs/decisions');
  const { EngineModule } = await import('#libs/engine');
  const { ImportModule, ImportService } = await import('#libs/import');
  const { QueueModule } = await import('#libs/queue');
  const { StoreModule } = await import('#libs/store');
  const { TimersModule } = await import('#libs/timers');

  const config = loadConfig();
  config.databaseUrl ??= `postgres://ratify:ratify@127.0.0.1:${Number(process.env.EMBEDDED_PG_PORT ?? 54329)}/ratify`;

  @Module({ imports: [ConfigModule.with(config), StoreModule, QueueModule, EngineModule, TimersModule, DecisionsModule, ImportModule] })
  class ImportCliModule {}

  const app = await NestFactory.createApplicationContext(ImportCliModule, { logger: ['error', 'warn'] });
  try {
    const service = app.get(ImportService);
    // The history names who ran the import, as the operating system knows them.
    const who = safeUser();
    const actor = { userId: `cli-${who}`, name: `${who} (npm run import)`, roles: ['democratic-services'] };
    for (const [i, file] of files.entries()) {
      const input = read(file);
      if ('error' in input) {
        refuse(i, file, `file ${input.error}`, ['input']);
        continue;
      }
      try {
        const { decision, proposedArrangements } = await service.importRecord({ content: input.content, format: input.format, name: input.name }, actor);
        tally.imported++;
        const n = proposedArrangements.length;
        console.log(`${progress(i, file)}: imported as ${decision.reference} (${decision.status}, ${decision.state}); ${n} staffing arrangement${n === 1 ? '' : 's'} proposed`);
        for (const a of proposedArrangements) console.log(describeArrangement(a));
      } catch (error) {
        if (error instanceof Conflict) {
          tally.duplicate++;
          console.log(`${progress(i, file)}: skipped as a duplicate — ${error.message}`);
        } else if (error instanceof DecisionError) {
          const details = (error as { details?: { field: string; message: string }[] }).details ?? [];
          refuse(i, file, details.length ? details.map((d) => d.message).join('; ') : error.message, details.length ? details.map((d) => d.field) : ['input']);
        } else {
          throw error;
        }
      }
    }
  } finally {
    await app.close();
  }
}

function safeUser(): string {
  try {
    return userInfo().username.replace(/[^\w.-]/g, '') || 'unknown';
  } catch {
    return 'unknown';
  }
}
