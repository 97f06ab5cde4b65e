import type * as preact from 'preact';
import type { ComponentChildren } from 'preact';
import { LOCALES, type Locale } from '@terroir/core';
import type { PageContext } from '../page-context';
import type { PageKind } from '../page-urls';
import { breadcrumbJsonLd, serializeJsonLd, type JsonLd } from '../structured-data/json-ld';
import { CRITICAL_CSS } from './critical-css';
import { ENHANCE_SCRIPT_FILE } from './enhance-script';

/** What a page says about itself to search engines and link previews. */
export interface PageMeta {
  title: string;
  description: string;
  /** The page's kind and slug, for canonical and hreflang URLs; omitted for pages that are not indexed (404, order note). */
  page?: { kind: PageKind; slug?: string };
  ogType: 'website' | 'product' | 'article' | 'profile';
  image?: { url: string; alt: string; width?: number; height?: number };
  /** Open Graph `product:price:*` for product pages. */
  price?: { amount: string; currency: string };
  jsonLd?: JsonLd[];
  noindex?: boolean;
  breadcrumbs?: ReadonlyArray<readonly [string, string]>;
}

const OG_LOCALE: Record<Locale, string> = { 'zh-CN': 'zh_CN', en: 'en_US' };

/** The site icon, a pear drawn inline: no favicon request, so no 404 in the console. */
export const PAGE_FAVICON = `data:image/svg+xml,${encodeURIComponent(
  "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'><path d='M8 3c2 0 3 3 4 6s-1 6-4 6-5-3-4-6 2-6 4-6z' fill='#9cb386'/><path d='M8 3V0' stroke='#2f5d1e'/></svg>",
)}`;

/**
 * The whole HTML page: head (title, description, canonical, hreflang, Open Graph, Twitter,
 * JSON-LD, inline CSS, async module scripts) and the shared header and footer.
 *
 * @example
 * <PageDocument ctx={ctx} meta={{ title, description, ogType: 'product', page: { kind: 'product', slug } }}>…</PageDocument>
 */
