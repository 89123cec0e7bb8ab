import type { DecisionText, Recommendation, RecordContact, RecordDocument } from './record.js';

export const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH_ABBR = MONTHS.map((m) => m.slice(0, 3));

export function monthNumber(name: string): number | null {
  const n = name.toLowerCase().replace(/\.$/, '');
  const i = MONTHS.indexOf(n);
  if (i >= 0) return i + 1;
  const j = MONTH_ABBR.indexOf(n.slice(0, 3));
  return j >= 0 && (n.length === 3 || (n === 'sept' && j === 8)) ? j + 1 : null;
}

export function isoDate(year: number, month: number, day: number): string | null {
  if (!(year >= 1900 && year <= 2200 && month >= 1 && month <= 12 && day >= 1)) return null;
  if (day > daysInMonth(year, month)) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** "18/11/2020", "18.11.2020", "18 November 2020", "2020-11-18" → "2020-11-18"; anything else → null. */
export function parseDate(value: string): string | null {
  const v = value.trim().replace(/\.$/, '');
  let m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(v);
  if (m) return isoDate(Number(m[3]), Number(m[2]), Number(m[1]));
  m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (m) return isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(?:[A-Za-z]+,?\s+)?(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+)\.?,?\s+(\d{4})$/.exec(v);
  if (m) {
    const month = monthNumber(m[2]);
    return month ? isoDate(Number(m[3]), month, Number(m[1])) : null;
  }
  return null;
}

/** "2020-11-18" → "18/11/2020", the registers' way. */
export function ukDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

/** "Yes" / "No" in any case (with anything after it); anything else → null. */
export function parseYesNo(value: string): boolean | null {
  if (/^(yes|y|true)\b/i.test(value.trim())) return true;
  if (/^(no|n|false)\b/i.test(value.trim())) return false;
  return null;
}

/** The display statuses of DOMAIN.md: a status in another case or spacing is read as the canonical one. */
export const DISPLAY_STATUSES = [
  'Draft',
  'Consultation',
  'For Determination',
  'Recommendations Approved',
  'Recommendations Approved (subject to call-in)',
  'Called In',
  'Referred to Council',
  'Deferred',
  'Rejected',
  'Withdrawn',
  'Implemented',
] as const;

const statusKey = (s: string) => s.toLowerCase().replace(/call[\s-]*in/g, 'callin').replace(/[^a-z()]+/g, '');

export function canonicalStatus(value: string): string {
  const key = statusKey(value);
  return DISPLAY_STATUSES.find((s) => statusKey(s) === key) ?? value.trim();
}

/** "Director of X," → "Director of X". */
export function cleanDecisionMaker(value: string): string {
  return value.trim().replace(/[\s,;]+$/, '').trim();
}

const REFERENCE_IN_TITLE = /^([A-Z][A-Z0-9&/.]{0,15}(?:\s*[-/]\s*|\s+)\d[\d/-]{2,}[A-Z0-9]*)\s+[-–—]\s+(\S.*)$/;

/** Doncaster writes its reference in the title line: "LOP&S - 2021035 - Temporary additional staffing …". */
export function splitTitleLine(line: string): { reference: string | null; title: string } {
  const m = REFERENCE_IN_TITLE.exec(line);
  return m ? { reference: m[1].trim(), title: m[2].trim() } : { reference: null, title: line.trim() };
}

const EMAIL = /[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g;
const PHONE = /(?:\+44\s?\(?0?\)?\s?|\(?0)\d[\d ()]{7,13}\d/;

/** "Bruce Penhale, Head of Stronger Communities Service 0161 770 4196 Email: a@b Email: A@b." */
export function parseContact(value: string): RecordContact | null {
  const text = value.trim();
  if (!text) return null;
  const emails: string[] = [];
  for (const found of text.match(EMAIL) ?? []) {
    const email = found.replace(/[.]+$/, '');
    if (!emails.some((e) => e.toLowerCase() === email.toLowerCase())) emails.push(email);
  }
  let rest = text.replace(EMAIL, ' ').replace(/\b(e-?mail|tel(?:ephone)?|phone)\s*:?/gi, ' ');
  const phoneMatch = PHONE.exec(rest);
  const phone = phoneMatch ? phoneMatch[0].replace(/\s+/g, ' ').trim() : null;
  if (phoneMatch) rest = rest.slice(0, phoneMatch.index) + ' ' + rest.slice(phoneMatch.index + phoneMatch[0].length);
  rest = rest.replace(/\s+/g, ' ').replace(/[\s.,;:]+$/, '').replace(/^[\s.,;:]+/, '').trim();
  const comma = rest.indexOf(',');
  const name = (comma >= 0 ? rest.slice(0, comma) : rest).trim() || null;
  const post = comma >= 0 ? rest.slice(comma + 1).replace(/^[\s,]+/, '').trim() || null : null;
  return { name, post, phone, emails };
}

export function renderContact(c: RecordContact): string {
  const who = [c.name, c.post].filter(Boolean).join(', ');
  const parts = [who, c.phone ?? '', ...c.emails.map((e) => `Email: ${e}`)].filter(Boolean);
  return parts.join(' ') + (c.emails.length ? '.' : '');
}

/** "1.", "12)", "(3)", "a)", "b.", "(c)", "(iv)", "iv.", "•", "-", "–", "*". */
const MARKER = /^(\d{1,2}[.)]|\(\d{1,2}\)|[a-z][.)]|\([a-z]\)|\((?:i{1,3}|iv|vi{0,3}|ix|x)\)|(?:i{1,3}|iv|vi{0,3}|ix|x)[.)]|[•*·▪◦‣–-])\s+(\S.*)$/i;

