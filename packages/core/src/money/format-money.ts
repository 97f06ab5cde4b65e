// Browser-safe on purpose (no node: imports, no other core modules): the widgets and the admin
// app bundle this file, so every surface shows one price the same way.

// ISO 4217 currencies whose minor unit is not 2 digits (CNY, USD, EUR … use 2). Kept as
// strings, not a table: the widgets bundle this file. A 3-letter code found in one is one of them.
const NO_DECIMALS = 'BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF';
const THREE_DECIMALS = 'BHD IQD JOD KWD LYD OMR TND';

/** Display locales the formatter speaks; anything else is treated as zh-CN, the cooperatives' own language. */
export type MoneyLocale = 'zh-CN' | 'en';

/**
 * Digits after the decimal point of a currency's minor unit (ISO 4217): 2 for CNY, 0 for JPY,
 * 3 for KWD. Price data is always integer minor units in this exponent.
 *
 * @example
 * minorUnitExponent('CNY') // 2
 * minorUnitExponent('JPY') // 0
 */
export function minorUnitExponent(currency: string): number {
  const code = currency.toUpperCase();
  return !/^[A-Z]{3}$/.test(code) ? 2 : NO_DECIMALS.includes(code) ? 0 : THREE_DECIMALS.includes(code) ? 3 : 2;
}

/**
 * Integer minor units as an exact decimal string, built with integer and string arithmetic
 * only (no float division ever touches money). The form schema.org `price` and CSV cells
 * want: a dot, no symbol, no grouping.
 *
 * @example
 * decimalAmount(6800, 'CNY')  // '68.00'
 * decimalAmount(5, 'CNY')     // '0.05'
 * decimalAmount(1200, 'JPY')  // '1200'
 * decimalAmount(-250, 'CNY')  // '-2.50'
 */
export function decimalAmount(minor: number, currency: string): string {
  if (!Number.isSafeInteger(minor)) throw new RangeError(`Not integer minor units: ${minor}`);
  const exponent = minorUnitExponent(currency);
  const digits = String(Math.abs(minor)).padStart(exponent + 1, '0');
  const sign = minor < 0 ? '-' : '';
  return exponent === 0 ? sign + digits : `${sign}${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}

const formats = new Map<string, Intl.NumberFormat>();

/**
 * Integer minor units as a price for people, the one formatter of every surface (widgets,
 * pages, receipts, admin app). The symbol is CLDR's for the reader's locale, chosen once here
 * (docs/money.md): zh-CN readers see `¥` for yuan (and `JP¥` for yen); English readers see
 * `CN¥` for yuan (and `¥` for yen), since to them a bare `¥` is as often yen. Both group
 * thousands. Intl gets an exact decimal string (Intl.NumberFormat v3), never a float.
 *
 * @example
 * formatMoney(6800, 'CNY', 'zh-CN')      // '¥68.00'
 * formatMoney(6800, 'CNY', 'en')         // 'CN¥68.00'
 * formatMoney(123456789, 'CNY', 'zh-CN') // '¥1,234,567.89'
 * formatMoney(1200, 'JPY', 'en')         // '¥1,200'
 */
export function formatMoney(minor: number, currency: string, locale: string): string {
  const lang: MoneyLocale = /^en\b/i.test(locale) ? 'en' : 'zh-CN';
  const code = currency.toUpperCase();
  const key = lang + code;
  let format = formats.get(key);
  if (!format) {
    const exponent = minorUnitExponent(code);
    format = new Intl.NumberFormat(lang, { style: 'currency', currency: code, minimumFractionDigits: exponent, maximumFractionDigits: exponent });
    formats.set(key, format);
  }
  return format.format(decimalAmount(minor, code) as `${number}`);
}
