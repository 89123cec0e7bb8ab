import { splitMarker } from '../fields.js';
import type { DecisionRecord } from '../record.js';
import {
  endOfDuration,
  findCostShare,
  findDateRange,
  findDuration,
  findFunding,
  findGrade,
  findGradeChange,
  findScalePoints,
  NUM,
  numberFrom,
  singular,
  type FundingPhrase,
} from './phrases.js';

export const ARRANGEMENT_KINDS = [
  'temporary-post', 'agency', 'honorarium', 'acting-up', 'hours-change', 'time-allocation', 'secondment', 'maternity-cover',
] as const;
export type ArrangementKind = (typeof ARRANGEMENT_KINDS)[number];

/**
 * A temporary staffing arrangement read from a record's text, in CONTRACT.md's `staffingArrangements`
 * item shape with `state: "proposed"` (an officer confirms or edits it), plus where it came from and how
 * sure the reading is. `id` is null until it is stored.
 */
export interface ProposedArrangement {
  id: null;
  kind: ArrangementKind;
  title: string;
  count: number | null;
  fte: number | null;
  grade: string | null;
  fromGrade: string | null;
  toGrade: string | null;
  scalePoints: number | null;
  hoursFrom: string | null;
  hoursTo: string | null;
  /** YYYY-MM-DD; null means "when the decision takes effect". */
  start: string | null;
  end: string | null;
  /** ISO 8601 (P12M, P6W): resolves the end from the start. */
  duration: string | null;
  funding: { source: string | null; amount: number | null; share: number | null } | null;
  manager: { name: string; userId: null; email: null } | null;
  state: 'proposed';
  /** It started before the date of decision (the decision approves it after the fact). */
  retrospective: boolean;
  resolvedStart: string | null;
  resolvedEnd: string | null;
  /** The sentence (a line of the record, or one numbered item) it was read from. */
  sourceText: string;
  section: 'purpose' | 'decision';
  /** 0–1: how much of the arrangement the sentence stated (kind, role, dates or duration, grade, count). */
  confidence: number;
}

export interface DecisionFunding {
  amount: number | null;
  currency: 'GBP';
  source: string;
}

export interface Extraction {
  arrangements: ProposedArrangement[];
  /** The decision's funding, as CONTRACT.md's `funding` field has it. */
  funding: DecisionFunding[];
}

export interface ExtractOptions {
  /** YYYY-MM-DD the decision takes effect, when known: resolves `start: null`. */
  takesEffect?: string | null;
}

interface Segment {
  text: string;
  section: 'purpose' | 'decision';
}

/** Every line of the purpose and every item of the decision, markers and bullets dropped. */
function segments(record: DecisionRecord): Segment[] {
  const purpose = (record.purpose ?? '').split('\n').filter(Boolean).map((l) => ({ text: splitMarker(l).text, section: 'purpose' as const }));
  const decision = [
    ...(record.decision.preamble ? [record.decision.preamble] : []),
    ...record.decision.recommendations.map((r) => r.text.replace(/\n/g, ' ')),
  ].map((text) => ({ text, section: 'decision' as const }));
  return [...purpose, ...decision];
}

type Draft = Omit<ProposedArrangement, 'id' | 'state' | 'retrospective' | 'resolvedStart' | 'resolvedEnd' | 'sourceText' | 'section' | 'confidence' | 'manager'>;

const blank = (kind: ArrangementKind, title: string): Draft => ({
  kind, title, count: null, fte: null, grade: null, fromGrade: null, toGrade: null, scalePoints: null,
  hoursFrom: null, hoursTo: null, start: null, end: null, duration: null, funding: null,
});

const GENERIC_TITLE = 'post';
const ROLE_END = '(?=\\s+(?:from|to support|to provide|to|for|until|in order|on)\\b|[;,.()]|$)';

