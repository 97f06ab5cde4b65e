import type { Locale, LocalizedText } from '../locale/locale';

/*
 * Dates a village museum can sort: a chronicle entry "in the Qing dynasty", a story "around
 * 1900", a photograph "1935-06-01" and a tree "planted in the 1930s" must land on one timeline.
 * Years are historical years: negative for BCE (−206 is 206 BCE), no year 0.
 */

/**
 * Chinese historical periods with their conventional year ranges (as in school textbooks;
 * start and end years of a dynasty are conventions, and overlaps such as 元/宋 are real).
 * `to: null` means "to today".
 */
export const HISTORICAL_PERIODS = [
  { id: 'shang', name: { 'zh-CN': '商', en: 'Shang dynasty' }, from: -1600, to: -1046 },
  { id: 'western-zhou', name: { 'zh-CN': '西周', en: 'Western Zhou' }, from: -1046, to: -771 },
  { id: 'spring-autumn', name: { 'zh-CN': '春秋', en: 'Spring and Autumn period' }, from: -770, to: -476 },
  { id: 'warring-states', name: { 'zh-CN': '战国', en: 'Warring States period' }, from: -475, to: -221 },
  { id: 'qin', name: { 'zh-CN': '秦', en: 'Qin dynasty' }, from: -221, to: -207 },
  { id: 'han', name: { 'zh-CN': '汉', en: 'Han dynasty' }, from: -202, to: 220 },
  { id: 'western-han', name: { 'zh-CN': '西汉', en: 'Western Han' }, from: -202, to: 8 },
  { id: 'eastern-han', name: { 'zh-CN': '东汉', en: 'Eastern Han' }, from: 25, to: 220 },
  { id: 'three-kingdoms', name: { 'zh-CN': '三国', en: 'Three Kingdoms' }, from: 220, to: 280 },
  { id: 'jin', name: { 'zh-CN': '晋', en: 'Jin dynasty' }, from: 266, to: 420 },
  { id: 'northern-southern', name: { 'zh-CN': '南北朝', en: 'Northern and Southern dynasties' }, from: 420, to: 589 },
  { id: 'sui', name: { 'zh-CN': '隋', en: 'Sui dynasty' }, from: 581, to: 618 },
  { id: 'tang', name: { 'zh-CN': '唐', en: 'Tang dynasty' }, from: 618, to: 907 },
  { id: 'five-dynasties', name: { 'zh-CN': '五代十国', en: 'Five Dynasties and Ten Kingdoms' }, from: 907, to: 979 },
  { id: 'song', name: { 'zh-CN': '宋', en: 'Song dynasty' }, from: 960, to: 1279 },
  { id: 'northern-song', name: { 'zh-CN': '北宋', en: 'Northern Song' }, from: 960, to: 1127 },
  { id: 'southern-song', name: { 'zh-CN': '南宋', en: 'Southern Song' }, from: 1127, to: 1279 },
  { id: 'yuan', name: { 'zh-CN': '元', en: 'Yuan dynasty' }, from: 1271, to: 1368 },
  { id: 'ming', name: { 'zh-CN': '明', en: 'Ming dynasty' }, from: 1368, to: 1644 },
  { id: 'qing', name: { 'zh-CN': '清', en: 'Qing dynasty' }, from: 1644, to: 1912 },
  { id: 'republic', name: { 'zh-CN': '民国', en: 'Republic of China' }, from: 1912, to: 1949 },
  { id: 'prc', name: { 'zh-CN': '1949 年后', en: 'Since 1949' }, from: 1949, to: null },
] as const satisfies ReadonlyArray<{ id: string; name: Required<LocalizedText>; from: number; to: number | null }>;

export type HistoricalPeriodId = (typeof HISTORICAL_PERIODS)[number]['id'];
const periodById = new Map<string, (typeof HISTORICAL_PERIODS)[number]>(HISTORICAL_PERIODS.map((p) => [p.id, p]));

/** Localized free text kept for display ("光绪年间", "Handed down over generations"). */
type DateLabel = Partial<Record<Locale, string>>;
interface DateCommon {
  circa?: boolean;
  label?: DateLabel;
}

/**
 * A date with its precision: exact day, month, year, year range, decade, century or a Chinese
 * period. Validated by `historicalDateSchema` (historical-date-schema.ts); this module stays free
 * of zod so browser code (the admin app) can format and sort dates without it.
 */
export type HistoricalDate =
  | ({ precision: 'day'; year: number; month: number; day: number } & DateCommon)
  | ({ precision: 'month'; year: number; month: number } & DateCommon)
  | ({ precision: 'year'; year: number } & DateCommon)
  | ({ precision: 'range'; fromYear: number; toYear: number } & DateCommon)
  | ({ precision: 'decade'; decade: number } & DateCommon)
  | ({ precision: 'century'; century: number } & DateCommon)
  | ({ precision: 'period'; period: HistoricalPeriodId } & DateCommon);

/**
 * Days in a month of a historical year (proleptic Gregorian leap rule, CE only).
 *
 * @example
 * daysInMonth(2024, 2) // 29
 */
