import { describe, expect, it } from 'vitest';
import { escapeHtml } from './escape-html';
import { escapeJsonForHtml, jsonForHtml } from './json-in-html';

describe('jsonForHtml', () => {
  it('escapes everything that could end or confuse a script element, and stays the same JSON', () => {
    const value = { name: '</script><script>alert(1)</script>', comment: '<!-- & -->', separators: '\u2028\u2029', pear: '莱阳梨' };
    const text = jsonForHtml(value);
    expect(text).not.toMatch(/[<>&\u2028\u2029]/);
    expect(text).toContain('\\u003c/script\\u003e');
    expect(text).toContain('\\u0026');
    expect(JSON.parse(text)).toEqual(value);
  });

  it('leaves JSON without such characters unchanged', () => {
    expect(escapeJsonForHtml('{"a":"梨 pear"}')).toBe('{"a":"梨 pear"}');
  });
});

describe('escapeHtml', () => {
  it('escapes the five HTML specials and nothing else', () => {
    expect(escapeHtml(`<a href="x" title='y'>梨 & pear</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;梨 &amp; pear&lt;/a&gt;');
    expect(escapeHtml('莱阳梨 pear 68.00')).toBe('莱阳梨 pear 68.00');
  });
});
