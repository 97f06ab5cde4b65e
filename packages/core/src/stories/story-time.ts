import { pickLocalized, type Locale, type LocalizedText } from '../locale/locale';
import { formatHistoricalDate, type HistoricalDate } from '../museum/historical-date';

/**
 * How a story's time reads for a visitor: its date in `locale` (the date's label in that locale
 * wins, "circa" is shown), else its free `era` text (in `locale`, the fallback or any locale).
 * Null when it has neither.
 *
 * @example
 * storyTimeText({ date: { precision: 'period', period: 'qing', circa: true } }, 'en', 'zh-CN') // { text: 'c. Qing dynasty (1644–1912)', locale: 'en' }
 * storyTimeText({ era: { 'zh-CN': '世代相传' } }, 'en', 'zh-CN') // { text: '世代相传', locale: 'zh-CN' }
 */
export function storyTimeText(
  story: { date?: HistoricalDate; era?: LocalizedText },
  locale: Locale,
  fallback: Locale,
): { text: string; locale: Locale } | null {
  if (story.date) return { text: formatHistoricalDate(story.date, locale), locale };
  const era = pickLocalized(story.era, locale, fallback);
  return era ? { text: era.value, locale: era.locale } : null;
}
