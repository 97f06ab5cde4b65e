// Classic JSX (vite.config.ts): the calls compile to these two.
import { h, Fragment } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, storefront } from './api-client';
import { MAX_QUANTITY, readCart, setQuantity, subscribeCart, type CartLine } from './cart-store';
import { formatMoney } from './format-money.generated';
import type { Fulfilment, Quote } from './types';
import type { FulfilmentPick } from './cart-fulfilment.component';
import { Frame, Lazy, useWidget, type BaseProps, type WidgetContext } from './widget-frame';

export interface CartProps extends BaseProps {
  /** `inline` (default) or `drawer` (a button that opens the cart in a side panel). */
  mode?: string;
  /** Present to run the built-in checkout (POST /checkout, then redirect) unless the host cancels `terroir:checkout`. */
  checkout?: string;
  /** Pickup point chosen at first in the fulfilment step (the shopper can change it). */
  'pickup-point'?: string;
  pickupPoint?: string;
}

type Issue = ApiError['issues'][number];
type QuoteState = { state: 'pending' } | { state: 'ready'; quote: Quote } | { state: 'invalid'; issues: Issue[] };

// Rules only the cart needs (the shared ones are in styles.ts).
const CART_CSS = `.line{border-bottom:1px solid var(--b);padding:.5em 0}.drawer{inset:0 0 0 auto;width:min(100%,24em);height:100%;max-height:none;margin:0 0 0 auto;border:0;background:var(--s);color:inherit}.drawer::backdrop{background:#0006}`;

// The pickup / delivery step is its own chunk: a cart without `checkout` never loads it.
const loadFulfilmentStep = () => import('./cart-fulfilment.component').then((m) => m.FulfilmentStep);
// So is checkout itself, fetched when the shopper heads for the button (or submits).
const loadCheckout = () => import('./cart-checkout');

/**
 * `<terroir-cart>`: the shopper's cart for one cooperative, inline or as a drawer. Lines live
 * in the host page's localStorage; the subtotal, delivery fee and total come from the server's
 * quote, never from browser arithmetic. With `checkout`, the shopper chooses pickup or
 * delivery (what the cooperative offers, from `GET …/fulfilment`), then goes to the payment
 * page with one Idempotency-Key per attempt, so a double click or a retry makes one order.
 *
 * @example
 * <terroir-cart coop="laiyang-pear" mode="drawer" checkout pickup-point="pp_village_square"></terroir-cart>
 * @csspart root - the widget's outer box
 * @csspart toggle - the drawer's open button; drawer - the drawer panel
 * @csspart cart - the cart box; line - one line; quantity - a line's stepper
 * @csspart subtotal - the subtotal row; fee - the delivery fee row; total - the total (a polite live region)
 * @csspart fulfilment - the pickup / delivery step (with `checkout`)
 * @csspart checkout-button - the checkout button; button - every button
 * @event terroir:cart-change - quantities changed or a line was removed
 * @event terroir:checkout - cancelable; detail { coop, lines, fulfilment? } ({@link CheckoutDetail})
 * @cssprop --terroir-font - font (default: inherited from the page)
 * @cssprop --terroir-color-text - text colour (default: inherited)
 * @cssprop --terroir-color-accent - buttons, links, disclosures, in-season badge (#2d6a3e)
 * @cssprop --terroir-color-accent-text - text on accent (#fff)
 * @cssprop --terroir-color-surface - cards and inputs (#fff)
 * @cssprop --terroir-color-muted - secondary text (#57534e)
 * @cssprop --terroir-color-border - borders (#d6d3d1)
 * @cssprop --terroir-color-focus - focus ring (#1d4ed8)
 * @cssprop --terroir-radius - corners (.5rem)
 * @cssprop --terroir-gap - grid gaps (1rem)
 */
export function Cart(props: CartProps) {
  const w = useWidget(props);
  const { t, lang, config } = w;
  const [lines, setLines] = useState<CartLine[]>(() => readCart(config.coop));
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
  const dialog = useRef<HTMLDialogElement>(null);
  const count = lines.reduce((n, l) => n + l.quantity, 0);
  const preset = props.pickupPoint ?? props['pickup-point'];
  const wanted = props.checkout != null;

  useEffect(() => {
    setLines(readCart(config.coop));
    return subscribeCart(config.coop, (next) => {
      setLines(next);
      w.announce(t('cartCount', { n: next.reduce((n, l) => n + l.quantity, 0) }));
    });
  }, [config.coop, lang]);

  useEffect(() => {
    if (wanted)
      storefront.fulfilment(config).then(
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
      storefront
        .quote(
          config,
          lines.map(({ variantId, quantity }) => ({ variantId, quantity })),
          priced || undefined,
        )
        .then(
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

  const body =
    lines.length === 0 ? (
      <section part="cart" aria-label={t('cart')}>
        <p class="msg">{t('cartEmpty')}</p>
      </section>
    ) : (
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
  return (
    <Frame lang={lang} announcement={w.announcement} css={CART_CSS}>
      {props.mode === 'drawer' ? (
        <>
          <button type="button" part="button toggle" aria-haspopup="dialog" onClick={() => dialog.current?.showModal()}>
            {t('cart')} ({count})
          </button>
          <dialog ref={dialog} class="drawer" part="drawer" aria-label={t('cart')}>
            <div class="row sp">
              <h2>{t('cart')}</h2>
              <button type="button" part="button" onClick={() => dialog.current?.close()}>
                {t('close')}
              </button>
            </div>
            {body}
          </dialog>
        </>
      ) : (
        body
      )}
    </Frame>
  );
}
