import { dateFromParts, isBlankRow, partsFromDate, rows, text, type DateParts } from './form-values.js';

/**
 * The drafting form's staffing arrangements: a fieldset a row, every value a string, turned into the
 * `staffingArrangements` of the API's create/patch body (CONTRACT.md) for the API's own validation.
 */
export interface ArrangementRow {
  /** The stored arrangement this row edits; blank for a new one. */
  id: string;
  kind: string;
  title: string;
  count: string;
  fte: string;
  grade: string;
  fromGrade: string;
  toGrade: string;
  scalePoints: string;
  hoursFrom: string;
  hoursTo: string;
  start: DateParts;
  end: DateParts;
  duration: string;
  funding: { source: string; amount: string; share: string };
  manager: { name: string; userId: string; email: string };
}

/** The kinds of CONTRACT.md, in words. */
export const ARRANGEMENT_KIND_LABELS: Record<string, string> = {
  'temporary-post': 'Temporary post',
  agency: 'Agency appointment',
  honorarium: 'Honorarium',
  'acting-up': 'Acting up',
  'hours-change': 'Change of hours',
  'time-allocation': 'Share of a post’s time',
  secondment: 'Secondment',
  'maternity-cover': 'Maternity cover',
};

export function blankArrangement(): ArrangementRow {
  return {
    id: '',
    kind: '',
    title: '',
    count: '',
    fte: '',
    grade: '',
    fromGrade: '',
    toGrade: '',
    scalePoints: '',
    hoursFrom: '',
    hoursTo: '',
    start: partsFromDate(null),
    end: partsFromDate(null),
    duration: '',
    funding: { source: '', amount: '', share: '' },
    manager: { name: '', userId: '', email: '' },
  };
}

const s = (x: unknown) => (typeof x === 'string' ? x : '');
const obj = (x: unknown) => (x && typeof x === 'object' ? x : {}) as Record<string, unknown>;
const parts = (x: unknown): DateParts => ({ day: s(obj(x).day), month: s(obj(x).month), year: s(obj(x).year) });

/** What a posted form holds, nothing dropped (a page shown again keeps what was typed). */
export function arrangementRowsFromBody(value: unknown): ArrangementRow[] {
  return rows(value).map((r) => {
    const funding = obj(r.funding);
    const manager = obj(r.manager);
    return {
      id: s(r.id),
      kind: s(r.kind),
      title: s(r.title),
      count: s(r.count),
      fte: s(r.fte),
      grade: s(r.grade),
      fromGrade: s(r.fromGrade),
      toGrade: s(r.toGrade),
      scalePoints: s(r.scalePoints),
      hoursFrom: s(r.hoursFrom),
      hoursTo: s(r.hoursTo),
      start: parts(r.start),
      end: parts(r.end),
      duration: s(r.duration),
      funding: { source: s(funding.source), amount: s(funding.amount), share: s(funding.share) },
      manager: { name: s(manager.name), userId: s(manager.userId), email: s(manager.email) },
    };
  });
}

/** A row is blank when nothing in it was filled in: the form's spare line, not an arrangement. */
export function isBlankArrangement(row: ArrangementRow): boolean {
  const { start, end, funding, manager, ...rest } = row;
  return [rest, start, end, funding, manager].every((part) => isBlankRow(part as Record<string, unknown>));
}

/** "2" → 2, "18.5" → 18.5, "£226,000" → 226000; blank → null; anything else as typed, for the validator to refuse. */
function number(raw: string): number | string | null {
  const t = raw.trim();
  if (!t) return null;
  const plain = t.replace(/^£\s*/, '').replace(/,(?=\d{3}(\D|$))/g, '');
  return /^\d+(\.\d+)?$/.test(plain) ? Number(plain) : t;
}

const UNITS: Record<string, string> = { day: 'D', week: 'W', month: 'M', year: 'Y' };

/** "12 months", "6 weeks", "1 year" or ISO 8601 (P12M) → ISO 8601; anything else as typed, for the validator. */
export function durationFromText(raw: string): string | null {
  const t = raw.trim();
  if (!t) return null;
  const m = /^(\d{1,4})\s*(day|week|month|year)s?$/i.exec(t);
  if (m) return `P${Number(m[1])}${UNITS[m[2].toLowerCase()]}`;
  return /^p/i.test(t) ? t.toUpperCase() : t;
}

/** P12M → "12 months" (one unit); other ISO durations stay as they are. */
export function durationText(iso: string | null | undefined): string {
  const m = /^P(\d+)([DWMY])$/.exec(iso ?? '');
  if (!m) return iso ?? '';
  const unit = Object.entries(UNITS).find(([, u]) => u === m[2])![0];
  return `${m[1]} ${unit}${m[1] === '1' ? '' : 's'}`;
}

/** An end given as month and year only ("until March 2021") is that month: YYYY-MM. */
function endDate(p: DateParts): string | null {
  if (!text(p.day) && /^\d{1,2}$/.test(text(p.month)) && /^\d{4}$/.test(text(p.year))) return `${text(p.year)}-${text(p.month).padStart(2, '0')}`;
  return dateFromParts(p);
}

