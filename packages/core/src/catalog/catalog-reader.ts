import { CompiledQuery, sql, SqliteAdapter, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import type { Locale, LocalizedText } from '../locale/locale';
import { isLocale } from '../locale/locale';
import type { TerroirTables } from '../db/schema';
import { sqliteHandleOf } from '../db/database';
import { decodeCursor, encodeCursor, type CatalogCursor, type ProductSort } from './catalog-cursor';
import { escapeLike } from './search-text';
import { monthIn, seasonStatus, type SeasonStatus } from './season';
import type {
  Certification,
  Cooperative,
  CurrencyCode,
  HarvestWindow,
  ImageRef,
  Place,
  Producer,
  ProducerKind,
  ProductCategory,
  SaleUnit,
  StoryKind,
  StoryMedia,
  StoryProducerRelation,
  StoryProductRelation,
  StoryStoryRelation,
  Story,
  Variant,
} from './types';

/*
 * The public read side of the catalog. Every query here serves shoppers, so every query
 * keeps to active products and public, published stories — including linked items.
 * Related rows for a page are fetched in batches (one query per relation, never per row).
 */

/** Total stock (over active variants) at or below which a product shows as "low". */
export const LOW_STOCK_THRESHOLD = 5;

export type StockState = 'in-stock' | 'low' | 'sold-out';

/** Money in minor units with its currency. */
export interface Money {
  priceMinor: number;
  currency: CurrencyCode;
}

/** The producer as shown beside a product in a list. */
export interface ProducerRef {
  id: string;
  slug: string;
  name: LocalizedText;
}

/** The cheapest active variant's sale unit, so a price per kg / per jin can be shown. */
export interface CheapestVariant {
  priceMinor: number;
  currency: CurrencyCode;
  unit: SaleUnit;
  unitQuantity: number;
  netGrams?: number;
}

/** A product as a list shows it. */
export interface ProductCard {
  id: string;
  slug: string;
  category: ProductCategory;
  title: LocalizedText;
  summary: LocalizedText;
  images: ImageRef[];
  tags: string[];
  harvestWindows: HarvestWindow[];
  preorder: boolean;
  season: SeasonStatus;
  priceFrom: Money | null;
  cheapestVariant: CheapestVariant | null;
  stock: StockState;
  /** Public, published stories linked to the product. */
  storyCount: number;
  producer: ProducerRef | null;
  position: number;
  createdAt: string;
}

/** A story as a list shows it (no body). */
export interface StoryCard {
  id: string;
  slug: string;
  kind: StoryKind;
  title: LocalizedText;
  summary: LocalizedText;
  media: StoryMedia[];
  era?: LocalizedText;
  place?: Place;
}

export type LinkedStory<R extends string> = StoryCard & { relation: R };

/** A product as linked from a story. */
export interface LinkedProduct {
  id: string;
  slug: string;
  title: LocalizedText;
  images: ImageRef[];
  priceFrom: Money | null;
  relation: StoryProductRelation;
}

/** An active variant with its stock state. */
export type ActiveVariant = Variant & { stock: StockState };

/** A product page: the card, its description, active variants, producer and stories. */
export interface ProductDetail extends Omit<ProductCard, 'producer'> {
  description: LocalizedText;
  certifications: Certification[];
  variants: ActiveVariant[];
  producer: Producer | null;
  stories: LinkedStory<StoryProductRelation>[];
}

/** A story page with its graph: products, producers and "see also" stories from both link directions. */
export interface StoryDetail extends Story {
  products: LinkedProduct[];
  producers: Array<Producer & { relation: StoryProducerRelation }>;
  seeAlso: LinkedStory<StoryStoryRelation>[];
}

/** A producer page with their active products and public stories. */
export interface ProducerDetail extends Producer {
  products: ProductCard[];
  stories: StoryCard[];
}

export interface ProductListQuery {
  category?: ProductCategory;
  /** Producer slug. */
  producer?: string;
  tag?: string;
  /** Only products whose harvest windows cover the current month in the cooperative's time zone. */
  inSeason?: boolean;
  /** Text searched in titles, summaries and tags, in every locale. */
  q?: string;
  sort?: ProductSort;
  limit?: number;
  /** Opaque cursor from a previous page's `nextCursor`. */
  cursor?: string;
}

export interface StoryListQuery {
  kind?: StoryKind;
  /** Product slug or id: only stories linked to it. */
  product?: string;
  q?: string;
  limit?: number;
  cursor?: string;
}

/** A page of results and the cursor of the next page (null on the last page). */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface CatalogReaderOptions {
  /** Clock used for "in season" (tests pin it). */
  now?: () => Date;
}

type Db = Kysely<TerroirTables>;
type ProductsEb = ExpressionBuilder<TerroirTables, 'products'>;

const DEFAULT_LIMIT = 24;

// Compiled once: it runs on every storefront request (see catalogVersion).
const CATALOG_VERSION_QUERY = CompiledQuery.raw(
  'select total_changes() as changes, data_version as version from pragma_data_version',
) as CompiledQuery<{ changes: number; version: number }>;
const MAX_LIMIT = 100;

const parse = <T>(text: string | null): T | undefined => (text == null ? undefined : (JSON.parse(text) as T));

/** Columns a product card needs: no description or certifications. */
const CARD_COLUMNS = [
  'id',
  'slug',
  'producer_id',
  'category',
  'title',
  'summary',
  'images',
  'tags',
  'harvest_windows',
  'preorder',
  'price_from_minor',
  'position',
  'created_at',
] as const;

const STORY_CARD_COLUMNS = ['id', 'slug', 'kind', 'title', 'summary', 'media', 'era', 'place', 'position'] as const;

interface CardRow {
  id: string;
  slug: string;
  producer_id: string | null;
  category: string;
  title: string;
  summary: string;
  images: string;
  tags: string;
  harvest_windows: string;
  preorder: number;
  price_from_minor: number | null;
  position: number;
  created_at: string;
}

interface StoryCardRow {
  id: string;
  slug: string;
  kind: string;
  title: string;
  summary: string;
  media: string;
  era: string | null;
  place: string | null;
}

/**
 * Read queries of the public storefront, dialect-neutral (SQLite and PostgreSQL). Returns
 * domain objects with localized texts; choosing a locale is the caller's job.
 *
 * @example
 * const reader = createCatalogReader(db);
 * const coop = await reader.getCooperative('laiyang-pear');
 * const page = coop && (await reader.listProducts(coop, { category: 'fresh', q: '梨', sort: 'price-asc', limit: 12 }));
 */
export function createCatalogReader(db: Db, options: CatalogReaderOptions = {}) {
  const now = options.now ?? (() => new Date());

  function currentMonth(coop: Cooperative): number {
    try {
      return monthIn(now(), coop.timezone);
    } catch {
      // A mistyped zone in the data must not take the shop down; Shanghai is the default zone.
      return monthIn(now(), 'Asia/Shanghai');
    }
  }

  /** Loads the related rows of a page of products in three batched queries. */
  async function toCards(coop: Cooperative, rows: CardRow[]): Promise<ProductCard[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const producerIds = [...new Set(rows.map((r) => r.producer_id).filter((id): id is string => id !== null))];
    const [variants, storyCounts, producers] = await Promise.all([
      db
        .selectFrom('variants')
        .select(['product_id', 'price_minor', 'currency', 'unit', 'unit_quantity', 'net_grams', 'stock_on_hand', 'position'])
        .where('product_id', 'in', ids)
        .where('status', '=', 'active')
        .execute(),
      db
        .selectFrom('story_products as sp')
        .innerJoin('stories as s', 's.id', 'sp.story_id')
        .select(['sp.product_id', (eb) => eb.fn.count<string | number>('sp.story_id').distinct().as('count')])
        .where('sp.product_id', 'in', ids)
        .where('s.visibility', '=', 'public')
        .where('s.status', '=', 'published')
        .where('s.cooperative_id', '=', coop.id)
        .groupBy('sp.product_id')
        .execute(),
      producerIds.length === 0
        ? Promise.resolve([])
        : db.selectFrom('producers').select(['id', 'slug', 'name']).where('id', 'in', producerIds).where('cooperative_id', '=', coop.id).execute(),
    ]);
    const countByProduct = new Map(storyCounts.map((r) => [r.product_id, Number(r.count)]));
    const producerById = new Map(producers.map((p) => [p.id, { id: p.id, slug: p.slug, name: JSON.parse(p.name) as LocalizedText }]));
    const stockByProduct = new Map<string, number>();
    const cheapestByProduct = new Map<string, (typeof variants)[number]>();
    for (const v of variants) {
      stockByProduct.set(v.product_id, (stockByProduct.get(v.product_id) ?? 0) + Number(v.stock_on_hand));
      const best = cheapestByProduct.get(v.product_id);
      if (!best || v.price_minor < best.price_minor || (v.price_minor === best.price_minor && v.position < best.position)) {
        cheapestByProduct.set(v.product_id, v);
      }
    }
    const month = currentMonth(coop);
    return rows.map((row) => {
      const cheapest = cheapestByProduct.get(row.id);
      const harvestWindows = JSON.parse(row.harvest_windows) as HarvestWindow[];
      const preorder = Number(row.preorder) === 1;
      return {
        id: row.id,
        slug: row.slug,
        category: row.category as ProductCategory,
        title: JSON.parse(row.title) as LocalizedText,
        summary: JSON.parse(row.summary) as LocalizedText,
        images: JSON.parse(row.images) as ImageRef[],
        tags: JSON.parse(row.tags) as string[],
        harvestWindows,
        preorder,
        season: seasonStatus(harvestWindows, preorder, month),
        priceFrom:
          row.price_from_minor == null ? null : { priceMinor: Number(row.price_from_minor), currency: cheapest?.currency ?? coop.currency },
        cheapestVariant: cheapest
          ? {
              priceMinor: Number(cheapest.price_minor),
              currency: cheapest.currency,
              unit: cheapest.unit as SaleUnit,
              unitQuantity: Number(cheapest.unit_quantity),
              ...(cheapest.net_grams == null ? {} : { netGrams: Number(cheapest.net_grams) }),
            }
          : null,
        stock: stockState(stockByProduct.get(row.id) ?? 0),
        storyCount: countByProduct.get(row.id) ?? 0,
        producer: (row.producer_id && producerById.get(row.producer_id)) || null,
        position: Number(row.position),
        createdAt: row.created_at,
      };
    });
  }

  function activeProducts(coop: Cooperative) {
    return db.selectFrom('products').where('cooperative_id', '=', coop.id).where('status', '=', 'active');
  }

  function publicStories(coop: Cooperative) {
    return db
      .selectFrom('stories')
      .where('cooperative_id', '=', coop.id)
      .where('visibility', '=', 'public')
      .where('status', '=', 'published');
  }

  const isSqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  // The version runs on every storefront request: on a handle we opened, one statement
  // prepared once and read synchronously costs ~2 µs instead of a Kysely round trip (~60 µs).
  // It only reads pragmas, so bypassing Kysely's connection mutex is harmless.
  const handle = sqliteHandleOf(db);
  const changesStatement = handle?.prepare<[], number>('select total_changes()').pluck();
  const dataVersionStatement = handle?.prepare<[], number>('pragma data_version').pluck();

  /** Public stories linked to a story through `story_links`, read from one end or the other. */
  function linkedStories(coop: Cooperative, storyId: string, direction: 'outgoing' | 'incoming') {
    const [here, there] = direction === 'outgoing' ? (['l.from_story_id', 'l.to_story_id'] as const) : (['l.to_story_id', 'l.from_story_id'] as const);
    return db
      .selectFrom('story_links as l')
      .innerJoin('stories as s', 's.id', there)
      .select(['s.id', 's.slug', 's.kind', 's.title', 's.summary', 's.media', 's.era', 's.place', 'l.relation', 'l.position as link_position'])
      .where(here, '=', storyId)
      .where('s.cooperative_id', '=', coop.id)
      .where('s.visibility', '=', 'public')
      .where('s.status', '=', 'published')
      .execute();
  }

  return {
    /**
     * A token that changes whenever the catalog may have changed, for exact response caching;
     * `null` when the engine offers no cheap one (PostgreSQL). On SQLite it combines the rows
     * this connection has changed (`total_changes()`) with commits by other connections and
     * processes (`data_version`), in one tiny query.
     *
     * @example
     * const before = await reader.catalogVersion();
     * // … any write …
     * (await reader.catalogVersion()) !== before // true
     */
    async catalogVersion(): Promise<string | null> {
      if (!isSqlite) return null;
      if (changesStatement && dataVersionStatement) return `${changesStatement.get()}.${dataVersionStatement.get()}`;
      const row = (await db.executeQuery(CATALOG_VERSION_QUERY)).rows[0];
      return row ? `${row.changes}.${row.version}` : null;
    },

    /** The month (1–12) "in season" is decided on for this cooperative, now. */
    currentMonth,

    /**
     * The cooperative with this slug, or `undefined`.
     *
     * @example
     * await reader.getCooperative('laiyang-pear')
     */
    async getCooperative(slug: string): Promise<Cooperative | undefined> {
      const row = await db.selectFrom('cooperatives').selectAll().where('slug', '=', slug).executeTakeFirst();
      if (!row) return undefined;
      return {
        id: row.id,
        slug: row.slug,
        name: JSON.parse(row.name) as LocalizedText,
        description: JSON.parse(row.description) as LocalizedText,
        place: JSON.parse(row.place) as Place,
        defaultLocale: (isLocale(row.default_locale) ? row.default_locale : 'zh-CN') as Locale,
        currency: row.currency,
        timezone: row.timezone,
        contact: JSON.parse(row.contact) as Cooperative['contact'],
        allowedOrigins: JSON.parse(row.allowed_origins) as string[],
      };
    },

    /**
     * A page of the cooperative's active products, filtered and sorted, with a keyset cursor
     * that stays stable for every sort. Throws `InvalidCursorError` for a forged cursor.
     *
     * @example
     * const first = await reader.listProducts(coop, { sort: 'newest', limit: 10 });
     * const second = await reader.listProducts(coop, { sort: 'newest', limit: 10, cursor: first.nextCursor! });
     */
    async listProducts(coop: Cooperative, query: ProductListQuery = {}): Promise<Page<ProductCard>> {
      const sort = query.sort ?? 'featured';
      const limit = clampLimit(query.limit);
      const cursor = query.cursor ? decodeCursor(query.cursor, sort) : undefined;
      const month = currentMonth(coop);

      const filtered = () => {
        let q = activeProducts(coop).select(CARD_COLUMNS);
        if (query.category) q = q.where('category', '=', query.category);
        if (query.producer) {
          const producer = query.producer;
          q = q.where('producer_id', 'in', (eb) =>
            eb.selectFrom('producers').select('id').where('cooperative_id', '=', coop.id).where('slug', '=', producer),
          );
        }
        if (query.tag) q = q.where(sql<SqlBool>`tags like ${`%${escapeLike(JSON.stringify(query.tag))}%`} escape '\\'`);
        if (query.inSeason) q = q.where(sql<SqlBool>`(season_mask & ${sql.lit(1 << (month - 1))}) <> 0`);
        const text = query.q?.trim().toLowerCase();
        if (text) q = q.where(sql<SqlBool>`search_text like ${`%${escapeLike(text)}%`} escape '\\'`);
        return q;
      };
      const after = (eb: ProductsEb, columns: ['position' | 'created_at' | 'price_from_minor', 'id'], op: '>' | '<', key: CatalogCursor['key']): Expression<SqlBool> =>
        eb(eb.refTuple(columns[0], columns[1]), op, eb.tuple(key[0] as never, key[1]));

      let rows: CardRow[];
      switch (sort) {
        case 'featured': {
          let q = filtered();
          if (cursor) q = q.where((eb) => after(eb, ['position', 'id'], '>', cursor.key));
          rows = await q.orderBy('position', 'asc').orderBy('id', 'asc').limit(limit + 1).execute();
          break;
        }
        case 'newest': {
          let q = filtered();
          if (cursor) q = q.where((eb) => after(eb, ['created_at', 'id'], '<', cursor.key));
          rows = await q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit + 1).execute();
          break;
        }
        case 'price-asc':
        case 'price-desc': {
          // Priced rows first, then unpriced ones ("nulls last"), as two index-ordered scans:
          // NULLS LAST in one ORDER BY would keep SQLite from walking products_price_idx.
          const dir = sort === 'price-asc' ? 'asc' : 'desc';
          const op = sort === 'price-asc' ? '>' : '<';
          rows = [];
          if (!cursor || cursor.key[0] !== null) {
            let q = filtered().where('price_from_minor', 'is not', null);
            if (cursor) q = q.where((eb) => after(eb, ['price_from_minor', 'id'], op, cursor.key));
            rows = await q.orderBy('price_from_minor', dir).orderBy('id', dir).limit(limit + 1).execute();
          }
          if (rows.length < limit + 1) {
            let q = filtered().where('price_from_minor', 'is', null);
            if (cursor && cursor.key[0] === null) q = q.where('id', op, cursor.key[1]);
            rows = rows.concat(await q.orderBy('id', dir).limit(limit + 1 - rows.length).execute());
          }
          break;
        }
      }
      const hasMore = rows.length > limit;
      const pageRows = hasMore ? rows.slice(0, limit) : rows;
      const last = pageRows[pageRows.length - 1];
      let nextCursor: string | null = null;
      if (hasMore && last) {
        const keyValue = sort === 'featured' ? Number(last.position) : sort === 'newest' ? last.created_at : last.price_from_minor == null ? null : Number(last.price_from_minor);
        nextCursor = encodeCursor({ sort, key: [keyValue, last.id] });
      }
      return { items: await toCards(coop, pageRows), nextCursor };
    },

    /**
     * An active product by slug or id, with its active variants, producer and public stories.
     *
     * @example
     * await reader.getProduct(coop, 'laiyang-pear-5jin')
     */
    async getProduct(coop: Cooperative, slugOrId: string): Promise<ProductDetail | undefined> {
      const row = await activeProducts(coop)
        .select([...CARD_COLUMNS, 'description', 'certifications'])
        .where((eb) => eb.or([eb('slug', '=', slugOrId), eb('id', '=', slugOrId)]))
        .executeTakeFirst();
      if (!row) return undefined;
      const [[card], variantRows, producerRow, storyRows] = await Promise.all([
        toCards(coop, [row]),
        db.selectFrom('variants').selectAll().where('product_id', '=', row.id).where('status', '=', 'active').orderBy('position').orderBy('id').execute(),
        row.producer_id
          ? db.selectFrom('producers').selectAll().where('id', '=', row.producer_id).where('cooperative_id', '=', coop.id).executeTakeFirst()
          : Promise.resolve(undefined),
        db
          .selectFrom('story_products as sp')
          .innerJoin('stories as s', 's.id', 'sp.story_id')
          .select(['s.id', 's.slug', 's.kind', 's.title', 's.summary', 's.media', 's.era', 's.place', 'sp.relation'])
          .where('sp.product_id', '=', row.id)
          .where('s.cooperative_id', '=', coop.id)
          .where('s.visibility', '=', 'public')
          .where('s.status', '=', 'published')
          .orderBy('sp.position')
          .orderBy('s.position')
          .orderBy('s.id')
          .execute(),
      ]);
      const { producer: _ref, ...cardRest } = card!;
      return {
        ...cardRest,
        description: JSON.parse(row.description) as LocalizedText,
        certifications: JSON.parse(row.certifications) as Certification[],
        variants: variantRows.map((v) => {
          const variant: Variant = {
            id: v.id,
            productId: v.product_id,
            ...(v.sku == null ? {} : { sku: v.sku }),
            label: JSON.parse(v.label) as LocalizedText,
            priceMinor: Number(v.price_minor),
            currency: v.currency,
            unit: v.unit as SaleUnit,
            unitQuantity: Number(v.unit_quantity),
            ...(v.net_grams == null ? {} : { netGrams: Number(v.net_grams) }),
            stockOnHand: Number(v.stock_on_hand),
            status: 'active',
            position: Number(v.position),
          };
          return { ...variant, stock: stockState(variant.stockOnHand) };
        }),
        producer: producerRow ? producerFromRow(producerRow) : null,
        stories: dedupeById(storyRows).map((s) => ({ ...storyCardFromRow(s), relation: s.relation as StoryProductRelation })),
      };
    },

    /**
     * A page of public, published stories, by position.
     *
     * @example
     * await reader.listStories(coop, { kind: 'craft-technique', product: 'laiyang-pear-5jin' })
     */
    async listStories(coop: Cooperative, query: StoryListQuery = {}): Promise<Page<StoryCard>> {
      const limit = clampLimit(query.limit);
      const cursor = query.cursor ? decodeCursor(query.cursor, 'stories') : undefined;
      let q = publicStories(coop).select(STORY_CARD_COLUMNS);
      if (query.kind) q = q.where('kind', '=', query.kind);
      if (query.product) {
        const product = query.product;
        q = q.where('id', 'in', (eb) =>
          eb
            .selectFrom('story_products as sp')
            .innerJoin('products as p', 'p.id', 'sp.product_id')
            .select('sp.story_id')
            .where('p.cooperative_id', '=', coop.id)
            .where('p.status', '=', 'active')
            .where((e) => e.or([e('p.slug', '=', product), e('p.id', '=', product)])),
        );
      }
      const text = query.q?.trim().toLowerCase();
      if (text) q = q.where(sql<SqlBool>`search_text like ${`%${escapeLike(text)}%`} escape '\\'`);
      if (cursor) q = q.where((eb) => eb(eb.refTuple('position', 'id'), '>', eb.tuple(cursor.key[0] as number, cursor.key[1])));
      const rows = await q.orderBy('position').orderBy('id').limit(limit + 1).execute();
      const hasMore = rows.length > limit;
      const pageRows = hasMore ? rows.slice(0, limit) : rows;
      const last = pageRows[pageRows.length - 1];
      return {
        items: pageRows.map(storyCardFromRow),
        nextCursor: hasMore && last ? encodeCursor({ sort: 'stories', key: [Number(last.position), last.id] }) : null,
      };
    },

    /**
     * A public, published story by slug or id, with its active products, producers and
     * "see also" stories (links read from both ends).
     *
     * @example
     * await reader.getStory(coop, 'pear-grafting')
     */
    async getStory(coop: Cooperative, slugOrId: string): Promise<StoryDetail | undefined> {
      const row = await publicStories(coop)
        .selectAll()
        .where((eb) => eb.or([eb('slug', '=', slugOrId), eb('id', '=', slugOrId)]))
        .executeTakeFirst();
      if (!row) return undefined;
      const [productRows, producerRows, outgoing, incoming] = await Promise.all([
        db
          .selectFrom('story_products as sp')
          .innerJoin('products as p', 'p.id', 'sp.product_id')
          .select(['p.id', 'p.slug', 'p.title', 'p.images', 'p.price_from_minor', 'sp.relation'])
          .where('sp.story_id', '=', row.id)
          .where('p.cooperative_id', '=', coop.id)
          .where('p.status', '=', 'active')
          .orderBy('sp.position')
          .orderBy('p.position')
          .orderBy('p.id')
          .execute(),
        db
          .selectFrom('story_producers as sp')
          .innerJoin('producers as p', 'p.id', 'sp.producer_id')
          .select(['p.id', 'p.cooperative_id', 'p.slug', 'p.kind', 'p.name', 'p.profile', 'p.portrait', 'p.place', 'sp.relation'])
          .where('sp.story_id', '=', row.id)
          .where('p.cooperative_id', '=', coop.id)
          .orderBy('sp.position')
          .orderBy('p.id')
          .execute(),
        linkedStories(coop, row.id, 'outgoing'),
        linkedStories(coop, row.id, 'incoming'),
      ]);
      const links = [...outgoing, ...incoming].sort((a, b) => Number(a.link_position) - Number(b.link_position) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      return {
        id: row.id,
        cooperativeId: row.cooperative_id,
        slug: row.slug,
        kind: row.kind as StoryKind,
        title: JSON.parse(row.title) as LocalizedText,
        summary: JSON.parse(row.summary) as LocalizedText,
        body: JSON.parse(row.body) as LocalizedText,
        media: JSON.parse(row.media) as StoryMedia[],
        ...optional('place', parse<Place>(row.place)),
        ...optional('era', parse<LocalizedText>(row.era)),
        ...optional('attribution', parse<LocalizedText>(row.attribution)),
        visibility: 'public',
        status: 'published',
        position: Number(row.position),
        createdAt: row.created_at,
        updatedAt: row.updated_at,
        products: dedupeById(productRows).map((p) => ({
          id: p.id,
          slug: p.slug,
          title: JSON.parse(p.title) as LocalizedText,
          images: JSON.parse(p.images) as ImageRef[],
          priceFrom: p.price_from_minor == null ? null : { priceMinor: Number(p.price_from_minor), currency: coop.currency },
          relation: p.relation as StoryProductRelation,
        })),
        producers: dedupeById(producerRows).map((p) => ({ ...producerFromRow(p), relation: p.relation as StoryProducerRelation })),
        seeAlso: dedupeById(links).map((s) => ({ ...storyCardFromRow(s), relation: s.relation as StoryStoryRelation })),
      };
    },

    /**
     * A producer by slug or id, with their active products (as cards) and public stories.
     *
     * @example
     * await reader.getProducer(coop, 'wang-family-orchard')
     */
    async getProducer(coop: Cooperative, slugOrId: string): Promise<ProducerDetail | undefined> {
      const row = await db
        .selectFrom('producers')
        .selectAll()
        .where('cooperative_id', '=', coop.id)
        .where((eb) => eb.or([eb('slug', '=', slugOrId), eb('id', '=', slugOrId)]))
        .executeTakeFirst();
      if (!row) return undefined;
      const [productRows, storyRows] = await Promise.all([
        activeProducts(coop).select(CARD_COLUMNS).where('producer_id', '=', row.id).orderBy('position').orderBy('id').limit(MAX_LIMIT).execute(),
        db
          .selectFrom('story_producers as sp')
          .innerJoin('stories as s', 's.id', 'sp.story_id')
          .select(['s.id', 's.slug', 's.kind', 's.title', 's.summary', 's.media', 's.era', 's.place'])
          .where('sp.producer_id', '=', row.id)
          .where('s.cooperative_id', '=', coop.id)
          .where('s.visibility', '=', 'public')
          .where('s.status', '=', 'published')
          .orderBy('sp.position')
          .orderBy('s.position')
          .orderBy('s.id')
          .execute(),
      ]);
      return {
        ...producerFromRow(row),
        products: await toCards(coop, productRows),
        stories: dedupeById(storyRows).map(storyCardFromRow),
      };
    },
  };
}

/** The reader {@link createCatalogReader} returns. */
export type CatalogReader = ReturnType<typeof createCatalogReader>;

/**
 * Stock state shown to shoppers for an amount on hand.
 *
 * @example
 * stockState(0) // 'sold-out'
 */
export function stockState(onHand: number): StockState {
  if (onHand <= 0) return 'sold-out';
  return onHand <= LOW_STOCK_THRESHOLD ? 'low' : 'in-stock';
}

function clampLimit(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit)) return DEFAULT_LIMIT;
  return Math.min(MAX_LIMIT, Math.max(1, Math.trunc(limit)));
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

