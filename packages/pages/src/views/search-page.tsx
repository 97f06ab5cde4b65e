import type { SearchResult } from '@terroir/core';
import { moneyText } from '../format/money-text';
import type { PageContext } from '../page-context';
import { PageDocument } from './page-document';

const TYPES = ['product', 'story', 'chronicle'] as const;

/**
 * The search page at `/{locale}/search?q=`: a form that works without JavaScript, the result
 * count announced to screen readers, results grouped by type with counts and highlighted
 * snippets (HTML from core: matches in `<mark>`, everything else escaped). Not indexed.
 *
 * @example
 * <SearchPage ctx={ctx} q="lyl" result={await searchDocuments(db, coop.id, { q: 'lyl', locale, fallback })} />
 */
export function SearchPage({ ctx, q, result, problem }: { ctx: PageContext; q: string; result?: SearchResult; problem?: string }) {
  const { t, urls, locale } = ctx;
  const total = result?.total ?? 0;
  return (
    <PageDocument
      ctx={ctx}
      meta={{ title: q ? `${t.search}: ${q}` : t.search, description: t.searchLabel, ogType: 'website', noindex: true, page: { kind: 'search' } }}
    >
      <h1>{t.search}</h1>
      <form role="search" method="get" action={urls.path(locale, 'search')}>
        <label for="search-q">{t.searchLabel}</label>
        <input id="search-q" type="search" name="q" value={q} maxLength={200} aria-describedby="search-hint" />
        <button type="submit">{t.search}</button>
        <p id="search-hint">{t.searchHint}</p>
      </form>
      <p role="status" aria-live="polite">
        {problem ?? (q.trim() ? (total > 0 ? t.searchResults(total) : t.searchNone) : '')}
      </p>
      {result &&
        TYPES.filter((type) => result.items.some((i) => i.type === type)).map((type) => (
          <section aria-labelledby={`results-${type}`}>
            <h2 id={`results-${type}`}>
              {t.searchTypes[type]} <small>({result.facets[type]})</small>
            </h2>
            <ol>
              {result.items
                .filter((i) => i.type === type)
                .map((item) => {
                  const href =
                    type === 'product' ? urls.path(locale, 'product', item.slug) : type === 'story' ? urls.path(locale, 'story', item.slug) : undefined;
                  return (
                    <li lang={item.locale}>
                      <h3>
                        {href ? (
                          <a href={href} dangerouslySetInnerHTML={{ __html: item.titleHtml }} />
                        ) : (
                          <span dangerouslySetInnerHTML={{ __html: item.titleHtml }} />
                        )}
                      </h3>
                      {item.snippetHtml && <p dangerouslySetInnerHTML={{ __html: item.snippetHtml }} />}
                      {item.priceFromMinor != null && (
                        <p class="price">
                          {moneyText(item.priceFromMinor, ctx.coop.currency, locale)} <small>{t.from}</small>
                          {item.inStock === false && <span class="badge out">{t.stock['sold-out']}</span>}
                        </p>
                      )}
                    </li>
                  );
                })}
            </ol>
          </section>
        ))}
    </PageDocument>
  );
}