/** The rows as the API's `staffingArrangements` (blank rows dropped, blank fields null). */
export function arrangementsBody(list: ArrangementRow[]): Record<string, unknown>[] {
  const nullable = (x: string) => text(x) || null;
  return list
    .filter((r) => !isBlankArrangement(r))
    .map((r) => {
      const funding = { source: nullable(r.funding.source), amount: number(r.funding.amount), share: nullable(r.funding.share) };
      const manager = { name: nullable(r.manager.name), userId: nullable(r.manager.userId), email: nullable(r.manager.email) };
      const share = funding.share && /^\d+(\.\d+)?$/.test(funding.share) ? `${funding.share}%` : funding.share;
      const body: Record<string, unknown> = {
        kind: nullable(r.kind),
        title: nullable(r.title),
        count: number(r.count) ?? 1,
        fte: number(r.fte),
        grade: nullable(r.grade),
        fromGrade: nullable(r.fromGrade),
        toGrade: nullable(r.toGrade),
        scalePoints: number(r.scalePoints),
        hoursFrom: number(r.hoursFrom),
        hoursTo: number(r.hoursTo),
        start: dateFromParts(r.start),
        end: endDate(r.end),
        duration: durationFromText(r.duration),
        funding: Object.values(funding).some((x) => x !== null) ? { ...funding, share } : null,
        manager: Object.values(manager).some((x) => x !== null) ? manager : null,
      };
      if (text(r.id)) body.id = text(r.id);
      return body;
    });
}

/** One arrangement of the API's representation, as a form row (for the edit page). */
export interface ArrangementLike {
  id?: string | null;
  kind: string;
  title: string;
  count?: number | null;
  fte?: number | null;
  grade?: string | null;
  fromGrade?: string | null;
  toGrade?: string | null;
  scalePoints?: number | null;
  hoursFrom?: number | null;
  hoursTo?: number | null;
  start?: string | null;
  end?: string | null;
  duration?: string | null;
  funding?: { source?: string | null; amount?: number | null; share?: string | null } | null;
  manager?: { name?: string | null; userId?: string | null; email?: string | null } | null;
}

export function arrangementRowFromJson(a: ArrangementLike): ArrangementRow {
  const n = (x: number | null | undefined) => (x == null ? '' : String(x));
  const t = (x: string | null | undefined) => x ?? '';
  const month = /^(\d{4})-(\d{2})$/.exec(a.end ?? '');
  return {
    id: t(a.id),
    kind: a.kind,
    title: a.title,
    // The default count is 1: shown blank so the row reads as the officer wrote it.
    count: a.count && a.count !== 1 ? String(a.count) : '',
    fte: n(a.fte),
    grade: t(a.grade),
    fromGrade: t(a.fromGrade),
    toGrade: t(a.toGrade),
    scalePoints: n(a.scalePoints),
    hoursFrom: n(a.hoursFrom),
    hoursTo: n(a.hoursTo),
    start: partsFromDate(a.start),
    end: month ? { day: '', month: String(Number(month[2])), year: month[1] } : partsFromDate(a.end),
    duration: durationText(a.duration),
    funding: { source: t(a.funding?.source), amount: n(a.funding?.amount), share: t(a.funding?.share) },
    manager: { name: t(a.manager?.name), userId: t(a.manager?.userId), email: t(a.manager?.email) },
  };
}

/** Field labels for the error messages (`staffingArrangements.0.end` → "Arrangement 1 end date"). */
export const ARRANGEMENT_LABELS: Record<string, string> = {
  'staffingArrangements.*.id': 'Arrangement *',
  'staffingArrangements.*.kind': 'Arrangement * kind',
  'staffingArrangements.*.title': 'Arrangement * description',
  'staffingArrangements.*.count': 'Arrangement * number of people or posts',
  'staffingArrangements.*.fte': 'Arrangement * full-time equivalent',
  'staffingArrangements.*.grade': 'Arrangement * grade',
  'staffingArrangements.*.fromGrade': 'Arrangement * substantive grade',
  'staffingArrangements.*.toGrade': 'Arrangement * grade acted up to',
  'staffingArrangements.*.scalePoints': 'Arrangement * scale points',
  'staffingArrangements.*.hoursFrom': 'Arrangement * weekly hours before',
  'staffingArrangements.*.hoursTo': 'Arrangement * weekly hours after',
  'staffingArrangements.*.start': 'Arrangement * start date',
  'staffingArrangements.*.end': 'Arrangement * end date',
  'staffingArrangements.*.duration': 'Arrangement * duration',
  'staffingArrangements.*.funding.source': 'Arrangement * funding source',
  'staffingArrangements.*.funding.amount': 'Arrangement * funding amount',
  'staffingArrangements.*.funding.share': 'Arrangement * share of the cost',
  'staffingArrangements.*.manager.name': 'Arrangement * manager’s name',
  'staffingArrangements.*.manager.userId': 'Arrangement * manager’s user ID',
  'staffingArrangements.*.manager.email': 'Arrangement * manager’s email',
};

/** The date inputs of the rows (their errors link to the day box). */
export function arrangementDateFields(count: number): string[] {
  return Array.from({ length: count }, (_, i) => [`staffingArrangements.${i}.start`, `staffingArrangements.${i}.end`]).flat();
}
