import { parseDate } from '#libs/records';
import { text } from '../forms/form-values.js';
import { ACTION_TITLES, arrangementFunding, arrangementManager, arrangementPeriod, arrangementStateOptions, arrangementSummary, arrangementTag, type ArrangementView } from './arrangements.js';
import { pagination } from './register-list.js';

/** An arrangement as HR's register lists it: the contract's JSON, the decision that approved it, what HR may do, its cost. */
export interface RegisterArrangement extends ArrangementView {
  decision: { id: string; reference: string; title: string; state: string };
  allowedActions: string[];
  cost: { estimated: boolean; basis: string | null; monthly: number | null; total: number | null; remaining: number | null; reason: string | null } | null;
}

export interface ArrangementTotals {
  monthly: number;
  total: number;
  remaining: number;
  estimated: number;
  unestimated: number;
}

/** HR's filters as typed (each value a string, blank when not given). */
export interface ArrangementFilters {
  state: string;
  endingBefore: string;
  manager: string;
  page: string;
}

export function arrangementFilters(raw: Record<string, unknown>): ArrangementFilters {
  const one = (v: unknown) => text(Array.isArray(v) ? v[0] : v);
  return { state: one(raw.state), endingBefore: one(raw.endingBefore), manager: one(raw.manager), page: one(raw.page) };
}

/** The filters as the API's query (its own DTO judges them): "31/5/2021" is read as a date, blanks are left out. */
export function arrangementQuery(f: ArrangementFilters): Record<string, string> {
  const query: Record<string, string> = { ...f, endingBefore: f.endingBefore ? (parseDate(f.endingBefore) ?? f.endingBefore) : '' };
  return Object.fromEntries(Object.entries(query).filter(([, v]) => v !== ''));
}

export const ARRANGEMENT_FILTER_LABELS = { state: 'State', endingBefore: 'Ending before', manager: 'Manager', page: 'Page' };

/** The API's words about a date filter, in the page's. */
export function arrangementFilterProblems(problems: { field: string; message: string }[]) {
  return problems.map((p) => (p.field === 'endingBefore' ? { ...p, message: 'must be a real date, like 31/5/2021' } : p));
}

const money = (n: number | null | undefined) => (n == null ? '' : `£${n.toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`);

/** One arrangement as a block of the register (or of My work): what, when, who, cost and the actions. */
export function registerEntry(a: RegisterArrangement) {
  return {
    id: a.id,
    title: a.title,
    tag: arrangementTag(a.state),
    overdue: a.state === 'overdue',
    decision: a.decision,
    resolvedEnd: a.resolvedEnd ?? null,
    details: [
      { key: 'What', value: arrangementSummary(a) },
      { key: 'When', value: arrangementPeriod(a) },
      { key: 'Manager', value: arrangementManager(a) },
      { key: 'Funding', value: arrangementFunding(a) },
      { key: 'Estimated cost', value: a.cost ? (a.cost.estimated ? `${money(a.cost.monthly)} a month, ${money(a.cost.remaining)} still to run` : `Not estimated: ${a.cost.reason}`) : '' },
    ].filter((d) => d.value),
    actions: a.allowedActions.filter((x) => ACTION_TITLES[x]).map((action) => ({ action, text: ACTION_TITLES[action], href: `/work/arrangements/${a.id}/act/${action}` })),
  };
}

/** The register page: filters as typed, the entries (overdue first, as the service orders them), totals, pages. */
export function arrangementsRegisterPage(
  filters: ArrangementFilters,
  result: { items: RegisterArrangement[]; total: number; page: number; pageSize: number; cost: ArrangementTotals | null } | null,
) {
  const page = result?.page ?? 1;
  const pages = result ? Math.max(1, Math.ceil(result.total / result.pageSize)) : 1;
  const query = (extra: Record<string, string>) => new URLSearchParams(Object.entries({ ...arrangementQuery({ ...filters, page: '' }), ...extra }).filter(([, v]) => v !== ''));
  const href = (p: number) => `/work/arrangements?${query({ page: String(p) })}`;
  const c = result?.cost;
  return {
    filters,
    stateOptions: arrangementStateOptions(filters.state),
    filtered: Boolean(filters.state || filters.endingBefore || filters.manager),
    total: result?.total ?? 0,
    from: result ? (page - 1) * result.pageSize + 1 : 0,
    to: result ? (page - 1) * result.pageSize + result.items.length : 0,
    entries: (result?.items ?? []).map(registerEntry),
    totals: c
      ? [
          { key: 'A month, all of them together', value: money(c.monthly) },
          { key: 'Still to run', value: money(c.remaining) },
          { key: 'Over their whole periods', value: money(c.total) },
          { key: 'Not estimated', value: c.unestimated ? `${c.unestimated} arrangement${c.unestimated === 1 ? '' : 's'} (no grade, FTE or dates to cost)` : 'None' },
        ]
      : null,
    csvHref: `/work/arrangements.csv${query({}).size ? `?${query({})}` : ''}`,
    pagination: pagination(page, pages, href),
  };
}
