import { parseArrangementFacts } from './input.js';
import type { ArrangementFacts, Parsed } from './types.js';

/**
 * An arrangement as the import's extraction (libs/records, `extractArrangements`) proposes it, taken by
 * shape so this lib does not depend on the parser. It differs from the arrangement's JSON in three places:
 * hours may be words ("half-time"), a funding share is a fraction (0.5), and a count may be missing.
 */
export interface ExtractedArrangement {
  kind: string;
  title: string;
  count: number | null;
  fte: number | null;
  grade: string | null;
  fromGrade: string | null;
  toGrade: string | null;
  scalePoints: number | null;
  hoursFrom: string | number | null;
  hoursTo: string | number | null;
  start: string | null;
  end: string | null;
  duration: string | null;
  funding: { source: string | null; amount: number | null; share: number | string | null } | null;
  manager: { name: string | null; userId?: string | null; email?: string | null } | null;
}

/** Weekly hours from what a record says: a number, "18.5 hours", "full-time", "half-time"; null if it cannot tell. */
export function weeklyHours(value: string | number | null, fullTimeHours: number): number | null {
  if (value === null) return null;
  if (typeof value === 'number') return value;
  const text = value.trim().toLowerCase();
  if (/^full[\s-]?time$/.test(text)) return fullTimeHours;
  if (/^half[\s-]?time$/.test(text)) return fullTimeHours / 2;
  const m = /^(\d{1,3}(?:\.\d+)?)(?:\s*(?:hours?|hrs?)(?:\s+(?:a|per)\s+week)?)?$/.exec(text);
  return m ? Number(m[1]) : null;
}

/**
 * The facts of a `proposed` arrangement from what the import extracted, in this lib's forms: hours as
 * numbers, the share as "50%", a count of 1 when none was read. Where the record gave both dates and a
 * duration ("for a 6 month period from 1 December 2020 – 31 May 2021") the dates are kept. An end may still
 * be missing: the officer supplies it when confirming. What could not be carried over is listed in `notes`.
 */
export function factsFromExtraction(x: ExtractedArrangement, options: { fullTimeHours?: number } = {}): Parsed<ArrangementFacts> & { notes: string[] } {
  const fullTime = options.fullTimeHours ?? 37;
  const notes: string[] = [];
  const hoursFrom = weeklyHours(x.hoursFrom, fullTime);
  const hoursTo = weeklyHours(x.hoursTo, fullTime);
  for (const [key, raw, hours] of [['hoursFrom', x.hoursFrom, hoursFrom], ['hoursTo', x.hoursTo, hoursTo]] as const) {
    if (raw !== null && hours === null) notes.push(`${key} '${raw}' is not a number of weekly hours: left for the officer`);
  }
  const share = x.funding?.share;
  const shareText = share === null || share === undefined ? null : typeof share === 'number' ? `${Math.round((share <= 1 ? share * 100 : share) * 100) / 100}%` : share;
  const duration = x.end && x.duration ? null : x.duration;
  if (duration !== x.duration) notes.push(`duration ${x.duration} dropped: the record also gives the end date ${x.end}`);
  const raw = {
    kind: x.kind,
    title: x.title,
    count: x.count ?? 1,
    fte: x.fte,
    grade: x.grade,
    fromGrade: x.fromGrade,
    toGrade: x.toGrade,
    scalePoints: x.scalePoints,
    hoursFrom: hoursFrom !== null && hoursTo !== null ? hoursFrom : null,
    hoursTo: hoursFrom !== null && hoursTo !== null ? hoursTo : null,
    start: x.start,
    end: x.end,
    duration,
    funding: x.funding ? { source: x.funding.source, amount: x.funding.amount, share: shareText } : null,
    manager: x.manager ? { name: x.manager.name ?? null, userId: x.manager.userId ?? null, email: x.manager.email ?? null } : null,
  };
  return { ...parseArrangementFacts(raw, { proposed: true }), notes };
}
