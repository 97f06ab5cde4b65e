import { beforeEach, describe, expect, it } from 'vitest';
import { MAX_QUANTITY, addToCart, readCart, setQuantity, subscribeCart, type CartChangeDetail, type CartLine } from './cart-store';
import { checkoutKey, clearCheckoutKey } from './checkout-key';

// A host page reduced to what the store touches: window events and localStorage.
const store = new Map<string, string>();
const page = Object.assign(new EventTarget(), {
  localStorage: { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) },
});
Object.assign(globalThis, { window: page, document: page });

const pear = { variantId: 'var_pear5', productSlug: 'laiyang-pear', title: '莱阳梨', variantLabel: '5斤', priceMinor: 6800, currency: 'CNY' };
const basket = { ...pear, variantId: 'var_basket', productSlug: 'straw-basket', title: '草编篮', variantLabel: '中号', priceMinor: 12800 };

describe('cart-store', () => {
  beforeEach(() => store.clear());

  it('adds, merges and keeps lines per cooperative in localStorage', () => {
    addToCart('laiyang-pear', pear, 2);
    addToCart('laiyang-pear', pear, 1);
    addToCart('laiyang-pear', basket);
    addToCart('other-coop', basket);
    expect(readCart('laiyang-pear')).toEqual([
      { ...pear, quantity: 3 },
      { ...basket, quantity: 1 },
    ]);
    expect(readCart('other-coop')).toHaveLength(1);
    expect(JSON.parse(store.get('terroir:cart:laiyang-pear')!)).toHaveLength(2);
  });

  it('caps quantities and removes a line set to zero', () => {
    addToCart('laiyang-pear', pear, 500);
    expect(readCart('laiyang-pear')[0]!.quantity).toBe(MAX_QUANTITY);
    setQuantity('laiyang-pear', pear.variantId, 0);
    expect(readCart('laiyang-pear')).toEqual([]);
  });

  it('drops hostile or corrupt storage instead of trusting it', () => {
    store.set('terroir:cart:laiyang-pear', '{not json');
    expect(readCart('laiyang-pear')).toEqual([]);
    store.set(
      'terroir:cart:laiyang-pear',
      JSON.stringify([
        { ...pear, quantity: 1.5 },
        { ...pear, quantity: -1 },
        { ...pear, priceMinor: 68.5, quantity: 1 },
        { ...pear, quantity: '2' },
        null,
        { ...basket, quantity: 2 },
      ]),
    );
    expect(readCart('laiyang-pear')).toEqual([{ ...basket, quantity: 2 }]);
    store.set('terroir:cart:laiyang-pear', JSON.stringify({ lines: [] }));
    expect(readCart('laiyang-pear')).toEqual([]);
  });

  it('announces changes as a bubbling, composed terroir:cart-change and notifies subscribers of that coop only', () => {
    const seen: CartLine[][] = [];
    const events: CustomEvent<CartChangeDetail>[] = [];
    const onEvent = (e: Event) => events.push(e as CustomEvent<CartChangeDetail>);
    page.addEventListener('terroir:cart-change', onEvent);
    const stop = subscribeCart('laiyang-pear', (lines) => seen.push(lines));
    addToCart('laiyang-pear', pear, 1, page);
    addToCart('other-coop', pear, 1, page);
    stop();
    addToCart('laiyang-pear', pear, 1, page);
    page.removeEventListener('terroir:cart-change', onEvent);
    expect(seen).toEqual([[{ ...pear, quantity: 1 }]]);
    expect(events).toHaveLength(3);
    expect(events[0]!.bubbles && events[0]!.composed).toBe(true);
    expect(events[0]!.detail).toEqual({ coop: 'laiyang-pear', lines: [{ ...pear, quantity: 1 }] });
  });

  it('follows other tabs through the storage event', () => {
    const seen: CartLine[][] = [];
    const stop = subscribeCart('laiyang-pear', (lines) => seen.push(lines));
    store.set('terroir:cart:laiyang-pear', JSON.stringify([{ ...basket, quantity: 4 }]));
    page.dispatchEvent(Object.assign(new Event('storage'), { key: 'terroir:cart:laiyang-pear' }));
    page.dispatchEvent(Object.assign(new Event('storage'), { key: 'unrelated' }));
    stop();
    expect(seen).toEqual([[{ ...basket, quantity: 4 }]]);
  });

  it('keeps one checkout key per request body until it is cleared, without storing the body', () => {
    const body = JSON.stringify({ lines: [{ variantId: 'var_pear5', quantity: 1 }], fulfilment: { type: 'delivery', address: { phone: '13800000000' } } });
    const first = checkoutKey('laiyang-pear', body);
    expect(first).toMatch(/^[0-9a-f-]{36}$/);
    expect(checkoutKey('laiyang-pear', body)).toBe(first);
    expect([...store.values()].join()).not.toContain('13800000000');
    const changed = checkoutKey('laiyang-pear', body.replace('"quantity":1', '"quantity":2'));
    expect(changed).not.toBe(first);
    expect(checkoutKey('other-coop', body)).not.toBe(changed);
    clearCheckoutKey('laiyang-pear');
    expect(checkoutKey('laiyang-pear', body.replace('"quantity":1', '"quantity":2'))).not.toBe(changed);
  });
});
