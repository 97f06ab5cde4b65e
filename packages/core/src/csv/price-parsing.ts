import { decimalAmount } from '../money/format-money';

/**
 * Full-width digits and punctuation (what a Chinese IME types) to their ASCII forms.
 *
 * @example
 * toHalfWidth('１２．５') // '12.5'
 */
export function toHalfWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

/** Largest price a cell may hold, in minor units (1,000,000.00). */
export const MAX_IMPORT_PRICE_MINOR = 100_000_000;

/**
 * Parses a price cell into integer minor units (fen) by string arithmetic, never through a
 * float: `12.5`, `¥12.50`, `￥12`, `12元`, `１２.５`, `RMB 1,280.00`. More than two decimals,
 * negatives and anything else give null.
 *
 * @example
 * parsePriceToMinor('¥12.50') // 1250
 * parsePriceToMinor('12元')   // 1200
 * parsePriceToMinor('12.345') // null
 */
export function parsePriceToMinor(cell: string): number | null {
  let text = toHalfWidth(cell).trim().replace(/\s+/g, '');
  text = text
    .replace(/^(RMB|CNY)/i, '')
    .replace(/^[¥￥]/, '')
    .replace(/(元|块|RMB|CNY)$/i, '');
  if (/^\d{1,3}(,\d{3})+(\.\d*)?$/.test(text)) text = text.replace(/,/g, '');
  const match = /^(\d{1,9})(?:\.(\d{0,2}))?$/.exec(text);
  if (!match) return null;
  const whole = Number(match[1]);
  const fraction = Number((match[2] ?? '').padEnd(2, '0'));
  const minor = whole * 100 + fraction;
  return minor <= MAX_IMPORT_PRICE_MINOR ? minor : null;
}

/**
 * Formats minor units for a CSV cell with exactly two decimals (`6800` → `68.00`); exports
 * use core's currency-aware `decimalAmount` (money/format-money.ts), this stays for callers
 * that know the amount is in a two-decimal currency.
 *
 * @example
 * formatMinor(1250) // '12.50'
 */
export function formatMinor(minor: number): string {
  return decimalAmount(minor, 'CNY');
}
