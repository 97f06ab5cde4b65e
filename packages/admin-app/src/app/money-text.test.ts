import { describe, expect, it } from 'vitest';
import { formatMoney, minorToDecimal, parseAmount } from './money-text';

describe('money on the admin screens', () => {
  it('builds the decimal from the integer’s digits', () => {
    expect(minorToDecimal(12850, 2)).toBe('128.50');
    expect(minorToDecimal(5, 2)).toBe('0.05');
    expect(minorToDecimal(-5, 2)).toBe('-0.05');
    expect(minorToDecimal(1200, 0)).toBe('1200');
    expect(minorToDecimal(900719925474099, 2)).toBe('9007199254740.99');
  });

  it('formats in the currency’s own decimals, grouped, in both languages', () => {
    expect(formatMoney(6800, 'CNY', 'zh-CN')).toBe('¥68.00');
    expect(formatMoney(123456789, 'CNY', 'zh-CN')).toBe('¥1,234,567.89');
    expect(formatMoney(1200, 'JPY', 'en')).toBe('¥1,200');
    expect(formatMoney(6800, 'CNY', 'en')).toBe('CN¥68.00');
    expect(formatMoney(0, 'CNY', 'zh-CN')).toBe('¥0.00');
  });

  it('reads typed amounts into minor units, refusing what is not an amount', () => {
    expect(parseAmount('128.5')).toBe(12850);
    expect(parseAmount('¥1,280.05')).toBe(128005);
    expect(parseAmount('12元')).toBe(1200);
    expect(parseAmount('1200', 0)).toBe(1200);
    expect(parseAmount('12.5', 0)).toBeNull();
    expect(parseAmount('1.005')).toBeNull();
    expect(parseAmount('-3')).toBeNull();
    expect(parseAmount('¥0.29')).toBe(29);
    expect(parseAmount('￥12.50')).toBe(1250);
    expect(parseAmount(' 12元 ')).toBe(1200);
    expect(parseAmount('')).toBeNull();
    expect(parseAmount('abc')).toBeNull();
  });
});
