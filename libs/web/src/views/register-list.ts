import { DECISION_STATES, displayStatus } from '#libs/lifecycle';
import { parseDate } from '#libs/records';
import { NEVER_PUBLIC, type QueryProblem } from '#libs/register';
import { formErrors, type FormErrors } from '../forms/errors.js';
import { text } from '../forms/form-values.js';
import { statusTag } from './status-tag.js';

/** The register's search form as typed (each value a string, blank when not given). */
export interface RegisterSearch {
  q: string;
  decisionMaker: string;
  status: string;
  isKeyDecision: string;
  from: string;
  to: string;
  page: string;
}

const FIELDS = ['q', 'decisionMaker', 'status', 'isKeyDecision', 'from', 'to', 'page'] as const;

const LABELS = { q: 'Search', decisionMaker: 'Decision maker', status: 'Status', isKeyDecision: 'Key decision', from: 'Decided from', to: 'Decided to', page: 'Page' };

export function registerSearch(raw: Record<string, unknown>): RegisterSearch {
  const one = (v: unknown) => text(Array.isArray(v) ? v[0] : v);
  return Object.fromEntries(FIELDS.map((f) => [f, one(raw[f])])) as unknown as RegisterSearch;
}

/**
 * The search as the public API's query (parsePublicQuery reads and judges it): a date typed the registers'
 * way (18/11/2020, 18 November 2020) becomes YYYY-MM-DD; one not understood goes through to be refused.
 */
export function registerQuery(search: RegisterSearch): Record<string, string> {
  const date = (v: string) => (v ? (parseDate(v) ?? v) : '');
  const query: Record<string, string> = { ...search, from: date(search.from), to: date(search.to) };
  return Object.fromEntries(Object.entries(query).filter(([, v]) => v !== ''));
}

const MESSAGES: [RegExp, string][] = [
  [/is not a date/, 'must be a real date, like 18/11/2020'],
  [/must not be before from/, 'must be the same as or after the ‘Decided from’ date'],
  [/is not a status/, 'must be one of the statuses listed'],
];

/** The query's problems in the page's words, each linked to its field. */
export function registerErrors(problems: QueryProblem[]): FormErrors {
  return formErrors(
    problems.map((p) => ({ field: p.field, message: MESSAGES.find(([pattern]) => pattern.test(p.message))?.[1] ?? p.message })),
    { labels: LABELS },
  );
}

/** The statuses the public can see, for the status filter. */
export function publicStatuses(): string[] {
  return [...new Set(DECISION_STATES.filter((s) => !NEVER_PUBLIC.includes(s)).map((s) => displayStatus(s)))];
}

export interface RegisterItem {
  id: string;
  reference: string;
  title: string;
  status: string;
  isKeyDecision: boolean;
  decisionMaker: { title: string };
  dates: { decidedAt: string | null; publishedAt: string | null };
}

/** The list page: the form as typed, the results with their status tags, and pagination keeping the filters. */
export function registerListPage(search: RegisterSearch, result: { items: RegisterItem[]; total: number; page: number; pageSize: number } | null) {
  const statusOf = (status: string) => DECISION_STATES.find((s) => displayStatus(s) === status) ?? 'closed';
  const options = (values: [string, string][], chosen: string) => values.map(([value, label]) => ({ value, text: label, selected: value === chosen }));
  const page = result?.page ?? 1;
  const pages = result ? Math.max(1, Math.ceil(result.total / result.pageSize)) : 1;
  const href = (p: number) => {
    const params = new URLSearchParams(Object.entries({ ...search, page: String(p) }).filter(([, v]) => v !== ''));
    return `/register?${params}`;
  };
  return {
    search,
    statusOptions: options([['', 'Any status'], ...publicStatuses().map((s): [string, string] => [s, s])], search.status),
    keyOptions: options([['', 'Key or not'], ['yes', 'Key decisions only'], ['no', 'Not key decisions']], search.isKeyDecision.toLowerCase()),
    filtered: FIELDS.some((f) => f !== 'page' && search[f] !== ''),
    total: result?.total ?? 0,
    from: result ? (page - 1) * result.pageSize + 1 : 0,
    to: result ? (page - 1) * result.pageSize + result.items.length : 0,
    items: (result?.items ?? []).map((d) => ({ ...d, tag: statusTag(statusOf(d.status), d.status) })),
    pagination: pagination(page, pages, href),
  };
}

/** The GOV.UK pagination component's parameters for page `page` of `pages` (null when there is one page). */
export function pagination(page: number, pages: number, href: (n: number) => string) {
  if (pages <= 1) return null;
  return {
    previous: page > 1 ? { href: href(page - 1) } : undefined,
    next: page < pages ? { href: href(page + 1) } : undefined,
    items: pageNumbers(page, pages).map((n) => (n === null ? { ellipsis: true } : { number: n, href: href(n), current: n === page })),
  };
}

/** GOV.UK pagination: the first, the last, and the pages either side of this one; gaps as ellipses. */
export function pageNumbers(page: number, pages: number): (number | null)[] {
  const wanted = [...new Set([1, page - 1, page, page + 1, pages])].filter((n) => n >= 1 && n <= pages).sort((a, b) => a - b);
  return wanted.flatMap((n, i) => (i > 0 && n - wanted[i - 1] > 1 ? [null, n] : [n]));
}
