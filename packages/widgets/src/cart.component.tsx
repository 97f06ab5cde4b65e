import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, post, storefront } from './api-client';
import { MAX_QUANTITY, readCart, setQuantity, subscribeCart, type CartLine } from './cart-store';
import { emit, type CheckoutDetail } from './events';
import { formatMoney } from './money';
import type { Quote } from './types';
import { Frame, useWidget, type BaseProps, type WidgetContext } from './widget-frame';

export interface CartProps extends BaseProps {
  /** `inline` (default) or `drawer` (a button that opens the cart in a side panel). */
  mode?: string;
  /** Present to run the built-in checkout (POST /checkout, then redirect) unless the host cancels `terroir:checkout`. */
  checkout?: string;
  /** Pickup point id for the built-in checkout, when the host does not set `detail.fulfilment`. */
  'pickup-point'?: string;
  pickupPoint?: string;
}

type QuoteState = { state: 'pending' } | { state: 'ready'; quote: Quote } | { state: 'invalid'; issues: ApiError['issues'] };

/**
 * `<terroir-cart>`: the shopper's cart for one cooperative, inline or as a drawer. Lines live
 * in the host page's localStorage; the subtotal comes from the server's quote, never from
 * browser arithmetic.
 *
 * @example
 * <terroir-cart coop="laiyang-pear" mode="drawer" checkout pickup-point="pp_village_square"></terroir-cart>
 * @csspart root - the widget's outer box
 * @csspart toggle - the drawer's open button; drawer - the drawer panel
 * @csspart cart - the cart box; line - one line; quantity - a line's stepper
 * @csspart subtotal - the subtotal row; checkout-button - the checkout button; button - every button
 * @event terroir:cart-change - quantities changed or a line was removed
 * @event terroir:checkout - cancelable; detail { coop, lines } ({@link CheckoutDetail})
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
  const dialog = useRef<HTMLDialogElement>(null);
  const count = lines.reduce((n, l) => n + l.quantity, 0);

  useEffect(() => {
    setLines(readCart(config.coop));
    return subscribeCart(config.coop, (next) => {
      setLines(next);
      w.announce(t('cartCount', { n: next.reduce((n, l) => n + l.quantity, 0) }));
    });
  }, [config.coop, lang]);

  // Ask the server for the subtotal whenever the lines change.
  const linesKey = lines.map((l) => `${l.variantId}:${l.quantity}`).join();
  useEffect(() => {
    let current = true;
    setQuote({ state: 'pending' });
    if (lines.length > 0)
      storefront.quote(config, lines.map(({ variantId, quantity }) => ({ variantId, quantity }))).then(
        (r) => current && setQuote({ state: 'ready', quote: r.quote }),
        (e: unknown) => current && setQuote(e instanceof ApiError && e.status === 422 ? { state: 'invalid', issues: e.issues } : { state: 'pending' }),
      );
    return () => {
      current = false;
    };
  }, [linesKey, config]);

  const change = (line: CartLine, quantity: number, source: EventTarget) => setLines(setQuantity(config.coop, line.variantId, quantity, source));

  const onCheckout = async (event: Event) => {
    const detail: CheckoutDetail = { coop: config.coop, lines: lines.map(({ variantId, quantity }) => ({ variantId, quantity })) };
    const proceed = emit(event.currentTarget as EventTarget, 'terroir:checkout', detail, true);
    if (!proceed || props.checkout == null) return;
    setFailure('');
    const pickupPointId = props.pickupPoint ?? props['pickup-point'];
    try {
      const { checkout } = await post<{ checkout: { redirectUrl: string } }>(
        config,
        '/checkout',
        {
          lines: detail.lines,
          fulfilment: detail.fulfilment ?? (pickupPointId ? { type: 'pickup', pickupPointId } : undefined),
          locale: lang,
          email: detail.email,
        },
        { 'Idempotency-Key': crypto.randomUUID() },
      );
      const target = new URL(checkout.redirectUrl, location.href);
      if (target.protocol === 'https:' || target.protocol === 'http:') location.assign(target.href);
    } catch (e) {
      setFailure(e instanceof ApiError && e.message ? e.message : t('checkoutFailed'));
    }
  };

  const body = (
    <CartBody w={w} lines={lines} quote={quote} failure={failure} onChange={change} onCheckout={onCheckout} />
  );
  return (
    <Frame lang={lang} announcement={w.announcement}>
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
Cart.observedAttributes = ['coop', 'lang', 'api', 'mode', 'checkout', 'pickup-point'];

function CartBody(props: {
  w: WidgetContext;
  lines: CartLine[];
  quote: QuoteState;
  failure: string;
  onChange: (line: CartLine, quantity: number, source: EventTarget) => void;
  onCheckout: (event: Event) => void;
}) {
  const { t, lang } = props.w;
  const { lines, quote } = props;
  if (lines.length === 0)
    return (
      <section part="cart" aria-label={t('cart')}>
        <p class="msg">{t('cartEmpty')}</p>
      </section>
    );
  const quoted = quote.state === 'ready' ? quote.quote : undefined;
  const issueOf = (index: number) => (quote.state === 'invalid' ? quote.issues.find((i) => i.field.startsWith(`lines[${index}]`)) : undefined);
  return (
    <section part="cart" aria-label={t('cart')}>
      <ul class="grid" style="grid-template-columns:1fr;gap:0">
        {lines.map((line, index) => {
          const q = quoted?.lines.find((l) => l.variantId === line.variantId);
          const issue = issueOf(index);
          const name = `${line.title} · ${line.variantLabel}`;
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
                  <button type="button" aria-label={`${t('less')}: ${name}`} onClick={(e) => props.onChange(line, line.quantity - 1, e.currentTarget)}>
                    −
                  </button>
                  <output aria-label={t('quantity')}>{line.quantity}</output>
                  <button
                    type="button"
                    aria-label={`${t('more')}: ${name}`}
                    disabled={line.quantity >= MAX_QUANTITY}
                    onClick={(e) => props.onChange(line, line.quantity + 1, e.currentTarget)}
                  >
                    +
                  </button>
                </div>
                <button type="button" part="button" aria-label={`${t('remove')}: ${name}`} onClick={(e) => props.onChange(line, 0, e.currentTarget)}>
                  {t('remove')}
                </button>
              </div>
              {q && <p class="price">{formatMoney(q.lineTotalMinor, quoted!.currency, lang)}</p>}
              {issue && (
                <p class="sold-out" role="alert">
                  {issue.message}
                </p>
              )}
            </li>
          );
        })}
      </ul>
      <p class="row sp" part="subtotal">
        <span>{t('subtotal')}</span>
        {quoted ? <strong class="price">{formatMoney(quoted.subtotalMinor, quoted.currency, lang)}</strong> : <span class="m">{t('subtotalPending')}</span>}
      </p>
      {props.failure && (
        <p class="sold-out" role="alert">
          {props.failure}
        </p>
      )}
      <button type="button" class="p" part="button checkout-button" style="width:100%" onClick={props.onCheckout}>
        {t('checkout')}
      </button>
    </section>
  );
}
