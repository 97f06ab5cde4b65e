import type { Locale } from './types';

const formats = new Map<string, Intl.NumberFormat>();

/**
 * Formats integer minor units (fen) as a localized currency amount. The only place a minor
 * amount is scaled down, and only for display: state keeps integers.
 *
 * @example
 * formatMoney(6800, 'CNY', 'zh-CN') // '¥68.00'
 * formatMoney(6800, 'CNY', 'en')    // 'CN¥68.00'
 */
export function formatMoney(minor: number, currency: string, locale: Locale): string {
  const key = locale + currency;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, { style: 'currency', currency });
    formats.set(key, format);
  }
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  // Hand Intl an exact decimal string (Intl.NumberFormat v3) built with integer maths, so no
  // binary float ever stands for money, not even on the way to the screen.
  const scale = 10 ** digits;
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(minor));
  const whole = Math.floor(abs / scale);
  const fraction = String(abs % scale).padStart(digits, '0');
  return format.format(`${sign}${whole}${digits ? '.' + fraction : ''}` as `${number}`);
}
