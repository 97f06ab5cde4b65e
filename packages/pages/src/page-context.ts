import { pickLocalized, type Cooperative, type Locale, type LocalizedText } from '@terroir/core';
import { messagesFor, type PageMessages } from './page-messages';
import type { PageUrls } from './page-urls';

/** What every view needs: the served locale, the cooperative, URL builders and strings. */
export interface PageContext {
  locale: Locale;
  coop: Cooperative;
  urls: PageUrls;
  t: PageMessages;
  /** A localized text in the served locale, falling back to the cooperative's default ('' when empty everywhere). */
  pick: (text: LocalizedText | null | undefined) => string;
  /** The locale `pick` actually found the text in (for a `lang` attribute when it fell back). */
  pickLocale: (text: LocalizedText | null | undefined) => Locale;
  /** Where the widgets bundle is, or null for pages without widgets. */
  widgetsUrl: string | null;
  /** The storefront API base the widgets call (`/api`). */
  apiUrl: string;
  /** Pickup point for the cart's built-in checkout, when the site offers one. */
  pickupPointId: string | undefined;
  /** Raster share images are served (`/share/…`): pages point og:image there and offer a poster. */
  shareImages?: boolean;
}

/**
 * The context of one page render.
 *
 * @example
 * const ctx = pageContext({ locale: 'en', coop, urls, widgetsUrl: '/widgets/v1/terroir.js', apiUrl: '/api' });
 * ctx.pick(coop.name) // 'Laiyang Pear Village Cooperative'
 */
export function pageContext(options: Omit<PageContext, 't' | 'pick' | 'pickLocale' | 'pickupPointId'> & { pickupPointId?: string }): PageContext {
  const { locale, coop } = options;
  return {
    ...options,
    pickupPointId: options.pickupPointId,
    t: messagesFor(locale),
    pick: (text) => pickLocalized(text, locale, coop.defaultLocale)?.value ?? '',
    pickLocale: (text) => pickLocalized(text, locale, coop.defaultLocale)?.locale ?? locale,
  };
}
