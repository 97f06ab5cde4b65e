import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { Locale } from '@terroir/core';
import { formatMoney as formatMinorUnits } from '@terroir/core/money';
import { PAGE_FAVICON } from '@terroir/pages';
import type { CooperativeJson, Money, ProductSummaryJson, StoryDetailJson, StorySummaryJson } from './api-shapes';

/** Everything the homepage shows, already read from the storefront API in one locale. */
export interface HomePageData {
  locale: Locale;
  cooperative: CooperativeJson;
  products: ProductSummaryJson[];
  stories: StorySummaryJson[];
  /** Full detail of stories with audio, so the page can offer the player and transcript. */
  audioStories: StoryDetailJson[];
  /** Whether the server takes online payment: the cart then gets `checkout`. */
  checkout?: boolean;
  /** The site's public address (`PUBLIC_URL`), for the canonical and hreflang links. */
  baseUrl?: string;
}

/** The page's own words in both locales (data comes localized from the API). */
export const HOME_PAGE_TEXT = {
  'zh-CN': {
    switchTo: 'English',
    switchLang: 'en',
    demo: '演示站点：合作社与人物均为虚构，地点与物产为真实的胶东风物。',
    products: '物产',
    stories: '故事',
    listen: '听一听',
    transcript: '文字稿',
    from: (price: string) => `${price} 起`,
    perJin: '/斤',
    perKg: '/千克',
    season: { 'year-round': '全年供应', 'in-season': '当季', preorder: '可预订', 'out-of-season': '已过季' },
    stock: { 'in-stock': '有货', low: '库存紧张', 'sold-out': '售罄' },
    category: { fresh: '鲜果农产', processed: '加工食品', craft: '手工艺', experience: '体验' },
    storiesCount: (n: number) => `${n} 个相关故事`,
    audio: '有录音',
    api: '开发者：本页数据来自店面 API',
    empty: '暂无内容。',
  },
  en: {
    switchTo: '中文',
    switchLang: 'zh-CN',
    demo: 'Demo site: the cooperative and its people are fictional; the places and produce are real Jiaodong ones.',
    products: 'Produce & crafts',
    stories: 'Stories',
    listen: 'Listen',
    transcript: 'Transcript',
    from: (price: string) => `from ${price}`,
    perJin: '/jin',
    perKg: '/kg',
    season: { 'year-round': 'All year', 'in-season': 'In season', preorder: 'Pre-order', 'out-of-season': 'Out of season' },
    stock: { 'in-stock': 'In stock', low: 'Only a few left', 'sold-out': 'Sold out' },
    category: { fresh: 'Fresh', processed: 'Pantry', craft: 'Craft', experience: 'Experience' },
    storiesCount: (n: number) => (n === 1 ? '1 story' : `${n} stories`),
    audio: 'With audio',
    api: 'Developers: this page is built from the storefront API',
    empty: 'Nothing here yet.',
  },
} as const;

/**
 * A price for people: core's one money formatter (docs/money.md), the same text the pages,
 * widgets and receipts show.
 *
 * @example
 * formatMoney({ priceMinor: 6850, currency: 'CNY' }, 'en') // 'CN¥68.50'
 */
export function formatMoney(money: Money, locale: Locale): string {
  return formatMinorUnits(money.priceMinor, money.currency, locale);
}

const STYLE = `
:root{--ink:#2b2620;--muted:#6b6257;--paper:#fbf8f1;--card:#fff;--line:#e6dfd0;--accent:#8a5a2b;--red:#a3262c}
*{box-sizing:border-box}
body{margin:0;font:16px/1.6 system-ui,-apple-system,"PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif;color:var(--ink);background:var(--paper)}
a{color:var(--accent)}
header,main,footer{max-width:72rem;margin:0 auto;padding:1rem}
header{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:baseline;justify-content:space-between}
h1{margin:.25rem 0;font-size:1.6rem}
.place{color:var(--muted);margin:0}
.note{background:#f3ead8;border-left:4px solid var(--accent);padding:.5rem .75rem;font-size:.9rem}
.grid{display:grid;gap:1rem;grid-template-columns:repeat(auto-fill,minmax(15rem,1fr));padding:0;list-style:none}
.card{background:var(--card);border:1px solid var(--line);border-radius:.5rem;overflow:hidden;display:flex;flex-direction:column}
.card img{width:100%;height:auto;aspect-ratio:4/3;object-fit:cover;background:#f1ece2}
.card .body{padding:.75rem;display:flex;flex-direction:column;gap:.25rem;flex:1}
.card h3{margin:0;font-size:1.1rem}
.card p{margin:0;color:var(--muted);font-size:.95rem}
.meta{display:flex;flex-wrap:wrap;gap:.35rem;margin-top:auto;padding-top:.5rem;font-size:.8rem}
.tag{border:1px solid var(--line);border-radius:1rem;padding:0 .5rem}
.tag.sold-out,.tag.low{border-color:var(--red);color:var(--red)}
.price{font-weight:600;color:var(--ink)}
.listen{background:var(--card);border:1px solid var(--line);border-radius:.5rem;padding:.75rem;margin:1rem 0}
.listen audio{width:100%}
.transcript{white-space:pre-line;color:var(--muted)}
footer{color:var(--muted);font-size:.85rem}
`;