/** A row may appear once per relation; the first (best-positioned) relation wins. */
function dedupeById<T extends { id: string }>(rows: T[]): T[] {
  const seen = new Set<string>();
  return rows.filter((r) => (seen.has(r.id) ? false : (seen.add(r.id), true)));
}

function storyCardFromRow(row: StoryCardRow): StoryCard {
  return {
    id: row.id,
    slug: row.slug,
    kind: row.kind as StoryKind,
    title: JSON.parse(row.title) as LocalizedText,
    summary: JSON.parse(row.summary) as LocalizedText,
    media: JSON.parse(row.media) as StoryMedia[],
    ...optional('era', parse<LocalizedText>(row.era)),
    ...optional('place', parse<Place>(row.place)),
  };
}

function producerFromRow(row: {
  id: string;
  cooperative_id: string;
  slug: string;
  kind: string;
  name: string;
  profile: string;
  portrait: string | null;
  place: string | null;
}): Producer {
  return {
    id: row.id,
    cooperativeId: row.cooperative_id,
    slug: row.slug,
    kind: row.kind as ProducerKind,
    name: JSON.parse(row.name) as LocalizedText,
    profile: JSON.parse(row.profile) as LocalizedText,
    ...optional('portrait', parse<ImageRef>(row.portrait)),
    ...optional('place', parse<Place>(row.place)),
  };
}
