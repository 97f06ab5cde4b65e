import { searchMatchCondition } from '../search/search-query';
import { sql, type Kysely, type SqlBool } from 'kysely';
import type { TerroirTables } from '../db/schema';
import { decodeCursor, encodeCursor } from '../catalog/catalog-cursor';
import { escapeLike } from '../catalog/search-text';
import type { Cooperative, LinkedProductBase, Page, Producer, StoryProducerRelation } from '../catalog/types';
import { dedupeById, linkedPublicStories, storyIdsLinkedToProduct, storyLinkTargets } from './story-graph';
import { storyCardFromRow, storyFromRow } from './story-mappers';
import { placesLinkedTo } from '../museum/linked-places';
import type { StoryCard, StoryDetail, StoryListQuery } from './story-types';

/*
 * The public read side of stories: the list and a story page with its graph. Products and
 * producers come from the catalog through the lookups the caller passes in, so this module
 * never reads the catalog's tables (and the catalog, which shows stories on product pages,
 * can use this module without an import cycle).
 */

/** What the story pages need from the catalog. */
export interface StoryCatalogLookups {
  /** The id of an active product of the cooperative with this slug or id. */
  activeProductId(coop: Cooperative, slugOrId: string): Promise<string | undefined>;
  /** Active products of the cooperative among these ids (others are left out). */
  activeProductsByIds(coop: Cooperative, ids: string[]): Promise<LinkedProductBase[]>;
  /** Producers of the cooperative among these ids. */
  producersByIds(coop: Cooperative, ids: string[]): Promise<Producer[]>;
}

const DEFAULT_LIMIT = 24;
const MAX_LIMIT = 100;
const STORY_CARD_COLUMNS = ['id', 'slug', 'kind', 'title', 'summary', 'media', 'era', 'date', 'place', 'position'] as const;

function clampLimit(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit)) return DEFAULT_LIMIT;
  return Math.min(MAX_LIMIT, Math.max(1, Math.trunc(limit)));
}

/**
 * Read queries of public stories: only public, published ones, linked items included.
 *
 * @example
 * const stories = createStoryReader(db, lookups);
 * const page = await stories.listStories(coop, { kind: 'craft-technique' });
 */
export function createStoryReader(db: Kysely<TerroirTables>, catalog: StoryCatalogLookups) {
  function publicStories(coop: Cooperative) {
    return db.selectFrom('stories').where('cooperative_id', '=', coop.id).where('visibility', '=', 'public').where('status', '=', 'published');
  }

  return {
    /**
     * A page of public, published stories, by position.
     *
     * @example
     * await stories.listStories(coop, { kind: 'craft-technique', product: 'laiyang-pear-5jin' })
     */
    async listStories(coop: Cooperative, query: StoryListQuery = {}): Promise<Page<StoryCard>> {
      const limit = clampLimit(query.limit);
      const cursor = query.cursor ? decodeCursor(query.cursor, 'stories') : undefined;
      let q = publicStories(coop).select(STORY_CARD_COLUMNS);
      if (query.kind) q = q.where('kind', '=', query.kind);
      if (query.product) {
        const productId = await catalog.activeProductId(coop, query.product);
        const storyIds = productId ? await storyIdsLinkedToProduct(db, productId) : [];
        if (storyIds.length === 0) return { items: [], nextCursor: null };
        q = q.where('id', 'in', storyIds);
      }
      const text = query.q?.trim().toLowerCase();
      if (text) {
        // The old substring match, or the search index (pinyin, initials, traditional characters).
        const like = sql<SqlBool>`search_text like ${`%${escapeLike(text)}%`} escape '\\'`;
        const indexed = searchMatchCondition(db, coop.id, 'story', text);
        q = q.where(indexed ? sql<SqlBool>`(${like} or ${indexed})` : like);
      }
      if (cursor) q = q.where((eb) => eb(eb.refTuple('position', 'id'), '>', eb.tuple(cursor.key[0] as number, cursor.key[1])));
      const rows = await q
        .orderBy('position')
        .orderBy('id')
        .limit(limit + 1)
        .execute();
      const hasMore = rows.length > limit;
      const pageRows = hasMore ? rows.slice(0, limit) : rows;
      const last = pageRows[pageRows.length - 1];
      return {
        items: pageRows.map(storyCardFromRow),
        nextCursor: hasMore && last ? encodeCursor({ sort: 'stories', key: [Number(last.position), last.id] }) : null,
      };
    },

    /**
     * A public, published story by slug or id, with its active products, producers, public
     * museum places and "see also" stories (links read from both ends).
     *
     * @example
     * await stories.getStory(coop, 'pear-grafting')
     */
    async getStory(coop: Cooperative, slugOrId: string): Promise<StoryDetail | undefined> {
      const row = await publicStories(coop)
        .selectAll()
        .where((eb) => eb.or([eb('slug', '=', slugOrId), eb('id', '=', slugOrId)]))
        .executeTakeFirst();
      if (!row) return undefined;
      const [targets, seeAlso, places] = await Promise.all([
        storyLinkTargets(db, row.id),
        linkedPublicStories(db, coop.id, row.id),
        placesLinkedTo(db, coop.id, { kind: 'story', id: row.id }, { publicOnly: true }),
      ]);
      const [products, producers] = await Promise.all([
        catalog.activeProductsByIds(coop, [...new Set(targets.products.map((l) => l.productId))]),
        catalog.producersByIds(coop, [...new Set(targets.producers.map((l) => l.producerId))]),
      ]);
      const productById = new Map(products.map((p) => [p.id, p]));
      const producerById = new Map(producers.map((p) => [p.id, p]));
      const linkedProducts = targets.products
        .flatMap((link) => {
          const product = productById.get(link.productId);
          return product ? [{ link, product }] : [];
        })
        .sort(
          (a, b) =>
            a.link.position - b.link.position ||
            a.product.position - b.product.position ||
            (a.product.id < b.product.id ? -1 : a.product.id > b.product.id ? 1 : 0),
        )
        .map(({ link, product }) => {
          const { position: _position, ...rest } = product;
          return { ...rest, relation: link.relation };
        });
      const linkedProducers = targets.producers
        .flatMap((link) => {
          const producer = producerById.get(link.producerId);
          return producer ? [{ ...producer, relation: link.relation as StoryProducerRelation, linkPosition: link.position }] : [];
        })
        .sort((a, b) => a.linkPosition - b.linkPosition || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
        .map(({ linkPosition: _linkPosition, ...producer }) => producer);
      const story = storyFromRow(row);
      return {
        ...story,
        visibility: 'public',
        status: 'published',
        products: dedupeById(linkedProducts),
        places: places.map(({ id, slug, kind, name, coordinates }) => ({ id, slug, kind, name, coordinates })),
        producers: dedupeById(linkedProducers),
        seeAlso,
      };
    },
  };
}

/** The reader {@link createStoryReader} returns. */
export type StoryReader = ReturnType<typeof createStoryReader>;