/** What one sentence says, if it describes a temporary staffing arrangement. */
function read(text: string): Draft | null {
  let m: RegExpExecArray | null;
  const actingAs = new RegExp(`\\bto act (?:up )?as (?:an?\\s+|the\\s+)?(.+?)${ROLE_END}`, 'i').exec(text)?.[1] ?? null;
  const holder = (/\bfor\s+(?:an?\s+|the\s+)(.+?)\s+to\s+(?:receive|act)\b/i.exec(text) ?? /^(?:an?\s+|the\s+)?(.+?)\s+to\s+(?:receive|act)\b/i.exec(text))?.[1] ?? null;
  const role = holder && actingAs ? `${holder} acting as ${actingAs}` : (actingAs ?? holder);

  if ((m = /(\d{1,3}(?:\.\d+)?)\s?%\s+of\s+the\s+time\s+of\s+(?:an?\s+|the\s+)?(.+?)\s+(?:to\s+be|will\s+be|be|is)\s+allocated/i.exec(text))) {
    return { ...blank('time-allocation', m[2]), count: 1, fte: Number(m[1]) / 100 };
  }
  if ((m = /\b(?:increas|reduc|chang)\w*\s+(?:the\s+)?(?:contracted\s+)?hours\s+of\s+(?:an?\s+|the\s+)?(.+?)\s+from\s+(\S+(?:\s+hours)?)\s+to\s+(\S+(?:\s+hours)?)/i.exec(text))) {
    const grade = findGrade(m[1]);
    const title = m[1].replace(/\bGrade\s+\S+\s*/i, '').trim();
    return { ...blank('hours-change', title), count: 1, grade, hoursFrom: m[2], hoursTo: m[3].replace(/[;,.]$/, '') };
  }
  if (/\bmaternity\s+(?:leave\s+)?cover\b/i.test(text)) return { ...blank('maternity-cover', role ?? 'Maternity cover'), count: 1 };
  if (/\bhonorari(?:um|a)\b/i.test(text)) return { ...blank('honorarium', role ?? 'Honorarium'), count: 1 };
  if (/\bact(?:ing)?[\s-]+up\b/i.test(text)) return { ...blank('acting-up', role ?? 'Acting up'), count: 1 };
  if ((m = new RegExp(`\\bsecond(?:ment|ed)\\b(?:\\s+of\\s+(?:an?\\s+|the\\s+)?(.+?)${ROLE_END})?`, 'i').exec(text))) {
    return { ...blank('secondment', m[1] ?? role ?? 'Secondment'), count: 1 };
  }
  if ((m = new RegExp(`(\\d+(?:\\.\\d+)?)\\s*FTE\\s+([^()]+?)\\s*(?:\\((Grade\\s+[\\w.]+)\\))?\\s+(?:temporary|fixed[\\s-]term|for|on|posts?)\\b`, 'i').exec(text))) {
    const fte = Number(m[1]);
    return { ...blank('temporary-post', singular(m[2].trim())), fte, count: Number.isInteger(fte) ? fte : Math.ceil(fte), grade: m[3] ? m[3].replace(/\s+/, ' ') : null };
  }
  if ((m = new RegExp(`(?<![\\w-])agency\\s+(?!posts?\\b|staff\\b|workers?\\b)(.+?)${ROLE_END}`, 'i').exec(text))) {
    return { ...blank('agency', m[1]), count: 1 };
  }
  if ((m = new RegExp(`\\b${NUM}\\s+(?:(?:additional|temporary|new|fixed[\\s-]term|agency)\\s+)*(?:(Grade\\s+\\w+)\\s+)?(?:agency\\s+)?posts?\\b`, 'i').exec(text))) {
    const count = numberFrom(m[1]);
    const kind = /\bagency\b/i.test(m[0]) ? 'agency' : 'temporary-post';
    return { ...blank(kind, GENERIC_TITLE), count, grade: m[2] ?? null };
  }
  return null;
}

/** The details every kind shares: dates, duration, grade, grade change, scale points, funding. */
function complete(draft: Draft, text: string): Draft {
  const { start, end } = findDateRange(text);
  const change = findGradeChange(text);
  const funding = findFunding(text);
  return {
    ...draft,
    start,
    end,
    duration: findDuration(text),
    grade: draft.grade ?? (change ? null : findGrade(text)),
    fromGrade: change?.fromGrade ?? null,
    toGrade: change?.toGrade ?? null,
    scalePoints: draft.kind === 'honorarium' || draft.kind === 'acting-up' ? findScalePoints(text) : null,
    funding: funding ? { source: funding.source, amount: funding.amount, share: findCostShare(text) } : null,
  };
}

