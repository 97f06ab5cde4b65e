import { decimalAmount, formatMoney } from '@terroir/core/money';
import { unitPrices, type CurrencyCode, type Locale, type SaleUnit } from '@terroir/core';

/**
 * A price in minor units as an exact decimal string (`6800` fen → `"68.00"`): the form
 * schema.org `price` wants (a dot, no currency symbol, no grouping). Core's `decimalAmount`.
 *
 * @example
 * decimalPrice(6800, 'CNY') // '68.00'
 * decimalPrice(1200, 'JPY') // '1200'
 */
export function decimalPrice(minor: number, currency: CurrencyCode): string {
  return decimalAmount(minor, currency);
}

/**
 * A price for people in the page's locale, through core's one money formatter, so pages,
 * widgets, receipts and the admin app show the same text (docs/money.md).
 *
 * @example
 * moneyText(6800, 'CNY', 'zh-CN') // '¥68.00'
 * moneyText(6800, 'CNY', 'en')    // 'CN¥68.00'
 */
export function moneyText(minor: number, currency: CurrencyCode, locale: Locale): string {
  return formatMoney(minor, currency, locale);
}

/**
 * "¥27.20/公斤 · ¥13.60/斤" for goods whose weight is known, else `undefined`.
 *
 * @example
 * unitPriceText({ priceMinor: 6800, currency: 'CNY', unit: 'jin', unitQuantity: 5 }, 'en') // 'CN¥27.20/kg · CN¥13.60/jin'
 */
export function unitPriceText(
  variant: { priceMinor: number; currency: CurrencyCode; unit: SaleUnit; unitQuantity: number; netGrams?: number | null },
  locale: Locale,
): string | undefined {
  const perUnit = unitPrices(variant);
  if (!perUnit) return undefined;
  const jin = locale === 'zh-CN' ? '斤' : 'jin';
  const kg = locale === 'zh-CN' ? '公斤' : 'kg';
  return `${moneyText(perUnit.perKgMinor, variant.currency, locale)}/${kg} · ${moneyText(perUnit.perJinMinor, variant.currency, locale)}/${jin}`;
}
