import type { AdminSchemas } from '@terroir/client/admin';
import { useState } from 'preact/hooks';
import { api } from './api';
import { FormError, LoadNotice, Page } from './form-fields';
import { useLoad } from './form-state';
import { AUDIT_ACTIONS } from './messages';
import { useWorkspace } from './workspace';

// Shapes of the admin API, generated from docs/admin-openapi.json (type-only: no bundle bytes).
type AuditEntry = AdminSchemas['AuditEntry'];
type AuditPage = Pick<AdminSchemas['AuditPage'], 'items' | 'nextCursor'>;

const PAGE_SIZE = 30;

/** `user:ann@x` → `ann@x`; `token:importer` → `importer (API)`; `system:…` as is. */
function actorText(actor: string, apiLabel: string): string {
  const [kind, ...rest] = actor.split(':');
  const name = rest.join(':');
  if (kind === 'user') return name;
  if (kind === 'token') return `${name} (${apiLabel})`;
  return actor;
}

const shown = (value: unknown) => (value === null || value === undefined ? '—' : typeof value === 'string' ? value : JSON.stringify(value));

/** Owners: who changed what and when, newest first, a page at a time. */
export function AuditView() {
  const { t, base, locale, errorMessage } = useWorkspace();
  const first = useLoad(() => api<AuditPage>('GET', `${base}/audit?limit=${PAGE_SIZE}`), [base]);
  const [more, setMore] = useState<AuditEntry[]>([]);
  const [cursor, setCursor] = useState<string | null | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const next = cursor === undefined ? (first.data?.nextCursor ?? null) : cursor;
  const entries = [...(first.data?.items ?? []), ...more];
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });

  async function loadMore() {
    if (!next) return;
    setBusy(true);
    setError(null);
    try {
      const page = await api<AuditPage>('GET', `${base}/audit?limit=${PAGE_SIZE}&cursor=${encodeURIComponent(next)}`);
      setMore((list) => [...list, ...page.items]);
      setCursor(page.nextCursor);
      // Keyboard users continue where the new entries start.
      requestAnimationFrame(() => (document.querySelector(`[data-audit="${page.items[0]?.id}"]`) as HTMLElement | null)?.focus());
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Page title={t('navAudit')}>
      <p class="muted">{t('auditHelp')}</p>
      <LoadNotice state={first.state} onRetry={first.retry} />
      {first.data && entries.length === 0 ? <p>{t('noItems')}</p> : null}
      <ol class="cards audit">
        {entries.map((e) => {
          const changes = Object.entries(e.changes);
          return (
            <li key={e.id} class="card audit-entry" data-audit={e.id} tabIndex={-1}>
              <span class="card-text">
                <strong>{AUDIT_ACTIONS[locale][e.action] ?? e.action}</strong>
                <span class="muted">
                  <time dateTime={e.at}>{date.format(new Date(e.at))}</time> · {actorText(e.actor, t('apiToken'))}
                </span>
                {changes.length ? (
                  <details>
                    <summary>{t('auditChanges').replace('{n}', String(changes.length))}</summary>
                    <dl class="changes">
                      {changes.map(([field, [before, after]]) => (
                        <div key={field}>
                          <dt>{field}</dt>
                          <dd>
                            {shown(before)} → {shown(after)}
                          </dd>
                        </div>
                      ))}
                    </dl>
                  </details>
                ) : null}
              </span>
            </li>
          );
        })}
      </ol>
      <FormError message={error} />
      {next ? (
        <button type="button" class="button wide" disabled={busy} onClick={() => void loadMore()}>
          {busy ? t('loading') : t('loadMore')}
        </button>
      ) : null}
    </Page>
  );
}
