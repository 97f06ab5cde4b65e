import { describe, expect, it } from 'vitest';
import { compareHistoricalDates, formatHistoricalDate, historicalSortKey, yearSpan, type HistoricalDate } from './historical-date';
import { historicalDateSchema } from './historical-date-schema';

const qing: HistoricalDate = { precision: 'period', period: 'qing' };
const circa1900: HistoricalDate = { precision: 'year', year: 1900, circa: true };
const y1935: HistoricalDate = { precision: 'year', year: 1935 };
const june1935: HistoricalDate = { precision: 'day', year: 1935, month: 6, day: 1 };
const thirties: HistoricalDate = { precision: 'decade', decade: 1930 };
const easternHan: HistoricalDate = { precision: 'period', period: 'eastern-han' };
const c19: HistoricalDate = { precision: 'century', century: 19 };
const bce: HistoricalDate = { precision: 'year', year: -206 };
const today: HistoricalDate = { precision: 'period', period: 'prc' };

describe('historical dates (issue 11: time you can sort)', () => {
  it('puts a timeline in order across precisions and periods', () => {
    const shuffled = [june1935, today, circa1900, thirties, y1935, qing, bce, c19, easternHan];
    const sorted = [...shuffled].sort(compareHistoricalDates);
    expect(sorted).toEqual([bce, easternHan, qing, c19, circa1900, thirties, y1935, june1935, today]);
    // The issue's examples: a 清代 entry before 1935, and "circa 1900" after 清 begins.
    expect(compareHistoricalDates(qing, y1935)).toBeLessThan(0);
    expect(compareHistoricalDates(circa1900, qing)).toBeGreaterThan(0);
  });

  it('gives each precision its span of years, BCE included and no year 0', () => {
    expect(yearSpan(qing)).toEqual({ from: 1644, to: 1912 });
    expect(yearSpan(easternHan)).toEqual({ from: 25, to: 220 });
    expect(yearSpan(c19)).toEqual({ from: 1801, to: 1900 });
    expect(yearSpan({ precision: 'century', century: -3 })).toEqual({ from: -300, to: -201 });
    expect(yearSpan(thirties)).toEqual({ from: 1930, to: 1939 });
    expect(yearSpan(today, 2026)).toEqual({ from: 1949, to: 2026 });
    expect(historicalSortKey(june1935)).toBe(19350601);
    expect(historicalSortKey(qing)).toBeLessThan(historicalSortKey(circa1900));
  });

  it('reads the date in Chinese and English, with circa and the period’s years; a free-text label wins', () => {
    expect(formatHistoricalDate(qing, 'zh-CN')).toBe('清（1644–1912年）');
    expect(formatHistoricalDate(qing, 'en')).toBe('Qing dynasty (1644–1912)');
    expect(formatHistoricalDate(circa1900, 'zh-CN')).toBe('约1900年');
    expect(formatHistoricalDate(circa1900, 'en')).toBe('c. 1900');
    expect(formatHistoricalDate(june1935, 'zh-CN')).toBe('1935年6月1日');
    expect(formatHistoricalDate(june1935, 'en')).toBe('1 June 1935');
    expect(formatHistoricalDate(thirties, 'zh-CN')).toBe('1930年代');
    expect(formatHistoricalDate(thirties, 'en')).toBe('1930s');
    expect(formatHistoricalDate(c19, 'en')).toBe('19th century');
    expect(formatHistoricalDate({ precision: 'century', century: 21 }, 'en')).toBe('21st century');
    expect(formatHistoricalDate(bce, 'zh-CN')).toBe('公元前206年');
    expect(formatHistoricalDate(bce, 'en')).toBe('206 BCE');
    expect(formatHistoricalDate({ precision: 'range', fromYear: -202, toYear: 8 }, 'zh-CN')).toBe('公元前202–8年');
    expect(formatHistoricalDate({ ...qing, label: { 'zh-CN': '光绪年间' } }, 'zh-CN')).toBe('光绪年间');
    expect(formatHistoricalDate({ ...qing, label: { 'zh-CN': '光绪年间' } }, 'en')).toBe('Qing dynasty (1644–1912)');
  });

  it('refuses dates that do not exist, saying why', () => {
    const refusal = (input: unknown) => {
      const result = historicalDateSchema.safeParse(input);
      return result.success ? null : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    };
    expect(refusal({ precision: 'year', year: 0 })).toMatch(/^year: there is no year 0/);
    expect(refusal({ precision: 'day', year: 1935, month: 2, day: 30 })).toMatch(/^day: 1935-2 has 28 days/);
    expect(refusal({ precision: 'day', year: 2024, month: 2, day: 29 })).toBeNull();
    expect(refusal({ precision: 'range', fromYear: 1950, toYear: 1900 })).toMatch(/^toYear: the range ends before it starts/);
    expect(refusal({ precision: 'decade', decade: 1935 })).toMatch(/^decade: a decade starts/);
    expect(refusal({ precision: 'period', period: 'atlantis' })).toMatch(/^period:/);
    expect(refusal({ precision: 'year', year: 1.5 })).toMatch(/^year:/);
  });
});
