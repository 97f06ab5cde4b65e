import { describe, expect, it } from 'vitest';
import { decimalPrice, moneyText, unitPriceText } from './money-text';

describe('decimalPrice', () => {
  it('formats minor units with integer arithmetic', () => {
    expect(decimalPrice(6800, 'CNY')).toBe('68.00');
    expect(decimalPrice(5, 'CNY')).toBe('0.05');
    expect(decimalPrice(0, 'CNY')).toBe('0.00');
    expect(decimalPrice(123456789012, 'CNY')).toBe('1234567890.12');
    expect(decimalPrice(1200, 'JPY')).toBe('1200');
    expect(decimalPrice(1234, 'KWD')).toBe('1.234');
    expect(decimalPrice(-250, 'EUR')).toBe('-2.50');
  });
  it('refuses non-integers rather than rounding them', () => {
    expect(() => decimalPrice(68.5, 'CNY')).toThrow(RangeError);
    expect(() => decimalPrice(Number.NaN, 'CNY')).toThrow(RangeError);
  });
});

describe('moneyText and unitPriceText', () => {
  it('prefixes the symbol', () => {
    expect(moneyText(6800, 'CNY')).toBe('¥68.00');
    expect(moneyText(100, 'XYZ')).toBe('XYZ 1.00');
  });
  it('shows per kg and per jin in both languages, nothing for unknown weights', () => {
    const box = { priceMinor: 6800, currency: 'CNY', unit: 'jin' as const, unitQuantity: 5 };
    expect(unitPriceText(box, 'zh-CN')).toBe('¥27.20/公斤 · ¥13.60/斤');
    expect(unitPriceText(box, 'en')).toBe('¥27.20/kg · ¥13.60/jin');
    expect(unitPriceText({ priceMinor: 3000, currency: 'CNY', unit: 'piece', unitQuantity: 1 }, 'en')).toBeUndefined();
  });
});
