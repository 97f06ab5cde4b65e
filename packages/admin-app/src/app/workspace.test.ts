import { describe, expect, it } from 'vitest';
import { formatMoney as coreFormatMoney } from '@terroir/core/money';
import { fenToYuan, formatMoney, yuanToFen } from './workspace';

describe('prices as typed in the product form', () => {
  it('reads yuan into integer fen without floating-point drift', () => {
    expect(yuanToFen('68')).toBe(6800);
    expect(yuanToFen('128.5')).toBe(12850);
    expect(yuanToFen('¥0.29')).toBe(29);
    expect(yuanToFen('￥12.50')).toBe(1250);
    expect(yuanToFen(' 12元 ')).toBe(1200);
    expect(yuanToFen('1.005')).toBeNull();
    expect(yuanToFen('abc')).toBeNull();
    expect(yuanToFen('-5')).toBeNull();
    expect(yuanToFen('')).toBeNull();
    expect(fenToYuan(12850)).toBe('128.50');
  });

  it('shows prices with core’s one formatter, as the pages and widgets do', () => {
    expect(formatMoney).toBe(coreFormatMoney);
    expect(formatMoney(1200, 'JPY', 'zh-CN')).toBe('JP¥1,200');
  });

  it('uses the currency’s own decimals: ¥1200 JPY is 1200, not 12.00', () => {
    expect(fenToYuan(1200, 'JPY')).toBe('1200');
    expect(yuanToFen('1200', 'JPY')).toBe(1200);
    expect(yuanToFen('12.5', 'JPY')).toBeNull();
    expect(fenToYuan(123456789)).toBe('1234567.89');
  });
});
