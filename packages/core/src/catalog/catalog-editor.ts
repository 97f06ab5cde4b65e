import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { TerroirTables } from '../db/schema';
import { newId } from './ids';
import { escapeLike } from './search-text';
import { refreshProductPriceFrom } from './catalog-writer';
import { productColumns, producerColumns, variantColumns } from './catalog-rows';
import { producerFromRow, productFromRow, variantFromRow } from './catalog-mappers';
import type { Producer, Product, Variant } from './types';
import { indexProduct, unindexDocument, inWriteTransaction } from '../search/search-index';

// Kept importable from here: these moved to the stories, inventory and cooperatives modules.
export { cooperativeFromRow } from '../cooperatives/cooperative-mappers';
export { loadCooperativeBySlug, type CooperativeSettings } from '../cooperatives/cooperatives';
export { producerFromRow, productFromRow, variantFromRow } from './catalog-mappers';
export { storyFromRow } from '../stories/story-mappers';
export { updateCooperativeSettings } from './cooperative-settings';

/*
 * The editing side of the catalog: read a record whole, change it, delete it. Every
 * function takes the cooperative id and puts it in its WHERE clause, so a caller that forgot
 * to check ownership still cannot reach another cooperative's rows.
 */

type Db = Kysely<TerroirTables> | Transaction<TerroirTables>;
const now = () => new Date().toISOString();

// ---------------------------------------------------------------------------------------
// Listing

export interface EditorListQuery {
  q?: string;
  status?: string;
  limit?: number;
  offset?: number;
}

function bounds(query: EditorListQuery) {
  return { limit: Math.min(Math.max(query.limit ?? 50, 1), 200), offset: Math.max(query.offset ?? 0, 0) };
}

/** A cooperative's producers for the editor (all of them, by name search). */
export async function listProducersForEditing(
  db: Db,
  cooperativeId: string,
  query: EditorListQuery = {},
): Promise<{ items: Producer[]; nextOffset: number | null }> {
  const { limit, offset } = bounds(query);
  let q = db.selectFrom('producers').selectAll().where('cooperative_id', '=', cooperativeId);
  if (query.q) q = q.where(sql<boolean>`search_text like ${`%${escapeLike(query.q.toLowerCase())}%`} escape '\\'`);
  const rows = await q
    .orderBy('slug')
    .orderBy('id')
    .limit(limit + 1)
    .offset(offset)
    .execute();
  return { items: rows.slice(0, limit).map(producerFromRow), nextOffset: rows.length > limit ? offset + limit : null };
}

/** A cooperative's products for the editor, drafts and archived included. */
export async function listProductsForEditing(
  db: Db,
  cooperativeId: string,
  query: EditorListQuery = {},
): Promise<{ items: Product[]; nextOffset: number | null }> {
  const { limit, offset } = bounds(query);
  let q = db.selectFrom('products').selectAll().where('cooperative_id', '=', cooperativeId);
  if (query.status) q = q.where('status', '=', query.status);
  if (query.q) q = q.where(sql<boolean>`search_text like ${`%${escapeLike(query.q.toLowerCase())}%`} escape '\\'`);
  const rows = await q
    .orderBy('position')
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(limit + 1)
    .offset(offset)
    .execute();
  return { items: rows.slice(0, limit).map(productFromRow), nextOffset: rows.length > limit ? offset + limit : null };
}

// ---------------------------------------------------------------------------------------
// Producers

/** One producer of a cooperative, or undefined (also when it belongs to another one). */
export async function loadProducer(db: Db, cooperativeId: string, producerId: string): Promise<Producer | undefined> {
  const row = await db.selectFrom('producers').selectAll().where('cooperative_id', '=', cooperativeId).where('id', '=', producerId).executeTakeFirst();
  return row ? producerFromRow(row) : undefined;
}

/**
 * Saves every editable field of a producer.
 *
 * @example
 * await updateProducer(db, { ...producer, name: { 'zh-CN': '王师傅', en: 'Master Wang' } });
 */
export async function updateProducer(db: Db, producer: Producer): Promise<void> {
  await db
    .updateTable('producers')
    .set({ ...producerColumns(producer), updated_at: now() })
    .where('id', '=', producer.id)
    .where('cooperative_id', '=', producer.cooperativeId)
    .execute();
}

