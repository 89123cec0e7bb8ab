import { DateTime } from 'luxon';
import type nunjucks from 'nunjucks';

const ZONE = 'Europe/London';

function parse(value: unknown): { dt: DateTime; dateOnly: boolean } | null {
  if (typeof value !== 'string' || !value) return null;
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const dt = dateOnly ? DateTime.fromISO(value, { zone: ZONE }) : DateTime.fromISO(value, { setZone: false }).setZone(ZONE);
  return dt.isValid ? { dt, dateOnly } : null;
}

/** "18 November 2020" (GOV.UK style); an instant is read in Europe/London. */
export function longDate(value: unknown): string {
  const p = parse(value);
  return p ? p.dt.toFormat('d MMMM yyyy') : value == null ? '' : String(value);
}

/** "25 November 2020 at 5:00pm" for an instant; a plain date stays a date. */
export function dateTime(value: unknown): string {
  const p = parse(value);
  if (!p) return value == null ? '' : String(value);
  if (p.dateOnly) return longDate(value);
  return `${p.dt.toFormat('d MMMM yyyy')} at ${p.dt.toFormat('h:mma').toLowerCase()}`;
}

/** "Wednesday 25 November 2020", for the days a deadline counts. */
export function dayDate(value: unknown): string {
  const p = parse(value);
  return p ? p.dt.toFormat('cccc d MMMM yyyy') : String(value ?? '');
}

/** The web pages' filters, added to the one shared Nunjucks environment. */
export function addWebFilters(env: nunjucks.Environment): nunjucks.Environment {
  env.addFilter('longDate', longDate);
  env.addFilter('dateTime', dateTime);
  env.addFilter('dayDate', dayDate);
  // Plain data → the shapes GOV.UK macros take (their text is escaped by the macros).
  env.addFilter('optionItems', (options: { value: string; text: string; hint?: string }[]) =>
    options.map((o) => ({ value: o.value, text: o.text, hint: o.hint ? { text: o.hint } : undefined })),
  );
  env.addFilter('summaryRows', (answers: { key: string; value: string }[]) =>
    answers.map((a) => ({ key: { text: a.key }, value: { text: a.value, classes: 'app-pre-wrap' } })),
  );
  return env;
}
