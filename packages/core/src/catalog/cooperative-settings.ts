import type { Kysely, Transaction } from 'kysely';
import type { TerroirTables } from '../db/schema';
import { saveCooperativeSettings, type CooperativeSettings } from '../cooperatives/cooperatives';

type Db = Kysely<TerroirTables> | Transaction<TerroirTables>;

/**
 * Saves a cooperative's editable settings. Refuses to change the currency while variants
 * are priced in another one (a shop with two currencies cannot quote a cart).
 *
 * @example
 * await updateCooperativeSettings(db, coop.id, { ...settings, allowedOrigins: ['https://village.example.cn'] });
 */
export async function updateCooperativeSettings(db: Db, cooperativeId: string, settings: CooperativeSettings): Promise<'ok' | 'currency_in_use'> {
  const other = await db
    .selectFrom('variants')
    .innerJoin('products', 'products.id', 'variants.product_id')
    .select('variants.id')
    .where('products.cooperative_id', '=', cooperativeId)
    .where('variants.currency', '<>', settings.currency)
    .executeTakeFirst();
  if (other) return 'currency_in_use';
  await saveCooperativeSettings(db, cooperativeId, settings);
  return 'ok';
}