/** Deletes a producer; its products keep existing without one. True when a row went. */
export async function deleteProducer(db: Db, cooperativeId: string, producerId: string): Promise<boolean> {
  const result = await db.deleteFrom('producers').where('cooperative_id', '=', cooperativeId).where('id', '=', producerId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

// ---------------------------------------------------------------------------------------
// Products and variants

/** One product of a cooperative with its variants (all statuses), or undefined. */
export async function loadProduct(db: Db, cooperativeId: string, productId: string): Promise<(Product & { variants: Variant[] }) | undefined> {
  const row = await db.selectFrom('products').selectAll().where('cooperative_id', '=', cooperativeId).where('id', '=', productId).executeTakeFirst();
  if (!row) return undefined;
  const variants = await db.selectFrom('variants').selectAll().where('product_id', '=', productId).orderBy('position').orderBy('id').execute();
  return { ...productFromRow(row), variants: variants.map(variantFromRow) };
}

/**
 * Saves every editable field of a product (not its variants) and keeps the derived
 * columns (season mask, search text) in step.
 *
 * @example
 * await updateProduct(db, { ...product, status: 'archived' });
 */
export async function updateProduct(db: Db, product: Product): Promise<void> {
  return inWriteTransaction(db, async (db) => {
    await db
      .updateTable('products')
      .set({ ...productColumns(product), updated_at: now() })
      .where('id', '=', product.id)
      .where('cooperative_id', '=', product.cooperativeId)
      .execute();
    await indexProduct(db, product.id);
  });
}

/** Deletes a product and its variants. True when a row went. */
export async function deleteProduct(db: Db, cooperativeId: string, productId: string): Promise<boolean> {
  return inWriteTransaction(db, async (db) => {
    const result = await db.deleteFrom('products').where('cooperative_id', '=', cooperativeId).where('id', '=', productId).executeTakeFirst();
    if (Number(result.numDeletedRows) > 0) await unindexDocument(db, 'product', productId);
    return Number(result.numDeletedRows) > 0;
  });
}

/** One variant of a cooperative's product, or undefined. */
export async function loadVariant(db: Db, cooperativeId: string, productId: string, variantId: string): Promise<Variant | undefined> {
  const row = await db
    .selectFrom('variants')
    .innerJoin('products', 'products.id', 'variants.product_id')
    .selectAll('variants')
    .where('products.cooperative_id', '=', cooperativeId)
    .where('variants.product_id', '=', productId)
    .where('variants.id', '=', variantId)
    .executeTakeFirst();
  return row ? variantFromRow(row) : undefined;
}

/**
 * Adds a variant to a product and refreshes the product's "price from".
 *
 * @example
 * await addVariant(db, { id: newId('var'), productId, label: { 'zh-CN': '10斤装' }, priceMinor: 12800, currency: 'CNY', unit: 'jin', unitQuantity: 10, stockOnHand: 20, status: 'active', position: 1 });
 */
export async function addVariant(db: Db, variant: Variant): Promise<void> {
  const at = now();
  await db
    .insertInto('variants')
    .values({
      id: variant.id,
      product_id: variant.productId,
      ...variantColumns(variant),
      currency: variant.currency,
      stock_on_hand: variant.stockOnHand,
      created_at: at,
      updated_at: at,
    })
    .execute();
  await refreshProductPriceFrom(db, variant.productId);
}

/**
 * Saves a variant's editable fields. Stock is deliberately not among them: it changes only
 * through {@link adjustStock}, so every change has a reason on record.
 */
export async function updateVariant(db: Db, variant: Variant): Promise<void> {
  await db
    .updateTable('variants')
    .set({ ...variantColumns(variant), updated_at: now() })
    .where('id', '=', variant.id)
    .where('product_id', '=', variant.productId)
    .execute();
  await refreshProductPriceFrom(db, variant.productId);
}

/** Deletes a variant of a product. True when a row went. */
export async function deleteVariant(db: Db, productId: string, variantId: string): Promise<boolean> {
  const result = await db.deleteFrom('variants').where('product_id', '=', productId).where('id', '=', variantId).executeTakeFirst();
  await refreshProductPriceFrom(db, productId);
  return Number(result.numDeletedRows) > 0;
}

/**
 * Inserts a product row (no variants) with its derived columns, inside the caller's
 * transaction: for flows such as a CSV import that write many records in one transaction.
 * {@link createProduct} is the one-call form that opens its own.
 *
 * @example
 * await db.transaction().execute((trx) => insertProduct(trx, product));
 */
export async function insertProduct(db: Db, product: Product): Promise<void> {
  return inWriteTransaction(db, async (db) => {
    await db
      .insertInto('products')
      .values({
        id: product.id,
        cooperative_id: product.cooperativeId,
        ...productColumns(product),
        price_from_minor: null,
        created_at: product.createdAt,
        updated_at: product.updatedAt,
      })
      .execute();
    await indexProduct(db, product.id);
  });
}

/**
 * A cooperative's products with their variants (every status), by slug; only the given
 * slugs when `slugs` is passed. For the CSV export and import.
 *
 * @example
 * const products = await listProductsWithVariants(db, coop.id, { slugs: ['laiyang-pear'] });
 */
export async function listProductsWithVariants(
  db: Db,
  cooperativeId: string,
  options: { slugs?: string[] } = {},
): Promise<Array<Product & { variants: Variant[] }>> {
  if (options.slugs && options.slugs.length === 0) return [];
  let q = db.selectFrom('products').selectAll().where('cooperative_id', '=', cooperativeId);
  if (options.slugs) q = q.where('slug', 'in', options.slugs);
  const products = await q.orderBy('slug').execute();
  if (products.length === 0) return [];
  const variants = await db
    .selectFrom('variants')
    .selectAll()
    .where(
      'product_id',
      'in',
      products.map((p) => p.id),
    )
    .orderBy('product_id')
    .orderBy('position')
    .orderBy('id')
    .execute();
  const byProduct = new Map<string, Variant[]>();
  for (const row of variants) {
    const list = byProduct.get(row.product_id) ?? [];
    list.push(variantFromRow(row));
    byProduct.set(row.product_id, list);
  }
  return products.map((row) => ({ ...productFromRow(row), variants: byProduct.get(row.id) ?? [] }));
}

/**
 * What pricing a cart needs of each variant of the cooperative among `variantIds` (a variant
 * of another cooperative is left out, as if it did not exist).
 *
 * @example
 * const rows = await variantsForPricing(db, coop.id, ['var_1']);
 */
export async function variantsForPricing(db: Db, cooperativeId: string, variantIds: string[]) {
  if (variantIds.length === 0) return [];
  return db
    .selectFrom('variants')
    .innerJoin('products', 'products.id', 'variants.product_id')
    .select([
      'variants.id as variantId',
      'variants.label',
      'variants.price_minor',
      'variants.currency',
      'variants.stock_on_hand',
      'variants.status as variantStatus',
      'products.id as productId',
      'products.slug',
      'products.title',
      'products.status as productStatus',
      'products.harvest_windows',
      'products.preorder',
    ])
    .where('variants.id', 'in', variantIds)
    .where('products.cooperative_id', '=', cooperativeId)
    .execute();
}
