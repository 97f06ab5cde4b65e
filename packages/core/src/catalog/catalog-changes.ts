import type { Kysely, Transaction } from 'kysely';
import type { TerroirTables } from '../db/schema';

/*
 * When public catalog pages last changed, for sitemaps and caches: active products (a
 * variant's price or stock change counts as a change of its product) and producers.
 */

type Db = Kysely<TerroirTables> | Transaction<TerroirTables>;

/**
 * Every active product of a cooperative with the later of its own and its variants' last
 * change, by position.
 *
 * @example
 * const products = await activeProductChanges(db, coop.id); // [{ id, slug, updatedAt }]
 */
export async function activeProductChanges(db: Db, cooperativeId: string): Promise<Array<{ id: string; slug: string; updatedAt: string }>> {
  const [products, variants] = await Promise.all([
    db
      .selectFrom('products')
      .select(['id', 'slug', 'updated_at'])
      .where('cooperative_id', '=', cooperativeId)
      .where('status', '=', 'active')
      .orderBy('position')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('variants as v')
      .innerJoin('products as p', 'p.id', 'v.product_id')
      .select(['v.product_id', (eb) => eb.fn.max('v.updated_at').as('updated_at')])
      .where('p.cooperative_id', '=', cooperativeId)
      .where('p.status', '=', 'active')
      .groupBy('v.product_id')
      .execute(),
  ]);
  const variantChange = new Map(variants.map((v) => [v.product_id, String(v.updated_at)]));
  return products.map((p) => {
    const variantAt = variantChange.get(p.id);
    return { id: p.id, slug: p.slug, updatedAt: variantAt !== undefined && variantAt > p.updated_at ? variantAt : p.updated_at };
  });
}

/**
 * Every producer of a cooperative with its last change, by slug.
 *
 * @example
 * const producers = await producerChanges(db, coop.id); // [{ slug, updatedAt }]
 */
export async function producerChanges(db: Db, cooperativeId: string): Promise<Array<{ slug: string; updatedAt: string }>> {
  const rows = await db.selectFrom('producers').select(['slug', 'updated_at']).where('cooperative_id', '=', cooperativeId).orderBy('slug').execute();
  return rows.map((r) => ({ slug: r.slug, updatedAt: r.updated_at }));
}
