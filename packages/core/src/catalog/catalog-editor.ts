import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { TerroirTables } from '../db/schema';
import { newId } from './ids';
import { escapeLike } from './search-text';
import { refreshProductPriceFrom } from './catalog-writer';
import { productColumns, producerColumns, storyColumns, toJsonColumn, variantColumns } from './catalog-rows';
import type {
  Cooperative,
  Producer,
  Product,
  Story,
  StoryProducerRelation,
  StoryProductRelation,
  StoryStoryRelation,
  Variant,
} from './types';

/*
 * The editing side of the catalog: read a record whole, change it, delete it. Every
 * function takes the cooperative id and puts it in its WHERE clause, so a caller that forgot
 * to check ownership still cannot reach another cooperative's rows.
 */

type Db = Kysely<TerroirTables> | Transaction<TerroirTables>;
const json = toJsonColumn;
const parse = <T>(text: string | null): T | undefined => (text == null ? undefined : ((JSON.parse(text) ?? undefined) as T | undefined));
const now = () => new Date().toISOString();

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

// ---------------------------------------------------------------------------------------
// Row mappers

/** A cooperative row as the domain type. */
export function cooperativeFromRow(row: Selectable<TerroirTables['cooperatives']>): Cooperative {
  return {
    id: row.id,
    slug: row.slug,
    name: JSON.parse(row.name),
    description: JSON.parse(row.description),
    place: JSON.parse(row.place),
    defaultLocale: row.default_locale as Cooperative['defaultLocale'],
    currency: row.currency,
    timezone: row.timezone,
    contact: JSON.parse(row.contact),
    allowedOrigins: JSON.parse(row.allowed_origins),
  };
}

/** A producer row as the domain type. */
export function producerFromRow(row: Selectable<TerroirTables['producers']>): Producer {
  return withoutUndefined({
    id: row.id,
    cooperativeId: row.cooperative_id,
    slug: row.slug,
    kind: row.kind as Producer['kind'],
    name: JSON.parse(row.name),
    profile: JSON.parse(row.profile),
    portrait: parse<Producer['portrait']>(row.portrait),
    place: parse<Producer['place']>(row.place),
  });
}

/** A variant row as the domain type. */
export function variantFromRow(row: Selectable<TerroirTables['variants']>): Variant {
  return withoutUndefined({
    id: row.id,
    productId: row.product_id,
    sku: row.sku ?? undefined,
    label: JSON.parse(row.label),
    priceMinor: Number(row.price_minor),
    currency: row.currency,
    unit: row.unit as Variant['unit'],
    unitQuantity: Number(row.unit_quantity),
    netGrams: row.net_grams == null ? undefined : Number(row.net_grams),
    stockOnHand: Number(row.stock_on_hand),
    status: row.status as Variant['status'],
    position: Number(row.position),
  });
}

/** A product row as the domain type (without variants). */
export function productFromRow(row: Selectable<TerroirTables['products']>): Product {
  return withoutUndefined({
    id: row.id,
    cooperativeId: row.cooperative_id,
    slug: row.slug,
    producerId: row.producer_id ?? undefined,
    category: row.category as Product['category'],
    title: JSON.parse(row.title),
    summary: JSON.parse(row.summary),
    description: JSON.parse(row.description),
    images: JSON.parse(row.images),
    tags: JSON.parse(row.tags),
    certifications: JSON.parse(row.certifications),
    harvestWindows: JSON.parse(row.harvest_windows),
    preorder: Number(row.preorder) === 1,
    status: row.status as Product['status'],
    position: Number(row.position),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  });
}

/** A story row as the domain type. */
export function storyFromRow(row: Selectable<TerroirTables['stories']>): Story {
  return withoutUndefined({
    id: row.id,
    cooperativeId: row.cooperative_id,
    slug: row.slug,
    kind: row.kind as Story['kind'],
    title: JSON.parse(row.title),
    summary: JSON.parse(row.summary),
    body: JSON.parse(row.body),
    media: JSON.parse(row.media),
    place: parse<Story['place']>(row.place),
    era: parse<Story['era']>(row.era),
    attribution: parse<Story['attribution']>(row.attribution),
    visibility: row.visibility as Story['visibility'],
    status: row.status as Story['status'],
    position: Number(row.position),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  });
}

// ---------------------------------------------------------------------------------------
// Cooperative settings

