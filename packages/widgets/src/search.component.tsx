// Classic JSX (vite.config.ts): the calls compile to these two.
import { h, Fragment } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, type ApiConfig } from './api-client';
import { translator, type Translate } from './messages';
import { highlightRuns } from './search-highlight';
import type { Locale } from './types';
import { Frame, Pending, useWidget, type BaseProps } from './widget-frame';

export interface SearchProps extends BaseProps {
  /**
   * Where the site's pages live (the base `pageUrls` of @terroir/pages is given, e.g.
   * `https://pears.example.cn/shop`); results link to `{pages}/{lang}/products/{slug}`,
   * `/stories/{slug}` and `/museum/timeline#{slug}`. Default: the API's origin.
   */
  pages?: string;
  /** A query to search at once (e.g. from the page's `?q=`). */
  q?: string;
}

/** `GET …/search` as the widget reads it: the facets are every type the server counts. */
interface SearchHit {
  type: string;
  id: string;
  slug: string;
  title: string;
  titleHtml: string;
  snippetHtml: string;
  locale: Locale;
  inStock: boolean | null;
}
interface SearchPage {
  items: SearchHit[];
  total: number;
  facets: Record<string, number>;
  nextCursor: string | null;
}
interface Suggestion {
  type: string;
  slug: string;
  title: string;
}

const SEARCH_MESSAGES = {
  label: ['搜索本合作社的商品、故事和村史', 'Search this cooperative’s products, stories and chronicle'],
  search: ['搜索', 'Search'],
  suggestions: ['搜索建议', 'Suggestions'],
  filter: ['按类型筛选', 'Filter by type'],
  all: ['全部', 'All'],
  product: ['商品', 'Products'],
  story: ['故事', 'Stories'],
  chronicle: ['村史', 'Chronicle'],
  person: ['人物', 'People'],
  place: ['地点', 'Places'],
  searching: ['正在搜索…', 'Searching…'],
  found: ['找到 {n} 条结果', '{n} results'],
  none: ['没有找到与“{q}”相关的内容。', 'Nothing found for “{q}”.'],
  more: ['更多结果', 'More results'],
  soldOut: ['已售罄', 'Sold out'],
} satisfies Record<string, [zh: string, en: string]>;
type SearchKey = keyof typeof SEARCH_MESSAGES;

// Page paths as @terroir/pages builds them (packages/pages/src/page-urls.ts).
const SEGMENT: Record<string, string> = { product: 'products', story: 'stories', person: 'museum/people', place: 'museum/places' };

/**
 * The page a result links to: a product or story page, a person or place of the museum, or a
 * chronicle entry's anchor on the timeline, under `pages` in the widget's language.
 *
 * @example
 * resultHref('https://pears.example.cn/shop', 'en', 'product', 'laiyang-pear') // 'https://pears.example.cn/shop/en/products/laiyang-pear'
 * resultHref('https://pears.example.cn', 'zh-CN', 'chronicle', 'pear-1956') // 'https://pears.example.cn/zh-CN/museum/timeline#pear-1956'
 */
export function resultHref(pages: string, lang: Locale, type: string, slug: string): string {
  const base = `${pages.replace(/\/+$/, '')}/${lang}/`;
  const slugPart = encodeURIComponent(slug);
  return SEGMENT[type] ? `${base}${SEGMENT[type]}/${slugPart}` : `${base}museum/timeline#${slugPart}`;
}

// Search reads are never shared with other widgets and must be abortable: a plain fetch, not api-client's page-wide cache.
async function searchGet<T>(config: ApiConfig, path: string, params: Record<string, string | undefined>, signal: AbortSignal): Promise<T> {
  const url = new URL(`${config.api}/v1/coops/${encodeURIComponent(config.coop)}${path}`, location.href);
  for (const [name, value] of Object.entries({ ...params, lang: config.lang })) if (value) url.searchParams.set(name, value);
  let response: Response;
  try {
    response = await fetch(url, { credentials: 'omit', signal });
  } catch (error) {
    if (signal.aborted) throw error;
    throw new ApiError(0, 'network', String(error));
  }
  const body = await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(response.status, body?.error?.code ?? 'http_' + response.status, body?.error?.message ?? response.statusText);
  return body as T;
}

const SEARCH_CSS = `form{display:flex;gap:.5em}form input{flex:1;min-width:0;cursor:text}.cb{position:relative;flex:1;display:flex}
[role=listbox]{position:absolute;z-index:1;top:100%;left:0;right:0;margin:.25em 0 0;padding:.25em 0;list-style:none;background:var(--s);border:1px solid var(--b);border-radius:var(--r);box-shadow:0 4px 12px #0002}
[role=option]{padding:.6em .8em;cursor:pointer;display:flex;justify-content:space-between;gap:.5em}[role=option][aria-selected=true]{background:var(--a);color:var(--terroir-color-accent-text,#fff)}
.ty{margin:1em 0 .5em}.ty [aria-pressed=true]{background:var(--a);color:var(--terroir-color-accent-text,#fff);border-color:var(--a)}
.res{list-style:none;padding:0;margin:0 0 1em}.res li{padding:.6em 0;border-bottom:1px solid var(--b)}.res a{font-weight:600}mark{background:#fde68a;color:inherit}`;

