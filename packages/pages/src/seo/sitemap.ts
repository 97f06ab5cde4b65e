import {
  activeProductChanges,
  cooperativeUpdatedAt,
  escapeHtml,
  LOCALES,
  producerChanges,
  publicStoryChanges,
  publicMuseumChanges,
  type Cooperative,
  type TerroirDatabase,
} from '@terroir/core';
import type { PageKind, PageUrls } from '../page-urls';

type Db = TerroirDatabase['db'];

/** One public page and when it last changed. */
export interface SitemapEntry {
  kind: PageKind;
  slug?: string;
  lastmod: string;
}

/**
 * Every public page of a cooperative with its last change: the home, active products (a
 * variant's price or stock change counts as a change), public published stories, producers,
 * and the museum's overview, timeline, places, people and halls.
 * Drafts, archived products and community-only stories are never listed.
 *
 * @example
 * const entries = await sitemapEntries(db, coop);
 */
export async function sitemapEntries(db: Db, coop: Cooperative): Promise<SitemapEntry[]> {
  const [coopUpdatedAt, products, stories, producers, museum] = await Promise.all([
    cooperativeUpdatedAt(db, coop.id),
    activeProductChanges(db, coop.id),
    publicStoryChanges(db, coop.id),
    producerChanges(db, coop.id),
    publicMuseumChanges(db, coop.id),
  ]);
  const later = (a: string, b: string | undefined) => (b !== undefined && b > a ? b : a);
  const productEntries = products.map((p) => ({ kind: 'product' as const, slug: p.slug, lastmod: p.updatedAt }));
  const storyEntries = stories.map((s) => ({ kind: 'story' as const, slug: s.slug, lastmod: s.updatedAt }));
  const producerEntries = producers.map((p) => ({ kind: 'producer' as const, slug: p.slug, lastmod: p.updatedAt }));
  // The home lists everything, so it changed when anything on it did.
  const homeLastmod = [...productEntries, ...storyEntries].reduce((max, e) => later(max, e.lastmod), coopUpdatedAt ?? '1970-01-01T00:00:00.000Z');
  // The museum (public, published records only): overview, timeline, places, people, halls.
  const museumEntries: SitemapEntry[] = [
    ...museum.places.map((p) => ({ kind: 'museum-place' as const, slug: p.slug, lastmod: p.updatedAt })),
    ...museum.people.map((p) => ({ kind: 'museum-person' as const, slug: p.slug, lastmod: p.updatedAt })),
    ...museum.halls.map((h) => ({ kind: 'museum-hall' as const, slug: h.slug, lastmod: h.updatedAt })),
  ];
  const museumLastmod = museumEntries.reduce((max, e) => later(max, e.lastmod), museum.chronicleUpdatedAt ?? coopUpdatedAt ?? '1970-01-01T00:00:00.000Z');
  const museumPages: SitemapEntry[] =
    museumEntries.length > 0 || museum.chronicleUpdatedAt
      ? [
          { kind: 'museum', lastmod: museumLastmod },
          ...(museum.chronicleUpdatedAt ? [{ kind: 'museum-timeline' as const, lastmod: museum.chronicleUpdatedAt }] : []),
        ]
      : [];
  return [{ kind: 'home', lastmod: homeLastmod }, ...productEntries, ...storyEntries, ...producerEntries, ...museumPages, ...museumEntries];
}

const xml = escapeHtml;

/**
 * The sitemap XML: one `<url>` per page and language, each with `xhtml:link` alternates for
 * both languages and `x-default` (the form Google documents for localized pages).
 *
 * @example
 * sitemapXml(urls, entries, 'zh-CN')
 */
export function sitemapXml(urls: PageUrls, entries: SitemapEntry[], defaultLocale: Cooperative['defaultLocale']): string {
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">',
  ];
  for (const entry of entries) {
    const alternates = [
      ...LOCALES.map((l) => `<xhtml:link rel="alternate" hreflang="${l}" href="${xml(urls.absolute(l, entry.kind, entry.slug))}"/>`),
      `<xhtml:link rel="alternate" hreflang="x-default" href="${xml(urls.absolute(defaultLocale, entry.kind, entry.slug))}"/>`,
    ].join('');
    for (const locale of LOCALES) {
      out.push(`<url><loc>${xml(urls.absolute(locale, entry.kind, entry.slug))}</loc><lastmod>${xml(entry.lastmod)}</lastmod>${alternates}</url>`);
    }
  }
  out.push('</urlset>', '');
  return out.join('\n');
}

/**
 * robots.txt: everything may be crawled except the admin and the API; points at the sitemap.
 *
 * @example
 * robotsTxt('https://pears.example.cn/sitemap.xml', ['/admin', '/api/'])
 */
export function robotsTxt(sitemapUrl: string, disallow: readonly string[]): string {
  return ['User-agent: *', 'Allow: /', ...disallow.map((path) => `Disallow: ${path}`), '', `Sitemap: ${sitemapUrl}`, ''].join('\n');
}