/** Loads a cooperative by slug. */
export async function loadCooperativeBySlug(db: Db, slug: string): Promise<Cooperative | undefined> {
  const row = await db.selectFrom('cooperatives').selectAll().where('slug', '=', slug).executeTakeFirst();
  return row ? cooperativeFromRow(row) : undefined;
}

export type CooperativeSettings = Pick<Cooperative, 'name' | 'description' | 'place' | 'contact' | 'allowedOrigins' | 'currency' | 'defaultLocale' | 'timezone'>;

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
      updated_at: now(),
    })
    .where('id', '=', cooperativeId)
    .execute();
  return 'ok';
}

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
export async function listProducersForEditing(db: Db, cooperativeId: string, query: EditorListQuery = {}): Promise<{ items: Producer[]; nextOffset: number | null }> {
  const { limit, offset } = bounds(query);
  let q = db.selectFrom('producers').selectAll().where('cooperative_id', '=', cooperativeId);
  if (query.q) q = q.where(sql<boolean>`search_text like ${`%${escapeLike(query.q.toLowerCase())}%`} escape '\\'`);
  const rows = await q.orderBy('slug').orderBy('id').limit(limit + 1).offset(offset).execute();
  return { items: rows.slice(0, limit).map(producerFromRow), nextOffset: rows.length > limit ? offset + limit : null };
}

/** A cooperative's products for the editor, drafts and archived included. */
export async function listProductsForEditing(db: Db, cooperativeId: string, query: EditorListQuery = {}): Promise<{ items: Product[]; nextOffset: number | null }> {
  const { limit, offset } = bounds(query);
  let q = db.selectFrom('products').selectAll().where('cooperative_id', '=', cooperativeId);
  if (query.status) q = q.where('status', '=', query.status);
  if (query.q) q = q.where(sql<boolean>`search_text like ${`%${escapeLike(query.q.toLowerCase())}%`} escape '\\'`);
  const rows = await q.orderBy('position').orderBy('created_at', 'desc').orderBy('id').limit(limit + 1).offset(offset).execute();
  return { items: rows.slice(0, limit).map(productFromRow), nextOffset: rows.length > limit ? offset + limit : null };
}

/** A cooperative's stories for the editor, drafts and community-only included. */
export async function listStoriesForEditing(db: Db, cooperativeId: string, query: EditorListQuery = {}): Promise<{ items: Story[]; nextOffset: number | null }> {
  const { limit, offset } = bounds(query);
  let q = db.selectFrom('stories').selectAll().where('cooperative_id', '=', cooperativeId);
  if (query.status) q = q.where('status', '=', query.status);
  if (query.q) q = q.where(sql<boolean>`search_text like ${`%${escapeLike(query.q.toLowerCase())}%`} escape '\\'`);
  const rows = await q.orderBy('position').orderBy('created_at', 'desc').orderBy('id').limit(limit + 1).offset(offset).execute();
  return { items: rows.slice(0, limit).map(storyFromRow), nextOffset: rows.length > limit ? offset + limit : null };
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
  await db
    .updateTable('products')
    .set({ ...productColumns(product), updated_at: now() })
    .where('id', '=', product.id)
    .where('cooperative_id', '=', product.cooperativeId)
    .execute();
}

