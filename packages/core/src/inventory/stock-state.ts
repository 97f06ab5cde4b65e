/** Total stock (over active variants) at or below which a product shows as "low". */
export const LOW_STOCK_THRESHOLD = 5;

/** What a shopper is told about stock: never the exact count. */
export type StockState = 'in-stock' | 'low' | 'sold-out';

/**
 * Stock state shown to shoppers for an amount on hand.
 *
 * @example
 * stockState(0) // 'sold-out'
 */
export function stockState(onHand: number): StockState {
  if (onHand <= 0) return 'sold-out';
  return onHand <= LOW_STOCK_THRESHOLD ? 'low' : 'in-stock';
}
