import type { Kysely } from 'kysely';
import { createCooperative, createProducer, createProduct, createStory, linkStories, linkStoryToProducer, linkStoryToProduct } from '../catalog/catalog-writer';
import type { TerroirTables } from '../db/schema';
import { DEMO_VILLAGE, type DemoVillage } from './demo-village';
import { seedDemoFulfilment } from '../cart/demo-fulfilment';
import { seedDemoMuseum } from './demo-museum';
import { clearCooperativeIndex } from '../search/search-index';
import { getMuseumLinks, setMuseumLinks } from '../museum/museum-links';
import { listPlacesForEditing } from '../museum/places';

/** Ids of what the demo seed holds, by slug (and variants by SKU), for tests and examples. */
export interface DemoSeedResult {
  /** False when the cooperative was already there and nothing was written. */
  created: boolean;
  cooperativeId: string;
  producers: Record<string, string>;
  products: Record<string, string>;
  /** Variant ids by SKU (`PEAR-5JIN` …). */
  variants: Record<string, string>;
  stories: Record<string, string>;
}

/**
 * Seeds the demo village (the `laiyang-pear` cooperative with its producers, products,
 * stories and links) through the catalog writers. Idempotent: when the cooperative exists it
 * writes nothing and returns the existing ids.
 *
 * @example
 * const { db } = await openDatabase({ url: 'file:./village.sqlite' });
 * const seeded = await seedDemoVillage(db);
 * seeded.variants['PEAR-5JIN'] // 'var_…', ready for a cart quote
 */
export async function seedDemoVillage(db: Kysely<TerroirTables>, village: DemoVillage = DEMO_VILLAGE): Promise<DemoSeedResult> {
  const existing = await db.selectFrom('cooperatives').select('id').where('slug', '=', village.cooperative.slug).executeTakeFirst();
  if (existing) return { created: false, ...(await readSeedIds(db, existing.id)) };

  // The writers open their own transactions (createProduct does), so the seed cannot be one
  // transaction, and everything hangs off the cooperative's foreign key. So a failure mid-seed
  // deletes what was written: the next start then sees no cooperative and seeds afresh.
  const coop = await createCooperative(db, village.cooperative);
  try {
    const producers: Record<string, string> = {};
    for (const producer of village.producers) {
      producers[producer.slug] = (await createProducer(db, { ...producer, cooperativeId: coop.id })).id;
    }
    const products: Record<string, string> = {};
    const variants: Record<string, string> = {};
    for (const { producer, ...product } of village.products) {
      const producerId = producer === undefined ? undefined : requireId(producers, producer, `producer of ${product.slug}`);
      const created = await createProduct(db, { ...product, cooperativeId: coop.id, ...(producerId ? { producerId } : {}) });
      products[created.slug] = created.id;
      for (const variant of created.variants) if (variant.sku) variants[variant.sku] = variant.id;
    }
    const stories: Record<string, string> = {};
    for (const { products: _p, producers: _r, seeAlso: _s, places: _l, ...story } of village.stories) {
      stories[story.slug] = (await createStory(db, { ...story, cooperativeId: coop.id })).id;
    }
    for (const story of village.stories) {
      const storyId = requireId(stories, story.slug, 'story');
      for (const [position, link] of (story.products ?? []).entries()) {
        await linkStoryToProduct(db, storyId, requireId(products, link.slug, `product linked from ${story.slug}`), link.relation, position);
      }
      for (const [position, link] of (story.producers ?? []).entries()) {
        await linkStoryToProducer(db, storyId, requireId(producers, link.slug, `producer linked from ${story.slug}`), link.relation, position);
      }
      for (const [position, link] of (story.seeAlso ?? []).entries()) {
        await linkStories(db, storyId, requireId(stories, link.slug, `story linked from ${story.slug}`), link.relation ?? 'see-also', position);
      }
    }
    // Pickup points, delivery fees and payment methods for checkout (see docs/payments.md).
    await seedDemoFulfilment(db, coop.id);
    // The digital village museum: chronicle, places, people, halls (see docs/museum.md).
    await seedDemoMuseum(db, { cooperativeId: coop.id, producers, products, stories });
    await linkStoriesToPlaces(db, coop.id, village, stories);
    return { created: true, cooperativeId: coop.id, producers, products, variants, stories };
  } catch (error) {
    await deleteCooperative(db, coop.id);
    throw error;
  }
}