/** Text runs of a highlighted server string, as nodes: matches in `<mark>`, the rest text. */
function Highlighted(props: { html: string }) {
  return <>{highlightRuns(props.html).map((run) => (run.marked ? <mark>{run.text}</mark> : run.text))}</>;
}

/**
 * `<terroir-search>`: a search box for a cooperative's products, stories and chronicle. It
 * suggests titles from the first keystroke (a WAI-ARIA combobox: arrow keys, Enter, Escape),
 * and shows ranked results grouped by type, filterable, with counts and highlighted matches,
 * each linking to its page.
 *
 * @example
 * <terroir-search coop="laiyang-pear" lang="zh-CN" pages="https://pears.example.cn"></terroir-search>
 * @csspart root - the widget's outer box
 * @csspart input - the search box; button - every button
 * @csspart suggestions - the listbox of suggestions
 * @csspart filters - the type filter buttons
 * @csspart results - one type's list of results; title - a result's link; snippet - its excerpt
 * @csspart skeleton - loading placeholder; error - error state with retry
 * @cssprop --terroir-color-accent - buttons, links, the active suggestion (#2d6a3e)
 */
export function Search(props: SearchProps) {
  const { lang, config, announcement, announce, t: shared } = useWidget(props);
  const t: Translate<SearchKey> = translator(lang, SEARCH_MESSAGES);
  const label = (type: string) => (type in SEARCH_MESSAGES ? t(type as SearchKey) : type);
  const pages = props.pages || new URL(config.api, location.href).origin;

  const [text, setText] = useState(props.q ?? '');
  const [suggestions, setSuggestions] = useState<Suggestion[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [query, setQuery] = useState(props.q ?? '');
  const [type, setType] = useState('');
  const [attempt, setAttempt] = useState(0);
  const [result, setResult] = useState<{ state: 'idle' | 'loading' } | { state: 'error'; error: unknown } | { state: 'ready'; page: SearchPage }>({
    state: 'idle',
  });
  const suggestAbort = useRef<AbortController>(undefined);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const moreAbort = useRef<AbortController>(undefined);

  // Suggestions: ~150 ms after the last keystroke, the previous request aborted.
  const typed = (value: string) => {
    setText(value);
    setActive(-1);
    clearTimeout(timer.current);
    suggestAbort.current?.abort();
    if (!value.trim()) return setOpen(false);
    timer.current = setTimeout(() => {
      const controller = new AbortController();
      suggestAbort.current = controller;
      searchGet<{ items: Suggestion[] }>(config, '/search/suggest', { q: value.trim() }, controller.signal).then(
        (page) => {
          setSuggestions(page.items);
          setOpen(page.items.length > 0);
        },
        () => controller.signal.aborted || setOpen(false),
      );
    }, 150);
  };
  useEffect(
    () => () => {
      clearTimeout(timer.current);
      suggestAbort.current?.abort();
    },
    [],
  );
  // A live `q` attribute: the site changed the query.
  useEffect(() => {
    if (props.q == null) return;
    setText(props.q);
    setQuery(props.q);
  }, [props.q]);

  // Results of the submitted query and type; a newer search aborts the one in flight.
  const [extra, setExtra] = useState<SearchHit[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  useEffect(() => {
    setExtra([]);
    moreAbort.current?.abort(); // a next page of the previous results must not land under these
    if (!query.trim()) return setResult({ state: 'idle' });
    const controller = new AbortController();
    setResult({ state: 'loading' });
    searchGet<SearchPage>(config, '/search', { q: query.trim(), types: type || undefined }, controller.signal).then(
      (page) => {
        setResult({ state: 'ready', page });
        setCursor(page.nextCursor);
        announce(page.total ? t('found', { n: page.total }) : t('none', { q: query.trim() }));
      },
      (error: unknown) => controller.signal.aborted || setResult({ state: 'error', error }),
    );
    return () => controller.abort();
  }, [config, query, type, attempt]);

  const more = () => {
    const controller = new AbortController();
    moreAbort.current = controller;
    searchGet<SearchPage>(config, '/search', { q: query.trim(), types: type || undefined, cursor: cursor ?? undefined }, controller.signal).then(
      (page) => {
        setExtra((items) => [...items, ...page.items]);
        setCursor(page.nextCursor);
      },
      () => controller.signal.aborted || announce(shared('error')),
    );
  };

  const submit = (value: string) => {
    clearTimeout(timer.current);
    suggestAbort.current?.abort();
    setOpen(false);
    setActive(-1);
    setText(value);
    setType('');
    // The same words again (Enter twice, or retry): search again.
    if (value === query) setAttempt((n) => n + 1);
    else setQuery(value);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    // Keys that pick or confirm a candidate of a Chinese input method belong to it, not to us.
    if (event.isComposing) return;
    const n = suggestions.length;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (!open) return n > 0 && (setOpen(true), setActive(event.key === 'ArrowDown' ? 0 : n - 1));
      setActive((i) => (event.key === 'ArrowDown' ? (i + 1) % n : (i <= 0 ? n : i) - 1));
    } else if (event.key === 'Escape') {
      // First Escape closes the list (and keeps the text a search input would clear); a second
      // one clears the box (APG combobox).
      if (open) {
        event.preventDefault();
        setOpen(false);
      } else setText('');
      setActive(-1);
    } else if (event.key === 'Enter' && open && active >= 0) {
      event.preventDefault();
      submit(suggestions[active]!.title);
    }
  };

  const page = result.state === 'ready' ? result.page : undefined;
  const items = page ? [...page.items, ...extra] : [];
  // Groups in the order their best result ranks.
  const groups = [...new Set(items.map((hit) => hit.type))].map((groupType) => ({ type: groupType, hits: items.filter((hit) => hit.type === groupType) }));
  const total = page ? Object.values(page.facets).reduce((sum, count) => sum + count, 0) : 0;
  const expanded = open && suggestions.length > 0;

  return (
    <Frame lang={lang} announcement={announcement} css={SEARCH_CSS}>
      <form
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          submit(text);
        }}
      >
        <div class="cb">
          <input
            type="search"
            part="input"
            // biome-ignore lint/a11y/noRedundantRoles: a search input without a datalist is a searchbox; the APG combobox needs the role.
            role="combobox"
            list={undefined}
            aria-label={t('label')}
            aria-autocomplete="list"
            aria-expanded={expanded ? 'true' : 'false'}
            aria-controls="s-list"
            aria-activedescendant={expanded && active >= 0 ? `s-${active}` : undefined}
            autocomplete="off"
            enterKeyHint="search"
            maxLength={200}
            value={text}
            onInput={(event) => typed((event.currentTarget as HTMLInputElement).value)}
            onKeyDown={onKeyDown}
            onBlur={() => setOpen(false)}
          />
          <div id="s-list" role="listbox" part="suggestions" aria-label={t('suggestions')} hidden={!expanded}>
            {suggestions.map((s, i) => (
              // biome-ignore lint/a11y/useFocusableInteractive: focus stays in the input; aria-activedescendant points at the option (APG combobox).
              <div
                id={`s-${i}`}
                role="option"
                aria-selected={i === active ? 'true' : 'false'}
                // mousedown, not click: the input keeps focus (and does not close the list first).
                onMouseDown={(event) => {
                  event.preventDefault();
                  submit(s.title);
                }}
              >
                <span>{s.title}</span>
                <span class="m">{label(s.type)}</span>
              </div>
            ))}
          </div>
        </div>
        <button type="submit" class="p" part="button">
          {t('search')}
        </button>
      </form>
      {result.state === 'loading' && (
        <p class="m" aria-busy="true" part="skeleton">
          {t('searching')}
        </p>
      )}
      {result.state === 'error' && <Pending resource={result} retry={() => setAttempt((n) => n + 1)} t={shared} />}
      {page && (
        <>
          <div class="row ty" role="group" aria-label={t('filter')} part="filters">
            {['', ...Object.keys(page.facets)].map((facet) => (
              <button
                type="button"
                part="button"
                aria-pressed={type === facet ? 'true' : 'false'}
                disabled={facet !== '' && !page.facets[facet]}
                onClick={() => setType(facet)}
              >
                {facet ? label(facet) : t('all')} ({facet ? page.facets[facet] : total})
              </button>
            ))}
          </div>
          {items.length === 0 && <p class="msg">{t('none', { q: query.trim() })}</p>}
          {groups.map((group) => (
            <section aria-label={label(group.type)}>
              <h3>
                {label(group.type)} <span class="m">({page.facets[group.type] ?? group.hits.length})</span>
              </h3>
              <ul class="res" part="results">
                {group.hits.map((hit) => (
                  <li lang={hit.locale}>
                    <a href={resultHref(pages, lang, hit.type, hit.slug)} part="title">
                      <Highlighted html={hit.titleHtml} />
                    </a>
                    {hit.inStock === false && <span class="badge sold-out"> {t('soldOut')}</span>}
                    {hit.snippetHtml && (
                      <p class="m" part="snippet">
                        <Highlighted html={hit.snippetHtml} />
                      </p>
                    )}
                  </li>
                ))}
              </ul>
            </section>
          ))}
          {cursor && (
            <button type="button" part="button" onClick={more}>
              {t('more')}
            </button>
          )}
        </>
      )}
    </Frame>
  );
}
