// The cart lives in the HOST page's localStorage, keyed by cooperative: no cookies, so no
// third-party cookie rules (Safari ITP) can break it. Widgets on one page stay in sync
// through a DOM event; other tabs through the `storage` event.

/** One cart line. `priceMinor` is the server's price when the line was added, shown until a quote arrives. */
export interface CartLine {
  variantId: string;
  productSlug: string;
  title: string;
  variantLabel: string;
  priceMinor: number;
  currency: string;
  quantity: number;
}

/** Most of one variant a cart line may hold. */
export const MAX_QUANTITY = 99;

/** Detail of `terroir:cart-change`. */
export interface CartChangeDetail {
  coop: string;
  lines: CartLine[];
}

const memory = new Map<string, string>();
/** The host page's storage key of a cooperative's cart (checkout-key.ts keeps its key beside it). */
export const keyOf = (coop: string) => `terroir:cart:${coop}`;

/** The host page's localStorage, or a page-lifetime map where storage is blocked. */
export function storage(): Pick<Storage, 'getItem' | 'setItem'> {
  try {
    const local = window.localStorage;
    local.getItem('terroir:probe');
    return local;
  } catch {
    // Storage can be blocked (sandboxed iframes, some private modes): keep the cart for this page.
    return { getItem: (k) => memory.get(k) ?? null, setItem: (k, v) => void memory.set(k, v) };
  }
}

const isLine = (value: unknown): value is CartLine => {
  const line = value as CartLine;
  return (
    typeof line === 'object' &&
    line !== null &&
    typeof line.variantId === 'string' &&
    typeof line.productSlug === 'string' &&
    typeof line.title === 'string' &&
    typeof line.variantLabel === 'string' &&
    Number.isSafeInteger(line.priceMinor) &&
    typeof line.currency === 'string' &&
    Number.isInteger(line.quantity) &&
    line.quantity > 0 &&
    line.quantity <= MAX_QUANTITY
  );
};

/**
 * The cart lines of a cooperative; whatever in storage is not a valid line is dropped.
 *
 * @example
 * readCart('laiyang-pear') // [{ variantId: 'var_1', quantity: 2, … }]
 */
export function readCart(coop: string): CartLine[] {
  try {
    const parsed: unknown = JSON.parse(storage().getItem(keyOf(coop)) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter(isLine) : [];
  } catch {
    return [];
  }
}

/**
 * Saves the lines and announces them as a bubbling, composed `terroir:cart-change` from
 * `source` (the widget that changed the cart) so other widgets and analytics hear it.
 */
export function writeCart(coop: string, lines: CartLine[], source: EventTarget = document): CartLine[] {
  const kept = lines.filter(isLine);
  storage().setItem(keyOf(coop), JSON.stringify(kept));
  source.dispatchEvent(new CustomEvent<CartChangeDetail>('terroir:cart-change', { detail: { coop, lines: kept }, bubbles: true, composed: true }));
  return kept;
}

/**
 * Adds `quantity` of a variant (merging with an existing line, capped at {@link MAX_QUANTITY}).
 *
 * @example
 * addToCart('laiyang-pear', { variantId: 'var_1', productSlug: 'pear', title: '莱阳梨', variantLabel: '5斤', priceMinor: 6800, currency: 'CNY' }, 2)
 */
export function addToCart(coop: string, line: Omit<CartLine, 'quantity'>, quantity = 1, source?: EventTarget): CartLine[] {
  const lines = readCart(coop);
  const existing = lines.find((l) => l.variantId === line.variantId);
  if (existing) existing.quantity = Math.min(MAX_QUANTITY, existing.quantity + quantity);
  else lines.push({ ...line, quantity: Math.min(MAX_QUANTITY, quantity) });
  return writeCart(coop, lines, source);
}

/**
 * Sets a line's quantity; 0 or less removes it.
 *
 * @example
 * setQuantity('laiyang-pear', 'var_1', 0) // removes the line
 */
export function setQuantity(coop: string, variantId: string, quantity: number, source?: EventTarget): CartLine[] {
  const lines = readCart(coop)
    .map((l) => (l.variantId === variantId ? { ...l, quantity: Math.min(MAX_QUANTITY, Math.trunc(quantity)) } : l))
    .filter((l) => l.quantity > 0);
  return writeCart(coop, lines, source);
}

/**
 * Calls `listener` with the cart whenever it changes on this page or in another tab.
 * Returns the unsubscribe function.
 *
 * @example
 * const stop = subscribeCart('laiyang-pear', (lines) => render(lines));
 */
export function subscribeCart(coop: string, listener: (lines: CartLine[]) => void): () => void {
  const onChange = (event: Event) => {
    const detail = (event as CustomEvent<CartChangeDetail>).detail;
    if (detail?.coop === coop) listener(detail.lines);
  };
  const onStorage = (event: StorageEvent) => {
    if (event.key === keyOf(coop) || event.key === null) listener(readCart(coop));
  };
  window.addEventListener('terroir:cart-change', onChange);
  window.addEventListener('storage', onStorage);
  return () => {
    window.removeEventListener('terroir:cart-change', onChange);
    window.removeEventListener('storage', onStorage);
  };
}
