// The cart's content once it holds something: lines with steppers, the server's quote, the
// pickup / delivery step and checkout. A lazily loaded chunk of terroir-cart: a page whose
// cart is empty (and a drawer cart not opened yet) never downloads it.
// Classic JSX (vite.config.ts): the calls compile to these two.
import { h, Fragment } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, get, post, type ApiConfig } from './api-client';
import { MAX_QUANTITY, setQuantity, type CartLine } from './cart-store';
import { formatMoney } from './format-money.generated';
import type { Fulfilment, Quote } from './types';
import type { FulfilmentPick } from './cart-fulfilment.component';
import { Lazy, type WidgetContext } from './widget-frame';

type Issue = ApiError['issues'][number];
type QuoteState = { state: 'pending' } | { state: 'ready'; quote: Quote } | { state: 'invalid'; issues: Issue[] };

// The pickup / delivery step is its own chunk: a cart without `checkout` never loads it.
const loadFulfilmentStep = () => import('./cart-fulfilment.component').then((m) => m.FulfilmentStep);
// So is checkout itself, fetched when the shopper heads for the button (or submits).
const loadCheckout = () => import('./cart-checkout');

// The reads only the cart's content makes: the server's prices, and how the cooperative delivers.
const readQuote = (c: ApiConfig, lines: { variantId: string; quantity: number }[], fulfilment?: unknown) =>
  post<{ quote: Quote }>(c, '/cart/quote?lang=' + c.lang, { lines, fulfilment });
const readFulfilment = (c: ApiConfig) => get<{ fulfilment: Fulfilment }>(c, '/fulfilment');

/** What the cart's shell hands its content: the widget, the element's attributes, the lines it keeps. */
export interface CartLinesProps {
  w: WidgetContext;
  /** The element has the `checkout` attribute. */
  wanted: boolean;
  /** Pickup point chosen at first (`pickup-point`). */
  preset: string | undefined;
  lines: CartLine[];
  setLines: (lines: CartLine[]) => void;
}

/**
 * The content of `<terroir-cart>` once it has lines (see cart.component.tsx for the element).
 *
 * @example
 * <CartLines w={w} wanted preset="pp_village_square" lines={lines} setLines={setLines} />
 */
