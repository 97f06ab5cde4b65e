import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError } from './api';
import { FormError, LoadNotice, Page, TextField, focusFirstInvalid } from './form-fields';
import { useLoad } from './form-state';
import type { MessageKey } from './messages';
import { canScan, ScanCode } from './scan-code';
import { useWorkspace, yuanToFen } from './workspace';

interface OrderRow {
  id: string;
  status: string;
  totalMinor: number;
  refundedMinor: number;
  currency: string;
  itemCount: number;
  createdAt: string;
  email: string | null;
  fulfilment: { type: 'pickup' | 'delivery'; contactName: string | null; phone: string | null };
  nextStatuses: string[];
  /** Pay-at-pickup orders: the code the customer shows (`K7M-4PX`). */
  pickupCode?: string | null;
}

const FILTERS = ['paid', 'packed', 'ready_for_pickup', 'shipped', 'pending_payment', ''];

/** The receipt's QR holds the code's six characters; show them as the receipt prints them (`K7M-4PX`). */
const scannedCode = (text: string): string => {
  const plain = text.trim().toUpperCase().replace(/[\s-]/g, '');
  return /^[A-Z0-9]{6}$/.test(plain) ? `${plain.slice(0, 3)}-${plain.slice(3)}` : text.trim();
};

/**
 * Pay at pickup: staff type the customer's pickup code, scan its QR with the phone's camera (or
 * a scanner that types), and mark the order "paid and collected" once they have the money. The
 * server completes it through the same payment path as an online payment; a second submit of the
 * same code is refused (409), never counted twice.
 */
function CollectByCode({ onCollected }: { onCollected: (order: OrderRow) => void }) {
  const { t, base, announce, errorText, errorMessage, money } = useWorkspace();
  const [code, setCode] = useState('');
  const [scanning, setScanning] = useState(false);
  const submitButton = useRef<HTMLButtonElement>(null);
  const scanButton = useRef<HTMLButtonElement>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    setProblem(null);
    setError(null);
    setDone(null);
    setBusy(true);
    try {
      const { order } = await api<{ order: OrderRow }>('POST', `${base}/orders/collect`, { code: code.trim() });
      const text = t('collected').replace('{order}', order.id).replace('{amount}', money(order.totalMinor, order.currency));
      setDone(text);
      announce(text);
      setCode('');
      onCollected(order);
    } catch (e) {
      if (e instanceof ApiError && (e.field === 'code' || e.status === 400)) {
        setProblem(e.code === 'not_found' ? t('pickupNotFound') : errorText(e.code, e.message));
        focusFirstInvalid();
      } else setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="form collect" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="collect-title" data-collect>
      <fieldset>
        <legend id="collect-title">{t('collectTitle')}</legend>
        <p class="muted">{t('collectHint')}</p>
        <FormError message={error} />
        <TextField label={t('collectCode')} name="pickup-code" value={code} onInput={setCode} autoComplete="off" error={problem ?? undefined} />
        {scanning ? (
          <ScanCode
            t={t}
            onCode={(text) => {
              const read = scannedCode(text);
              setScanning(false);
              setProblem(null);
              setDone(null);
              setCode(read);
              announce(t('scanRead').replace('{code}', read));
              // Staff confirm with the button once they have the money: scanning alone collects nothing.
              requestAnimationFrame(() => submitButton.current?.focus());
            }}
            onClose={() => {
              setScanning(false);
              requestAnimationFrame(() => scanButton.current?.focus());
            }}
          />
        ) : null}
        <div class="actions">
          <button ref={submitButton} type="submit" class="button primary" disabled={busy || code.trim() === ''} aria-busy={busy}>
            {t('collectSubmit')}
          </button>
          {canScan() && !scanning ? (
            <button ref={scanButton} type="button" class="button" onClick={() => setScanning(true)}>
              {t('scanOpen')}
            </button>
          ) : null}
        </div>
        {done ? (
          <p class="notice" role="status">
            {done}
          </p>
        ) : null}
      </fieldset>
    </form>
  );
}

interface OrderDetail {
  lines: Array<{ lineNo: number; title: { 'zh-CN'?: string; en?: string }; variantLabel: { 'zh-CN'?: string; en?: string }; quantity: number }>;
  address: Record<string, string> | null;
  history: Array<{ to: string; actor: string; reason: string; detail: unknown; at: string }>;
}