export function splitMarker(line: string): Recommendation {
  const m = MARKER.exec(line);
  return m ? { marker: m[1], text: m[2].trim() } : { marker: null, text: line.trim() };
}

/**
 * The "Decision:" section as an optional lead-in and its items. With numbered or lettered items, lines
 * before the first are the lead-in and an unmarked line continues the item above it; with none, each
 * paragraph is an item, and a first line ending in ":" ("RESOLVED - That:") is the lead-in.
 */
export function parseDecisionText(lines: string[]): DecisionText {
  const items = lines.map(splitMarker);
  const preamble: string[] = [];
  const recommendations: Recommendation[] = [];
  if (items.some((i) => i.marker !== null)) {
    for (const item of items) {
      if (item.marker !== null) recommendations.push({ ...item });
      else if (recommendations.length === 0) preamble.push(item.text);
      else recommendations[recommendations.length - 1].text += `\n${item.text}`;
    }
  } else {
    for (const [i, item] of items.entries()) {
      if (i === 0 && items.length > 1 && item.text.endsWith(':')) preamble.push(item.text);
      else recommendations.push(item);
    }
  }
  return { preamble: preamble.length ? preamble.join('\n') : null, recommendations };
}

export function renderDecisionText(d: DecisionText): string[] {
  const lines = d.preamble ? d.preamble.split('\n') : [];
  for (const r of d.recommendations) {
    const [first, ...more] = r.text.split('\n');
    lines.push(r.marker ? `${r.marker} ${first}` : first, ...more);
  }
  return lines;
}

/** "Report to Cabinet <https://…/report.pdf>" or a bare title; ModernGov's "PDF 368 KB" suffix dropped. */
export function parseDocument(line: string): RecordDocument {
  const m = /^(.*?)\s*<([^<>\s]+)>$/.exec(line);
  const title = (m ? m[1] : line).replace(/\s+(PDF|DOC|DOCX|XLSX?|RTF|HTML?)\s+\d+(\.\d+)?\s*[KM]B$/i, '').replace(/^[•*·-]\s+/, '').trim();
  return { title: title || (m ? m[2] : ''), url: m ? m[2] : null };
}

export function renderDocument(d: RecordDocument): string {
  return d.url ? `${d.title} <${d.url}>` : d.title;
}

export function parseWards(value: string): string[] {
  return value
    .split(/;|,(?![^()]*\))/)
    .map((w) => w.trim())
    .filter((w) => w && !/^none$/i.test(w));
}
