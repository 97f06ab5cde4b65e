// The strings most widgets use live in one module per language (messages.zh-CN.ts,
// messages.en.ts): the loader fetches only the page's language as a chunk of its own and hands
// it to the widget (widget-mount.ts); the Preact components' entry (index.ts) adds both.
// Strings only one lazily loaded widget needs live in its own chunk as [zh-CN, en] pairs
// (`translator(lang, TABLE)`), both languages in one table: smaller than two.
import type ZH from './messages.zh-CN';
import type { Locale } from './types';

/** A key of the shared strings. */
export type MessageKey = keyof typeof ZH;

/** The shared strings of one language. */
export type Messages = Record<MessageKey, string>;

const loaded: Partial<Record<Locale, Messages>> = {};

/**
 * Makes one language's shared strings available to {@link translator}.
 *
 * @example
 * addMessages('en', (await import('./messages.en')).default);
 */
export function addMessages(locale: Locale, messages: Messages): void {
  loaded[locale] = messages;
}

/**
 * The locale a widget speaks: the one asked for once its strings are here, else the other
 * (whose strings are). A page that changes `<html lang>` without touching the element keeps
 * text and `lang` in one language until the loader has fetched the new one.
 *
 * @example
 * spoken('en') // 'en' after addMessages('en', …), else 'zh-CN'
 */
export function spoken(locale: Locale): Locale {
  return loaded[locale] ? locale : locale === 'en' ? 'zh-CN' : 'en';
}

/** A widget's own strings: key → [zh-CN, en]. */
export type MessageTable = Record<string, [zh: string, en: string]>;

/**
 * Maps a loose language tag onto a locale the widgets speak; anything not English is zh-CN,
 * the cooperatives' own language.
 *
 * @example
 * localeOf('en-GB') // 'en'
 * localeOf(undefined) // 'zh-CN'
 */
export function localeOf(tag: string | null | undefined): Locale {
  return tag && /^en\b/i.test(tag) ? 'en' : 'zh-CN';
}

/** Looks a key up in a table and fills `{n}`-style variables. */
export type Translate<K extends string> = (key: K, vars?: Record<string, string | number>) => string;

/**
 * The translator for a locale, of the shared strings (once added) or of a widget's own table:
 * `t('cartCount', { n: 3 })`.
 *
 * @example
 * translator('en')('add') // 'Add to cart'
 * translator('en', { hi: ['你好', 'Hello'] })('hi') // 'Hello'
 */
export function translator(locale: Locale): Translate<MessageKey>;
export function translator<T extends MessageTable>(locale: Locale, table: T): Translate<keyof T & string>;
export function translator(locale: Locale, table?: MessageTable): Translate<string> {
  return (key, vars) =>
    (table ? table[key]![+(locale === 'en')]! : loaded[locale]![key as MessageKey]).replace(/\{(\w+)\}/g, (_, name: string) => String(vars?.[name] ?? ''));
}
