import { unitPrices, type CurrencyCode, type Locale, type SaleUnit } from '@terroir/core';

/** Minor-unit exponents that differ from 2 (ISO 4217). CNY, USD, EUR… use 2. */
const EXPONENTS: Record<string, number> = { JPY: 0, KRW: 0, VND: 0, CLP: 0, ISK: 0, BHD: 3, KWD: 3, OMR: 3, TND: 3, JOD: 3 };

const SYMBOLS: Record<string, string> = { CNY: '¥', USD: 'US$', EUR: '€', GBP: '£', JPY: 'JP¥', HKD: 'HK$' };

/**
 * A price in minor units as a decimal string (`6800` fen → `"68.00"`), with integer and string
 * arithmetic only: no float ever touches a price, so `0.1 + 0.2` cannot happen to anyone.
 * This is the form schema.org `price` wants (a dot, no currency symbol, no grouping).
 *
 * @example
 * decimalPrice(6800, 'CNY') // '68.00'
 * decimalPrice(5, 'CNY')    // '0.05'
 * decimalPrice(1200, 'JPY') // '1200'
 */
export function decimalPrice(minor: number, currency: CurrencyCode): string {
  if (!Number.isSafeInteger(minor)) throw new RangeError(`Price must be a safe integer of minor units, got ${minor}.`);
  const exponent = EXPONENTS[currency.toUpperCase()] ?? 2;
  const digits = String(Math.abs(minor)).padStart(exponent + 1, '0');
  const sign = minor < 0 ? '-' : '';
  if (exponent === 0) return sign + digits;
  return `${sign}${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}

/**
 * A price for people: currency symbol and decimal string, `¥68.00`.
 *
 * @example
 * moneyText(6800, 'CNY') // '¥68.00'
 */
export function moneyText(minor: number, currency: CurrencyCode): string {
  const code = currency.toUpperCase();
  const symbol = SYMBOLS[code];
  return symbol ? `${symbol}${decimalPrice(minor, code)}` : `${code} ${decimalPrice(minor, code)}`;
}

/**
 * "¥27.20/kg · ¥13.60/斤" for goods whose weight is known, else `undefined`.
 *
 * @example
 * unitPriceText({ priceMinor: 6800, currency: 'CNY', unit: 'jin', unitQuantity: 5 }, 'en') // '¥27.20/kg · ¥13.60/jin'
 */
export function unitPriceText(
  variant: { priceMinor: number; currency: CurrencyCode; unit: SaleUnit; unitQuantity: number; netGrams?: number | null },
  locale: Locale,
): string | undefined {
  const perUnit = unitPrices(variant);
  if (!perUnit) return undefined;
  const jin = locale === 'zh-CN' ? '斤' : 'jin';
  const kg = locale === 'zh-CN' ? '公斤' : 'kg';
  return `${moneyText(perUnit.perKgMinor, variant.currency)}/${kg} · ${moneyText(perUnit.perJinMinor, variant.currency)}/${jin}`;
}
