import { isIsoDate } from './dates.js';

/**
 * Council closure days that are not bank holidays (offices closed between Christmas and New Year, a
 * local holiday), written as
 * - `2024-12-27` one day, or `2024-12-27/2024-12-31` an inclusive range (ISO 8601 interval);
 * - `--12-27` the same day every year, or `--12-27/--12-31` the same days every year (may wrap the New Year).
 */
export type ClosureSpec = string;

const DATED = /^(\d{4}-\d{2}-\d{2})(?:\/(\d{4}-\d{2}-\d{2}))?$/;
const ANNUAL = /^--(\d{2}-\d{2})(?:\/--(\d{2}-\d{2}))?$/;

/** Why `spec` is not a closure, or null when it is one. */
export function closureProblem(spec: string): string | null {
  const dated = DATED.exec(spec);
  if (dated) {
    const [, from, to] = dated;
    if (!isIsoDate(from) || (to !== undefined && !isIsoDate(to))) return `'${spec}' is not a real calendar date`;
    if (to !== undefined && to < from) return `'${spec}' ends before it starts`;
    return null;
  }
  const annual = ANNUAL.exec(spec);
  if (annual) {
    // 2000 is a leap year, so --02-29 is accepted (it applies in leap years only).
    const bad = [annual[1], annual[2]].find((md) => md !== undefined && !isIsoDate(`2000-${md}`));
    return bad ? `'${spec}' is not a real day of the year` : null;
  }
  return `'${spec}' must be YYYY-MM-DD, YYYY-MM-DD/YYYY-MM-DD, --MM-DD or --MM-DD/--MM-DD`;
}

type Matcher = (date: string) => boolean;

function matcherOf(spec: string): Matcher {
  const dated = DATED.exec(spec);
  if (dated) {
    const [, from, to = from] = dated;
    return (date) => date >= from && date <= to;
  }
  const annual = ANNUAL.exec(spec);
  if (!annual) throw new Error(closureProblem(spec)!);
  const [, from, to = from] = annual;
  return from <= to ? (date) => date.slice(5) >= from && date.slice(5) <= to : (date) => date.slice(5) >= from || date.slice(5) <= to;
}

const compiled = new WeakMap<readonly string[], Matcher>();
const NONE: Matcher = () => false;

/** Whether `date` is a closure day under `specs` (compiled once per array). Throws on a bad spec. */
export function isClosureDay(date: string, specs: readonly string[] | undefined): boolean {
  if (!specs || specs.length === 0) return false;
  let match = compiled.get(specs);
  if (!match) {
    const matchers = specs.map(matcherOf);
    match = matchers.length ? (d) => matchers.some((m) => m(d)) : NONE;
    compiled.set(specs, match);
  }
  return match(date);
}
