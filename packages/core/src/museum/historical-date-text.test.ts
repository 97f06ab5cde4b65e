import { describe, expect, it } from 'vitest';
import { parseHistoricalDateText } from './historical-date-text';

describe('reading a chronicle date as written (issue 11)', () => {
  it.each([
    ['1935', { precision: 'year', year: 1935 }],
    ['1935年', { precision: 'year', year: 1935 }],
    ['一九三五年', { precision: 'year', year: 1935 }],
    ['１９３５', { precision: 'year', year: 1935 }],
    ['公元前206年', { precision: 'year', year: -206 }],
    ['206 BC', { precision: 'year', year: -206 }],
    ['1935年6月', { precision: 'month', year: 1935, month: 6 }],
    ['1935-06-01', { precision: 'day', year: 1935, month: 6, day: 1 }],
    ['1935年6月1日', { precision: 'day', year: 1935, month: 6, day: 1 }],
    ['约1900', { precision: 'year', year: 1900, circa: true }],
    ['1900年前后', { precision: 'year', year: 1900, circa: true }],
    ['c. 1900', { precision: 'year', year: 1900, circa: true }],
    ['1950-1958', { precision: 'range', fromYear: 1950, toYear: 1958 }],
    ['1950至1958年', { precision: 'range', fromYear: 1950, toYear: 1958 }],
    ['1960年代', { precision: 'decade', decade: 1960 }],
    ['1960s', { precision: 'decade', decade: 1960 }],
    ['19世纪', { precision: 'century', century: 19 }],
    ['清', { precision: 'period', period: 'qing' }],
    ['清朝', { precision: 'period', period: 'qing' }],
    ['清末', { precision: 'period', period: 'qing' }],
    ['清朝末年', { precision: 'period', period: 'qing' }],
    ['明代', { precision: 'period', period: 'ming' }],
    ['东汉', { precision: 'period', period: 'eastern-han' }],
    ['民国时期', { precision: 'period', period: 'republic' }],
    ['Qing dynasty', { precision: 'period', period: 'qing' }],
    ['明万历年间', { precision: 'range', fromYear: 1573, toYear: 1620 }],
    ['万历', { precision: 'range', fromYear: 1573, toYear: 1620 }],
    ['光绪二十年', { precision: 'year', year: 1894 }],
    ['康熙元年', { precision: 'year', year: 1662 }],
    ['民国二十四年', { precision: 'year', year: 1935 }],
    ['约清末', { precision: 'period', period: 'qing', circa: true }],
  ])('%s', (text, date) => {
    expect(parseHistoricalDateText(text)).toEqual({ ok: true, date });
  });

  it.each([
    ['', 'date_required'],
    ['  ', 'date_required'],
    ['很久以前', 'unreadable_date'],
    ['60年代', 'unreadable_date'],
    ['明末清初', 'unreadable_date'],
    ['清万历年间', 'unreadable_date'],
    ['1935年2月30日', 'impossible_date'],
    ['0年', 'impossible_date'],
    ['1958-1950', 'impossible_date'],
    ['光绪四十年', 'impossible_date'],
    ['民国五十年', 'impossible_date'],
  ])('%s is refused as %s', (text, reason) => {
    const reading = parseHistoricalDateText(text);
    expect(reading.ok).toBe(false);
    if (!reading.ok) expect(reading.reason).toBe(reason);
  });
});
