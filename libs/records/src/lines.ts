import * as cheerio from 'cheerio';
import type { AnyNode, Element } from 'domhandler';

/**
 * Both input formats become the same thing: the record's non-empty lines, each trimmed, with runs of
 * whitespace (tabs, no-break spaces, CR) made one space. The parser then reads lines only.
 */
export function normaliseLine(line: string): string {
  return line
    .replace(/[\u200B-\u200D\uFEFF]/g, '')
    .replace(/[\s\u00A0]+/g, ' ')
    .trim();
}

export function textLines(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map(normaliseLine)
    .filter((l) => l.length > 0);
}

/** Does this look like HTML rather than the text layout? (A caller that knows says so instead.) */
export function looksLikeHtml(input: string): boolean {
  return /<(?:!doctype|html|head|body|main|div|p|br|h[1-6]|span|table|section|article|ul|ol|li|pre)\b[^>]*>/i.test(input);
}

const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'caption', 'dd', 'div', 'dl', 'dt', 'fieldset', 'figcaption', 'figure',
  'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'main', 'nav', 'ol', 'p', 'pre', 'section',
  'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul',
]);
const SKIPPED = new Set(['script', 'style', 'noscript', 'template', 'head', 'title', 'svg', 'button', 'input', 'select', 'textarea']);
/** Page furniture that is not part of the record (GOV.UK and ModernGov chrome, visually hidden text). */
const SKIPPED_SELECTOR = '.govuk-skip-link, .govuk-header, .govuk-footer, .govuk-phase-banner, .govuk-breadcrumbs, .govuk-visually-hidden, .mgHide, [hidden]';
const DOCUMENTS_LABEL = /^(accompanying|supporting) documents:?$|^background papers:?$/i;

/**
 * The lines a reader sees in an HTML record: block elements start lines, `<br>` breaks them, list items
 * keep their number or bullet, and links under "Accompanying Documents" keep their address as
 * "title <href>" (the text layout's way of writing a document). The record is read from `.mgContent`
 * (ModernGov), else `main`, else the whole body.
 */
export function htmlLines(html: string): string[] {
  const $ = cheerio.load(html);
  $(SKIPPED_SELECTOR).remove();
  const scoped = $('.mgContent').first().length ? $('.mgContent').first() : $('main').first();
  const roots: AnyNode[] = scoped.length ? scoped.toArray() : $.root().toArray();
  const out: string[] = [''];
  let inDocuments = false;
  const newLine = () => {
    const last = normaliseLine(out[out.length - 1]);
    out[out.length - 1] = last;
    if (last) {
      if (DOCUMENTS_LABEL.test(last)) inDocuments = true;
      else if (inDocuments && /:$/.test(last) && !/^\S+:\/\//.test(last)) inDocuments = false;
      out.push('');
    }
  };
  const append = (text: string) => {
    out[out.length - 1] += text;
  };

  const walk = (node: AnyNode, pre: boolean) => {
    if (node.type === 'text') {
      const data = (node as unknown as { data: string }).data;
      if (!pre) return append(data.replace(/\s+/g, ' '));
      data.replace(/\r\n?/g, '\n').split('\n').forEach((part, i) => {
        if (i > 0) newLine();
        append(part);
      });
      return;
    }
    if (node.type !== 'tag' && node.type !== 'root' && node.type !== 'script' && node.type !== 'style') return;
    const el = node as Element;
    const name = el.name?.toLowerCase?.() ?? '';
    if (SKIPPED.has(name) || node.type === 'script' || node.type === 'style') return;
    if (name === 'br') return newLine();
    const block = BLOCK.has(name);
    if (block) newLine();
    if (name === 'li') append(listMarker(el));
    for (const child of el.children ?? []) walk(child, pre || name === 'pre');
    if (name === 'a' && inDocuments) {
      const href = $(el).attr('href');
      if (href && !/^(javascript|mailto):/i.test(href)) append(` <${href}>`);
    }
    if (block) newLine();
  };
  for (const child of roots) walk(child, false);
  newLine();
  return out.map(normaliseLine).filter((l) => l.length > 0);
}

/** "1. " / "a) " for ordered lists (by position and type), "• " for the rest. */
function listMarker(li: Element): string {
  const list = li.parent as Element | null;
  if (!list || list.type !== 'tag' || list.name !== 'ol') return '• ';
  const items = (list.children ?? []).filter((c) => c.type === 'tag' && (c as Element).name === 'li');
  const start = Number(list.attribs?.start ?? 1) || 1;
  const n = start + items.indexOf(li);
  const type = list.attribs?.type;
  if (type === 'a') return `${String.fromCharCode(96 + Math.min(n, 26))}) `;
  if (type === 'A') return `${String.fromCharCode(64 + Math.min(n, 26))}) `;
  return `${n}. `;
}
