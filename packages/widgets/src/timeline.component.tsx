// Classic JSX (vite.config.ts): the calls compile to these two.
import { h, Fragment } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { get, type ApiConfig } from './api-client';
import { Goods, MUSEUM_CSS, museumText, pageUrl, Photo, type MuseumProps, type TimelinePage, pagesBase } from './museum-common';
import { useResource } from './use-resource';
import { Frame, Pending, useWidget } from './widget-frame';

/** The broad periods the filter offers (the pages' timeline offers the same), zh-CN and en. */
const PERIODS: [id: string, zh: string, en: string][] = [
  ['han', '汉', 'Han dynasty'],
  ['tang', '唐', 'Tang dynasty'],
  ['song', '宋', 'Song dynasty'],
  ['yuan', '元', 'Yuan dynasty'],
  ['ming', '明', 'Ming dynasty'],
  ['qing', '清', 'Qing dynasty'],
  ['republic', '民国', 'Republic of China'],
  ['prc', '1949 年后', 'Since 1949'],
];

const TIMELINE_CSS = `.tl{list-style:none;margin:0;padding:0 0 0 1.25em;border-left:3px solid var(--b)}.tl>li{position:relative;margin:0 0 1.5em}.tl>li:before{content:'';position:absolute;left:-1.25em;top:.45em;width:.9em;height:.9em;margin-left:-.6em;border-radius:50%;background:var(--a)}.tl h3{margin:.1em 0 .3em}.th{max-width:min(100%,240px);height:auto;margin:.3em 0}`;

export interface TimelineProps extends MuseumProps {
  /** Only entries whose years overlap this period: `han`, `tang`, `song`, `yuan`, `ming`, `qing`, `republic`, `prc` (any id the API takes). */
  period?: string;
  /** Entries per page, 1–100 (default 10); "更多 / More" fetches the next page. */
  limit?: string;
}

type TimelineItem = TimelinePage['items'][number];

/** One page of the timeline: the answer carries each entry's goods and pictures, so one request per page. */
const loadPage = (config: ApiConfig, params: { period?: string; limit?: string; cursor?: string }) => get<TimelinePage>(config, '/timeline', params);

/**
 * `<terroir-timeline>`: the village chronicle from the earliest record to today, oldest first:
 * each entry's date as a visitor reads it (东汉, 约1900年, 1935年), title, its first picture, text,
 * source, the goods it explains and a link to its place on the timeline page; a period filter and
 * "更多 / More" for the next page. Drafts and community-only entries are never served.
 *
 * @example
 * <terroir-timeline coop="laiyang-pear" limit="10"></terroir-timeline>
 * @csspart root - the widget's outer box
 * @csspart filters - the period filter bar; select - the period select
 * @csspart timeline - the list; entry - one entry; date; title; image - an entry's picture
 * @csspart goods - an entry's linked products; goods-link - one of them
 * @csspart link - the link to the entry's page
 * @csspart button - every button; more-button - "更多 / More"
 * @csspart skeleton - loading placeholder; error - error state with retry
 * @cssprop --terroir-color-accent - links, dots of the timeline (#2d6a3e)
 * @cssprop --terroir-color-muted - dates, sources (#57534e)
 * @cssprop --terroir-color-border - the timeline's line, link borders (#d6d3d1)
 */
export function Timeline(props: TimelineProps) {
  const w = useWidget(props);
  const { lang, t, config } = w;
  const pages = pagesBase(props.pages, config);
  const tm = museumText(lang);
  const [period, setPeriod] = useState(props.period ?? '');
  useEffect(() => setPeriod(props.period ?? ''), [props.period]);
  const params = { period: period || undefined, limit: props.limit || '10' };
  const key = JSON.stringify([config, params]);
  const [first, retry] = useResource(key, () => loadPage(config, params));
  // Pages fetched with "More", appended to the first one; forgotten when the query changes.
  const [more, setMore] = useState<{ key: string; items: TimelineItem[]; nextCursor: string | null } | null>(null);
  const [busy, setBusy] = useState(false);
  const list = useRef<HTMLOListElement>(null);
  const extra = more?.key === key ? more : null;
  const items = first.state === 'ready' ? [...first.data.items, ...(extra?.items ?? [])] : [];
  const next = extra ? extra.nextCursor : first.state === 'ready' ? first.data.nextCursor : null;

  const loadMore = async () => {
    if (!next) return;
    setBusy(true);
    try {
      const page = await loadPage(config, { ...params, cursor: next });
      const before = items.length;
      setMore({ key, items: [...(extra?.items ?? []), ...page.items], nextCursor: page.nextCursor });
      w.announce(tm('loaded', { n: page.items.length }));
      // Keyboard and screen-reader users continue at the first new entry.
      requestAnimationFrame(() => (list.current?.children[before] as HTMLElement | undefined)?.focus());
    } catch {
      w.announce(t('error'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Frame lang={lang} announcement={w.announcement} css={MUSEUM_CSS + TIMELINE_CSS}>
      <div class="row f" part="filters">
        <label>
          {tm('period')}{' '}
          <select part="select" value={period} onChange={(e) => setPeriod((e.currentTarget as HTMLSelectElement).value)}>
            <option value="">{tm('allPeriods')}</option>
            {PERIODS.map(([id, zh, en]) => (
              <option value={id}>{lang === 'en' ? en : zh}</option>
            ))}
          </select>
        </label>
      </div>
      {first.state !== 'ready' ? (
        <Pending resource={first} retry={retry} t={t} />
      ) : items.length === 0 ? (
        <p class="msg">{tm('noEntries')}</p>
      ) : (
        <ol class="tl" part="timeline" aria-label={tm('timeline')} ref={list}>
          {items.map((e) => (
            <li part="entry" tabIndex={-1} lang={e.locale}>
              <p class="eb" part="date">
                {e.dateText}
              </p>
              <h3 part="title">{e.title}</h3>
              <Photo media={e.mediaItems.find((m) => m.kind === 'image')} cls="th" />
              {/* Sanitized HTML from the entry's Markdown (docs/museum.md, TimelineEntry.bodyHtml). */}
              <div class="prose" dangerouslySetInnerHTML={{ __html: e.bodyHtml }} />
              {e.source && <p class="m">{tm('source') + e.source}</p>}
              <Goods products={e.products} lang={lang} pages={pages} />
              <p>
                <a href={pageUrl(pages, lang, e.kind === 'story' ? 'story' : 'chronicle', e.slug)} part="link" aria-label={`${tm('open')}: ${e.title}`}>
                  {tm('open')}
                </a>
              </p>
            </li>
          ))}
        </ol>
      )}
      {next && (
        <button type="button" part="button more-button" disabled={busy} aria-busy={busy} onClick={loadMore}>
          {tm('moreEntries')}
        </button>
      )}
    </Frame>
  );
}
