// What the four museum widgets (timeline, hall, map, person) share and no other widget needs:
// their strings, their links to the village site's pages, the "goods it explains" list and
// their rules. Vite makes this module a chunk of its own, fetched only beside a museum widget.
// Classic JSX (vite.config.ts): the calls compile to these two.
import { h, Fragment } from 'preact';
import type { Schemas } from '@terroir/client';
import type { ApiConfig } from './api-client';
import { translator } from './messages';
import type { Locale } from './types';
import { price, type BaseProps } from './widget-frame';

export type TimelineEntry = Schemas['TimelineEntry'];
export type TimelinePage = Schemas['TimelinePage'];
export type ChronicleDetail = Schemas['ChronicleDetail'];
export type MuseumOverview = Schemas['MuseumOverview'];
export type PlaceDetail = Schemas['PlaceDetail'];
export type PersonDetail = Schemas['PersonDetail'];
export type HallDetail = Schemas['HallDetail'];
export type MuseumProductLink = Schemas['MuseumProductLink'];
/** A link to another museum record (story, place, person, chronicle entry, hall, producer). */
export type MuseumRecordLink = Schemas['MuseumRecordLink'];
/** A resolved media item of the museum API (null without the server's museum media storage). */
export type DisplayMedia = Schemas['DisplayMedia'];

/** A museum image: its own size (no layout shift), alt text, loaded lazily; nothing without media. */
export function Photo(props: { media: DisplayMedia | null | undefined; cls?: string }) {
  const m = props.media;
  if (!m) return null;
  return <img class={props.cls ?? 'ph'} part="image" src={m.url} alt={m.alt} width={m.width ?? undefined} height={m.height ?? undefined} loading="lazy" />;
}

/** Attributes of every museum widget. */
export interface MuseumProps extends BaseProps {
  /**
   * Base URL of the village site's pages (`@terroir/pages`), e.g. `https://shop.example.cn`;
   * default: the origin of the API, where the demo mounts them.
   */
  pages?: string;
}

/** Strings of the museum widgets (zh-CN, en); pages without a museum widget never load them. */
export const MUSEUM_MESSAGES = {
  goods: ['相关物产', 'Goods it explains'],
  open: ['查看详情', 'Read more'],
  moreEntries: ['更多', 'More'],
  loaded: ['又加载了 {n} 条', '{n} more entries loaded'],
  noEntries: ['这里暂时还没有村史记录。', 'No chronicle entries here yet.'],
  period: ['时期', 'Period'],
  allPeriods: ['全部时期', 'All periods'],
  source: ['出处：', 'Source: '],
  timeline: ['村史', 'Village chronicle'],
  map: ['村庄地图', 'Village map'],
  places: ['村里的地方', 'Places in the village'],
  openMap: ['在地图应用中打开', 'Open in a map app'],
  close: ['关闭', 'Close'],
  noPlaces: ['地图上还没有地方。', 'No places on the map yet.'],
  exhibits: ['展品', 'Exhibits'],
  roles: ['身份', 'Roles'],
  stories: ['相关故事', 'Stories'],
  related: ['相关人物与故事', 'People and stories'],
  relatedPlaces: ['相关地方', 'Places'],
  producer: ['生产者', 'Producer'],
  story: ['故事', 'Story'],
  chronicle: ['村史', 'Chronicle'],
  person: ['人物', 'Person'],
  place: ['地方', 'Place'],
  product: ['物产', 'Product'],
  media: ['媒体', 'Media'],
  hall: ['展馆', 'Hall'],
} satisfies Record<string, [zh: string, en: string]>;

/**
 * The museum widgets' translator.
 *
 * @example
 * museumText('en')('moreEntries') // 'More'
 */
export const museumText = (lang: Locale) => translator(lang, MUSEUM_MESSAGES);

/** Rules the museum widgets share (their own ones travel in their chunks). */
export const MUSEUM_CSS = `.ph{display:block;max-width:100%;height:auto;border-radius:var(--r)}.goods{list-style:none;padding:0;margin:.5em 0 0;display:flex;flex-wrap:wrap;gap:.5em}.goods a,.go{display:inline-flex;align-items:center;min-height:44px;padding:.3em .8em;border:1px solid var(--b);border-radius:var(--r);background:var(--s);text-decoration:none;gap:.4em}.prose>:last-child{margin-bottom:0}.eb{color:var(--m);font-weight:600;margin:0}`;

/** What a museum record links to on the village site: its page kinds. */
export type PageKind = 'product' | 'story' | 'producer' | 'place' | 'person' | 'hall' | 'chronicle';
const SEGMENT: Record<PageKind, string> = {
  product: 'products/',
  story: 'stories/',
  producer: 'producers/',
  place: 'museum/places/',
  person: 'museum/people/',
  hall: 'museum/halls/',
  // Chronicle entries have no page of their own: the timeline page has an anchor per entry.
  chronicle: 'museum/timeline#',
};

/**
 * Where the village site's pages are: the `pages` attribute, else the origin of the API (where
 * the demo and `terroir-search` expect them too).
 *
 * @example
 * pagesBase(undefined, { api: 'https://shop.example.cn/api', coop: 'laiyang-pear', lang: 'en' }) // 'https://shop.example.cn'
 */
export function pagesBase(pages: string | undefined, config: ApiConfig): string {
  return pages || new URL(config.api, location.href).origin;
}

/**
 * The URL of a record's page on the village site (`@terroir/pages`'s paths) under `pages`.
 *
 * @example
 * pageUrl('https://shop.example.cn/', 'en', 'place', 'old-well') // 'https://shop.example.cn/en/museum/places/old-well'
 * pageUrl('https://shop.example.cn', 'zh-CN', 'chronicle', 'stone-bridge-1935') // 'https://shop.example.cn/zh-CN/museum/timeline#stone-bridge-1935'
 */
export function pageUrl(pages: string, lang: Locale, kind: PageKind, slug: string): string {
  return `${pages.replace(/\/+$/, '')}/${lang}/${SEGMENT[kind]}${encodeURIComponent(slug)}`;
}

/**
 * "Goods it explains": one link per linked product with its price "from", to the product's page.
 *
 * @example
 * <Goods products={place.products} lang="zh-CN" pages="https://shop.example.cn" />
 */
export function Goods(props: { products: MuseumProductLink[]; lang: Locale; pages: string; label?: string }) {
  const { products, lang } = props;
  if (products.length === 0) return null;
  const t = museumText(lang);
  return (
    <ul class="goods" part="goods" aria-label={props.label ?? t('goods')}>
      {products.map((p) => (
        <li>
          <a href={pageUrl(props.pages, lang, 'product', p.slug)} part="goods-link">
            {p.title}
            {p.priceFromMinor !== null && (
              <span class="m">
                {price({ priceMinor: p.priceFromMinor, currency: p.currency }, lang)} {translator(lang)('from')}
              </span>
            )}
          </a>
        </li>
      ))}
    </ul>
  );
}

/**
 * Links to other museum records (stories, places, people…), each to its page.
 *
 * @example
 * <RecordLinks links={[...person.stories, ...person.places]} lang="en" label="People and stories" />
 */
export function RecordLinks(props: { links: MuseumRecordLink[]; lang: Locale; pages: string; label: string }) {
  if (props.links.length === 0) return null;
  return (
    <ul class="goods" aria-label={props.label}>
      {props.links.map((l) => (
        <li>
          <a href={pageUrl(props.pages, props.lang, l.kind, l.slug)}>{l.title}</a>
        </li>
      ))}
    </ul>
  );
}
