import type { CartChangeDetail, CartLine } from './cart-store';
import type { FulfilmentChoice } from './types';

/** Detail of `terroir:add-to-cart`, fired when a shopper adds a variant. */
export interface AddToCartDetail {
  coop: string;
  productSlug: string;
  variantId: string;
  quantity: number;
  priceMinor: number;
  currency: string;
}

/**
 * Detail of `terroir:checkout` (cancelable). Call `preventDefault()` to run your own checkout;
 * or set `fulfilment` / `email` before returning to complete the built-in one. With the
 * `checkout` attribute, `fulfilment` already holds what the shopper chose in the cart.
 */
export interface CheckoutDetail {
  coop: string;
  lines: Pick<CartLine, 'variantId' | 'quantity'>[];
  fulfilment?: FulfilmentChoice;
  email?: string;
}

export type { CartChangeDetail };

declare global {
  interface HTMLElementEventMap {
    'terroir:add-to-cart': CustomEvent<AddToCartDetail>;
    'terroir:cart-change': CustomEvent<CartChangeDetail>;
    'terroir:checkout': CustomEvent<CheckoutDetail>;
  }
  interface WindowEventMap {
    'terroir:add-to-cart': CustomEvent<AddToCartDetail>;
    'terroir:cart-change': CustomEvent<CartChangeDetail>;
    'terroir:checkout': CustomEvent<CheckoutDetail>;
  }
}

/**
 * Dispatches a `terroir:*` event that bubbles out of the shadow root (composed) to the page.
 * Returns false when a listener cancelled it.
 */
export function emit<T>(source: EventTarget, type: string, detail: T, cancelable = false): boolean {
  return source.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true, cancelable }));
}
