/**
 * Helpers for HTML form bodies (application/x-www-form-urlencoded, parsed by qs): every value arrives as a
 * string, a list as an array or as an object keyed "0", "1", … (qs makes objects past its array limit).
 */
export type FormBody = Record<string, unknown>;

export function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

/** Optional text: blank is "not given". */
export function optional(value: unknown): string | undefined {
  return text(value) || undefined;
}

export function rows(value: unknown): Record<string, unknown>[] {
  if (Array.isArray(value)) return value.map((v) => (v && typeof v === 'object' ? v : {}));
  if (value && typeof value === 'object') {
    return Object.keys(value)
      .filter((k) => /^\d+$/.test(k))
      .sort((a, b) => Number(a) - Number(b))
      .map((k) => ((value as Record<string, unknown>)[k] ?? {}) as Record<string, unknown>);
  }
  return [];
}

/** A row is blank when every field in it is blank: such rows are the form's spare lines, not data. */
export function isBlankRow(row: Record<string, unknown>): boolean {
  return Object.values(row).every((v) => text(v) === '');
}

export interface DateParts {
  day: string;
  month: string;
  year: string;
}

/** GOV.UK date input (day, month, year) → YYYY-MM-DD; blank → null; anything else → what was typed, for the validator to refuse. */
export function dateFromParts(value: unknown): string | null {
  const parts = (value && typeof value === 'object' ? value : {}) as Record<string, unknown>;
  const [day, month, year] = [text(parts.day), text(parts.month), text(parts.year)];
  if (!day && !month && !year) return null;
  if (/^\d{1,2}$/.test(day) && /^\d{1,2}$/.test(month) && /^\d{4}$/.test(year)) {
    return `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  }
  return `${year}-${month}-${day}`;
}

export function partsFromDate(date: string | null | undefined): DateParts {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date ?? '');
  return m ? { day: String(Number(m[3])), month: String(Number(m[2])), year: m[1] } : { day: '', month: '', year: '' };
}

/** "yes" / "no" radios → boolean; unanswered → undefined (the validator asks for an answer). */
export function yesNo(value: unknown): boolean | undefined {
  const v = text(value);
  return v === 'yes' ? true : v === 'no' ? false : undefined;
}

/** One item a line (members, wards). */
export function lines(value: unknown): string[] {
  return text(value).split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
}

/** Form fields flattened to name/value pairs in bracket notation, to carry them through a confirmation page. */
export function flatten(value: unknown, prefix = ''): { name: string; value: string }[] {
  if (value === null || value === undefined) return [];
  if (typeof value !== 'object') return prefix ? [{ name: prefix, value: String(value) }] : [];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => flatten(v, prefix ? `${prefix}[${k}]` : k));
}