function productCard(product: ProductSummaryJson, text: (typeof HOME_PAGE_TEXT)[Locale], locale: Locale): HtmlEscapedString | Promise<HtmlEscapedString> {
  // A price per jin helps compare food; on a basket or a workshop seat it would only confuse.
  const comparable = product.category === 'fresh' || product.category === 'processed';
  const unit = !comparable
    ? null
    : product.unitPrice?.perJinMinor != null && product.priceFrom
      ? `${formatMoney({ priceMinor: product.unitPrice.perJinMinor, currency: product.priceFrom.currency }, locale)}${text.perJin}`
      : product.unitPrice?.perKgMinor != null && product.priceFrom
        ? `${formatMoney({ priceMinor: product.unitPrice.perKgMinor, currency: product.priceFrom.currency }, locale)}${text.perKg}`
        : null;
  return html`<li class="card" data-product="${product.slug}">
    ${product.image ? html`<img src="${product.image.url}" alt="${product.image.alt}" width="${product.image.width ?? 320}" height="${product.image.height ?? 240}" loading="lazy">` : ''}
    <div class="body">
      <h3>${product.title}</h3>
      <p>${product.summary}</p>
      <div class="meta">
        ${product.priceFrom ? html`<span class="price">${text.from(formatMoney(product.priceFrom, locale))}</span>` : ''}
        ${unit ? html`<span>${unit}</span>` : ''}
      </div>
      <div class="meta">
        <span class="tag">${text.category[product.category]}</span>
        <span class="tag ${product.season}">${text.season[product.season]}</span>
        <span class="tag ${product.stock}">${text.stock[product.stock]}</span>
        ${product.storyCount > 0 ? html`<span class="tag">${text.storiesCount(product.storyCount)}</span>` : ''}
      </div>
    </div>
  </li>`;
}

function storyCard(story: StorySummaryJson, text: (typeof HOME_PAGE_TEXT)[Locale]): HtmlEscapedString | Promise<HtmlEscapedString> {
  return html`<li class="card" data-story="${story.slug}">
    ${story.image ? html`<img src="${story.image.url}" alt="${story.image.alt}" width="${story.image.width ?? 320}" height="${story.image.height ?? 240}" loading="lazy">` : ''}
    <div class="body">
      <h3>${story.title}</h3>
      <p>${story.summary}</p>
      ${story.hasAudio ? html`<div class="meta"><span class="tag">${text.audio}</span></div>` : ''}
    </div>
  </li>`;
}

function audioBlock(story: StoryDetailJson, text: (typeof HOME_PAGE_TEXT)[Locale]) {
  return story.media
    .filter((m) => m.kind === 'audio')
    .map(
      (m) => html`<section class="listen" aria-label="${text.listen}: ${story.title}">
        <h3>${text.listen}: ${story.title}</h3>
        <audio controls preload="none" src="${m.url}">${m.caption ?? ''}</audio>
        ${m.caption ? html`<p>${m.caption}${m.credit ? html` · ${m.credit}` : ''}</p>` : ''}
        ${m.transcript ? html`<details><summary>${text.transcript}</summary><p class="transcript">${m.transcript}</p></details>` : ''}
      </section>`,
    );
}

/**
 * Renders the bilingual demo homepage (server-side, no script needed) from API data.
 *
 * @example
 * const page = await renderHomePage({ locale: 'en', cooperative, products, stories, audioStories: [] });
 */
export function renderHomePage(data: HomePageData): HtmlEscapedString | Promise<HtmlEscapedString> {
  const { locale, cooperative } = data;
  const text = HOME_PAGE_TEXT[locale];
  const base = (data.baseUrl ?? 'http://localhost:8787').replace(/\/+$/, '');
  const place = cooperative.place ? [cooperative.place.name, cooperative.place.region].filter(Boolean).join(' · ') : '';
  return html`<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${cooperative.name}</title>
<meta name="description" content="${cooperative.description}">
<link rel="canonical" href="${base}/?lang=${locale}">
<link rel="alternate" hreflang="zh-CN" href="${base}/?lang=zh-CN">
<link rel="alternate" hreflang="en" href="${base}/?lang=en">
<link rel="alternate" hreflang="x-default" href="${base}/">
<link rel="icon" href="${PAGE_FAVICON}">
<style>${raw(STYLE)}</style>
</head>
<body>
<header>
  <div>
    <h1>${cooperative.name}</h1>
    ${place ? html`<p class="place">${place}</p>` : ''}
  </div>
  <nav><a href="/?lang=${text.switchLang}" hreflang="${text.switchLang}" lang="${text.switchLang}">${text.switchTo}</a></nav>
  <script type="module" src="/widgets/v1/terroir.js"></script>
  <terroir-cart coop="${cooperative.slug}" lang="${locale}" api="/api" mode="drawer"${data.checkout ? raw(' checkout') : ''}></terroir-cart>
</header>
<main>
  <p>${cooperative.description}</p>
  <p class="note">${text.demo}</p>

  <!-- TERROIR WIDGETS SPOT: the widgets package will mount <terroir-products coop="${cooperative.slug}">,
       <terroir-story> etc. here, loaded from /widgets/ (served from packages/widgets/dist). -->
  <div id="terroir-widgets"></div>

  <section aria-labelledby="products-heading">
    <h2 id="products-heading">${text.products}</h2>
    ${data.products.length === 0 ? html`<p>${text.empty}</p>` : html`<ul class="grid">${data.products.map((p) => productCard(p, text, locale))}</ul>`}
  </section>

  <section aria-labelledby="stories-heading">
    <h2 id="stories-heading">${text.stories}</h2>
    ${data.audioStories.map((s) => audioBlock(s, text))}
    ${data.stories.length === 0 ? html`<p>${text.empty}</p>` : html`<ul class="grid">${data.stories.map((s) => storyCard(s, text))}</ul>`}
  </section>
</main>
<footer>
  <p><a href="/api/v1/coops/${cooperative.slug}/products?lang=${locale}">${text.api}</a> · <a href="/api/openapi.json">OpenAPI</a></p>
</footer>
</body>
</html>`;
}
