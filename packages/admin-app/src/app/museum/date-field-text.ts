/**
 * The date field's strings in both locales. Apart from the museum's string table so the story
 * form (in the app's entry) can show the field without loading the museum screens.
 */
import { useWorkspace } from '../workspace';

const zh = {
  date: '时间',
  precision: '精确到',
  precision_day: '某年某月某日',
  precision_month: '某年某月',
  precision_year: '某一年',
  precision_range: '起止年份',
  precision_decade: '年代（如 1930 年代）',
  precision_century: '世纪',
  precision_period: '朝代 / 时期',
  year: '年份（公元前用负数，如 -206）',
  month: '月',
  day: '日',
  fromYear: '起始年份',
  toYear: '结束年份',
  decade: '年代（以 0 结尾，如 1930）',
  century: '世纪（如 19 表示 1801–1900 年）',
  period: '朝代 / 时期',
  circa: '大约（显示“约”）',
  dateLabelZh: '时间的原话（中文，可不填，如“光绪年间”）',
  dateLabelEn: '时间的原话（英文，可不填）',
  datePreview: '显示为：',
  needYear: '请填写年份（整数，不能是 0）。',
  needDecade: '年代要以 0 结尾，如 1930。',
  needCentury: '请填写世纪（整数，不能是 0）。',
  rangeBackwards: '结束年份不能早于起始年份。',
  needMonth: '月份是 1 到 12。',
  needDay: '这个月没有这一天。',
  noDate: '不填',
};

/** A key of the date field's strings. */
export type DateFieldKey = keyof typeof zh;

const en: Record<DateFieldKey, string> = {
  date: 'Date',
  precision: 'Precision',
  precision_day: 'Exact day',
  precision_month: 'Month',
  precision_year: 'Year',
  precision_range: 'Range of years',
  precision_decade: 'Decade (e.g. the 1930s)',
  precision_century: 'Century',
  precision_period: 'Dynasty / period',
  year: 'Year (negative for BCE, e.g. -206)',
  month: 'Month',
  day: 'Day',
  fromYear: 'From year',
  toYear: 'To year',
  decade: 'Decade (ends in 0, e.g. 1930)',
  century: 'Century (19 = 1801–1900)',
  period: 'Dynasty / period',
  circa: 'Approximate (shown as “c.”)',
  dateLabelZh: 'Date as written (Chinese, optional, e.g. 光绪年间)',
  dateLabelEn: 'Date as written (English, optional)',
  datePreview: 'Shown as: ',
  needYear: 'Enter a year (a whole number, not 0).',
  needDecade: 'A decade ends in 0, e.g. 1930.',
  needCentury: 'Enter a century (a whole number, not 0).',
  rangeBackwards: 'The range ends before it starts.',
  needMonth: 'The month is 1 to 12.',
  needDay: 'That month has no such day.',
  noDate: 'Not given',
};

/** The date field's strings by locale (the museum's table spreads them into its own). */
export const DATE_FIELD_TEXT = { 'zh-CN': zh, en } as const;

/**
 * The date field's translator in the UI's language.
 *
 * @example
 * const d = useDateFieldText();
 * d('circa') // '大约（显示“约”）'
 */
export function useDateFieldText() {
  const { locale } = useWorkspace();
  return (key: DateFieldKey) => DATE_FIELD_TEXT[locale][key];
}
