import MarkdownIt from 'markdown-it';
import cjkBreaks from 'markdown-it-cjk-breaks';
import sanitizeHtml from 'sanitize-html';

/*
 * Two lines of defence: markdown-it never passes raw HTML through (`html: false`), and
 * sanitize-html then keeps only an allowlist of tags and attributes, in case a renderer
 * rule or plugin ever emits something it should not.
 */
const markdown = new MarkdownIt({ html: false, linkify: true, typographer: false });
// A line break between two Chinese characters is not a space (CommonMark makes every soft
// break one, so "口感。\n冷藏" read "口感。 冷藏"); markdown-it's own plugin drops it there.
markdown.use(cjkBreaks);

const SAFE_URL = /^(https?:|mailto:|\/|\.{0,2}\/|#|[^:/?#]*(?:[/?#]|$))/i;

const SANITIZE_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'hr',
    'h1',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'blockquote',
    'ul',
    'ol',
    'li',
    'strong',
    'em',
    'b',
    'i',
    's',
    'del',
    'code',
    'pre',
    'a',
    'img',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
    'sup',
    'sub',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'rel'],
    img: ['src', 'alt', 'title', 'width', 'height', 'loading'],
    ol: ['start'],
    th: ['style'],
    td: ['style'],
  },
  allowedStyles: { th: { 'text-align': [/^(left|right|center)$/] }, td: { 'text-align': [/^(left|right|center)$/] } },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['http', 'https'] },
  allowedSchemesAppliedToAttributes: ['href', 'src'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  // An image whose source was refused (protocol-relative, data:) is dropped, not left empty.
  exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs.src,
  transformTags: {
    a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: 'noopener noreferrer nofollow' } }),
    img: (tagName, attribs) => ({ tagName, attribs: { ...attribs, loading: 'lazy' } }),
  },
};

/**
 * Renders a story's Markdown to HTML that is safe to put in any page: no raw HTML, no
 * scripts or event handlers, links only to http(s)/mailto/relative targets with
 * `rel="noopener noreferrer nofollow"`, images only from http(s) or relative URLs.
 *
 * @example
 * renderMarkdown('Grafted in **spring**. <script>x()</script>')
 * // '<p>Grafted in <strong>spring</strong>. &lt;script&gt;x()&lt;/script&gt;</p>\n'
 */
export function renderMarkdown(source: string): string {
  return sanitizeHtml(markdown.render(source), SANITIZE_OPTIONS);
}

// markdown-it's own link check already refuses javascript:/vbscript:/data: URLs; keep the
// stricter allowlist as well (no unknown schemes at all).
markdown.validateLink = (url: string) => SAFE_URL.test(url.trim());
