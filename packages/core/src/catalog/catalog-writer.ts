import type { Kysely, Transaction } from 'kysely';
import type { TerroirTables } from '../db/schema';
import { newId } from './ids';
import { productColumns, producerColumns, storyColumns, toJsonColumn as json, variantColumns } from './catalog-rows';
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
      created_at: at,
      updated_at: at,
    })
    .execute();
  return coop;
}

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
export async function createProduct(db: Kysely<TerroirTables>, input: NewProduct): Promise<Product & { variants: Variant[] }> {
  return db.transaction().execute(async (trx) => {
    const coop = await trx.selectFrom('cooperatives').select('currency').where('id', '=', input.cooperativeId).executeTakeFirstOrThrow();
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

export type NewStory = Omit<Story, 'id' | 'createdAt' | 'updatedAt' | 'position' | 'status' | 'visibility'> &
  Partial<Pick<Story, 'id' | 'position' | 'status' | 'visibility' | 'createdAt'>>;

/** Inserts a heritage story. */
export async function createStory(db: Db, input: NewStory): Promise<Story> {
  const at = input.createdAt ?? now();
  const story: Story = {
    position: 0,
    status: 'published',
    visibility: 'public',
    ...input,
    id: input.id ?? newId('sty'),
    createdAt: at,
    updatedAt: at,
  };
  await db
    .insertInto('stories')
    .values({
      id: story.id,
      cooperative_id: story.cooperativeId,
      ...storyColumns(story),
      created_at: story.createdAt,
      updated_at: story.updatedAt,
    })
    .execute();
  return story;
}

/** Links a story to a product ("made with this technique", "grown in this place", …). */
export async function linkStoryToProduct(db: Db, storyId: string, productId: string, relation: StoryProductRelation, position = 0): Promise<void> {
  await db.insertInto('story_products').values({ story_id: storyId, product_id: productId, relation, position }).execute();
}

/** Links a story to a producer (told by, practised by, about). */
export async function linkStoryToProducer(db: Db, storyId: string, producerId: string, relation: StoryProducerRelation, position = 0): Promise<void> {
  await db.insertInto('story_producers').values({ story_id: storyId, producer_id: producerId, relation, position }).execute();
}

/** Links two stories ("see also"). Read from both ends, so one row is enough. */
export async function linkStories(db: Db, fromStoryId: string, toStoryId: string, relation: StoryStoryRelation = 'see-also', position = 0): Promise<void> {
  await db.insertInto('story_links').values({ from_story_id: fromStoryId, to_story_id: toStoryId, relation, position }).execute();
}
