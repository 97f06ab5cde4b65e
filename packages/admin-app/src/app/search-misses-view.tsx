import type { AdminSchemas } from '@terroir/client/admin';
import { api } from './api';
import { LoadNotice, Page } from './form-fields';
import { useLoad } from './form-state';
import { useWorkspace } from './workspace';

// Shape of the admin API, generated from docs/admin-openapi.json (type-only: no bundle bytes).
type SearchMiss = AdminSchemas['SearchMiss'];

/** Owners and editors: what shoppers searched for and did not find, most frequent first. */
export function SearchMissesView() {
  const { t, base, locale } = useWorkspace();
  const misses = useLoad(() => api<{ misses: SearchMiss[] }>('GET', `${base}/search/misses`), [base]);
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
  const items = misses.data?.misses ?? [];
  return (
    <Page title={t('navSearchMisses')}>
      <p class="muted">{t('searchMissesHelp')}</p>
      <LoadNotice state={misses.state} onRetry={misses.retry} />
      {misses.data && items.length === 0 ? <p>{t('noItems')}</p> : null}
      <ol class="cards">
        {items.map((m) => (
          <li key={m.query} class="card">
            <span class="card-text">
              <strong lang="zh-CN">{m.query}</strong>
              <span class="muted">
                {t('searchMissesCount').replace('{n}', String(m.count))} · <time dateTime={m.lastAt}>{date.format(new Date(m.lastAt))}</time>
              </span>
            </span>
          </li>
        ))}
      </ol>
    </Page>
  );
}
