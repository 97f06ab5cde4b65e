import { sql, type Kysely, type Transaction } from 'kysely';
import type { TerroirTables } from '../db/schema';
import { escapeLike } from '../catalog/search-text';
import type { Story, StoryProducerRelation, StoryProductRelation, StoryStoryRelation } from '../catalog/types';
import { storyFromRow } from './story-mappers';
import { storyColumns } from './story-rows';
import { indexStory, unindexDocument, inWriteTransaction } from '../search/search-index';
import type { LocalizedText } from '../locale/locale';
import { placesLinkedTo } from '../museum/linked-places';

/*
 * The editing side of stories and their links. Every function that reads or writes a story
 * takes the cooperative id and puts it in its WHERE clause.
 */

type Db = Kysely<TerroirTables> | Transaction<TerroirTables>;
const now = () => new Date().toISOString();

interface EditorListQuery {
  q?: string;
  status?: string;
  limit?: number;
  offset?: number;
}

function bounds(query: EditorListQuery) {
  return { limit: Math.min(Math.max(query.limit ?? 50, 1), 200), offset: Math.max(query.offset ?? 0, 0) };
}

/** A cooperative's stories for the editor, drafts and community-only included. */
export async function listStoriesForEditing(
  db: Db,
  cooperativeId: string,
  query: EditorListQuery = {},
): Promise<{ items: Story[]; nextOffset: number | null }> {
  const { limit, offset } = bounds(query);
  let q = db.selectFrom('stories').selectAll().where('cooperative_id', '=', cooperativeId);
  if (query.status) q = q.where('status', '=', query.status);
  if (query.q) q = q.where(sql<boolean>`search_text like ${`%${escapeLike(query.q.toLowerCase())}%`} escape '\\'`);
  const rows = await q
    .orderBy('position')
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(limit + 1)
    .offset(offset)
    .execute();
  return { items: rows.slice(0, limit).map(storyFromRow), nextOffset: rows.length > limit ? offset + limit : null };
}

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
  return inWriteTransaction(db, async (db) => {
    await db
      .updateTable('stories')
      .set({ ...storyColumns(story), updated_at: now() })
      .where('id', '=', story.id)
      .where('cooperative_id', '=', story.cooperativeId)
      .execute();
    await indexStory(db, story.id);
  });
}

/** Deletes a story and its links. True when a row went. */
export async function deleteStory(db: Db, cooperativeId: string, storyId: string): Promise<boolean> {
  return inWriteTransaction(db, async (db) => {
    const result = await db.deleteFrom('stories').where('cooperative_id', '=', cooperativeId).where('id', '=', storyId).executeTakeFirst();
    if (Number(result.numDeletedRows) > 0) await unindexDocument(db, 'story', storyId);
    return Number(result.numDeletedRows) > 0;
  });
}

export interface StoryLinks {
  products: Array<{ productId: string; relation: StoryProductRelation; position: number }>;
  producers: Array<{ producerId: string; relation: StoryProducerRelation; position: number }>;
  stories: Array<{ storyId: string; relation: StoryStoryRelation; position: number }>;
  /** Museum places that link the story (any status), in the museum's order; edited from the place's links. */
  places: Array<{ placeId: string; slug: string; name: LocalizedText; status: 'draft' | 'published' }>;
}

/**
 * Everything a story links to (outgoing story links only), and the museum places linking it.
 *
 * @example
 * (await loadStoryLinks(db, story.id)).places.map((p) => p.slug) // ['old-pear-orchard']
 */
export async function loadStoryLinks(db: Db, storyId: string): Promise<StoryLinks> {
  const story = await db.selectFrom('stories').select('cooperative_id').where('id', '=', storyId).executeTakeFirst();
  const [products, producers, stories, places] = await Promise.all([
    db.selectFrom('story_products').selectAll().where('story_id', '=', storyId).orderBy('position').orderBy('product_id').execute(),
    db.selectFrom('story_producers').selectAll().where('story_id', '=', storyId).orderBy('position').orderBy('producer_id').execute(),
    db.selectFrom('story_links').selectAll().where('from_story_id', '=', storyId).orderBy('position').orderBy('to_story_id').execute(),
    story ? placesLinkedTo(db, story.cooperative_id, { kind: 'story', id: storyId }, { publicOnly: false }) : [],
  ]);
  return {
    places: places.map((p) => ({ placeId: p.id, slug: p.slug, name: p.name, status: p.status })),
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
