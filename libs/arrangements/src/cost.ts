import { currentDates } from './dates.js';
import { SHARE } from './input.js';
import type { ArrangementFacts, ArrangementState, FieldProblem, PersistedArrangement } from './types.js';

/**
 * Cost estimates from a council's pay-scale table (configuration: grade → annual full-time cost, plus an
 * on-cost percentage for employer's National Insurance and pension). Estimates, never figures to pay on:
 * a year is 365 days, agency rates are taken to be the grade's cost, and an arrangement whose grade or
 * FTE is not known has no estimate rather than a guessed one.
 */
export interface PayScales {
  currency: string;
  /** Added to every salary cost, e.g. 30 for 30%. */
  onCostPercent: number;
  /** Weekly hours of a full-time post (hours changes are costed as a share of it). */
  fullTimeHours: number;
  /** Grade name as written in decisions ("Grade 9") → annual full-time cost in pounds. */
  grades: Record<string, number>;
}

export class PayScalesError extends Error {
  constructor(readonly problems: string[]) {
    super(`pay scales: ${problems.join('; ')}`);
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
/** Grades are matched without regard to case or spacing ("grade 9" is "Grade 9"). */
export const gradeKey = (grade: string) => grade.toLowerCase().replace(/\s+/g, ' ').trim();

/** Validates a pay-scale table (parsed JSON); every problem names its entry. Throws PayScalesError. */
export function parsePayScales(json: unknown): PayScales {
  const problems: string[] = [];
  if (!isObject(json)) throw new PayScalesError(['must be a JSON object { "currency", "onCostPercent", "fullTimeHours", "grades" }']);
  for (const key of Object.keys(json)) {
    if (!['currency', 'onCostPercent', 'fullTimeHours', 'grades', 'description'].includes(key)) problems.push(`${key} is not a pay-scale setting (currency, onCostPercent, fullTimeHours, grades, description)`);
  }
  const currency = json.currency ?? 'GBP';
  if (typeof currency !== 'string' || !/^[A-Z]{3}$/.test(currency)) problems.push(`currency must be a 3-letter code such as GBP, got ${JSON.stringify(currency)}`);
  const onCostPercent = json.onCostPercent ?? 0;
  if (typeof onCostPercent !== 'number' || !(onCostPercent >= 0 && onCostPercent <= 100)) problems.push(`onCostPercent must be a number from 0 to 100, got ${JSON.stringify(onCostPercent)}`);
  const fullTimeHours = json.fullTimeHours ?? 37;
  if (typeof fullTimeHours !== 'number' || !(fullTimeHours > 0 && fullTimeHours <= 60)) problems.push(`fullTimeHours must be a number above 0 and at most 60, got ${JSON.stringify(fullTimeHours)}`);
  const grades: Record<string, number> = {};
  if (!isObject(json.grades) || Object.keys(json.grades).length === 0) {
    problems.push('grades must be an object of grade name → annual full-time cost, e.g. { "Grade 9": 36000 }');
  } else {
    const seen = new Map<string, string>();
    for (const [name, cost] of Object.entries(json.grades)) {
      if (name.trim() === '') problems.push('grades has an entry with an empty name');
      else if (seen.has(gradeKey(name))) problems.push(`grades."${name}" is the same grade as grades."${seen.get(gradeKey(name))}"`);
      else if (typeof cost !== 'number' || !Number.isFinite(cost) || cost <= 0 || cost > 1_000_000) problems.push(`grades."${name}" must be an annual cost in pounds above 0, got ${JSON.stringify(cost)}`);
      else {
        seen.set(gradeKey(name), name);
        grades[name] = cost;
      }
    }
  }
  if (problems.length) throw new PayScalesError(problems);
  return { currency: currency as string, onCostPercent: onCostPercent as number, fullTimeHours: fullTimeHours as number, grades };
}

/** The text of a pay-scale file (e.g. docs/pay-scales.example.json), validated. */
export function parsePayScalesJson(text: string): PayScales {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new PayScalesError([`not JSON: ${(error as Error).message}`]);
  }
  return parsePayScales(json);
}

export interface CostEstimate {
  /** How it was worked out, in words: "2 FTE × Grade 9 (£36,000) + 30% on-costs". */
  basis: string;
  /** A full year's cost, on-costs included. */
  annual: number;
  monthly: number;
  /** Over its whole period; null while its dates are unknown. */
  total: number | null;
  /** From today to its last day; 0 once past or settled; null while its dates are unknown. */
  remaining: number | null;
}

export type CostResult = { known: true; estimate: CostEstimate } | { known: false; reason: string };

const SETTLED: ArrangementState[] = ['ended', 'made-permanent', 'cancelled'];
const DAY = 86_400_000;
const round2 = (n: number) => Math.round(n * 100) / 100;
const daysInclusive = (from: string, to: string) => Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / DAY) + 1);

