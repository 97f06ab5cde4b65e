import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../index';
import { propertyParameters, propertyTimeout } from '../testing/index';

/*
 * Whatever a cooperative (or an attacker with its password) writes as a story, the HTML we
 * render must carry no script, no event handler and no script-bearing URL. The generator
 * mixes Markdown syntax with the classic XSS vectors and their obfuscations.
 */

const ALLOWED_TAGS = new Set([
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
]);

const schemes = fc.constantFrom(
  'javascript:',
  'JaVaScRiPt:',
  'java\tscript:',
  'java\nscript:',
  ' javascript:',
  '\x01javascript:',
  'javascript&colon;',
  '&#106;avascript:',
  '&#x6A;avascript:',
  'jav&#x09;ascript:',
  'vbscript:',
  'data:text/html,',
  'data:image/svg+xml,',
  'livescript:',
  'https:',
  'http:',
  'mailto:',
  '//',
  '/',
  '#',
  '',
);
const payloads = fc.constantFrom(
  'alert(1)',
  '<script>alert(1)</script>',
  '"onmouseover="alert(1)',
  "' onerror='alert(1)",
  'x" onload="y',
  '%0aalert(1)',
  'evil.example/x',
);
const url = fc.tuple(schemes, payloads).map(([scheme, payload]) => scheme + payload);
const text = fc.string({
  unit: fc.constantFrom(
    'a',
    '<',
    '>',
    '"',
    "'",
    '&',
    ';',
    '=',
    ' ',
    '\n',
    '`',
    '*',
    '_',
    '[',
    ']',
    '(',
    ')',
    '!',
    '#',
    '|',
    '-',
    '\\',
    '梨',
    '\u0000',
    '\u2028',
  ),
  maxLength: 20,
});

const fragment = fc.oneof(
  text,
  fc.constantFrom(
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    '<svg onload=alert(1)>',
    '<a href="javascript:alert(1)">x</a>',
    '<iframe src=//evil>',
    '<style>*{}</style>',
    '<body onload=x>',
    '<div style="background:url(javascript:x)">',
    '<math><mi xlink:href="javascript:x">',
    '<!-- -->',
    '<![CDATA[x]]>',
    '&lt;script&gt;',
    '\n\n',
    '\n```\n',
    '\n    ',
    '> ',
    '- ',
    '1. ',
    '| a | b |\n|---|---|\n| c | d |\n',
    '**',
    '`',
  ),
  url.map((u) => `[link](${u})`),
  url.map((u) => `[link](<${u}>)`),
  url.map((u) => `![alt](${u} "title")`),
  url.map((u) => `<${u}>`),
  url.map((u) => `[ref]\n\n[ref]: ${u}\n`),
  url,
);

const markdownSource = fc.array(fragment, { maxLength: 12 }).map((parts) => parts.join(''));

const decodeEntities = (value: string) =>
  value
    .replace(/&#x([0-9a-f]+);?/gi, (_, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16)))
    .replace(/&#(\d+);?/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&colon;/gi, ':')
    .replace(/&tab;/gi, '\t')
    .replace(/&newline;/gi, '\n')
    .replace(/&amp;/g, '&');

/** Every way the rendered HTML could run script, or an empty list. */
function scriptVectors(html: string): string[] {
  const found: string[] = [];
  // Any "<" that starts markup must open (or close) one of the allowed tags.
  for (const match of html.matchAll(/<(\/?)([^\s>/]*)([^>]*)>?/g)) {
    const [whole, , rawName = '', attributes = ''] = match;
    const name = rawName.toLowerCase();
    if (!ALLOWED_TAGS.has(name)) {
      found.push(`markup <${rawName}> in ${JSON.stringify(whole)}`);
      continue;
    }
    for (const attr of attributes.matchAll(/([^\s="']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g)) {
      const attrName = attr[1]!.toLowerCase();
      const value = attr[2] ?? attr[3] ?? attr[4] ?? '';
      if (attrName.startsWith('on')) found.push(`event handler ${attrName} in ${JSON.stringify(whole)}`);
      if (attrName === 'style' && !/^text-align:(left|right|center);?$/.test(value)) found.push(`style ${value}`);
      if (attrName === 'href' || attrName === 'src' || attrName === 'xlink:href' || attrName === 'action' || attrName === 'formaction') {
        // Browsers ignore ASCII whitespace and control characters inside a URL scheme.
        const scheme = decodeEntities(value)
          .replace(/[\u0000-\u0020\u007f]/g, '')
          .toLowerCase();
        if (/^(javascript|vbscript|data|livescript):/.test(scheme)) found.push(`${attrName}=${JSON.stringify(value)}`);
      }
    }
  }
  return found;
}

describe('renderMarkdown (property)', () => {
  it(
    'never yields a script, an event handler or a script URL',
    () => {
      fc.assert(
        fc.property(markdownSource, (source) => {
          const html = renderMarkdown(source);
          expect(scriptVectors(html)).toEqual([]);
        }),
        propertyParameters(400),
      );
    },
    propertyTimeout(),
  );

  it('the oracle itself sees each vector (so a pass above means something)', () => {
    expect(scriptVectors('<p>ok <a href="https://x" rel="noopener">x</a></p>')).toEqual([]);
    expect(scriptVectors('<script>x</script>')).not.toEqual([]);
    expect(scriptVectors('<img src="x" onerror="y">')).not.toEqual([]);
    expect(scriptVectors('<a href="jav&#x09;ascript:x">x</a>')).not.toEqual([]);
    expect(scriptVectors('<a href=" JAVASCRIPT:x">x</a>')).not.toEqual([]);
  });
});
