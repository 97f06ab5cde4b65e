import { describe, expect, it } from 'vitest';
import { formatMoney } from './money';

describe('formatMoney', () => {
  it('formats integer fen as yuan in both locales', () => {
    expect(formatMoney(6800, 'CNY', 'zh-CN')).toBe('¥68.00');
    expect(formatMoney(6800, 'CNY', 'en')).toBe('CN¥68.00');
    expect(formatMoney(5, 'CNY', 'zh-CN')).toBe('¥0.05');
  });

  it('keeps amounts that binary floats cannot hold exactly', () => {
    // Near the edge of double precision, where dividing by 100 as a float may drift.
    expect(formatMoney(900719925474099, 'CNY', 'en')).toBe('CN¥9,007,199,254,740.99');
    expect(formatMoney(1001, 'CNY', 'en')).toBe('CN¥10.01');
  });

  it('handles currencies without minor units and negative amounts', () => {
    expect(formatMoney(1200, 'JPY', 'en')).toBe('¥1,200');
    expect(formatMoney(-250, 'CNY', 'en')).toBe('-CN¥2.50');
  });
});