export function money(n: number, currency = 'GBP'): string {
  return new Intl.NumberFormat('en-GB', { style: 'currency', currency, maximumFractionDigits: n % 1 === 0 ? 0 : 2 }).format(n);
}

/** The estimated cost of one arrangement, `today` being a London date (YYYY-MM-DD). */
export function estimateCost(p: PersistedArrangement, scales: PayScales, today: string): CostResult {
  const base = annualBase(p.context.facts, scales);
  if ('reason' in base) return { known: false, reason: base.reason };
  const annual = base.amount * (1 + scales.onCostPercent / 100);
  const basis = `${base.basis}${scales.onCostPercent ? ` + ${scales.onCostPercent}% on-costs` : ''}`;
  const { resolvedStart, resolvedEnd } = currentDates(p.context);
  let total: number | null = null;
  let remaining: number | null = null;
  if (resolvedStart && resolvedEnd) {
    total = round2((annual * daysInclusive(resolvedStart, resolvedEnd)) / 365);
    const from = today > resolvedStart ? today : resolvedStart;
    remaining = SETTLED.includes(p.state) ? 0 : round2((annual * daysInclusive(from, resolvedEnd)) / 365);
  }
  return { known: true, estimate: { basis, annual: round2(annual), monthly: round2(annual / 12), total, remaining } };
}

function annualBase(f: ArrangementFacts, scales: PayScales): { amount: number; basis: string } | { reason: string } {
  const byKey = new Map(Object.entries(scales.grades).map(([name, cost]) => [gradeKey(name), { name, cost }]));
  const lookup = (grade: string) => byKey.get(gradeKey(grade));
  const c = (n: number) => money(n, scales.currency);
  if (f.fromGrade && f.toGrade) {
    const from = lookup(f.fromGrade);
    const to = lookup(f.toGrade);
    if (!from || !to) return { reason: `${!from ? f.fromGrade : f.toGrade} is not in the pay scales` };
    if (f.fte === null) return { reason: 'the FTE of the uplift is not stated' };
    return { amount: (to.cost - from.cost) * f.fte, basis: `${f.fte} FTE × uplift ${from.name} (${c(from.cost)}) → ${to.name} (${c(to.cost)})` };
  }
  if (!f.grade) return { reason: 'no grade is stated' };
  const grade = lookup(f.grade);
  if (!grade) return { reason: `${f.grade} is not in the pay scales` };
  if (f.kind === 'hours-change' && f.hoursFrom !== null && f.hoursTo !== null) {
    const extra = f.hoursTo - f.hoursFrom;
    return { amount: (grade.cost * extra * f.count) / scales.fullTimeHours, basis: `${f.count} × ${extra} of ${scales.fullTimeHours} weekly hours × ${grade.name} (${c(grade.cost)})` };
  }
  if (f.fte === null) return { reason: 'the FTE is not stated' };
  return { amount: grade.cost * f.fte, basis: `${f.fte} FTE × ${grade.name} (${c(grade.cost)})` };
}

