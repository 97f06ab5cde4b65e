import type { Context } from 'hono';
import { negotiateLocale, type Locale } from '@terroir/core';

/**
 * The locale to serve: `?lang` (already validated), else the best of `Accept-Language`,
 * else the cooperative's default. Sets `Content-Language` and `Vary: Accept-Language`.
 *
 * @example
 * const locale = requestLocale(c, query.lang, coop.defaultLocale);
 */
export function requestLocale(c: Context, lang: Locale | undefined, defaultLocale: Locale): Locale {
  const locale = chooseLocale(c, lang, defaultLocale);
  c.header('Content-Language', locale);
  c.header('Vary', 'Accept-Language', { append: true });
  return locale;
}

/**
 * The locale {@link requestLocale} would serve, without touching the response headers.
 *
 * @example
 * chooseLocale(c, undefined, 'zh-CN') // 'en' for `Accept-Language: en-GB`
 */
export function chooseLocale(c: Context, lang: Locale | undefined, defaultLocale: Locale): Locale {
  return lang ?? negotiateLocale(c.req.header('accept-language')) ?? defaultLocale;
}
