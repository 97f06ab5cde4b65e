// The cart's checkout, a chunk of its own: loaded when a shopper heads for the checkout button
// (hover, focus) or submits, so a page that only shows a cart does not download it.
import { ApiError, post, type ApiConfig } from './api-client';
import { checkoutKey, clearCheckoutKey } from './checkout-key';
import { emit, type CheckoutDetail } from './events';
import type { FulfilmentPick } from './cart-fulfilment.component';
import { translator, type MessageKey, type Translate } from './messages';
import type { DeliveryAddress, Fulfilment } from './types';

type Issue = ApiError['issues'][number];

/** Strings only checkout shows (zh-CN, en). */
const CHECKOUT_MESSAGES = {
  checkoutFailed: ['结算失败，请重试。', 'Checkout failed. Please try again.'],
  noPay: ['本站未开通在线支付。', 'Online payment is not set up on this site.'],
} satisfies Record<string, [zh: string, en: string]>;

// Address fields checkout sends (their inputs live in the fulfilment step).
const ADDRESS_FIELDS = ['name', 'phone', 'line1', 'line2', 'city'] as const;

/** What one checkout attempt needs from the cart: its state at the click, and its setters. */
export interface CheckoutAttempt {
  form: HTMLFormElement;
  config: ApiConfig;
  lines: { variantId: string; quantity: number }[];
  /** undefined: not loaded (or failed); null: this server takes no online payment. */
  options: Fulfilment | null | undefined;
  /** The element has the `checkout` attribute. */
  wanted: boolean;
  /** The button pressed: `online` or `offline` (pay at pickup); undefined lets the server choose. */
  payment?: string | undefined;
  pick: FulfilmentPick;
  t: Translate<MessageKey>;
  /** True while a request is out: a second click does nothing. */
  sending: { current: boolean };
  setIssues: (issues: Issue[]) => void;
  setFailure: (text: string) => void;
  setBusy: (busy: boolean) => void;
  announce: (text: string) => void;
}

/**
 * Fires the cancelable `terroir:checkout`; unless the host cancels it, POSTs `/checkout` with
 * one Idempotency-Key per attempt and sends the shopper to the payment page. Field errors from
 * the server go back to the cart (focus on the first), anything else is one message.
 *
 * @example
 * await runCheckout({ form, config, lines, options, wanted: true, pick, t, sending, setIssues, setFailure, setBusy, announce });
 */
export async function runCheckout(a: CheckoutAttempt): Promise<void> {
  const { form, config, t, sending } = a;
  if (sending.current) return;
  const detail: CheckoutDetail = { coop: config.coop, lines: a.lines };
  if (a.options)
    detail.fulfilment =
      a.pick.type === 'pickup'
        ? { type: 'pickup', pickupPointId: a.pick.point }
        : {
            type: 'delivery',
            optionId: a.options.delivery[0]?.id,
            region: a.pick.region,
            // The form's fields as typed; the server checks them and names any it refuses.
            address: Object.fromEntries(
              ADDRESS_FIELDS.map((n) => [n, (form.elements.namedItem(n) as HTMLInputElement | null)?.value ?? '']),
            ) as DeliveryAddress,
          };
  if (!emit(form, 'terroir:checkout', detail, true)) return;
  a.setIssues([]);
  a.setFailure('');
  const tc = translator(config.lang, CHECKOUT_MESSAGES);
  if (!a.options) return a.setFailure(a.options === null || !a.wanted ? tc('noPay') : t('error'));
  sending.current = true;
  a.setBusy(true);
  a.announce(t('paying'));
  const body = { lines: detail.lines, fulfilment: detail.fulfilment, locale: config.lang, email: detail.email, payment: a.payment };
  // One key per attempt: the same body (double click, retry after a network error) reuses it.
  const key = checkoutKey(config.coop, JSON.stringify(body));
  try {
    // A 409 `checkout_in_progress` (our first request with this key still running) shows
    // its message; the shopper's next click replays the same key and gets the same order.
    const { checkout } = await post<{ checkout: { redirectUrl: string } }>(config, '/checkout', body, { 'Idempotency-Key': key });
    clearCheckoutKey(config.coop);
    const target = new URL(checkout.redirectUrl, location.href);
    // Stay busy while the page leaves: a click now must not start another attempt.
    if (/^https?:$/.test(target.protocol)) return location.assign(target.href);
  } catch (e) {
    const known = e instanceof ApiError && e.status > 0;
    if (known && e.issues.length) {
      a.setIssues(e.issues);
      requestAnimationFrame(() => (form.querySelector('[aria-invalid=true]') as HTMLElement | null)?.focus());
    }
    a.setFailure(known && e.message ? e.message : tc('checkoutFailed'));
  }
  sending.current = false;
  a.setBusy(false);
}
