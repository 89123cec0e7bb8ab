import { isIsoDate } from '#libs/calendar';
import { endDateOf, isYearMonth, parseDuration } from './dates.js';
import { ARRANGEMENT_KINDS, type ArrangementFacts, type ArrangementFunding, type ArrangementKind, type ArrangementManager, type FieldProblem, type Parsed } from './types.js';

/**
 * Validation of `staffingArrangements` in a decision's create/patch body, and of `confirm`'s edits: pure,
 * every problem named by its path (staffingArrangements.1.end) with a message that says how to fix it.
 */

const FACT_KEYS = ['kind', 'title', 'count', 'fte', 'grade', 'fromGrade', 'toGrade', 'scalePoints', 'hoursFrom', 'hoursTo', 'start', 'end', 'duration', 'funding', 'manager'] as const;
/** Computed fields of the representation: a client may send an arrangement back as it got it; they are ignored. */
const READ_ONLY_KEYS = ['state', 'retrospective', 'resolvedStart', 'resolvedEnd', 'extensions', 'ended', 'madePermanent', 'cancelled', 'decision', 'allowedActions', 'cost'];

export interface FactsOptions {
  /** Path of the arrangement in the body, e.g. "staffingArrangements.0" ("" for a body of its own). */
  field?: string;
  /** Extracted from an import: an end may still be missing (an officer adds it when confirming). */
  proposed?: boolean;
  /** Accept an `id` key (arrangements in a decision's body). */
  allowId?: boolean;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const SHARE = /^(\d{1,3})(\.\d{1,2})?%$/;

/** One arrangement's facts, normalised (absent optional fields become null, count defaults to 1). */
export function parseArrangementFacts(raw: unknown, options: FactsOptions = {}): Parsed<ArrangementFacts> {
  const at = (key: string) => (options.field ? `${options.field}.${key}` : key);
  const problems: FieldProblem[] = [];
  const bad = (key: string, message: string) => problems.push({ field: at(key), message: `${key.split('.').pop()} ${message}` });
  if (!isObject(raw)) return { ok: false, problems: [{ field: options.field || 'body', message: 'must be an object describing one arrangement' }] };
  const obj: Record<string, unknown> = raw;

  for (const key of Object.keys(obj)) {
    const known = (FACT_KEYS as readonly string[]).includes(key) || READ_ONLY_KEYS.includes(key) || (options.allowId && key === 'id');
    if (!known) bad(key, 'is not a field of a staffing arrangement');
  }

  const text = (key: string, max: number, required = false): string | null => {
    const v = obj[key];
    if (v === undefined || v === null) {
      if (required) bad(key, 'is required');
      return null;
    }
    if (typeof v !== 'string') return bad(key, 'must be a string'), null;
    const trimmed = v.trim();
    if (trimmed === '') return bad(key, required ? 'must not be empty' : 'must not be empty (omit it or send null)'), null;
    if (trimmed.length > max) return bad(key, `must be at most ${max} characters`), null;
    return trimmed;
  };
  const number = (key: string, { min, max, integer = false, exclusiveMin = false }: { min: number; max: number; integer?: boolean; exclusiveMin?: boolean }): number | null => {
    const v = obj[key];
    if (v === undefined || v === null) return null;
    const ok = typeof v === 'number' && Number.isFinite(v) && (!integer || Number.isInteger(v)) && (exclusiveMin ? v > min : v >= min) && v <= max;
    if (!ok) return bad(key, `must be ${integer ? 'a whole number' : 'a number'} ${exclusiveMin ? 'above' : 'from'} ${min} to ${max}`), null;
    return v as number;
  };

  const kind = obj.kind as ArrangementKind;
  if (obj.kind === undefined || obj.kind === null) bad('kind', `is required: one of ${ARRANGEMENT_KINDS.join(', ')}`);
  else if (!(ARRANGEMENT_KINDS as readonly unknown[]).includes(obj.kind)) bad('kind', `must be one of ${ARRANGEMENT_KINDS.join(', ')}`);
  const title = text('title', 300, true);
  const count = number('count', { min: 1, max: 1000, integer: true }) ?? 1;
  const fte = number('fte', { min: 0, max: 1000, exclusiveMin: true });
  if (fte !== null && fte > count) bad('fte', `must not exceed count (${count}): it is the total full-time equivalent of the ${count === 1 ? 'post' : 'posts'}`);
  const grade = text('grade', 100);
  const fromGrade = text('fromGrade', 100);
  const toGrade = text('toGrade', 100);
  if ((obj.fromGrade == null) !== (obj.toGrade == null)) {
    const [missing, given] = obj.fromGrade == null ? ['fromGrade', 'toGrade'] : ['toGrade', 'fromGrade'];
    bad(missing, `is needed with ${given} (an uplift goes from one grade to another)`);
  }
  const scalePoints = number('scalePoints', { min: 1, max: 50, integer: true });
  const hoursFrom = number('hoursFrom', { min: 0, max: 100 });
  const hoursTo = number('hoursTo', { min: 0, max: 100, exclusiveMin: true });
  if (kind === 'hours-change' && !options.proposed && (obj.hoursFrom == null || obj.hoursTo == null)) {
    bad(obj.hoursFrom == null ? 'hoursFrom' : 'hoursTo', 'is required for an hours-change (weekly hours before and after, e.g. 18.5 and 37)');
  } else if ((obj.hoursFrom == null) !== (obj.hoursTo == null)) {
    bad(obj.hoursFrom == null ? 'hoursFrom' : 'hoursTo', `is needed with ${obj.hoursFrom == null ? 'hoursTo' : 'hoursFrom'}`);
  } else if (hoursFrom !== null && hoursTo !== null && hoursFrom === hoursTo) {
    bad('hoursTo', 'must differ from hoursFrom');
  }

  const start = dateField('start', false);
  const end = dateField('end', true);
  const duration = durationField();
  if (end !== null && duration !== null) bad('duration', 'cannot be given with end: give the end date or the duration, not both');
  else if (obj.end == null && obj.duration == null && !options.proposed) {
    bad('end', 'is required unless a duration is given: a date (YYYY-MM-DD), a month (YYYY-MM, meaning its last day) or use duration (P12M, P6W)');
  }
  if (start !== null && end !== null && endDateOf(end) < start) bad('end', `${end} is before start ${start}`);

  const funding = fundingField();
  const manager = managerField();

  if (problems.length) return { ok: false, problems };
  return {
    ok: true,
    value: { kind, title: title!, count, fte, grade, fromGrade, toGrade, scalePoints, hoursFrom, hoursTo, start, end, duration, funding, manager },
  };

  function dateField(key: 'start' | 'end', monthAllowed: boolean): string | null {
    const v = obj[key];
    if (v === undefined || v === null) return null;
    if (typeof v === 'string' && (isIsoDate(v) || (monthAllowed && isYearMonth(v)))) return v;
    bad(key, monthAllowed ? 'must be a date written YYYY-MM-DD, or a month YYYY-MM (its last day)' : 'must be a date written YYYY-MM-DD, or null for "when the decision takes effect"');
    return null;
  }

  function durationField(): string | null {
    const v = obj.duration;
    if (v === undefined || v === null) return null;
    if (typeof v === 'string' && parseDuration(v)) return v;
    bad('duration', 'must be an ISO 8601 duration in whole years, months, weeks or days, e.g. P12M, P6W, P1Y6M');
    return null;
  }

  function fundingField(): ArrangementFunding {
    const v = obj.funding;
    const none: ArrangementFunding = { source: null, amount: null, share: null };
    if (v === undefined || v === null) return none;
    if (!isObject(v)) return bad('funding', 'must be an object { source, amount, share }'), none;
    for (const key of Object.keys(v)) if (!['source', 'amount', 'share'].includes(key)) bad(`funding.${key}`, 'is not a field of funding (source, amount, share)');
    let source: string | null = null;
    if (v.source != null) {
      if (typeof v.source !== 'string' || v.source.trim() === '' || v.source.length > 500) bad('funding.source', 'must be a non-empty string of at most 500 characters');
      else source = v.source.trim();
    }
    let amount: number | null = null;
    if (v.amount != null) {
      const a = v.amount;
      if (typeof a !== 'number' || !Number.isFinite(a) || a < 0 || a > 1e10 || Math.abs(Math.round(a * 100) - a * 100) > 1e-6) bad('funding.amount', 'must be an amount in pounds, 0 or more, with at most two decimal places (e.g. 226000)');
      else amount = Math.round(a * 100) / 100; // whole pence, whatever binary floating point made of them
    }
    let share: string | null = null;
    if (v.share != null) {
      const n = typeof v.share === 'string' && SHARE.test(v.share) ? parseFloat(v.share) : NaN;
      if (!(n > 0 && n <= 100)) bad('funding.share', 'must be a percentage written as a string, above 0% and at most 100% (e.g. "50%")');
      else share = `${n}%`;
    }
    return { source, amount, share };
  }

  function managerField(): ArrangementManager {
    const v = obj.manager;
    const none: ArrangementManager = { name: null, userId: null, email: null };
    if (v === undefined || v === null) return none;
    if (!isObject(v)) return bad('manager', 'must be an object { name, userId, email }'), none;
    const out: ArrangementManager = { ...none };
    for (const key of Object.keys(v)) {
      if (!['name', 'userId', 'email'].includes(key)) {
        bad(`manager.${key}`, 'is not a field of manager (name, userId, email)');
        continue;
      }
      const s = v[key];
      if (s === null || s === undefined) continue;
      if (typeof s !== 'string' || s.trim() === '' || s.length > 300) bad(`manager.${key}`, 'must be a non-empty string of at most 300 characters, or null');
      else if (key === 'email' && !EMAIL.test(s.trim())) bad('manager.email', 'must be an email address');
      else out[key as keyof ArrangementManager] = s.trim();
    }
    return out;
  }
}

export interface ArrangementItem {
  /** The arrangement to edit; null for a new one. */
  id: string | null;
  facts: ArrangementFacts;
}

/**
 * `staffingArrangements` of a decision's create or patch body: the decision's whole list. An item with the
 * `id` of one of the decision's arrangements edits it; one without an id is new; those left out are removed.
 */
export function parseArrangementList(raw: unknown, options: { field?: string; knownIds?: readonly string[] } = {}): Parsed<ArrangementItem[]> {
  const field = options.field ?? 'staffingArrangements';
  if (!Array.isArray(raw)) return { ok: false, problems: [{ field, message: `${field} must be an array of arrangements` }] };
  if (raw.length > 100) return { ok: false, problems: [{ field, message: `${field} may hold at most 100 arrangements` }] };
  const problems: FieldProblem[] = [];
  const items: ArrangementItem[] = [];
  const seen = new Set<string>();
  raw.forEach((entry, i) => {
    const path = `${field}.${i}`;
    const parsed = parseArrangementFacts(entry, { field: path, allowId: true });
    let id: string | null = null;
    const rawId = isObject(entry) ? entry.id : undefined;
    if (rawId !== undefined && rawId !== null) {
      if (typeof rawId !== 'string' || !(options.knownIds ?? []).includes(rawId)) {
        problems.push({ field: `${path}.id`, message: `id ${JSON.stringify(rawId)} is not an arrangement of this decision (leave id out to add a new one)` });
      } else if (seen.has(rawId)) {
        problems.push({ field: `${path}.id`, message: `id ${rawId} appears twice` });
      } else {
        seen.add(rawId);
        id = rawId;
      }
    }
    if (!parsed.ok) problems.push(...parsed.problems);
    else items.push({ id, facts: parsed.value });
  });
  return problems.length ? { ok: false, problems } : { ok: true, value: items };
}

/** The facts written back as a plain object (what `confirm`'s edits are laid over). */
export function factsAsJson(facts: ArrangementFacts): Record<string, unknown> {
  return { ...facts, funding: { ...facts.funding }, manager: { ...facts.manager } };
}
