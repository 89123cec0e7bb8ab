import { extractArrangements, type Extraction } from './arrangements/extract.js';
import { parseDecisionRecord, type ParseOptions } from './parse.js';
import type { DecisionRecord, FieldProblem } from './record.js';

/**
 * A record imports once: the same reference — or, with none, the same title, decision maker and date of
 * decision — is the same record. Compared without case or spacing mattering.
 */
export function duplicateKey(record: DecisionRecord): string {
  const norm = (s: string | null) => (s ?? '').toLowerCase().replace(/\s+/g, ' ').trim();
  return record.reference ? `ref:${norm(record.reference)}` : `record:${norm(record.title)}|${norm(record.decisionMaker)}|${record.dateOfDecision ?? ''}`;
}

export interface ImportInput {
  name: string;
  content: string;
  format?: ParseOptions['format'];
}

export type PlannedImport =
  | { name: string; outcome: 'import'; record: DecisionRecord; extraction: Extraction; warnings: FieldProblem[] }
  | { name: string; outcome: 'duplicate'; record: DecisionRecord; duplicateOf: string }
  | { name: string; outcome: 'refused'; problems: FieldProblem[] };

/** What importing these inputs would do, in order: each is imported, skipped as a duplicate of an earlier one, or refused with why. */
export function planImport(inputs: ImportInput[], known: Map<string, string> = new Map()): PlannedImport[] {
  const seen = new Map(known);
  return inputs.map((input): PlannedImport => {
    const parsed = parseDecisionRecord(input.content, { format: input.format });
    if (!parsed.ok) return { name: input.name, outcome: 'refused', problems: parsed.problems };
    const key = duplicateKey(parsed.record);
    const earlier = seen.get(key);
    if (earlier) return { name: input.name, outcome: 'duplicate', record: parsed.record, duplicateOf: earlier };
    seen.set(key, input.name);
    return { name: input.name, outcome: 'import', record: parsed.record, extraction: extractArrangements(parsed.record), warnings: parsed.warnings };
  });
}