/** An arrangement needs more than a kind: a date, a duration, a grade or a count of FTE. */
function specific(d: Draft): boolean {
  return Boolean(d.start || d.end || d.duration || d.grade || d.fromGrade || d.fte);
}

function confidence(d: Draft): number {
  let c = 0.4;
  if (d.start || d.end) c += 0.2;
  else if (d.duration) c += 0.15;
  if (d.title !== GENERIC_TITLE) c += 0.15;
  if (d.grade || d.fromGrade) c += 0.1;
  if (d.fte !== null || d.hoursFrom) c += 0.05;
  if (d.funding) c += 0.05;
  return Math.min(0.95, Math.round(c * 100) / 100);
}

/** "Alison Tomes (Early Help Manager) will manage the additional Early Help Pathway Leads." */
function managers(segs: Segment[]): { name: string; manages: string }[] {
  const found: { name: string; manages: string }[] = [];
  for (const { text } of segs) {
    const m = /\b([A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)+)\s*(?:\([^)]*\))?\s+will\s+(?:line\s+)?manage\s+(?:the\s+)?(?:additional\s+|new\s+)?(.+?)\.?$/.exec(text);
    if (m) found.push({ name: m[1], manages: m[2] });
  }
  return found;
}

const norm = (s: string) => singular(s.toLowerCase().replace(/\s+/g, ' ').trim());

/**
 * Proposes the temporary staffing arrangements a record approves: one per sentence that names a kind
 * (agency, honorarium, maternity cover, hours, share of time, FTE posts …) and says when, how long or at
 * what grade. Funding stated on its own line (Doncaster's "£226k from the COVID-19 pressures fund") is the
 * decision's and applies to arrangements that name none; a named manager applies to the posts named.
 * Two readings of the same posts (same kind, count and grade) are one proposal: the fuller reading wins.
 */
export function extractArrangements(record: DecisionRecord, options: ExtractOptions = {}): Extraction {
  const segs = segments(record);
  const found: { draft: Draft; seg: Segment; confidence: number }[] = [];
  const decisionFunding: FundingPhrase[] = [];
  const allFunding: FundingPhrase[] = [];

  for (const seg of segs) {
    const funding = findFunding(seg.text);
    if (funding) allFunding.push(funding);
    const draft = read(seg.text);
    const full = draft ? complete(draft, seg.text) : null;
    if (full && specific(full)) {
      const c = confidence(full);
      const same = found.findIndex((f) => f.draft.kind === full.kind && f.draft.count === full.count && f.draft.grade === full.grade && (f.draft.title === GENERIC_TITLE || full.title === GENERIC_TITLE || norm(f.draft.title) === norm(full.title)));
      if (same < 0) found.push({ draft: full, seg, confidence: c });
      else if (c > found[same].confidence) found[same] = { draft: full, seg, confidence: c };
    } else if (funding) {
      decisionFunding.push(funding);
    }
  }

  const named = managers(segs);
  const arrangements = found.map(({ draft, seg, confidence: c }): ProposedArrangement => {
    const funding = draft.funding ?? (decisionFunding.length === 1 ? { source: decisionFunding[0].source, amount: null, share: null } : null);
    const manager = named.find((n) => draft.title !== GENERIC_TITLE && norm(n.manages).includes(norm(draft.title)));
    const resolvedStart = draft.start ?? options.takesEffect ?? null;
    const resolvedEnd = draft.end ?? (resolvedStart && draft.duration ? endOfDuration(resolvedStart, draft.duration) : null);
    return {
      id: null,
      ...draft,
      funding,
      manager: manager ? { name: manager.name, userId: null, email: null } : null,
      state: 'proposed',
      retrospective: Boolean(draft.start && record.dateOfDecision && draft.start < record.dateOfDecision),
      resolvedStart,
      resolvedEnd,
      sourceText: seg.text,
      section: seg.section,
      confidence: c,
    };
  });

  const funding: DecisionFunding[] = [];
  for (const f of allFunding) {
    if (!funding.some((x) => x.source.toLowerCase() === f.source.toLowerCase())) funding.push({ amount: f.amount, currency: 'GBP', source: f.source });
  }
  return { arrangements, funding };
}