/** Statuses the server accepts a refund in (it has the final word; see refund-order.ts). */
const REFUNDABLE = ['paid', 'packed', 'shipped', 'ready_for_pickup', 'completed', 'partially_refunded', 'needs_refund'];

/**
 * Owners: refund all or part of a paid order through the payment provider, after a
 * confirmation naming the amount. The order's status changes when the provider confirms the
 * refund (its event), so the screen says the refund was requested, and shows the status then.
 */
function RefundAction({ order, onRefunded }: { order: OrderRow; onRefunded: (order: OrderRow) => void }) {
  const { t, label, base, announce, errorText, errorMessage, money: format } = useWorkspace();
  const money = (minor: number) => format(minor, order.currency);
  const remaining = order.totalMinor - order.refundedMinor;
  const [open, setOpen] = useState(false);
  const [whole, setWhole] = useState(true);
  const [amount, setAmount] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = `refund-${order.id}`;

  async function submit(event: Event) {
    event.preventDefault();
    setProblem(null);
    setError(null);
    const amountMinor = whole ? remaining : yuanToFen(amount, order.currency);
    if (amountMinor === null || amountMinor <= 0 || amountMinor > remaining) {
      setProblem(t('refundAmountInvalid').replace('{max}', money(remaining)));
      focusFirstInvalid();
      return;
    }
    if (!confirm(t('confirmRefund').replace('{amount}', money(amountMinor)).replace('{order}', order.id))) return;
    setBusy(true);
    try {
      const result = await api<{ refund: { amountMinor: number; status: string }; order: OrderRow }>('POST', `${base}/orders/${order.id}/refund`, {
        amountMinor,
      });
      const text = t('refundRequested').replace('{amount}', money(result.refund.amountMinor)).replace('{status}', label(result.order.status));
      setDone(text);
      announce(text);
      setOpen(false);
      onRefunded(result.order);
    } catch (e) {
      if (e instanceof ApiError && e.field === 'amountMinor') {
        setProblem(errorText(e.code, e.message));
        focusFirstInvalid();
      } else setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  if (remaining <= 0 || !REFUNDABLE.includes(order.status))
    return done ? (
      <p class="notice" role="status">
        {done}
      </p>
    ) : null;
  return (
    <div class="refund">
      {done ? <p class="notice">{done}</p> : null}
      {open ? (
        <form class="form" onSubmit={(e) => void submit(e)} noValidate aria-labelledby={`${id}-title`}>
          <fieldset>
            <legend id={`${id}-title`}>{t('refund')}</legend>
            <FormError message={error} />
            <label class="check">
              <input type="radio" name={`${id}-kind`} checked={whole} onChange={() => setWhole(true)} />
              <span>{t('refundAll').replace('{amount}', money(remaining))}</span>
            </label>
            <label class="check">
              <input type="radio" name={`${id}-kind`} checked={!whole} onChange={() => setWhole(false)} />
              <span>{t('refundPart')}</span>
            </label>
            {whole ? null : (
              <TextField label={t('refundAmount')} name={`${id}-amount`} value={amount} inputMode="decimal" onInput={setAmount} error={problem ?? undefined} />
            )}
            {whole && problem ? <p class="field-error">{problem}</p> : null}
            <div class="actions">
              <button type="submit" class="button primary" disabled={busy}>
                {t('refundSubmit')}
              </button>
              <button type="button" class="button" onClick={() => setOpen(false)}>
                {t('cancel')}
              </button>
            </div>
          </fieldset>
        </form>
      ) : (
        <button type="button" class="button" onClick={() => setOpen(true)}>
          {t('refund')}
        </button>
      )}
    </div>
  );
}

/** What to pack: the lines, loaded when the packer opens the order. */
function OrderLines({ id }: { id: string }) {
  const { t, base, locale, money } = useWorkspace();
  const [open, setOpen] = useState(false);
  const detail = useLoad(
    () => (open ? api<{ order: OrderDetail }>('GET', `${base}/orders/${id}`).then((r) => r.order) : Promise.resolve(null)),
    [open, id, base],
  );
  const text = (value: { 'zh-CN'?: string; en?: string }) => (locale === 'en' ? (value.en ?? value['zh-CN']) : (value['zh-CN'] ?? value.en)) ?? '';
  return (
    <details class="order-lines" onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}>
      <summary>{t('orderContents')}</summary>
      {detail.data === null ? (
        <LoadNotice state={detail.state.phase === 'ready' ? { phase: 'loading' } : detail.state} onRetry={detail.retry} />
      ) : (
        <>
          <ul>
            {detail.data.lines.map((line) => (
              <li key={line.lineNo}>
                {text(line.title)} · {text(line.variantLabel)} × <strong>{line.quantity}</strong>
              </li>
            ))}
          </ul>
          {detail.data.address ? (
            <p class="muted">
              {[detail.data.address.name, detail.data.address.phone, detail.data.address.line1, detail.data.address.line2, detail.data.address.city]
                .filter(Boolean)
                .join(' · ')}
            </p>
          ) : null}
          {detail.data.history
            .filter((h) => h.reason === 'refund_requested')
            .map((h) => (
              <p class="muted" key={h.at}>
                {t('refundRequestedAt').replace('{amount}', money((h.detail as { amountMinor?: number } | null)?.amountMinor ?? 0))} ·{' '}
                {new Date(h.at).toLocaleString(locale)}
              </p>
            ))}
        </>
      )}
    </details>
  );
}
const ACTION_LABELS: Record<string, MessageKey> = { packed: 'markPacked', ready_for_pickup: 'markReady', shipped: 'markShipped', completed: 'markCompleted' };

export function OrderList() {
  const { t, label, base, announce, locale, errorText, money, role } = useWorkspace();
  const [status, setStatus] = useState('paid');
  const [q, setQ] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [query, setQuery] = useState({ status: 'paid', q: '' });
  useEffect(() => {
    const timer = setTimeout(() => setQuery({ status, q }), 200);
    return () => clearTimeout(timer);
  }, [status, q]);
  const list = useLoad(() => {
    const params = new URLSearchParams({ limit: '100', ...(query.status ? { status: query.status } : {}), ...(query.q ? { q: query.q } : {}) });
    return api<{ items: OrderRow[] }>('GET', `${base}/orders?${params}`).then((r) => r.items);
  }, [query.status, query.q, base]);
  const items = list.data;
  const replace = (updated: OrderRow) => list.setData((rows) => rows.map((o) => (o.id === updated.id ? { ...o, ...updated } : o)));

  async function move(order: OrderRow, to: string) {
    setBusy(order.id);
    setError(null);
    try {
      const { order: updated } = await api<{ order: OrderRow }>('POST', `${base}/orders/${order.id}/status`, { to });
      replace(updated);
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
      <CollectByCode onCollected={(order) => (list.data?.some((o) => o.id === order.id) ? replace(order) : list.retry())} />
      <div class="chips" role="group" aria-label={t('status')}>
        {FILTERS.map((s) => (
          <button type="button" key={s || 'all'} class={`chip${status === s ? ' selected' : ''}`} aria-pressed={status === s} onClick={() => setStatus(s)}>
            {s ? label(s) : t('statusAll')}
          </button>
        ))}
      </div>
      <TextField label={t('searchOrders')} name="q" type="search" value={q} onInput={setQ} />
      {error ? (
        <p class="form-error" role="alert">
          {error}
        </p>
      ) : null}
      <LoadNotice state={list.state} onRetry={list.retry} />
      {items?.length === 0 ? <p>{t('noItems')}</p> : null}
      <ul class="cards">
        {items?.map((o) => (
          <li key={o.id} class="card order" data-order={o.id}>
            <div class="card-text">
              <strong>
                {money(o.totalMinor, o.currency)} · {o.itemCount} {t('items')}
                {o.refundedMinor > 0 ? ` · ${t('refunded')} ${money(o.refundedMinor, o.currency)}` : ''}
              </strong>
              <span class="muted">
                {o.id} · {date.format(new Date(o.createdAt))}
              </span>
              <span>
                <span class={`badge status-${o.status}`}>{label(o.status)}</span> {o.fulfilment.type === 'pickup' ? t('pickup') : t('delivery')}
                {o.fulfilment.contactName ? ` · ${o.fulfilment.contactName}` : ''}
                {o.fulfilment.phone ? ` · ${o.fulfilment.phone}` : ''}
                {o.pickupCode ? ` · ${t('pickupCode')} ${o.pickupCode}` : ''}
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
            {role === 'owner' ? <RefundAction order={o} onRefunded={replace} /> : null}
          </li>
        ))}
      </ul>
    </Page>
  );
}