/** Deletes a product and its variants. True when a row went. */
export async function deleteProduct(db: Db, cooperativeId: string, productId: string): Promise<boolean> {
  const result = await db.deleteFrom('products').where('cooperative_id', '=', cooperativeId).where('id', '=', productId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
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

export const STOCK_ADJUSTMENT_REASONS = ['restock', 'harvest', 'count-correction', 'damaged', 'sold-offline', 'returned', 'other'] as const;
/** Why stock was changed by hand. */
export type StockAdjustmentReason = (typeof STOCK_ADJUSTMENT_REASONS)[number];

/**
 * Changes a variant's stock by `delta` in one conditional statement (so concurrent
 * adjustments and checkouts can never take it below zero) and records the reason. Call it
 * inside a transaction so the ledger row and the change commit together.
 *
 * @example
 * const result = await adjustStock(trx, { cooperativeId, variantId, delta: -3, reason: 'damaged', note: '运输压伤' });
 * if (!result.ok) console.log(`only ${result.available} left`);
 */
export async function adjustStock(
  db: Db,
  input: { cooperativeId: string; variantId: string; delta: number; reason: StockAdjustmentReason; note?: string; userId?: string | null },
): Promise<{ ok: true; stockOnHand: number; adjustmentId: string } | { ok: false; available: number }> {
  if (!Number.isSafeInteger(input.delta) || input.delta === 0) throw new RangeError('delta must be a non-zero integer');
  const updated = await db
    .updateTable('variants')
    .set({ stock_on_hand: sql<number>`stock_on_hand + ${input.delta}`, updated_at: now() })
    .where('id', '=', input.variantId)
    .where(sql<boolean>`stock_on_hand + ${input.delta} >= 0`)
    .where('product_id', 'in', (eb) => eb.selectFrom('products').select('id').where('cooperative_id', '=', input.cooperativeId))
    .returning('stock_on_hand')
    .executeTakeFirst();
  if (!updated) {
    const row = await db.selectFrom('variants').select('stock_on_hand').where('id', '=', input.variantId).executeTakeFirst();
    return { ok: false, available: Number(row?.stock_on_hand ?? 0) };
  }
  const adjustmentId = newId('adj');
  await db
    .insertInto('stock_adjustments')
    .values({
      id: adjustmentId,
      cooperative_id: input.cooperativeId,
      variant_id: input.variantId,
      delta: input.delta,
      stock_after: Number(updated.stock_on_hand),
      reason: input.reason,
      note: input.note ?? '',
      user_id: input.userId ?? null,
      at: now(),
    })
    .execute();
  return { ok: true, stockOnHand: Number(updated.stock_on_hand), adjustmentId };
}

/** A variant's recorded stock adjustments, newest first. */
export async function listStockAdjustments(db: Db, cooperativeId: string, variantId: string, limit = 100) {
  const rows = await db
    .selectFrom('stock_adjustments')
    .selectAll()
    .where('cooperative_id', '=', cooperativeId)
    .where('variant_id', '=', variantId)
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(Math.min(Math.max(limit, 1), 500))
    .execute();
  return rows.map((r) => ({ id: r.id, variantId: r.variant_id, delta: Number(r.delta), stockAfter: Number(r.stock_after), reason: r.reason as StockAdjustmentReason, note: r.note, userId: r.user_id, at: r.at }));
}

// ---------------------------------------------------------------------------------------
// Stories and links

/** One story of a cooperative (any status or visibility), or undefined. */
export async function loadStory(db: Db, cooperativeId: string, storyId: string): Promise<Story | undefined> {
  const row = await db.selectFrom('stories').selectAll().where('cooperative_id', '=', cooperativeId).where('id', '=', storyId).executeTakeFirst();
  return row ? storyFromRow(row) : undefined;
}

/**
 * Saves every editable field of a story.
 *
 * @example
 * await updateStory(db, { ...story, status: 'published' });
 */
export async function updateStory(db: Db, story: Story): Promise<void> {
  await db
    .updateTable('stories')
    .set({ ...storyColumns(story), updated_at: now() })
    .where('id', '=', story.id)
    .where('cooperative_id', '=', story.cooperativeId)
    .execute();
}

/** Deletes a story and its links. True when a row went. */
export async function deleteStory(db: Db, cooperativeId: string, storyId: string): Promise<boolean> {
  const result = await db.deleteFrom('stories').where('cooperative_id', '=', cooperativeId).where('id', '=', storyId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export interface StoryLinks {
  products: Array<{ productId: string; relation: StoryProductRelation; position: number }>;
  producers: Array<{ producerId: string; relation: StoryProducerRelation; position: number }>;
  stories: Array<{ storyId: string; relation: StoryStoryRelation; position: number }>;
}

/** Everything a story links to (outgoing story links only). */
export async function loadStoryLinks(db: Db, storyId: string): Promise<StoryLinks> {
  const [products, producers, stories] = await Promise.all([
    db.selectFrom('story_products').selectAll().where('story_id', '=', storyId).orderBy('position').orderBy('product_id').execute(),
    db.selectFrom('story_producers').selectAll().where('story_id', '=', storyId).orderBy('position').orderBy('producer_id').execute(),
    db.selectFrom('story_links').selectAll().where('from_story_id', '=', storyId).orderBy('position').orderBy('to_story_id').execute(),
  ]);
  return {
    products: products.map((r) => ({ productId: r.product_id, relation: r.relation as StoryProductRelation, position: Number(r.position) })),
    producers: producers.map((r) => ({ producerId: r.producer_id, relation: r.relation as StoryProducerRelation, position: Number(r.position) })),
    stories: stories.map((r) => ({ storyId: r.to_story_id, relation: r.relation as StoryStoryRelation, position: Number(r.position) })),
  };
}

/** Links a story to a product, or moves an existing link of that relation. */
export async function putStoryProductLink(db: Db, storyId: string, productId: string, relation: StoryProductRelation, position = 0): Promise<void> {
  await db
    .insertInto('story_products')
    .values({ story_id: storyId, product_id: productId, relation, position })
    .onConflict((oc) => oc.columns(['story_id', 'product_id', 'relation']).doUpdateSet({ position }))
    .execute();
}

/** Links a story to a producer, or moves an existing link of that relation. */
export async function putStoryProducerLink(db: Db, storyId: string, producerId: string, relation: StoryProducerRelation, position = 0): Promise<void> {
  await db
    .insertInto('story_producers')
    .values({ story_id: storyId, producer_id: producerId, relation, position })
    .onConflict((oc) => oc.columns(['story_id', 'producer_id', 'relation']).doUpdateSet({ position }))
    .execute();
}

/** Links two stories, or moves an existing link of that relation. */
export async function putStoryStoryLink(db: Db, fromStoryId: string, toStoryId: string, relation: StoryStoryRelation, position = 0): Promise<void> {
  await db
    .insertInto('story_links')
    .values({ from_story_id: fromStoryId, to_story_id: toStoryId, relation, position })
    .onConflict((oc) => oc.columns(['from_story_id', 'to_story_id', 'relation']).doUpdateSet({ position }))
    .execute();
}

/** Removes a story→product link (every relation when none is given). True when a row went. */
export async function removeStoryProductLink(db: Db, storyId: string, productId: string, relation?: string): Promise<boolean> {
  let q = db.deleteFrom('story_products').where('story_id', '=', storyId).where('product_id', '=', productId);
  if (relation) q = q.where('relation', '=', relation);
  return Number((await q.executeTakeFirst()).numDeletedRows) > 0;
}

/** Removes a story→producer link (every relation when none is given). */
export async function removeStoryProducerLink(db: Db, storyId: string, producerId: string, relation?: string): Promise<boolean> {
  let q = db.deleteFrom('story_producers').where('story_id', '=', storyId).where('producer_id', '=', producerId);
  if (relation) q = q.where('relation', '=', relation);
  return Number((await q.executeTakeFirst()).numDeletedRows) > 0;
}

/** Removes a story→story link (every relation when none is given). */
export async function removeStoryStoryLink(db: Db, fromStoryId: string, toStoryId: string, relation?: string): Promise<boolean> {
  let q = db.deleteFrom('story_links').where('from_story_id', '=', fromStoryId).where('to_story_id', '=', toStoryId);
  if (relation) q = q.where('relation', '=', relation);
  return Number((await q.executeTakeFirst()).numDeletedRows) > 0;
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
}

/**
 * Sets a variant's stock to an absolute count, but only if it still holds the count the
 * caller saw (one conditional statement: a sale in between makes it fail instead of being
 * overwritten), and records the difference as an adjustment.
 *
 * @example
 * const ok = await setStockIfUnchanged(trx, { cooperativeId, variantId, expected: 10, target: 25, reason: 'count-correction', note: 'CSV import' });
 */
export async function setStockIfUnchanged(
  db: Db,
  input: { cooperativeId: string; variantId: string; expected: number; target: number; reason: StockAdjustmentReason; note?: string; userId?: string | null },
): Promise<boolean> {
  if (input.target === input.expected) return true;
  const result = await db
    .updateTable('variants')
    .set({ stock_on_hand: input.target, updated_at: now() })
    .where('id', '=', input.variantId)
    .where('stock_on_hand', '=', input.expected)
    .where('product_id', 'in', (eb) => eb.selectFrom('products').select('id').where('cooperative_id', '=', input.cooperativeId))
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) return false;
  await db
    .insertInto('stock_adjustments')
    .values({
      id: newId('adj'),
      cooperative_id: input.cooperativeId,
      variant_id: input.variantId,
      delta: input.target - input.expected,
      stock_after: input.target,
      reason: input.reason,
      note: input.note ?? '',
      user_id: input.userId ?? null,
      at: now(),
    })
    .execute();
  return true;
}