/** A story's places are the museum's place records, linked from the place (as an editor links them). */
async function linkStoriesToPlaces(db: Kysely<TerroirTables>, cooperativeId: string, village: DemoVillage, stories: Record<string, string>): Promise<void> {
  const places = Object.fromEntries((await listPlacesForEditing(db, cooperativeId)).map((p) => [p.slug, p.id]));
  const storiesOf = new Map<string, string[]>();
  for (const story of village.stories) {
    for (const slug of story.places ?? []) {
      const placeId = requireId(places, slug, `place of ${story.slug}`);
      storiesOf.set(placeId, [...(storiesOf.get(placeId) ?? []), requireId(stories, story.slug, 'story')]);
    }
  }
  for (const [placeId, storyIds] of storiesOf) {
    const links = await getMuseumLinks(db, cooperativeId, { kind: 'place', id: placeId });
    await setMuseumLinks(db, cooperativeId, { kind: 'place', id: placeId }, { ...links, stories: [...links.stories, ...storyIds] });
  }
}

function requireId(ids: Record<string, string>, slug: string, what: string): string {
  const id = ids[slug];
  if (!id) throw new Error(`Demo seed: unknown ${what} "${slug}"`);
  return id;
}

/** Removes a half-written seed so the next start can try again from scratch. */
async function deleteCooperative(db: Kysely<TerroirTables>, cooperativeId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const storyIds = trx.selectFrom('stories').select('id').where('cooperative_id', '=', cooperativeId);
    const productIds = trx.selectFrom('products').select('id').where('cooperative_id', '=', cooperativeId);
    await trx
      .deleteFrom('story_links')
      .where((eb) => eb.or([eb('from_story_id', 'in', storyIds), eb('to_story_id', 'in', storyIds)]))
      .execute();
    await trx.deleteFrom('story_products').where('story_id', 'in', storyIds).execute();
    await trx.deleteFrom('story_producers').where('story_id', 'in', storyIds).execute();
    await trx.deleteFrom('variants').where('product_id', 'in', productIds).execute();
    await clearCooperativeIndex(trx, cooperativeId);
    await trx.deleteFrom('stories').where('cooperative_id', '=', cooperativeId).execute();
    await trx.deleteFrom('products').where('cooperative_id', '=', cooperativeId).execute();
    await trx.deleteFrom('producers').where('cooperative_id', '=', cooperativeId).execute();
    await trx.deleteFrom('fulfilment_options').where('cooperative_id', '=', cooperativeId).execute();
    await trx.deleteFrom('checkout_settings').where('cooperative_id', '=', cooperativeId).execute();
    // Museum rows hang off the cooperative (ON DELETE CASCADE); the links table has no other key.
    await trx.deleteFrom('museum_links').where('cooperative_id', '=', cooperativeId).execute();
    await trx.deleteFrom('cooperatives').where('id', '=', cooperativeId).execute();
  });
}

async function readSeedIds(db: Kysely<TerroirTables>, cooperativeId: string): Promise<Omit<DemoSeedResult, 'created'>> {
  const bySlug = (rows: Array<{ id: string; slug: string }>) => Object.fromEntries(rows.map((r) => [r.slug, r.id]));
  const producers = await db.selectFrom('producers').select(['id', 'slug']).where('cooperative_id', '=', cooperativeId).execute();
  const products = await db.selectFrom('products').select(['id', 'slug']).where('cooperative_id', '=', cooperativeId).execute();
  const stories = await db.selectFrom('stories').select(['id', 'slug']).where('cooperative_id', '=', cooperativeId).execute();
  const variants = await db
    .selectFrom('variants')
    .innerJoin('products', 'products.id', 'variants.product_id')
    .select(['variants.id as id', 'variants.sku as sku'])
    .where('products.cooperative_id', '=', cooperativeId)
    .execute();
  return {
    cooperativeId,
    producers: bySlug(producers),
    products: bySlug(products),
    stories: bySlug(stories),
    variants: Object.fromEntries(variants.filter((v) => v.sku !== null).map((v) => [v.sku as string, v.id])),
  };
}
