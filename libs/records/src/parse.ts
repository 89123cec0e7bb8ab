import {
  canonicalStatus,
  cleanDecisionMaker,
  parseContact,
  parseDate,
  parseDecisionText,
  parseDocument,
  parseWards,
  parseYesNo,
  splitTitleLine,
} from './fields.js';
import { isHeader, matchLabel, sectionFor, type SectionField } from './labels.js';
import { htmlLines, looksLikeHtml, textLines } from './lines.js';
import { emptyRecord, REQUIRED_FIELDS, type DecisionRecord, type FieldProblem, type ParseResult } from './record.js';

export interface ParseOptions {
  /** `text` or `html`; guessed from the input when omitted. */
  format?: 'text' | 'html';
}

/** Inputs past this size are refused rather than read (a record is a few kilobytes). */
export const MAX_RECORD_BYTES = 2_000_000;

const REQUIRED_LABEL: Record<(typeof REQUIRED_FIELDS)[number], string> = {
  title: 'the title (the line after "Decision details")',
  decisionMaker: '"Decision Maker:"',
  decision: '"Decision:"',
  dateOfDecision: '"Date of decision:"',
};

/**
 * Reads one "Decision details" record, as text (the seeds' layout) or HTML (a register page, or the text
 * wrapped in markup). Tolerant of missing sections, any order, extra whitespace, CRLF, label case and
 * spelling variants. Never throws: the result is a record, or the problems that stop it being one.
 */
export function parseDecisionRecord(input: string, options: ParseOptions = {}): ParseResult {
  try {
    return parse(input, options);
  } catch (error) {
    // A bug, not bad input: still an answer rather than an exception, saying so.
    return refuse([{ field: 'input', label: 'record', message: `could not be read (${(error as Error).message})` }]);
  }
}

function parse(input: string, options: ParseOptions): ParseResult {
  if (typeof input !== 'string' || input.trim() === '') {
    return refuse([{ field: 'input', label: 'record', message: 'is empty: send one "Decision details" record as text or HTML' }]);
  }
  if (input.length > MAX_RECORD_BYTES) {
    return refuse([{ field: 'input', label: 'record', message: `is larger than ${MAX_RECORD_BYTES} characters; send one record at a time` }]);
  }
  const html = options.format ? options.format === 'html' : looksLikeHtml(input);
  const lines = html ? htmlLines(input) : textLines(input);

  // Split the lines into the part before the first label (header, title) and one run per section.
  const head: string[] = [];
  const runs: { field: SectionField; lines: string[] }[] = [];
  for (const line of lines) {
    const label = matchLabel(line);
    if (label) {
      runs.push({ field: label.section.field, lines: label.value ? [label.value] : [] });
    } else if (runs.length === 0) {
      if (!isHeader(line)) head.push(line);
    } else {
      runs[runs.length - 1].lines.push(line);
    }
  }

  const record = emptyRecord();
  const problems: FieldProblem[] = [];
  const warnings: FieldProblem[] = [];
  const seen = new Set<SectionField>();

  const titleLine = head.join(' ').trim();
  if (titleLine) Object.assign(record, splitTitleLine(titleLine));

  for (const run of runs) {
    // A section written twice: the first one counts (a register's page repeats nothing on purpose).
    if (seen.has(run.field)) continue;
    seen.add(run.field);
    readSection(record, run.field, run.lines, problems, warnings);
  }

  for (const field of REQUIRED_FIELDS) {
    const missing =
      field === 'decision' ? record.decision.recommendations.length === 0 && !record.decision.preamble : !record[field];
    if (missing && !problems.some((p) => p.field === field)) {
      problems.push({ field, label: REQUIRED_LABEL[field], message: `is missing: the record needs ${REQUIRED_LABEL[field]}` });
    }
  }
  return problems.length ? refuse(problems) : { ok: true, record, warnings };
}

function refuse(problems: FieldProblem[]): ParseResult {
  return { ok: false, problems, missing: problems.map((p) => p.field) };
}

function readSection(record: DecisionRecord, field: SectionField, lines: string[], problems: FieldProblem[], warnings: FieldProblem[]) {
  const label = sectionFor(field).label.replace(/:$/, '');
  const one = lines.join(' ').trim();
  const block = lines.join('\n').trim() || null;
  const date = (required: boolean) => {
    if (!one) return null;
    const parsed = parseDate(one);
    if (!parsed) (required ? problems : warnings).push({ field, label, message: `'${one}' is not a date: write it as dd/mm/yyyy` });
    return parsed;
  };
  const yesNo = () => {
    if (!one) return null;
    const parsed = parseYesNo(one);
    if (parsed === null) warnings.push({ field, label, message: `'${one}' is neither Yes nor No` });
    return parsed;
  };
  switch (field) {
    case 'reference':
      if (one) record.reference = one;
      return;
    case 'decisionMaker':
      record.decisionMaker = cleanDecisionMaker(one);
      return;
    case 'status':
      record.status = one ? canonicalStatus(one) : null;
      return;
    case 'isKeyDecision':
    case 'isSubjectToCallIn':
    case 'isUrgent':
      record[field] = yesNo();
      return;
    case 'wardsAffected':
      record.wardsAffected = parseWards(one);
      return;
    case 'decision':
      record.decision = parseDecisionText(lines);
      return;
    case 'contact':
      record.contact = parseContact(one);
      return;
    case 'publicationDate':
    case 'effectiveFrom':
      record[field] = date(false);
      return;
    case 'dateOfDecision':
      record.dateOfDecision = date(true);
      return;
    case 'documents':
      record.documents = lines.map(parseDocument).filter((d) => d.title);
      return;
    case 'decidedAtMeeting':
    case 'reportAuthor':
      record[field] = one || null;
      return;
    default:
      record[field] = block;
  }
}
