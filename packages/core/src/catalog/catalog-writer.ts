import type { Kysely, Transaction } from 'kysely';
import type { TerroirTables } from '../db/schema';
import { newId } from './ids';
import { productColumns, producerColumns, variantColumns } from './catalog-rows';
import { cooperativePricing } from '../cooperatives/cooperatives';
import { indexProduct, inWriteTransaction } from '../search/search-index';

// Kept importable from here: these moved to the cooperatives and stories modules.
export { createCooperative, type NewCooperative } from '../cooperatives/cooperatives';
export { createStory, linkStories, linkStoryToProducer, linkStoryToProduct, type NewStory } from '../stories/story-writer';
import type { Cooperative, Producer, Product, Story, StoryProducerRelation, StoryProductRelation, StoryStoryRelation, Variant } from './types';

type Db = Kysely<TerroirTables> | Transaction<TerroirTables>;

const now = () => new Date().toISOString();

export type NewProducer = Omit<Producer, 'id'> & { id?: string };

/** Inserts a producer (farmer, artisan, workshop) of a cooperative. */
export async function createProducer(db: Db, input: NewProducer): Promise<Producer> {
  const producer: Producer = { ...input, id: input.id ?? newId('prod') };
  const at = now();
  await db
    .insertInto('producers')
    .values({
      id: producer.id,
      cooperative_id: producer.cooperativeId,
      ...producerColumns(producer),
      created_at: at,
      updated_at: at,
    })
    .execute();
  return producer;
}

export type NewVariant = Omit<Variant, 'id' | 'productId' | 'position' | 'status' | 'currency'> &
  Partial<Pick<Variant, 'id' | 'position' | 'status' | 'currency'>>;

export type NewProduct = Omit<Product, 'id' | 'createdAt' | 'updatedAt' | 'position' | 'preorder' | 'status'> &
  Partial<Pick<Product, 'id' | 'position' | 'preorder' | 'status' | 'createdAt'>> & {
    variants: NewVariant[];
  };

/**
 * Inserts a product with its variants in one transaction. Variant currency defaults to the
 * cooperative's.
 *
 * @example
 * await createProduct(db, { cooperativeId, slug: 'laiyang-pear-5jin', category: 'fresh', …, variants: [{ priceMinor: 6800, unit: 'jin', unitQuantity: 5, stockOnHand: 40, label: {…} }] });
 */
export async function createProduct(db: Kysely<TerroirTables> | Transaction<TerroirTables>, input: NewProduct): Promise<Product & { variants: Variant[] }> {
  // In the caller's transaction when given one (a bulk load commits once per batch).
  return inWriteTransaction(db, async (trx) => {
    const coop = await cooperativePricing(trx, input.cooperativeId);
    const at = input.createdAt ?? now();
    const { variants: variantInputs, ...rest } = input;
    const product: Product = {
      position: 0,
      preorder: false,
      status: 'active',
      ...rest,
      id: input.id ?? newId('prd'),
      createdAt: at,
      updatedAt: at,
    };
    const variants: Variant[] = variantInputs.map((v, index) => ({
      position: index,
      status: 'active',
      currency: coop.currency,
      ...v,
      id: v.id ?? newId('var'),
      productId: product.id,
    }));
    await trx
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
    if (variants.length > 0) {
      await trx
        .insertInto('variants')
        .values(
          variants.map((v) => ({
            id: v.id,
            product_id: v.productId,
            ...variantColumns(v),
            currency: v.currency,
            stock_on_hand: v.stockOnHand,
            created_at: at,
            updated_at: at,
          })),
        )
        .execute();
    }
    await refreshProductPriceFrom(trx, product.id);
    await indexProduct(trx, product.id);
    return { ...product, variants };
  });
}

/**
 * Recomputes a product's denormalised `price_from_minor` (its lowest active variant price).
 * Call it after any variant price or status change.
 */
export async function refreshProductPriceFrom(db: Db, productId: string): Promise<void> {
  const row = await db
    .selectFrom('variants')
    .select((eb) => eb.fn.min<number | null>('price_minor').as('min'))
    .where('product_id', '=', productId)
    .where('status', '=', 'active')
    .executeTakeFirst();
  await db
    .updateTable('products')
    .set({ price_from_minor: row?.min == null ? null : Number(row.min) })
    .where('id', '=', productId)
    .execute();
}
