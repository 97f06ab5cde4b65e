import type { Kysely, Transaction } from 'kysely';
import type { TerroirTables } from '../db/schema';
import { newId } from '../catalog/ids';
import type { Story, StoryProducerRelation, StoryProductRelation, StoryStoryRelation } from '../catalog/types';
import { storyColumns } from './story-rows';
import { indexStory, inWriteTransaction } from '../search/search-index';

type Db = Kysely<TerroirTables> | Transaction<TerroirTables>;
const now = () => new Date().toISOString();

export type NewStory = Omit<Story, 'id' | 'createdAt' | 'updatedAt' | 'position' | 'status' | 'visibility'> &
  Partial<Pick<Story, 'id' | 'position' | 'status' | 'visibility' | 'createdAt'>>;

/** Inserts a heritage story. */
export async function createStory(db: Db, input: NewStory): Promise<Story> {
  return inWriteTransaction(db, async (db) => {
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
    await indexStory(db, story.id);
    return story;
  });
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
