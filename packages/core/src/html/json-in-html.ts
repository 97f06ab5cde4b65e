const UNSAFE_IN_HTML = /[<>&\u2028\u2029]/g;

/**
 * Escapes `<`, `>`, `&`, U+2028 and U+2029 in JSON text as `\u003c`…: still the same JSON,
 * but inert inside a `<script>` element (no `</script>` or `<!--` can end or confuse it) and
 * harmless if a JSON answer is ever sniffed as HTML. The one escaper for JSON-LD in pages,
 * the receipt page and the admin API's answers.
 *
 * @example
 * escapeJsonForHtml('{"name":"</script>"}') // '{"name":"\\u003c/script\\u003e"}'
 */
export function escapeJsonForHtml(json: string): string {
  return json.replace(UNSAFE_IN_HTML, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * `JSON.stringify` for embedding in HTML (see {@link escapeJsonForHtml}).
 *
 * @example
 * `<script type="application/ld+json">${jsonForHtml(data)}</script>`
 */
export function jsonForHtml(value: unknown): string {
  return escapeJsonForHtml(JSON.stringify(value) ?? 'null');
}
