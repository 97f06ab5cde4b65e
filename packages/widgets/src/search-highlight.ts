// The search API marks matches as `<mark>…</mark>` inside otherwise HTML-escaped text
// (packages/core/src/search/search-snippet.ts). The widget never hands that string to
// innerHTML: it splits on the two literal tags and unescapes the rest into plain text runs.

/** One run of a highlighted text: `marked` runs matched the query. */
export interface HighlightRun {
  text: string;
  marked: boolean;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#x27': "'" };

/**
 * Splits the server's `titleHtml` / `snippetHtml` into text runs, marked or not. Only the exact
 * tags `<mark>` and `</mark>` count; every other `<` the server sends is already `&lt;`, and an
 * unknown entity stays as written (shown as text, never parsed).
 *
 * @example
 * highlightRuns('<mark>莱阳</mark>梨 &amp; &lt;b&gt;')
 * // [{ text: '莱阳', marked: true }, { text: '梨 & <b>', marked: false }]
 */
export function highlightRuns(html: string): HighlightRun[] {
  const runs: HighlightRun[] = [];
  let marked = false;
  for (const part of html.split(/(<\/?mark>)/)) {
    if (part === '<mark>' || part === '</mark>') {
      marked = part === '<mark>';
      continue;
    }
    if (part) runs.push({ text: part.replace(/&(amp|lt|gt|quot|#39|#x27);/g, (_, name: string) => ENTITIES[name]!), marked });
  }
  return runs;
}
