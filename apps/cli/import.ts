import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { planImport, renderDecisionRecord, ukDate, type ImportInput, type PlannedImport } from '#libs/records';

/**
 * npm run import -- FILE… [--dry-run]
 * Reads each "Decision details" record (text, or HTML by its .html/.htm name or its markup), says what
 * importing it would do, with a progress line per file and a closing summary. Storing arrives with the
 * import endpoint (POST /api/import/decision-record); until then only --dry-run does anything.
 */
const args = process.argv.slice(2);
const dryRun = args.includes('--dry-run');
const verbose = args.includes('--verbose');
const files = args.filter((a) => !a.startsWith('--'));
const unknown = args.filter((a) => a.startsWith('--') && a !== '--dry-run' && a !== '--verbose');

if (files.length === 0 || unknown.length || args.includes('--help')) {
  console.error(`usage: npm run import -- FILE… [--dry-run] [--verbose]${unknown.length ? `\nunknown option: ${unknown.join(' ')}` : ''}`);
  process.exit(files.length === 0 || unknown.length ? 64 : 0);
}

// Files that cannot be read are refused in their place; the rest are planned together (duplicates across files).
const inputs: ImportInput[] = [];
const slots: (PlannedImport | number)[] = files.map((file) => {
  try {
    const ext = extname(file).toLowerCase();
    return inputs.push({ name: file, content: readFileSync(file, 'utf8'), format: ext === '.html' || ext === '.htm' ? 'html' : undefined }) - 1;
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    return { name: file, outcome: 'refused', problems: [{ field: 'input', label: 'file', message: `cannot be read (${why})` }] };
  }
});
const planned = planImport(inputs);
const plan = slots.map((slot) => (typeof slot === 'number' ? planned[slot] : slot));
const width = String(plan.length).length;

plan.forEach((entry, i) => {
  const progress = `[${String(i + 1).padStart(width)}/${plan.length}] ${basename(entry.name)}`;
  if (entry.outcome === 'refused') {
    console.log(`${progress}: refused — ${entry.problems.map((p) => `${p.label} ${p.message}`).join('; ')}`);
    return;
  }
  const r = entry.record;
  const what = `${r.reference ? `${r.reference} – ` : ''}${r.title} (${r.status ?? 'no status'}, decided ${r.dateOfDecision ? ukDate(r.dateOfDecision) : '?'})`;
  if (entry.outcome === 'duplicate') {
    console.log(`${progress}: skipped as a duplicate of ${basename(entry.duplicateOf)} — ${what}`);
    return;
  }
  const n = entry.extraction.arrangements.length;
  console.log(`${progress}: ${dryRun ? 'would import' : 'ready to import'} ${what}; ${n} staffing arrangement${n === 1 ? '' : 's'} proposed`);
  for (const a of entry.extraction.arrangements) {
    const span = a.start || a.end ? `${a.start ? ukDate(a.start) : 'on taking effect'} – ${a.end ? ukDate(a.end) : a.duration ?? '?'}` : `${a.duration ?? '?'} from taking effect`;
    console.log(`      ${a.kind}: ${a.count && a.count > 1 ? `${a.count} × ` : ''}${a.title}${a.grade ? ` (${a.grade})` : ''}${a.fromGrade ? ` (${a.fromGrade} → ${a.toGrade})` : ''}, ${span}${a.retrospective ? ', retrospective' : ''}${a.funding?.source ? `, funded from ${a.funding.source}` : ''}${a.manager ? `, managed by ${a.manager.name}` : ''} [confidence ${a.confidence}]`);
  }
  for (const w of entry.warnings) console.log(`      warning: ${w.label} ${w.message}`);
  if (verbose) console.log(renderDecisionRecord(r).replace(/^/gm, '      | '));
});

const count = (o: PlannedImport['outcome']) => plan.filter((e) => e.outcome === o).length;
const refused = plan.filter((e): e is Extract<PlannedImport, { outcome: 'refused' }> => e.outcome === 'refused');
console.log(
  `\n${dryRun ? 'Dry run: would import' : 'Read'} ${count('import')}, skipped ${count('duplicate')} as duplicates, refused ${refused.length}` +
    (refused.length ? ` (${refused.map((e) => `${basename(e.name)}: ${e.problems.map((p) => p.field).join(', ')}`).join('; ')})` : '') +
    '.',
);
if (!dryRun) {
  console.log('Nothing was stored: storing imported records arrives with POST /api/import/decision-record. Run with --dry-run to preview an import.');
  process.exit(2);
}
process.exit(refused.length ? 1 : 0);
