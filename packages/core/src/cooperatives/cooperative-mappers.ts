import type { Selectable } from 'kysely';
import { z } from 'zod';
import type { TerroirTables } from '../db/schema';
import { parseJsonColumn } from '../db/json-column';
import { isLocale } from '../locale/locale';
import { contactSchema, imageRefSchema, localizedTextSchema, placeSchema } from '../catalog/catalog-column-schemas';
import type { Cooperative } from '../catalog/types';

/** The locale a cooperative falls back on when its stored default is not one we serve. */
export const FALLBACK_DEFAULT_LOCALE = 'zh-CN' as const;

/**
 * A cooperative row as the domain type: the one mapper the storefront and the editor share.
 * An unknown `default_locale` reads as zh-CN (a mistyped setting must not take the shop
 * down); a damaged JSON column throws `CorruptRowError`.
 *
 * @example
 * const coop = cooperativeFromRow(await db.selectFrom('cooperatives').selectAll().where('slug', '=', slug).executeTakeFirstOrThrow());
 */
export function cooperativeFromRow(row: Selectable<TerroirTables['cooperatives']>): Cooperative {
  const ref = (column: string) => ({ table: 'cooperatives', id: row.id, column });
  return {
    id: row.id,
    slug: row.slug,
    name: parseJsonColumn(localizedTextSchema, row.name, ref('name')),
    description: parseJsonColumn(localizedTextSchema, row.description, ref('description')),
    place: parseJsonColumn(placeSchema, row.place, ref('place')),
    defaultLocale: isLocale(row.default_locale) ? row.default_locale : FALLBACK_DEFAULT_LOCALE,
    currency: row.currency,
    timezone: row.timezone,
    contact: parseJsonColumn(contactSchema, row.contact, ref('contact')),
    allowedOrigins: parseJsonColumn(z.array(z.string()), row.allowed_origins, ref('allowed_origins')),
    ...(row.hero_image ? { heroImage: parseJsonColumn(imageRefSchema, row.hero_image, ref('hero_image')) } : {}),
  };
}
