import { DateTime } from 'luxon';
import nunjucks from 'nunjucks';
import { ARRANGEMENT_KIND_LABELS } from '../forms/arrangement-rows.js';

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

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * Free text as paragraphs: blank lines split paragraphs, single newlines become line breaks. It escapes every
 * character itself before marking the result safe, so it is the one place text becomes markup.
 */
export function paragraphs(value: unknown): nunjucks.runtime.SafeString {
  const text = value == null ? '' : String(value).trim();
  const html = text
    .split(/\r?\n\s*\r?\n/)
    .map((p) => `<p class="govuk-body">${escapeHtml(p.trim()).replace(/\r?\n/g, '<br>')}</p>`)
    .join('');
  return new nunjucks.runtime.SafeString(text ? html : '');
}

/** The web pages' filters, added to the one shared Nunjucks environment. */
export function addWebFilters(env: nunjucks.Environment): nunjucks.Environment {
  env.addFilter('longDate', longDate);
  env.addFilter('dateTime', dateTime);
  env.addFilter('dayDate', dayDate);
  env.addFilter('paragraphs', paragraphs);
  // Plain data → the shapes GOV.UK macros take (their text is escaped by the macros).
  env.addFilter('optionItems', (options: { value: string; text: string; hint?: string }[]) =>
    options.map((o) => ({ value: o.value, text: o.text, hint: o.hint ? { text: o.hint } : undefined })),
  );
  env.addGlobal('arrangementKinds', Object.entries(ARRANGEMENT_KIND_LABELS).map(([value, text]) => ({ value, text })));
  env.addFilter('summaryRows', (answers: { key: string; value: string }[]) =>
    answers.map((a) => ({ key: { text: a.key }, value: { html: paragraphs(a.value) } })),
  );
  return env;
}
