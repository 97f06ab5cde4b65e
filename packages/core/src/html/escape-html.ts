const HTML_SPECIAL = /[&<>"']/g;
const ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Escapes text for HTML or XML, in element content and in quoted attributes alike: the one
 * escaper for pages written as strings (receipt page, sitemap, QR SVG titles).
 *
 * @example
 * escapeHtml('<b>"梨" & pear</b>') // '&lt;b&gt;&quot;梨&quot; &amp; pear&lt;/b&gt;'
 */
export function escapeHtml(text: string): string {
  return text.replace(HTML_SPECIAL, (ch) => ENTITY[ch]!);
}
