import { renderContact, renderDecisionText, renderDocument, splitTitleLine, ukDate } from './fields.js';
import { HEADER, SECTIONS, type SectionField } from './labels.js';
import type { DecisionRecord } from './record.js';

/**
 * The record in the seeds' text layout: "Decision details", the title line, then each section that has
 * a value under its label, a blank line between paragraphs of the layout, dates as dd/mm/yyyy.
 * "Accompanying Documents:" is always written (both seeds end with it, empty).
 */
export function renderDecisionRecord(record: DecisionRecord): string {
  const out: string[] = [HEADER, titleLine(record)];
  const referenceInTitle = record.reference !== null && splitTitleLine(titleLine(record)).reference === record.reference;
  for (const section of SECTIONS) {
    if (section.field === 'reference' && referenceInTitle) continue;
    const value = sectionValue(record, section.field);
    if (value === null && section.field !== 'documents') continue;
    if (section.block) {
      out.push(section.label);
      if (value) out.push(value);
    } else {
      out.push(value ? `${section.label} ${value}` : section.label);
    }
  }
  return out.join('\n\n');
}

/** Doncaster's form, "REFERENCE - Title", when the reference reads back from it; else the title alone (and a "Reference:" line). */
export function titleLine(record: DecisionRecord): string {
  if (!record.reference) return record.title;
  const combined = `${record.reference} - ${record.title}`;
  return splitTitleLine(combined).reference === record.reference ? combined : record.title;
}

const yesNo = (v: boolean | null) => (v === null ? null : v ? 'Yes' : 'No');
const date = (v: string | null) => (v ? ukDate(v) : null);

function sectionValue(r: DecisionRecord, field: SectionField): string | null {
  switch (field) {
    case 'reference':
      return r.reference;
    case 'decisionMaker':
      return r.decisionMaker || null;
    case 'isKeyDecision':
    case 'isSubjectToCallIn':
    case 'isUrgent':
      return yesNo(r[field]);
    case 'wardsAffected':
      return r.wardsAffected.length ? r.wardsAffected.join('; ') : null;
    case 'decision': {
      const lines = renderDecisionText(r.decision);
      return lines.length ? lines.join('\n') : null;
    }
    case 'contact':
      return r.contact ? renderContact(r.contact) || null : null;
    case 'publicationDate':
    case 'dateOfDecision':
    case 'effectiveFrom':
      return date(r[field]);
    case 'documents':
      return r.documents.length ? r.documents.map(renderDocument).join('\n') : null;
    default:
      return r[field];
  }
}