export function CartLines({ w, wanted, preset, lines, setLines }: CartLinesProps) {
  const { t, lang, config } = w;
  const [quote, setQuote] = useState<QuoteState>({ state: 'pending' });
  const [failure, setFailure] = useState('');
  // undefined: not loaded (or failed); null: this server takes no online payment.
  const [options, setOptions] = useState<Fulfilment | null>();
  // The cooperative's phone/WeChat, shown instead of a dead button when there is no way to pay here.
  const [contact, setContact] = useState<Fulfilment['contact']>();
  const [pick, setPick] = useState<FulfilmentPick>({ type: 'pickup', point: '', region: '' });
  const [issues, setIssues] = useState<Issue[]>([]);
  const [busy, setBusy] = useState(false);
  const sending = useRef(false);

  useEffect(() => {
    if (wanted)
      readFulfilment(config).then(
        ({ fulfilment: f }) => {
          setOptions(f.checkoutEnabled ? f : null);
          // Null when the cooperative has neither phone nor WeChat: the button then explains.
          setContact(f.contact);
          const point = f.pickupPoints.find((p) => p.id === preset) ?? f.pickupPoints[0];
          // Only the first time: a language switch refetches, and must not undo the shopper's choice.
          setPick((p) => (p.point ? p : { ...p, type: point ? 'pickup' : 'delivery', point: point?.id ?? '' }));
        },
        (e: unknown) => setOptions(e instanceof ApiError && e.status === 404 ? null : undefined),
      );
  }, [config, wanted, preset]);

  const delivery = options?.delivery[0];
  // What the quote can price so far: delivery needs a region, not yet the address.
  const priced =
    options &&
    (pick.type === 'pickup'
      ? pick.point && { type: 'pickup', pickupPointId: pick.point }
      : pick.region && { type: 'delivery', optionId: delivery?.id, region: pick.region });

  // Ask the server for the subtotal (and fee and total) whenever the lines or the choice change.
  const linesKey = lines.map((l) => `${l.variantId}:${l.quantity}`).join() + JSON.stringify(priced);
  useEffect(() => {
    let current = true;
    setQuote({ state: 'pending' });
    setIssues([]);
    if (lines.length > 0)
      readQuote(
        config,
        lines.map(({ variantId, quantity }) => ({ variantId, quantity })),
        priced || undefined,
      ).then(
        (r) => current && setQuote({ state: 'ready', quote: r.quote }),
        (e: unknown) => current && setQuote(e instanceof ApiError && e.status === 422 ? { state: 'invalid', issues: e.issues } : { state: 'pending' }),
      );
    return () => {
      current = false;
    };
  }, [linesKey, config]);

  const change = (line: CartLine, quantity: number, source: EventTarget) => setLines(setQuantity(config.coop, line.variantId, quantity, source));

  const onCheckout = (event: Event) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    // The button pressed says how to pay (`online`, `offline`); none lets the server choose.
    const payment = (event as SubmitEvent).submitter?.getAttribute('value') || undefined;
    const attempt = { form, config, lines: lines.map(({ variantId, quantity }) => ({ variantId, quantity })), options, wanted, pick, t, sending, payment };
    loadCheckout().then(
      ({ runCheckout }) => runCheckout({ ...attempt, setIssues, setFailure, setBusy, announce: w.announce }),
      // The chunk did not arrive (offline): say so; the next click tries again.
      () => setFailure(t('error')),
    );
  };

  const all = [...issues, ...(quote.state === 'invalid' ? quote.issues : [])];
  const err = (name: string) => all.find((i) => i.field.endsWith('.' + name))?.message;
  const field = (name: string) => ({ 'aria-invalid': !!err(name), 'aria-describedby': err(name) ? name + '-e' : undefined });
  const note = (name: string) =>
    err(name) && (
      <p id={name + '-e'} class="sold-out">
        {err(name)}
      </p>
    );
  const quoted = quote.state === 'ready' ? quote.quote : undefined;
  const label = busy ? t('paying') : t('checkout');
  const money = (minor: number) => formatMoney(minor, quoted?.currency ?? options?.currency ?? 'CNY', lang);

  // The shopper emptied the cart while this was shown: the same sentence the shell shows.
  if (lines.length === 0)
    return (
      <section part="cart" aria-label={t('cart')}>
        <p class="msg">{t('cartEmpty')}</p>
      </section>
    );
  return (
    <form part="cart" aria-label={t('cart')} onSubmit={onCheckout} noValidate>
      <ul class="grid" style="grid-template-columns:1fr;gap:0">
        {lines.map((line, index) => {
          const q = quoted?.lines.find((l) => l.variantId === line.variantId);
          const issue = all.find((i) => i.field.startsWith(`lines[${index}]`));
          const name = `${line.title} · ${line.variantLabel}`;
          const left = issue?.available;
          return (
            <li class="line" part="line">
              <div class="row sp">
                <span>
                  <strong>{line.title}</strong> <span class="m">{line.variantLabel}</span>
                </span>
                <span class="m">
                  {t('unitPriceOf')} {formatMoney(q?.unitPriceMinor ?? line.priceMinor, line.currency, lang)}
                </span>
              </div>
              <div class="row sp">
                <div class="row qty" part="quantity" role="group" aria-label={`${t('quantity')}: ${name}`}>
                  <button type="button" aria-label={`${t('less')}: ${name}`} onClick={(e) => change(line, line.quantity - 1, e.currentTarget)}>
                    −
                  </button>
                  <output aria-label={t('quantity')}>{line.quantity}</output>
                  <button
                    type="button"
                    aria-label={`${t('more')}: ${name}`}
                    disabled={line.quantity >= MAX_QUANTITY}
                    onClick={(e) => change(line, line.quantity + 1, e.currentTarget)}
                  >
                    +
                  </button>
                </div>
                <button type="button" part="button" aria-label={`${t('remove')}: ${name}`} onClick={(e) => change(line, 0, e.currentTarget)}>
                  {t('remove')}
                </button>
              </div>
              {q && <p class="price">{formatMoney(q.lineTotalMinor, quoted!.currency, lang)}</p>}
              {issue && (
                <p class="sold-out" role="alert">
                  {issue.message}
                  {left != null && ' ' + t('left', { n: left })}{' '}
                  {!!left && (
                    <button type="button" part="button" onClick={(e) => change(line, left, e.currentTarget)}>
                      {t('setTo', { n: left })}
                    </button>
                  )}
                </p>
              )}
            </li>
          );
        })}
      </ul>
      <p class="row sp" part="subtotal">
        <span>{t('subtotal')}</span>
        {quoted ? <strong class="price">{money(quoted.subtotalMinor)}</strong> : <span class="m">{t('subtotalPending')}</span>}
      </p>
      {options && (
        <Lazy
          load={loadFulfilmentStep}
          props={{ lang, options, pick, setPick, field, note, priced: !!priced, quoted, money, busy, label, load: loadCheckout }}
          t={t}
        />
      )}
      {failure && (
        <p class="sold-out" role="alert">
          {failure}
        </p>
      )}
      {options === null && contact ? (
        <p class="msg">
          {t('orderBy')}
          {contact.phone && <a href={'tel:' + contact.phone}>{contact.phone}</a>} {contact.wechat}
        </p>
      ) : (
        !options && (
          <button
            class="p"
            part="button checkout-button"
            style="width:100%"
            disabled={busy}
            aria-busy={busy}
            onPointerEnter={loadCheckout}
            onFocus={loadCheckout}
          >
            {label}
          </button>
        )
      )}
    </form>
  );
}
