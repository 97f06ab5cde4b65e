import { highlight } from '../../core/src/search/search-snippet';
import { describe, expect, it } from 'vitest';
import { highlightRuns } from './search-highlight';

describe('highlightRuns: the search API’s marked HTML as text runs', () => {
  it('splits matches from the rest and unescapes what the server escaped', () => {
    expect(highlightRuns('<mark>莱阳</mark>梨 &amp; &lt;b&gt; &quot;x&quot; &#39;y&#39;')).toEqual([
      { text: '莱阳', marked: true },
      { text: '梨 & <b> "x" \'y\'', marked: false },
    ]);
  });

  it('round-trips core’s own highlighter: markup in a story body comes back as text, never as tags', () => {
    const html = highlight('<img src=x onerror=alert(1)> 莱阳梨 & <mark>', ['莱阳']);
    const runs = highlightRuns(html);
    expect(runs.map((r) => r.text).join('')).toBe('<img src=x onerror=alert(1)> 莱阳梨 & <mark>');
    expect(runs.filter((r) => r.marked).map((r) => r.text)).toEqual(['莱阳']);
  });

  it('leaves an unknown entity as written', () => {
    expect(highlightRuns('a &nbsp; b')).toEqual([{ text: 'a &nbsp; b', marked: false }]);
  });
});
