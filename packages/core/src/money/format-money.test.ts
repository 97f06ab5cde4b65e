import { describe, expect, it } from 'vitest';
import { decimalAmount, formatMoney, minorUnitExponent } from './format-money';

describe('formatMoney', () => {
  it('formats fen as yuan with the symbol chosen per locale', () => {
    expect(formatMoney(6800, 'CNY', 'zh-CN')).toBe('¥68.00');
    expect(formatMoney(6800, 'CNY', 'en')).toBe('CN¥68.00');
    expect(formatMoney(6800, 'cny', 'en-GB')).toBe('CN¥68.00');
    expect(formatMoney(5, 'CNY', 'zh-CN')).toBe('¥0.05');
    expect(formatMoney(0, 'CNY', 'zh-CN')).toBe('¥0.00');
  });

  it('groups thousands in both locales', () => {
    expect(formatMoney(123456789, 'CNY', 'zh-CN')).toBe('¥1,234,567.89');
    expect(formatMoney(123456789, 'CNY', 'en')).toBe('CN¥1,234,567.89');
  });

  it('keeps amounts that binary floats cannot hold exactly', () => {
    // 2^53 - 1 fen: dividing by 100 as a float would round the last digits.
    expect(formatMoney(9007199254740991, 'CNY', 'en')).toBe('CN¥90,071,992,547,409.91');
    expect(formatMoney(1001, 'CNY', 'en')).toBe('CN¥10.01');
    expect(() => formatMoney(12.5, 'CNY', 'en')).toThrow(RangeError);
  });

  it('uses each currency’s minor unit: JPY has none, KWD has three', () => {
    expect(formatMoney(1200, 'JPY', 'en')).toBe('¥1,200');
    expect(formatMoney(1200, 'JPY', 'zh-CN')).toBe('JP¥1,200');
    expect(formatMoney(1234, 'KWD', 'en')).toBe('KWD\u00a01.234');
    expect(minorUnitExponent('jpy')).toBe(0);
  });

  it('shows refunds as negative amounts', () => {
    expect(formatMoney(-250, 'CNY', 'en')).toBe('-CN¥2.50');
    expect(formatMoney(-250, 'CNY', 'zh-CN')).toBe('-¥2.50');
  });
});

describe('decimalAmount', () => {
  it('is an exact decimal string with no symbol or grouping', () => {
    expect(decimalAmount(6800, 'CNY')).toBe('68.00');
    expect(decimalAmount(123456789, 'CNY')).toBe('1234567.89');
    expect(decimalAmount(1200, 'JPY')).toBe('1200');
    expect(decimalAmount(-5, 'CNY')).toBe('-0.05');
  });
});
