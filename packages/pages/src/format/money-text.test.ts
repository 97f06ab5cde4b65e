import { describe, expect, it } from 'vitest';
import { decimalPrice, moneyText, unitPriceText } from './money-text';

describe('money text', () => {
  it('writes exact decimal prices for schema.org', () => {
    expect(decimalPrice(6800, 'CNY')).toBe('68.00');
    expect(decimalPrice(5, 'CNY')).toBe('0.05');
    expect(decimalPrice(0, 'CNY')).toBe('0.00');
    expect(decimalPrice(123456789012, 'CNY')).toBe('1234567890.12');
    expect(decimalPrice(1200, 'JPY')).toBe('1200');
    expect(decimalPrice(1234, 'KWD')).toBe('1.234');
    expect(decimalPrice(-250, 'EUR')).toBe('-2.50');
  });

  it('refuses amounts that are not integer minor units', () => {
    expect(() => decimalPrice(68.5, 'CNY')).toThrow(RangeError);
    expect(() => decimalPrice(Number.NaN, 'CNY')).toThrow(RangeError);
  });

  it('shows prices for people through core’s formatter, per locale, grouped', () => {
    expect(moneyText(6800, 'CNY', 'zh-CN')).toBe('¥68.00');
    expect(moneyText(6800, 'CNY', 'en')).toBe('CN¥68.00');
    expect(moneyText(123456789, 'CNY', 'zh-CN')).toBe('¥1,234,567.89');
  });

  it('writes unit prices per kg and per jin', () => {
    const box = { priceMinor: 6800, currency: 'CNY', unit: 'jin' as const, unitQuantity: 5 };
    expect(unitPriceText(box, 'zh-CN')).toBe('¥27.20/公斤 · ¥13.60/斤');
    expect(unitPriceText(box, 'en')).toBe('CN¥27.20/kg · CN¥13.60/jin');
    expect(unitPriceText({ priceMinor: 3000, currency: 'CNY', unit: 'piece', unitQuantity: 1 }, 'en')).toBeUndefined();
  });
});
