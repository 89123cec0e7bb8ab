import type { DecisionRecord } from './record.js';

export type SectionField = Exclude<keyof DecisionRecord, 'title'>;

export interface Section {
  field: SectionField;
  /** The label as the seeds (and ModernGov) write it, in the order the renderer writes them. */
  label: string;
  /** Other spellings registers use (matched without case, spacing or a trailing colon mattering). */
  aliases: string[];
  /** Block sections hold paragraphs; the others hold one value, usually on the label's own line. */
  block: boolean;
}

/** Every section of a "Decision details" record, in the seeds' order (extras where registers put them). */
export const SECTIONS: readonly Section[] = [
  { field: 'reference', label: 'Reference:', aliases: ['decision reference', 'reference number', 'reference', 'ref'], block: false },
  { field: 'decisionMaker', label: 'Decision Maker:', aliases: ['decision maker', 'decision-maker', 'decision taker', 'decision made by'], block: false },
  { field: 'decidedAtMeeting', label: 'Decided at meeting:', aliases: ['decided at meeting'], block: false },
  { field: 'status', label: 'Decision status:', aliases: ['decision status', 'status'], block: false },
  { field: 'isKeyDecision', label: 'Is Key decision?:', aliases: ['is key decision?', 'key decision?', 'is this a key decision?'], block: false },
  { field: 'isSubjectToCallIn', label: 'Is subject to call in?:', aliases: ['is subject to call in?', 'is subject to call-in?', 'subject to call in?', 'subject to call-in?'], block: false },
  { field: 'isUrgent', label: 'Urgent item?:', aliases: ['urgent item?', 'is urgent?'], block: false },
  { field: 'wardsAffected', label: 'Wards affected:', aliases: ['wards affected', 'ward(s) affected', 'wards'], block: false },
  { field: 'purpose', label: 'Purpose:', aliases: ['purpose', 'purpose of the decision', 'purpose of report', 'purpose of the report'], block: true },
  { field: 'decision', label: 'Decision:', aliases: ['decision', 'decision taken', 'the decision'], block: true },
  { field: 'reasons', label: 'Reasons for the decision:', aliases: ['reasons for the decision', 'reasons for decision', 'reason for the decision', 'reason for decision', 'reasons'], block: true },
  {
    field: 'alternativeOptions',
    label: 'Alternative options considered:',
    aliases: ['alternative options considered', 'alternative options considered and rejected', 'alternative options rejected', 'alternative options', 'alternatives considered'],
    block: true,
  },
  { field: 'conflictsOfInterest', label: 'Conflict of interest declared:', aliases: ['conflict of interest declared', 'conflicts of interest declared', 'conflicts of interest', 'interests declared'], block: true },
  { field: 'dispensation', label: 'Dispensation granted:', aliases: ['dispensation granted', 'dispensation'], block: true },
  { field: 'risks', label: 'Details of any associated risks and mitigation:', aliases: ['details of any associated risks and mitigation', 'associated risks and mitigation', 'risks and mitigation'], block: true },
  {
    field: 'otherConsulted',
    // The seeds write this one without a colon.
    label: 'Other reasons / organisations consulted',
    aliases: ['other reasons / organisations consulted', 'other reasons/organisations consulted', 'other organisations consulted', 'organisations consulted', 'consultation undertaken'],
    block: true,
  },
  { field: 'reportAuthor', label: 'Report author:', aliases: ['report author'], block: false },
  { field: 'contact', label: 'Contact:', aliases: ['contact', 'contact officer', 'contact details'], block: false },
  { field: 'publicationDate', label: 'Publication date:', aliases: ['publication date', 'date of publication', 'date published', 'published'], block: false },
  { field: 'dateOfDecision', label: 'Date of decision:', aliases: ['date of decision', 'decision date', 'date decision taken'], block: false },
  { field: 'effectiveFrom', label: 'Effective from:', aliases: ['effective from', 'date effective'], block: false },
  { field: 'documents', label: 'Accompanying Documents:', aliases: ['accompanying documents', 'supporting documents', 'background papers', 'documents'], block: true },
];

export const HEADER = 'Decision details';

export function sectionFor(field: SectionField): Section {
  return SECTIONS.find((s) => s.field === field)!;
}

interface Matcher {
  section: Section;
  pattern: RegExp;
}

const escape = (s: string) => s.replace(/[.*+^${}()|[\]\\]/g, '\\$&');

/**
 * One pattern per alias, longest first (so "Decision Maker" wins over "Decision"). A label is followed by a
 * colon (and maybe a value), or ends the line; a label ending in "?" may be followed by its value directly.
 * A "?" in an alias is optional, and spaces, hyphens and slashes are matched loosely.
 */
const MATCHERS: Matcher[] = SECTIONS.flatMap((section) =>
  section.aliases.map((alias) => {
    const question = alias.endsWith('?');
    const body = escape(alias.replace(/\?$/, ''))
      .replace(/\\?\?/g, '\\??')
      .replace(/\s*\/\s*/g, '\\s*/\\s*')
      .replace(/[ -]/g, '[\\s-]*');
    const plain = '\\s*(?::\\s*(.*)|$)';
    const tail = question ? `(?:\\s*\\?\\s*(?::\\s*(.*)|(\\S.*)|$)|${plain})` : plain;
    return { section, pattern: new RegExp(`^${body}${tail}`, 'i'), length: alias.length };
  }),
)
  .sort((a, b) => b.length - a.length)
  .map(({ section, pattern }) => ({ section, pattern }));

/** The section a line opens, with the value written on the same line (possibly empty), or null. */
export function matchLabel(line: string): { section: Section; value: string } | null {
  for (const { section, pattern } of MATCHERS) {
    const m = pattern.exec(line);
    if (m) return { section, value: (m[1] ?? m[2] ?? m[3] ?? '').trim() };
  }
  return null;
}

export function isHeader(line: string): boolean {
  return /^decision\s+details:?$/i.test(line);
}
