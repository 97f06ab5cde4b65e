/** Locales every localized field must carry. Order matters: it is the fallback order after the cooperative's default. */
export const LOCALES = ['zh-CN', 'en'] as const;

/** A locale Terroir serves: simplified Chinese or English. */
export type Locale = (typeof LOCALES)[number];

/**
 * A text in several locales. zh-CN and en are expected; either may be missing while a
 * translation is pending, and readers fall back to the cooperative's default locale.
 */
export type LocalizedText = Partial<Record<Locale, string>>;

/** True when `value` names a locale Terroir serves. */
export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/**
 * Maps a loose language tag (`zh`, `zh-Hans-CN`, `en-GB`, `EN`) onto a served locale, or
 * `undefined` when we serve nothing close to it.
 *
 * @example
 * normalizeLocale('zh-Hans') // 'zh-CN'
 * normalizeLocale('en-GB')   // 'en'
 * normalizeLocale('fr')      // undefined
 */
export function normalizeLocale(tag: string | undefined | null): Locale | undefined {
  if (!tag) return undefined;
  const lower = tag.trim().toLowerCase();
  if (lower === '') return undefined;
  const primary = lower.split(/[-_]/)[0];
  if (primary === 'zh') {
    // Traditional-script tags still get simplified Chinese: it is the only Chinese we hold.
    return 'zh-CN';
  }
  if (primary === 'en') return 'en';
  return undefined;
}

/**
 * Picks the best served locale from an `Accept-Language` header, honouring q-values.
 *
 * @example
 * negotiateLocale('fr-FR, en;q=0.8, zh;q=0.9') // 'zh-CN'
 */
export function negotiateLocale(acceptLanguage: string | undefined | null): Locale | undefined {
  if (!acceptLanguage) return undefined;
  const ranked = acceptLanguage
    .split(',')
    .slice(0, 20)
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const q = qParam ? Number(qParam.slice(2)) : 1;
      return { tag, q: Number.isFinite(q) ? q : 0, index };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const entry of ranked) {
    const locale = normalizeLocale(entry.tag);
    if (locale) return locale;
  }
  return undefined;
}

/** The text chosen for a reader, and the locale it is actually in. */
export interface LocalizedPick {
  value: string;
  locale: Locale;
}

/**
 * Reads a localized text in `wanted`, falling back to the cooperative's `fallback` locale,
 * then to any locale present. Returns `undefined` only when the text is empty everywhere.
 *
 * @example
 * pickLocalized({ 'zh-CN': '莱阳梨' }, 'en', 'zh-CN') // { value: '莱阳梨', locale: 'zh-CN' }
 */
export function pickLocalized(text: LocalizedText | null | undefined, wanted: Locale, fallback: Locale): LocalizedPick | undefined {
  if (!text) return undefined;
  for (const locale of [wanted, fallback, ...LOCALES]) {
    const value = text[locale];
    if (typeof value === 'string' && value.trim() !== '') return { value, locale };
  }
  return undefined;
}
