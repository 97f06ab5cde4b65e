import type { Locale } from '@terroir/core';

/** The kinds of public page, each at `/{locale}/{kind}/{slug}` (the home at `/{locale}/`). */
export type PageKind =
  | 'home'
  | 'product'
  | 'story'
  | 'producer'
  | 'museum'
  | 'museum-timeline'
  | 'museum-place'
  | 'museum-person'
  | 'museum-hall'
  | 'museum-memories'
  | 'museum-memory-new'
  | 'search';

const SEGMENT: Record<Exclude<PageKind, 'home' | 'museum' | 'museum-timeline' | 'museum-memories' | 'museum-memory-new' | 'search'>, string> = {
  product: 'products',
  story: 'stories',
  producer: 'producers',
  'museum-place': 'museum/places',
  'museum-person': 'museum/people',
  'museum-hall': 'museum/halls',
};

/**
 * Builds the pages' URLs: paths for links inside the pages (relative to where they are mounted)
 * and absolute URLs for canonical, hreflang, sitemap, Open Graph and QR codes.
 *
 * @example
 * const urls = pageUrls('https://pears.example.cn/shop');
 * urls.path('en', 'product', 'laiyang-pear') // '/shop/en/products/laiyang-pear'
 * urls.absolute('en', 'product', 'laiyang-pear') // 'https://pears.example.cn/shop/en/products/laiyang-pear'
 */
export function pageUrls(baseUrl: string) {
  const base = new URL(baseUrl);
  const prefix = base.pathname.replace(/\/+$/, '');
  const origin = base.origin;
  const path = (locale: Locale, kind: PageKind, slug?: string): string =>
    kind === 'home'
      ? `${prefix}/${locale}/`
      : kind === 'museum'
        ? `${prefix}/${locale}/museum`
        : kind === 'museum-timeline'
          ? `${prefix}/${locale}/museum/timeline`
          : kind === 'search'
            ? `${prefix}/${locale}/search`
            : kind === 'museum-memories'
              ? `${prefix}/${locale}/museum/memories`
              : kind === 'museum-memory-new'
                ? `${prefix}/${locale}/museum/memories/new`
                : `${prefix}/${locale}/${SEGMENT[kind]}/${encodeURIComponent(slug ?? '')}`;
  return {
    /** The mount prefix (`/shop`), empty at the root. */
    prefix,
    origin,
    path,
    absolute: (locale: Locale, kind: PageKind, slug?: string): string => origin + path(locale, kind, slug),
    /** A path under the mount (`/sitemap.xml` → `/shop/sitemap.xml`). */
    under: (rest: string): string => `${prefix}${rest}`,
    /** An absolute URL for a media or asset path stored relative to the site (`/media/pear.svg`). */
    resolve: (url: string): string => new URL(url, origin + '/').href,
  };
}

export type PageUrls = ReturnType<typeof pageUrls>;
