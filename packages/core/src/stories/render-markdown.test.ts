import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './render-markdown';

describe('renderMarkdown', () => {
  it('renders ordinary Markdown in both languages', () => {
    expect(renderMarkdown('# 嫁接\n\nGrafted in **spring**, 春天嫁接。')).toBe('<h1>嫁接</h1>\n<p>Grafted in <strong>spring</strong>, 春天嫁接。</p>\n');
  });

  it('drops a soft line break between Chinese characters and keeps it between English words (issue 13)', () => {
    expect(renderMarkdown('果肉细嫩，口感。\n冷藏后更甜。')).toBe('<p>果肉细嫩，口感。冷藏后更甜。</p>\n');
    expect(renderMarkdown('Sweet when\nchilled.')).toBe('<p>Sweet when\nchilled.</p>\n');
    // Between a Chinese character and a Latin word the break stays a space (mixed text).
    expect(renderMarkdown('莱阳梨\nLaiyang')).toContain('莱阳梨\nLaiyang');
  });

  it('never lets raw HTML through: script tags and event handlers become text', () => {
    const html = renderMarkdown('<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n<a href="javascript:alert(1)">x</a>');
    expect(html).not.toMatch(/<script|<img|<a /i);
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('refuses javascript:, vbscript: and data: links in any spelling', () => {
    for (const source of [
      '[x](javascript:alert(1))',
      '[x](JaVaScRiPt:alert(1))',
      '[x](&#106;avascript:alert(1))',
      '[x](vbscript:msgbox(1))',
      '[x](data:text/html;base64,PHNjcmlwdD4=)',
      '<javascript:alert(1)>',
    ]) {
      const html = renderMarkdown(source);
      expect(html, source).not.toMatch(/href=/i);
    }
  });

  it('gives every link rel="noopener noreferrer nofollow", including autolinks', () => {
    expect(renderMarkdown('[orchard](https://example.cn/a "t")')).toBe(
      '<p><a href="https://example.cn/a" title="t" rel="noopener noreferrer nofollow">orchard</a></p>\n',
    );
    expect(renderMarkdown('see https://example.cn')).toContain('<a href="https://example.cn" rel="noopener noreferrer nofollow">');
    expect(renderMarkdown('[r](/stories/pear)')).toContain('href="/stories/pear"');
  });

  it('keeps images from http(s) or relative URLs only', () => {
    expect(renderMarkdown('![梨花](/media/pear.svg)')).toContain('<img src="/media/pear.svg" alt="梨花" loading="lazy" />');
    expect(renderMarkdown('![a](https://cdn.example.cn/a.jpg)')).toContain('src="https://cdn.example.cn/a.jpg"');
    for (const source of ['![a](javascript:alert(1))', '![a](data:image/svg+xml;base64,PHN2Zz4=)', '![a](//evil.example/x.png)']) {
      expect(renderMarkdown(source), source).not.toMatch(/<img/);
    }
  });

  it('escapes attribute breakouts in titles and alt text', () => {
    const html = renderMarkdown('![a" onerror="alert(1)](/x.png "t\\" onload=\\"y")');
    expect(html).not.toMatch(/\son(error|load)="/i);
    expect(html).toContain('alt="a&quot; onerror=&quot;alert(1)"');
  });
});
