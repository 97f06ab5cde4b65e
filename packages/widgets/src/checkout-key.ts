// The checkout attempt's Idempotency-Key, kept beside the cart. Only the lazily loaded checkout
// code needs it, so it travels in that chunk, not in the shared one every page downloads.
import { keyOf, storage } from './cart-store';

/**
 * The Idempotency-Key of the checkout attempt for exactly this request body: the same body
 * (a double click, a retry after a network error) gets the same key, so the server makes one
 * order; a changed cart or fulfilment gets a fresh one. Kept beside the cart in the host
 * page's storage until {@link clearCheckoutKey}, so a reload keeps it too.
 *
 * @example
 * const key = checkoutKey('laiyang-pear', JSON.stringify(body)); // same body → same key
 */
export function checkoutKey(coop: string, body: string): string {
  const store = storage();
  const [saved, key] = (store.getItem(keyOf(coop) + ':ck') ?? '').split('\n');
  if (saved === body.length + ':' + hash(body) && key) return key;
  const fresh = crypto.randomUUID();
  store.setItem(keyOf(coop) + ':ck', `${body.length}:${hash(body)}\n${fresh}`);
  return fresh;
}

/** Forgets the checkout key once a checkout succeeded. */
export function clearCheckoutKey(coop: string): void {
  storage().setItem(keyOf(coop) + ':ck', '');
}

// FNV-1a: a short fingerprint of the body (not a secret), so storage holds no address.
const hash = (text: string) => {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return (h >>> 0).toString(36);
};