export function PageDocument({ ctx, meta, children }: { ctx: PageContext; meta: PageMeta; children: ComponentChildren }) {
  const { locale, urls, t, coop } = ctx;
  const siteName = ctx.pick(coop.name);
  const canonical = meta.page ? urls.absolute(locale, meta.page.kind, meta.page.slug) : undefined;
  const other: Locale = locale === 'zh-CN' ? 'en' : 'zh-CN';
  const otherPath = meta.page ? urls.path(other, meta.page.kind, meta.page.slug) : urls.path(other, 'home');
  const fullTitle = meta.page?.kind === 'home' ? meta.title : `${meta.title} · ${siteName}`;
  const jsonLd = [...(meta.jsonLd ?? [])];
  if (meta.breadcrumbs && meta.breadcrumbs.length > 1)
    jsonLd.push(breadcrumbJsonLd(meta.breadcrumbs.map(([name, path]) => [name, urls.origin + path] as const)));
  const twitterCard = meta.image && (meta.image.width ?? 0) >= 600 ? 'summary_large_image' : 'summary';
  return (
    <html lang={locale} dir="ltr">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover" />
        <title>{fullTitle}</title>
        <meta name="description" content={meta.description} />
        {meta.noindex && <meta name="robots" content="noindex" />}
        {canonical && <link rel="canonical" href={canonical} />}
        {meta.page && LOCALES.map((l) => <link rel="alternate" hreflang={l} href={urls.absolute(l, meta.page!.kind, meta.page!.slug)} />)}
        {meta.page && <link rel="alternate" hreflang="x-default" href={urls.absolute(coop.defaultLocale, meta.page.kind, meta.page.slug)} />}
        <meta name="theme-color" content="#2f5d1e" />
        <link rel="icon" href={PAGE_FAVICON} />
        <meta property="og:type" content={meta.ogType} />
        <meta property="og:title" content={meta.title} />
        <meta property="og:description" content={meta.description} />
        {canonical && <meta property="og:url" content={canonical} />}
        <meta property="og:site_name" content={siteName} />
        <meta property="og:locale" content={OG_LOCALE[locale]} />
        <meta property="og:locale:alternate" content={OG_LOCALE[other]} />
        {meta.image && <meta property="og:image" content={meta.image.url} />}
        {meta.image && <meta property="og:image:alt" content={meta.image.alt} />}
        {meta.image?.width && <meta property="og:image:width" content={String(meta.image.width)} />}
        {meta.image?.height && <meta property="og:image:height" content={String(meta.image.height)} />}
        {meta.price && <meta property="product:price:amount" content={meta.price.amount} />}
        {meta.price && <meta property="product:price:currency" content={meta.price.currency} />}
        <meta name="twitter:card" content={twitterCard} />
        <meta name="twitter:title" content={meta.title} />
        <meta name="twitter:description" content={meta.description} />
        {meta.image && <meta name="twitter:image" content={meta.image.url} />}
        {meta.image && <meta name="twitter:image:alt" content={meta.image.alt} />}
        <style dangerouslySetInnerHTML={{ __html: CRITICAL_CSS }} />
        {ctx.widgetsUrl && <script type="module" async src={ctx.widgetsUrl} />}
        {ctx.widgetsUrl && <script type="module" async src={urls.under(`/assets/${ENHANCE_SCRIPT_FILE}`)} />}
        {jsonLd.map((node) => (
          <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: serializeJsonLd(node) }} />
        ))}
      </head>
      <body>
        <a class="skip" href="#main">
          {t.skip}
        </a>
        <header class="site">
          <a class="brand" href={urls.path(locale, 'home')}>
            {siteName}
          </a>
          <nav aria-label={locale === 'zh-CN' ? '网站导航' : 'Site'}>
            <ul>
              <li>
                <a href={`${urls.path(locale, 'home')}#products`}>{t.products}</a>
              </li>
              <li>
                <a href={`${urls.path(locale, 'home')}#stories`}>{t.stories}</a>
              </li>
              <li>
                <a href={urls.path(locale, 'museum')}>{locale === 'zh-CN' ? '村史馆' : 'Museum'}</a>
              </li>
            </ul>
          </nav>
          <a class="lang" href={otherPath} hreflang={other} lang={other}>
            {t.otherLanguage}
          </a>
          {ctx.widgetsUrl && (
            <terroir-cart
              coop={coop.slug}
              lang={locale}
              api={ctx.apiUrl}
              mode="drawer"
              {...(ctx.pickupPointId ? { checkout: '', 'pickup-point': ctx.pickupPointId } : {})}
            >
              <a href={urls.under(`/${locale}/order`)}>{t.orderHelp}</a>
            </terroir-cart>
          )}
        </header>
        {meta.breadcrumbs && meta.breadcrumbs.length > 1 && (
          <nav class="crumbs" aria-label={locale === 'zh-CN' ? '页面路径' : 'Breadcrumb'}>
            <ol>
              {meta.breadcrumbs.map(([name, href], index) =>
                index === meta.breadcrumbs!.length - 1 ? (
                  <li aria-current="page">{name}</li>
                ) : (
                  <li>
                    <a href={href}>{name}</a>
                  </li>
                ),
              )}
            </ol>
          </nav>
        )}
        <main id="main">{children}</main>
        <footer class="site-footer">
          <div>
            <p>
              <strong>{siteName}</strong> · {ctx.pick(coop.place.name)}
              {coop.place.region ? ` · ${ctx.pick(coop.place.region)}` : ''}
            </p>
            {coop.contact.email && (
              <p>
                {t.email}: <a href={`mailto:${coop.contact.email}`}>{coop.contact.email}</a>
                {coop.contact.phone && (
                  <>
                    {' '}
                    · {t.phone}: <a href={`tel:${coop.contact.phone.replace(/\s+/g, '')}`}>{coop.contact.phone}</a>
                  </>
                )}
              </p>
            )}
          </div>
        </footer>
      </body>
    </html>
  );
}

declare module 'preact' {
  namespace JSX {
    interface IntrinsicElements {
      'terroir-cart': preact.HTMLAttributes<HTMLElement> & { coop: string; api?: string; mode?: string; checkout?: string; 'pickup-point'?: string };
    }
  }
}
