import { describe, expect, it } from 'vitest';
import { pageUrls } from '../../pages/src/page-urls';
import { pageUrl } from './museum-common';

describe('pageUrl: a museum widget links to the page @terroir/pages serves for the record', () => {
  const base = 'https://pears.example.cn/shop';
  const urls = pageUrls(base);
  it.each([
    ['product', 'product', 'laiyang-pear'],
    ['story', 'story', 'grafting-craft'],
    ['producer', 'producer', 'wang-family-orchard'],
    ['place', 'museum-place', 'old-well'],
    ['person', 'museum-person', 'liu-guifang'],
    ['hall', 'museum-hall', 'pear-hall'],
  ] as const)('%s → the %s page', (kind, pageKind, slug) => {
    expect(pageUrl(base, 'en', kind, slug)).toBe(urls.absolute('en', pageKind, slug));
    expect(pageUrl(base + '/', 'zh-CN', kind, slug)).toBe(urls.absolute('zh-CN', pageKind, slug));
  });

  it('a chronicle entry → its anchor on the timeline page', () => {
    expect(pageUrl(base, 'zh-CN', 'chronicle', 'stone-bridge-1935')).toBe(`${urls.absolute('zh-CN', 'museum-timeline')}#stone-bridge-1935`);
  });
});
