import type { Kysely, Transaction } from 'kysely';
import type { TerroirTables } from '../db/schema';
import { newId } from '../catalog/ids';
import { toJsonColumn as json } from '../catalog/catalog-rows';
import type { Cooperative } from '../catalog/types';
import { cooperativeFromRow } from './cooperative-mappers';

/*
 * The cooperatives table: a village's shop, its settings and its currency. Other modules
 * read a cooperative through these functions, never through the table.
 */

type Db = Kysely<TerroirTables> | Transaction<TerroirTables>;
const now = () => new Date().toISOString();

export type NewCooperative = Omit<Cooperative, 'id' | 'timezone' | 'defaultLocale' | 'currency'> &
  Partial<Pick<Cooperative, 'id' | 'timezone' | 'defaultLocale' | 'currency'>>;

/**
 * Inserts a cooperative and returns it with its id.
 *
 * @example
 * const coop = await createCooperative(db, { slug: 'laiyang-pear', name: { 'zh-CN': '莱阳梨合作社', en: 'Laiyang Pear Co-op' }, … });
 */
export async function createCooperative(db: Db, input: NewCooperative): Promise<Cooperative> {
  const coop: Cooperative = {
    defaultLocale: 'zh-CN',
    currency: 'CNY',
    timezone: 'Asia/Shanghai',
    ...input,
    id: input.id ?? newId('coop'),
  };
  const at = now();
  await db
    .insertInto('cooperatives')
    .values({
      id: coop.id,
      slug: coop.slug,
      name: json(coop.name),
      description: json(coop.description),
      place: json(coop.place),
      default_locale: coop.defaultLocale,
      currency: coop.currency,
      timezone: coop.timezone,
      contact: json(coop.contact),
      allowed_origins: json(coop.allowedOrigins),
      hero_image: coop.heroImage ? json(coop.heroImage) : null,
      created_at: at,
      updated_at: at,
    })
    .execute();
  return coop;
}

/**
 * Loads a cooperative by slug.
 *
 * @example
 * const coop = await loadCooperativeBySlug(db, 'laiyang-pear');
 */
export async function loadCooperativeBySlug(db: Db, slug: string): Promise<Cooperative | undefined> {
  const row = await db.selectFrom('cooperatives').selectAll().where('slug', '=', slug).executeTakeFirst();
  return row ? cooperativeFromRow(row) : undefined;
}

/**
 * Loads a cooperative by id.
 *
 * @example
 * const coop = await loadCooperativeById(db, order.cooperativeId);
 */
export async function loadCooperativeById(db: Db, id: string): Promise<Cooperative | undefined> {
  const row = await db.selectFrom('cooperatives').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? cooperativeFromRow(row) : undefined;
}

/**
 * The currency and time zone a cooperative prices and dates in; throws when it does not exist.
 *
 * @example
 * const { currency } = await cooperativePricing(trx, coopId);
 */
export async function cooperativePricing(db: Db, id: string): Promise<{ currency: string; timezone: string }> {
  return db.selectFrom('cooperatives').select(['currency', 'timezone']).where('id', '=', id).executeTakeFirstOrThrow();
}

/**
 * Cooperative slugs in slug order, at most `limit` of them (a single-village site asks for
 * two to learn whether it is one).
 *
 * @example
 * const [only, second] = await listCooperativeSlugs(db, 2);
 */
export async function listCooperativeSlugs(db: Db, limit = 1000): Promise<string[]> {
  const rows = await db.selectFrom('cooperatives').select('slug').orderBy('slug').limit(limit).execute();
  return rows.map((r) => r.slug);
}

/**
 * When a cooperative's own settings last changed, or `undefined` when it does not exist.
 *
 * @example
 * const at = await cooperativeUpdatedAt(db, coop.id);
 */
export async function cooperativeUpdatedAt(db: Db, id: string): Promise<string | undefined> {
  const row = await db.selectFrom('cooperatives').select('updated_at').where('id', '=', id).executeTakeFirst();
  return row?.updated_at;
}

export type CooperativeSettings = Pick<
  Cooperative,
  'name' | 'description' | 'place' | 'contact' | 'allowedOrigins' | 'currency' | 'defaultLocale' | 'timezone' | 'heroImage'
>;

/**
 * Writes a cooperative's editable settings as given. Callers that may change the currency
 * use `updateCooperativeSettings` (catalog), which first checks no variant is priced in
 * another one.
 *
 * @example
 * await saveCooperativeSettings(db, coop.id, settings);
 */
export async function saveCooperativeSettings(db: Db, cooperativeId: string, settings: CooperativeSettings): Promise<void> {
  await db
    .updateTable('cooperatives')
    .set({
      name: json(settings.name),
      description: json(settings.description),
      place: json(settings.place),
      contact: json(settings.contact),
      allowed_origins: json(settings.allowedOrigins),
      currency: settings.currency,
      default_locale: settings.defaultLocale,
      timezone: settings.timezone,
      // Absent means "none": the pages fall back to the first product's picture.
      hero_image: settings.heroImage ? json(settings.heroImage) : null,
      updated_at: now(),
    })
    .where('id', '=', cooperativeId)
    .execute();
}