export function daysInMonth(y: number, month: number): number {
  const leap = y > 0 && ((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0);
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
}

/**
 * The first and last year a date covers (BCE negative), for sorting, filtering a timeline by
 * period, and `temporalCoverage`. A period still running ends in `currentYear`.
 *
 * @example
 * yearSpan({ precision: 'period', period: 'qing' }) // { from: 1644, to: 1912 }
 * yearSpan({ precision: 'century', century: 19 }) // { from: 1801, to: 1900 }
 */
export function yearSpan(date: HistoricalDate, currentYear = new Date().getUTCFullYear()): { from: number; to: number } {
  switch (date.precision) {
    case 'day':
    case 'month':
    case 'year':
      return { from: date.year, to: date.year };
    case 'range':
      return { from: date.fromYear, to: date.toYear };
    case 'decade':
      return { from: date.decade, to: date.decade + 9 };
    case 'century':
      return date.century > 0 ? { from: (date.century - 1) * 100 + 1, to: date.century * 100 } : { from: date.century * 100, to: (date.century + 1) * 100 - 1 };
    case 'period': {
      const period = periodById.get(date.period)!;
      return { from: period.from, to: period.to ?? currentYear };
    }
  }
}

const PRECISION_ORDER: Record<HistoricalDate['precision'], number> = { period: 0, century: 1, decade: 2, range: 3, year: 4, month: 5, day: 6 };

/**
 * Orders two dates on a timeline: by the year each starts, then the wider span first (a
 * dynasty before an event inside its first year), then month and day. Stable for equal dates.
 *
 * @example
 * entries.sort((a, b) => compareHistoricalDates(a.date, b.date));
 * // 清 (1644–1912) < circa 1900 < 1930s < 1935-06-01
 */
export function compareHistoricalDates(a: HistoricalDate, b: HistoricalDate): number {
  const spanA = yearSpan(a);
  const spanB = yearSpan(b);
  if (spanA.from !== spanB.from) return spanA.from - spanB.from;
  if (spanA.to !== spanB.to) return spanB.to - spanA.to;
  const monthA = 'month' in a ? a.month : 0;
  const monthB = 'month' in b ? b.month : 0;
  if (monthA !== monthB) return monthA - monthB;
  const dayA = a.precision === 'day' ? a.day : 0;
  const dayB = b.precision === 'day' ? b.day : 0;
  if (dayA !== dayB) return dayA - dayB;
  return PRECISION_ORDER[a.precision] - PRECISION_ORDER[b.precision];
}

/**
 * A sortable number for a date (its first year, × 10,000, plus month and day), stored beside the
 * date so a database can order a timeline with an index. Ties are ordered by the wider span
 * first when {@link compareHistoricalDates} is used.
 *
 * @example
 * historicalSortKey({ precision: 'day', year: 1935, month: 6, day: 1 }) // 19350601
 */
export function historicalSortKey(date: HistoricalDate): number {
  const { from } = yearSpan(date);
  const month = 'month' in date ? date.month : 0;
  const day = date.precision === 'day' ? date.day : 0;
  return from * 10_000 + month * 100 + day;
}

const yearText = (y: number, locale: Locale) => (locale === 'zh-CN' ? (y < 0 ? `公元前${-y}年` : `${y}年`) : y < 0 ? `${-y} BCE` : `${y}`);
const bareYear = (y: number, locale: Locale) => (y < 0 ? (locale === 'zh-CN' ? `公元前${-y}` : `${-y} BCE`) : `${y}`);
const ordinal = (n: number) => `${n}${n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th')}`;
const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/**
 * The date as a visitor reads it, in Chinese or English; `circa` is shown ("约" / "c."), and a
 * period carries its years. The free-text `label`, when there is one for the locale, wins.
 *
 * @example
 * formatHistoricalDate({ precision: 'period', period: 'qing' }, 'zh-CN') // '清（1644–1912年）'
 * formatHistoricalDate({ precision: 'year', year: 1900, circa: true }, 'en') // 'c. 1900'
 */
export function formatHistoricalDate(date: HistoricalDate, locale: Locale): string {
  const label = date.label?.[locale];
  if (label) return label;
  const zh = locale === 'zh-CN';
  const circa = date.circa ? (zh ? '约' : 'c. ') : '';
  switch (date.precision) {
    case 'day':
      return (
        circa + (zh ? `${yearText(date.year, locale)}${date.month}月${date.day}日` : `${date.day} ${MONTHS_EN[date.month - 1]} ${bareYear(date.year, locale)}`)
      );
    case 'month':
      return circa + (zh ? `${yearText(date.year, locale)}${date.month}月` : `${MONTHS_EN[date.month - 1]} ${bareYear(date.year, locale)}`);
    case 'year':
      return circa + yearText(date.year, locale);
    case 'range':
      return (
        circa +
        (zh ? `${bareYear(date.fromYear, locale)}–${bareYear(date.toYear, locale)}年` : `${bareYear(date.fromYear, locale)}–${bareYear(date.toYear, locale)}`)
      );
    case 'decade':
      return circa + (zh ? `${bareYear(date.decade, locale)}年代` : `${bareYear(date.decade, locale)}s`);
    case 'century':
      return (
        circa +
        (zh
          ? `${date.century < 0 ? `公元前${-date.century}` : date.century}世纪`
          : date.century < 0
            ? `${ordinal(-date.century)} century BCE`
            : `${ordinal(date.century)} century`)
      );
    case 'period': {
      const period = periodById.get(date.period)!;
      const years =
        period.to === null
          ? zh
            ? `${period.from}年至今`
            : `${period.from}–today`
          : zh
            ? `${bareYear(period.from, locale)}–${bareYear(period.to, locale)}年`
            : `${bareYear(period.from, locale)}–${bareYear(period.to, locale)}`;
      if (period.id === 'prc') return circa + period.name[locale];
      return circa + (zh ? `${period.name[locale]}（${years}）` : `${period.name[locale]} (${years})`);
    }
  }
}