export interface CostTotal {
  monthly: number;
  total: number;
  remaining: number;
  /** How many arrangements the sums cover, and how many have no estimate. */
  estimated: number;
  unestimated: number;
}

/** The sums of the estimates that exist (the list response's total). */
export function totalCost(results: CostResult[]): CostTotal {
  const known = results.flatMap((r) => (r.known ? [r.estimate] : []));
  return {
    monthly: round2(known.reduce((s, e) => s + e.monthly, 0)),
    total: round2(known.reduce((s, e) => s + (e.total ?? 0), 0)),
    remaining: round2(known.reduce((s, e) => s + (e.remaining ?? 0), 0)),
    estimated: known.length,
    unestimated: results.length - known.length,
  };
}

export interface DecisionFunding {
  amount?: number | null;
  currency?: string | null;
  source?: string | null;
}

const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
/** One source names the other ("DfE social care transformation funding" ~ "… for Team Around the School"). */
function sameSource(a: string, b: string): boolean {
  const [x, y] = [norm(a), norm(b)];
  return x === y || x.includes(y) || y.includes(x);
}

/**
 * Where the arrangements' funding does not match the decision's: a warning each, naming the field — never a
 * refusal (a decision may fund its posts in ways the record does not spell out). An arrangement's cost
 * towards a source is its amount if given, else its estimated total × its share.
 */
export function fundingWarnings(decisionFunding: DecisionFunding[], arrangements: { facts: ArrangementFacts; cost?: CostResult }[], field = 'staffingArrangements'): FieldProblem[] {
  const warnings: FieldProblem[] = [];
  const sources = decisionFunding.filter((f) => f.source);
  const cited = arrangements.flatMap((a, i) => (a.facts.funding.source ? [{ i, a, source: a.facts.funding.source }] : []));
  if (sources.length === 0 && cited.length > 0) {
    warnings.push({ field: 'funding', message: `the arrangements cite funding (${[...new Set(cited.map((c) => c.source))].join('; ')}) that the decision does not record` });
    return warnings;
  }
  for (const c of cited) {
    if (!sources.some((s) => sameSource(s.source!, c.source))) {
      warnings.push({ field: `${field}.${c.i}.funding.source`, message: `'${c.source}' is not among the decision's funding sources (${sources.map((s) => s.source).join('; ')})` });
    }
  }
  for (const s of sources) {
    if (s.amount == null) continue;
    const mine = cited.filter((c) => sameSource(s.source!, c.source));
    if (!mine.length) continue;
    const currency = s.currency || 'GBP';
    const given = mine.filter((c) => c.a.facts.funding.amount !== null);
    const claimed = given.reduce((sum, c) => sum + c.a.facts.funding.amount!, 0);
    if (claimed > s.amount) {
      warnings.push({ field: 'funding', message: `arrangements funded from '${s.source}' state ${money(claimed, currency)}, more than the ${money(s.amount, currency)} the decision allocates` });
      continue;
    }
    // Estimated where no amount is given; only when every one of them has an estimate.
    const estimated = mine.filter((c) => c.a.facts.funding.amount === null);
    const costs = estimated.map((c) => (c.a.cost?.known && c.a.cost.estimate.total !== null ? c.a.cost.estimate.total * shareOf(c.a.facts) : null));
    if (costs.some((x) => x === null)) continue;
    const expected = round2(claimed + (costs as number[]).reduce((sum, x) => sum + x, 0));
    if (expected > s.amount) {
      warnings.push({ field: 'funding', message: `arrangements funded from '${s.source}' are estimated at ${money(Math.round(expected), currency)}, more than the ${money(s.amount, currency)} the decision allocates` });
    }
  }
  return warnings;
}

function shareOf(f: ArrangementFacts): number {
  const m = f.funding.share ? SHARE.exec(f.funding.share) : null;
  return m ? parseFloat(f.funding.share!) / 100 : 1;
}
