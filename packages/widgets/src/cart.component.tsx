// Classic JSX (vite.config.ts): the calls compile to these two.
import { h, Fragment } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { readCart, subscribeCart, type CartLine } from './cart-store';
import { Frame, Lazy, useWidget, type BaseProps } from './widget-frame';

export interface CartProps extends BaseProps {
  /** `inline` (default) or `drawer` (a button that opens the cart in a side panel). */
  mode?: string;
  /** Present to run the built-in checkout (POST /checkout, then redirect) unless the host cancels `terroir:checkout`. */
  checkout?: string;
  /** Pickup point chosen at first in the fulfilment step (the shopper can change it). */
  'pickup-point'?: string;
  pickupPoint?: string;
}

// Rules only the cart needs (the shared ones are in styles.ts).
const CART_CSS = `.line{border-bottom:1px solid var(--b);padding:.5em 0}.drawer{inset:0 0 0 auto;width:min(100%,24em);height:100%;max-height:none;margin:0 0 0 auto;border:0;background:var(--s);color:inherit}.drawer::backdrop{background:#0006}`;

// What the cart shows once it holds something (lines, quote, pickup / delivery, checkout) is a
// chunk of its own, fetched when there are lines to show: an empty cart, or a drawer not opened
// yet, never downloads it. Heading for the drawer's button fetches it early.
const loadLines = () => import('./cart-lines.component').then((m) => m.CartLines);

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
  // The drawer has been opened (its content is needed from then on).
  const [opened, setOpened] = useState(false);
  const shown = useRef(false);
  const dialog = useRef<HTMLDialogElement>(null);
  const count = lines.reduce((n, l) => n + l.quantity, 0);

  useEffect(() => {
    setLines(readCart(config.coop));
    return subscribeCart(config.coop, (next) => {
      setLines(next);
      w.announce(t('cartCount', { n: next.reduce((n, l) => n + l.quantity, 0) }));
    });
  }, [config.coop, lang]);

  // Once shown, the content stays mounted (it says "empty" itself): the shopper's pickup choice
  // survives removing the last line and adding another, and nothing flashes "loading" again.
  if (lines.length > 0 && (props.mode !== 'drawer' || opened)) shown.current = true;
  // While the content loads, its box keeps the empty cart's height (the loader's placeholder's):
  // what is below an inline cart does not move up and back down.
  const body = shown.current ? (
    <div style="min-height:3.625em">
      <Lazy
        load={loadLines}
        props={{
          w: { lang, t, config, announce: w.announce },
          wanted: props.checkout != null,
          preset: props.pickupPoint ?? props['pickup-point'],
          lines,
          setLines,
        }}
        t={t}
      />
    </div>
  ) : (
    <section part="cart" aria-label={t('cart')}>
      <p class="msg">{t('cartEmpty')}</p>
    </section>
  );
  return (
    <Frame lang={lang} announcement={w.announcement} css={CART_CSS}>
      {props.mode === 'drawer' ? (
        <>
          <button
            type="button"
            part="button toggle"
            aria-haspopup="dialog"
            onClick={() => {
              setOpened(true);
              dialog.current?.showModal();
            }}
            onPointerEnter={loadLines}
            onFocus={loadLines}
          >
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
