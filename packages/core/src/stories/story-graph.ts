import type { ExpressionBuilder, Kysely, Transaction } from 'kysely';
import type { TerroirTables } from '../db/schema';
import type { StoryProducerRelation, StoryProductRelation, StoryStoryRelation } from '../catalog/types';
import { storyCardFromRow } from './story-mappers';
import type { LinkedStory, StoryCard } from './story-types';

/*
 * The story graph as the storefront reads it, both ways: from a story to what it links
 * (products, producers, other stories) and from a product or producer back to its stories.
 * Only public, published stories of the same cooperative are ever returned. The link tables
 * (story_products, story_producers, story_links) belong to this module; products and
 * producers are read through the catalog by whoever composes these answers.
 */

type Db = Kysely<TerroirTables> | Transaction<TerroirTables>;

const STORY_CARD_COLUMNS = ['s.id', 's.slug', 's.kind', 's.title', 's.summary', 's.media', 's.era', 's.date', 's.place'] as const;

/** A row may appear once per relation; the first (best-positioned) relation wins. */
export function dedupeById<T extends { id: string }>(rows: T[]): T[] {
  const seen = new Set<string>();
  return rows.filter((r) => (seen.has(r.id) ? false : (seen.add(r.id), true)));
}

/**
 * How many public, published stories link to each of these products (products without
 * any are absent from the map).
 *
 * @example
 * const counts = await publicStoryCountsByProduct(db, coop.id, ['prd_1', 'prd_2']);
 */
