import { describe, expect, it } from 'vitest';
import { pageUrls } from '../../pages/src/page-urls';
import { resultHref } from './search.component';

describe('resultHref: a search result links to the page @terroir/pages serves for it', () => {
  const base = 'https://pears.example.cn/shop';
  const urls = pageUrls(base);
  it.each([
    ['product', 'product', 'laiyang-pear'],
    ['story', 'story', 'grafting-craft'],
    ['person', 'museum-person', 'wang-laoshi'],
    ['place', 'museum-place', 'old-orchard'],
  ] as const)('%s → the %s page', (type, kind, slug) => {
    expect(resultHref(base, 'en', type, slug)).toBe(urls.absolute('en', kind, slug));
    expect(resultHref(base + '/', 'zh-CN', type, slug)).toBe(urls.absolute('zh-CN', kind, slug));
  });

  it('a chronicle entry → its anchor on the timeline', () => {
    expect(resultHref(base, 'zh-CN', 'chronicle', '1956 梨园')).toBe(`${urls.absolute('zh-CN', 'museum-timeline')}#${encodeURIComponent('1956 梨园')}`);
  });
});
