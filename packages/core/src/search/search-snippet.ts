import { foldText } from './search-fold';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ESCAPES[ch]!);
}

/**
 * Marks every occurrence of the terms in a text with `<mark>` and HTML-escapes the rest,
 * cut to a window around the first match (`…` where cut). Matching is on folded text, so
 * 梨園 marks 梨园 in a query and the other way round.
 *
 * @example
 * highlight('莱阳<b>梨</b>', ['莱阳']) // '<mark>莱阳</mark>&lt;b&gt;梨&lt;/b&gt;'
 */
export function highlight(text: string, terms: readonly string[], window = 0): string {
  const chars = [...text];
  const folded = [...foldText(text)];
  const marks = new Array<boolean>(chars.length).fill(false);
  const foldedText = folded.join('');
  let first = -1;
  for (const term of terms) {
    if (!term) continue;
    const termChars = [...term];
    // Index by code points: search in the joined folded string, then convert.
    let from = 0;
    for (;;) {
      const at = foldedText.indexOf(term, from);
      if (at < 0) break;
      const start = [...foldedText.slice(0, at)].length;
      for (let i = start; i < start + termChars.length && i < marks.length; i++) marks[i] = true;
      if (first < 0 || start < first) first = start;
      from = at + term.length;
    }
  }
  let begin = 0;
  let end = chars.length;
  if (window > 0 && chars.length > window) {
    begin = Math.max(0, (first < 0 ? 0 : first) - Math.floor(window / 3));
    end = Math.min(chars.length, begin + window);
  }
  let out = begin > 0 ? '…' : '';
  let open = false;
  for (let i = begin; i < end; i++) {
    if (marks[i] && !open) {
      out += '<mark>';
      open = true;
    } else if (!marks[i] && open) {
      out += '</mark>';
      open = false;
    }
    out += escapeHtml(chars[i]!);
  }
  if (open) out += '</mark>';
  if (end < chars.length) out += '…';
  return out;
}