export async function publicStoryCountsByProduct(db: Db, cooperativeId: string, productIds: string[]): Promise<Map<string, number>> {
  if (productIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('story_products as sp')
    .innerJoin('stories as s', 's.id', 'sp.story_id')
    .select(['sp.product_id', (eb) => eb.fn.count<string | number>('sp.story_id').distinct().as('count')])
    .where('sp.product_id', 'in', productIds)
    .where('s.visibility', '=', 'public')
    .where('s.status', '=', 'published')
    .where('s.cooperative_id', '=', cooperativeId)
    .groupBy('sp.product_id')
    .execute();
  return new Map(rows.map((r) => [r.product_id, Number(r.count)]));
}

/**
 * The same count as {@link publicStoryCountsByProduct} for one product, as a sub-query to select
 * beside a `products` row (it reads the row's `id` and `cooperative_id`), so a product list gets
 * its counts in its own query. PostgreSQL returns the count as a string.
 *
 * @example
 * db.selectFrom('products').select(['id', (eb) => publicStoryCountOfProduct(eb).as('story_count')])
 */
export function publicStoryCountOfProduct(eb: ExpressionBuilder<TerroirTables, 'products'>) {
  return eb
    .selectFrom('story_products as sp')
    .innerJoin('stories as s', 's.id', 'sp.story_id')
    .select((inner) => inner.fn.count<string | number>('sp.story_id').distinct().as('count'))
    .whereRef('sp.product_id', '=', 'products.id')
    .whereRef('s.cooperative_id', '=', 'products.cooperative_id')
    .where('s.visibility', '=', 'public')
    .where('s.status', '=', 'published');
}

/**
 * The public stories linked to a product, with their relation, best-positioned first.
 *
 * @example
 * const stories = await publicStoriesOfProduct(db, coop.id, product.id);
 */
export async function publicStoriesOfProduct(db: Db, cooperativeId: string, productId: string): Promise<LinkedStory<StoryProductRelation>[]> {
  const rows = await db
    .selectFrom('story_products as sp')
    .innerJoin('stories as s', 's.id', 'sp.story_id')
    .select([...STORY_CARD_COLUMNS, 'sp.relation'])
    .where('sp.product_id', '=', productId)
    .where('s.cooperative_id', '=', cooperativeId)
    .where('s.visibility', '=', 'public')
    .where('s.status', '=', 'published')
    .orderBy('sp.position')
    .orderBy('s.position')
    .orderBy('s.id')
    .execute();
  return dedupeById(rows).map((s) => ({ ...storyCardFromRow(s), relation: s.relation as StoryProductRelation }));
}

/**
 * The public stories linked to a producer, best-positioned first.
 *
 * @example
 * const stories = await publicStoriesOfProducer(db, coop.id, producer.id);
 */
export async function publicStoriesOfProducer(db: Db, cooperativeId: string, producerId: string): Promise<StoryCard[]> {
  const rows = await db
    .selectFrom('story_producers as sp')
    .innerJoin('stories as s', 's.id', 'sp.story_id')
    .select(STORY_CARD_COLUMNS)
    .where('sp.producer_id', '=', producerId)
    .where('s.cooperative_id', '=', cooperativeId)
    .where('s.visibility', '=', 'public')
    .where('s.status', '=', 'published')
    .orderBy('sp.position')
    .orderBy('s.position')
    .orderBy('s.id')
    .execute();
  return dedupeById(rows).map(storyCardFromRow);
}

/**
 * The stories that link to this product id, any status: the ids the story list filter
 * by product uses.
 *
 * @example
 * const storyIds = await storyIdsLinkedToProduct(db, product.id);
 */
export async function storyIdsLinkedToProduct(db: Db, productId: string): Promise<string[]> {
  const rows = await db.selectFrom('story_products').select('story_id').distinct().where('product_id', '=', productId).execute();
  return rows.map((r) => r.story_id);
}

/**
 * The products and producers a story links to, as ids with relation, in link order.
 *
 * @example
 * const { products, producers } = await storyLinkTargets(db, story.id);
 */
export async function storyLinkTargets(db: Db, storyId: string) {
  const [products, producers] = await Promise.all([
    db.selectFrom('story_products').select(['product_id', 'relation', 'position']).where('story_id', '=', storyId).orderBy('position').execute(),
    db.selectFrom('story_producers').select(['producer_id', 'relation', 'position']).where('story_id', '=', storyId).orderBy('position').execute(),
  ]);
  return {
    products: products.map((r) => ({ productId: r.product_id, relation: r.relation as StoryProductRelation, position: Number(r.position) })),
    producers: producers.map((r) => ({ producerId: r.producer_id, relation: r.relation as StoryProducerRelation, position: Number(r.position) })),
  };
}

/**
 * Public stories linked to a story through `story_links`, read from both ends and merged
 * in link order ("see also" works whichever story the editor linked from).
 *
 * @example
 * const seeAlso = await linkedPublicStories(db, coop.id, story.id);
 */
export async function linkedPublicStories(db: Db, cooperativeId: string, storyId: string): Promise<LinkedStory<StoryStoryRelation>[]> {
  const read = (direction: 'outgoing' | 'incoming') => {
    const [here, there] = direction === 'outgoing' ? (['l.from_story_id', 'l.to_story_id'] as const) : (['l.to_story_id', 'l.from_story_id'] as const);
    return db
      .selectFrom('story_links as l')
      .innerJoin('stories as s', 's.id', there)
      .select([...STORY_CARD_COLUMNS, 'l.relation', 'l.position as link_position'])
      .where(here, '=', storyId)
      .where('s.cooperative_id', '=', cooperativeId)
      .where('s.visibility', '=', 'public')
      .where('s.status', '=', 'published')
      .execute();
  };
  const [outgoing, incoming] = await Promise.all([read('outgoing'), read('incoming')]);
  const links = [...outgoing, ...incoming].sort((a, b) => Number(a.link_position) - Number(b.link_position) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return dedupeById(links).map((s) => ({ ...storyCardFromRow(s), relation: s.relation as StoryStoryRelation }));
}

/**
 * Every public, published story of a cooperative with its last change, by position: for
 * sitemaps and caches.
 *
 * @example
 * const stories = await publicStoryChanges(db, coop.id); // [{ slug, updatedAt }]
 */
export async function publicStoryChanges(db: Db, cooperativeId: string): Promise<Array<{ slug: string; updatedAt: string }>> {
  const rows = await db
    .selectFrom('stories')
    .select(['slug', 'updated_at'])
    .where('cooperative_id', '=', cooperativeId)
    .where('visibility', '=', 'public')
    .where('status', '=', 'published')
    .orderBy('position')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ slug: r.slug, updatedAt: r.updated_at }));
}
