import { useEffect, useState } from 'preact/hooks';
import { api, ApiError } from './api';
import { Page, TextField } from './form-fields';
import type { MessageKey } from './messages';
import { formatMoney, useWorkspace } from './workspace';

interface OrderRow {
  id: string;
  status: string;
  totalMinor: number;
  currency: string;
  itemCount: number;
  createdAt: string;
  email: string | null;
  fulfilment: { type: 'pickup' | 'delivery'; contactName: string | null; phone: string | null };
  nextStatuses: string[];
}

const FILTERS = ['paid', 'packed', 'ready_for_pickup', 'shipped', ''];

interface OrderDetail {
  lines: Array<{ lineNo: number; title: { 'zh-CN'?: string; en?: string }; variantLabel: { 'zh-CN'?: string; en?: string }; quantity: number }>;
  address: Record<string, string> | null;
  history: Array<{ to: string; actor: string; at: string }>;
}

/** What to pack: the lines, loaded when the packer opens the order. */
function OrderLines({ id }: { id: string }) {
  const { t, base, locale } = useWorkspace();
  const [detail, setDetail] = useState<OrderDetail | null>(null);
  const [open, setOpen] = useState(false);
  useEffect(() => {
    if (open && !detail) api<{ order: OrderDetail }>('GET', `${base}/orders/${id}`).then((r) => setDetail(r.order));
  }, [open, id, base]);
  const text = (value: { 'zh-CN'?: string; en?: string }) => (locale === 'en' ? (value.en ?? value['zh-CN']) : (value['zh-CN'] ?? value.en)) ?? '';
  return (
    <details class="order-lines" onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}>
      <summary>{t('orderContents')}</summary>
      {detail === null ? (
        <p>{t('loading')}</p>
      ) : (
        <>
          <ul>
            {detail.lines.map((line) => (
              <li key={line.lineNo}>
                {text(line.title)} · {text(line.variantLabel)} × <strong>{line.quantity}</strong>
              </li>
            ))}
          </ul>
          {detail.address ? <p class="muted">{[detail.address.name, detail.address.phone, detail.address.line1, detail.address.line2, detail.address.city].filter(Boolean).join(' · ')}</p> : null}
        </>
      )}
    </details>
  );
}
const ACTION_LABELS: Record<string, MessageKey> = { packed: 'markPacked', ready_for_pickup: 'markReady', shipped: 'markShipped', completed: 'markCompleted' };

export function OrderList() {
  const { t, label, base, announce, locale, errorText } = useWorkspace();
  const [status, setStatus] = useState('paid');
  const [q, setQ] = useState('');
  const [items, setItems] = useState<OrderRow[] | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = () => {
    const params = new URLSearchParams({ limit: '100', ...(status ? { status } : {}), ...(q ? { q } : {}) });
    return api<{ items: OrderRow[] }>('GET', `${base}/orders?${params}`).then((r) => setItems(r.items), () => setItems([]));
  };
  useEffect(() => {
    const timer = setTimeout(load, 200);
    return () => clearTimeout(timer);
  }, [status, q, base]);

  async function move(order: OrderRow, to: string) {
    setBusy(order.id);
    setError(null);
    try {
      const { order: updated } = await api<{ order: OrderRow }>('POST', `${base}/orders/${order.id}/status`, { to });
      setItems((list) => list?.map((o) => (o.id === order.id ? { ...o, ...updated } : o)) ?? null);
      announce(`${t('orderUpdated')}: ${order.id} → ${label(to)}`);
    } catch (e) {
      const message = e instanceof ApiError ? errorText(e.code, e.message) : t('networkError');
      setError(message);
      announce(message);
    } finally {
      setBusy(null);
    }
  }

  const date = new Intl.DateTimeFormat(locale, { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' });
  return (
    <Page title={t('navOrders')}>
      <div class="chips" role="group" aria-label={t('status')}>
        {FILTERS.map((s) => (
          <button type="button" key={s || 'all'} class={`chip${status === s ? ' selected' : ''}`} aria-pressed={status === s} onClick={() => setStatus(s)}>
            {s ? label(s) : t('statusAll')}
          </button>
        ))}
      </div>
      <TextField label={t('searchOrders')} name="q" type="search" value={q} onInput={setQ} />
      {error ? <p class="form-error" role="alert">{error}</p> : null}
      {items === null ? <p>{t('loading')}</p> : items.length === 0 ? <p>{t('noItems')}</p> : null}
      <ul class="cards">
        {items?.map((o) => (
          <li key={o.id} class="card order" data-order={o.id}>
            <div class="card-text">
              <strong>
                {formatMoney(o.totalMinor, o.currency, locale)} · {o.itemCount} {t('items')}
              </strong>
              <span class="muted">
                {o.id} · {date.format(new Date(o.createdAt))}
              </span>
              <span>
                <span class={`badge status-${o.status}`}>{label(o.status)}</span> {o.fulfilment.type === 'pickup' ? t('pickup') : t('delivery')}
                {o.fulfilment.contactName ? ` · ${o.fulfilment.contactName}` : ''}
                {o.fulfilment.phone ? ` · ${o.fulfilment.phone}` : ''}
              </span>
            </div>
            <OrderLines id={o.id} />
            <div class="order-actions">
              {o.nextStatuses.map((to) => (
                <button type="button" key={to} class="button primary" disabled={busy === o.id} onClick={() => void move(o, to)}>
                  {t(ACTION_LABELS[to] ?? 'save')}
                </button>
              ))}
            </div>
          </li>
        ))}
      </ul>
    </Page>
  );
}
