import { DECISION_STATES, displayStatus, type DecisionState } from '#libs/lifecycle';
import { parseDate } from '#libs/records';

/** The public list's filters, read from a query string. */
export interface PublicQuery {
  q: string | null;
  decisionMaker: string | null;
  /** The states whose display status was asked for. */
  states: DecisionState[] | null;
  isKeyDecision: boolean | null;
  ward: string | null;
  /** YYYY-MM-DD, inclusive, on the date of decision. */
  from: string | null;
  to: string | null;
  page: number;
  pageSize: number;
}

export interface QueryProblem {
  field: string;
  message: string;
}

export type QueryResult = { ok: true; query: PublicQuery } | { ok: false; problems: QueryProblem[] };

export const DEFAULT_PAGE_SIZE = 20;

const one = (v: unknown): string | null => {
  const s = Array.isArray(v) ? v[0] : v;
  return typeof s === 'string' && s.trim() !== '' ? s.trim() : null;
};

/**
 * Reads `q, decisionMaker, status, isKeyDecision, ward, from, to, page, pageSize`; each bad one is named.
 * A pageSize above the cap is answered with the cap (the response says which page size it used).
 */
export function parsePublicQuery(raw: Record<string, unknown>, maxPageSize: number): QueryResult {
  const problems: QueryProblem[] = [];
  const text = (field: string, max: number) => {
    const v = one(raw[field]);
    if (v && v.length > max) problems.push({ field, message: `must be at most ${max} characters` });
    return v;
  };
  const q = text('q', 200);
  const decisionMaker = text('decisionMaker', 200);
  const ward = text('ward', 200);

  let states: DecisionState[] | null = null;
  const status = one(raw.status);
  if (status) {
    const key = status.toLowerCase().replace(/\s+/g, ' ');
    states = DECISION_STATES.filter((s) => displayStatus(s).toLowerCase() === key);
    if (states.length === 0) problems.push({ field: 'status', message: `'${status}' is not a status; use one such as "Recommendations Approved" or "For Determination"` });
  }

  let isKeyDecision: boolean | null = null;
  const key = one(raw.isKeyDecision);
  if (key) {
    if (/^(true|yes|1)$/i.test(key)) isKeyDecision = true;
    else if (/^(false|no|0)$/i.test(key)) isKeyDecision = false;
    else problems.push({ field: 'isKeyDecision', message: 'must be true or false' });
  }

  const date = (field: string) => {
    const v = one(raw[field]);
    if (!v) return null;
    const d = /^\d{4}-\d{2}-\d{2}$/.test(v) ? parseDate(v) : null;
    if (!d) problems.push({ field, message: `'${v}' is not a date: use YYYY-MM-DD` });
    return d;
  };
  const from = date('from');
  const to = date('to');
  if (from && to && from > to) problems.push({ field: 'to', message: 'must not be before from' });

  const whole = (field: string, fallback: number) => {
    const v = one(raw[field]);
    if (v === null) return fallback;
    if (!/^\d{1,6}$/.test(v) || Number(v) < 1) {
      problems.push({ field, message: 'must be a whole number from 1' });
      return fallback;
    }
    return Number(v);
  };
  const page = whole('page', 1);
  const pageSize = Math.min(whole('pageSize', Math.min(DEFAULT_PAGE_SIZE, maxPageSize)), maxPageSize);

  if (problems.length) return { ok: false, problems };
  return { ok: true, query: { q, decisionMaker, states, isKeyDecision, ward, from, to, page, pageSize } };
}

/** `DR=dd/mm/yyyy-dd/mm/yyyy` (ModernGov's date range; either end may be empty) → YYYY-MM-DD bounds. */
export function parseDateRange(dr: string | null): { ok: true; from: string | null; to: string | null } | { ok: false; message: string } {
  if (!dr || !dr.trim()) return { ok: true, from: null, to: null };
  const m = /^\s*(\d{1,2}\/\d{1,2}\/\d{4})?\s*-\s*(\d{1,2}\/\d{1,2}\/\d{4})?\s*$/.exec(dr);
  const from = m?.[1] ? parseDate(m[1]) : null;
  const to = m?.[2] ? parseDate(m[2]) : null;
  if (!m || (m[1] && !from) || (m[2] && !to)) return { ok: false, message: `'${dr}' is not a date range: use DR=dd/mm/yyyy-dd/mm/yyyy` };
  if (from && to && from > to) return { ok: false, message: 'the range ends before it starts' };
  return { ok: true, from, to };
}
