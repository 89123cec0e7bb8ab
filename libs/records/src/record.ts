/**
 * A "Decision details" record as councils publish it (the seeds are two), field by field. Pure data:
 * the parser reads one from text or HTML, the renderer writes one in the seeds' text layout.
 */
export interface DecisionRecord {
  /** "LOP&S - 2021035"; null when the record carries none (Oldham's does not). */
  reference: string | null;
  title: string;
  /** A post, trimmed, a trailing comma dropped. */
  decisionMaker: string;
  /** The display status: canonical words when recognised ("Recommendations Approved"), else as written. */
  status: string | null;
  isKeyDecision: boolean | null;
  isSubjectToCallIn: boolean | null;
  /** Paragraphs separated by "\n". */
  purpose: string | null;
  decision: DecisionText;
  reasons: string | null;
  alternativeOptions: string | null;
  otherConsulted: string | null;
  contact: RecordContact | null;
  /** YYYY-MM-DD */
  publicationDate: string | null;
  /** YYYY-MM-DD */
  dateOfDecision: string | null;
  /** YYYY-MM-DD: the date the decision may be implemented, when the register shows it. */
  effectiveFrom: string | null;
  documents: RecordDocument[];
  /** Fields some registers add, when present. */
  wardsAffected: string[];
  decidedAtMeeting: string | null;
  reportAuthor: string | null;
  isUrgent: boolean | null;
  conflictsOfInterest: string | null;
  dispensation: string | null;
  risks: string | null;
}

/** The "Decision:" section: an optional lead-in ("RESOLVED - That:") and its items, numbered or lettered items kept apart. */
export interface DecisionText {
  preamble: string | null;
  recommendations: Recommendation[];
}

export interface Recommendation {
  /** The item's marker as written ("1.", "a)", "(ii)"), or null for an unmarked paragraph. */
  marker: string | null;
  text: string;
}

export interface RecordContact {
  name: string | null;
  post: string | null;
  phone: string | null;
  /** De-duplicated, case-insensitively, in the order they first appear. */
  emails: string[];
}

export interface RecordDocument {
  title: string;
  url: string | null;
}

export interface FieldProblem {
  /** The record field (e.g. `dateOfDecision`) and the label a reader would look for. */
  field: keyof DecisionRecord | 'input';
  label: string;
  message: string;
}

export type ParseResult =
  | { ok: true; record: DecisionRecord; warnings: FieldProblem[] }
  | { ok: false; problems: FieldProblem[]; missing: string[] };

/** The fields a record cannot be used without (the law asks for more, but real registers omit reasons — Doncaster's does). */
export const REQUIRED_FIELDS = ['title', 'decisionMaker', 'decision', 'dateOfDecision'] as const satisfies readonly (keyof DecisionRecord)[];

export function emptyRecord(): DecisionRecord {
  return {
    reference: null,
    title: '',
    decisionMaker: '',
    status: null,
    isKeyDecision: null,
    isSubjectToCallIn: null,
    purpose: null,
    decision: { preamble: null, recommendations: [] },
    reasons: null,
    alternativeOptions: null,
    otherConsulted: null,
    contact: null,
    publicationDate: null,
    dateOfDecision: null,
    effectiveFrom: null,
    documents: [],
    wardsAffected: [],
    decidedAtMeeting: null,
    reportAuthor: null,
    isUrgent: null,
    conflictsOfInterest: null,
    dispensation: null,
    risks: null,
  };
}
