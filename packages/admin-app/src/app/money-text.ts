/**
 * Money for the admin screens, from integer minor units: the decimal is built from the
 * integer's digits (no float division), then Intl adds the symbol and grouping for the UI's
 * language, so ¥1200 JPY stays `¥1,200` and 6800 fen is `¥68.00`.
 *
 * @example
 * formatMoney(123456789, 'CNY', 'zh-CN') // '¥1,234,567.89'
 * formatMoney(1200, 'JPY', 'en') // '¥1,200'
 */
export function formatMoney(minor: number, currency: string, locale: string): string {
  const format = new Intl.NumberFormat(locale, { style: 'currency', currency });
  return format.format(minorToDecimal(minor, format.resolvedOptions().maximumFractionDigits ?? 2) as unknown as number);
}

/**
 * `12850, 2` → `"128.50"`: an exact decimal string (Intl formats strings without going through a float).
 *
 * @example
 * minorToDecimal(-5, 2) // '-0.05'
 */
export function minorToDecimal(minor: number, exponent: number): string {
  const digits = String(Math.abs(Math.trunc(minor))).padStart(exponent + 1, '0');
  const whole = digits.slice(0, digits.length - exponent);
  const fraction = exponent ? `.${digits.slice(digits.length - exponent)}` : '';
  return `${minor < 0 ? '-' : ''}${whole}${fraction}`;
}

/**
 * What a person types as an amount ("68", "68.5", "¥68.50", "12元") in minor units for a
 * currency with `exponent` decimals; null when it is not an amount.
 *
 * @example
 * parseAmount('128.5', 2) // 12850
 */
export function parseAmount(text: string, exponent = 2): number | null {
  const cleaned = text.trim().replace(/^[¥￥$€£]/, '').replace(/元$/, '').replace(/,/g, '').trim();
  const pattern = exponent ? new RegExp(`^\\d+(\\.\\d{1,${exponent}})?$`) : /^\d+$/;
  if (!pattern.test(cleaned)) return null;
  const [whole, fraction = ''] = cleaned.split('.');
  return Number(whole) * 10 ** exponent + Number(fraction.padEnd(exponent, '0') || '0');
}

/** Decimals of a currency (CNY 2, JPY 0), as Intl knows them. */
export const currencyExponent = (currency: string) => new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
