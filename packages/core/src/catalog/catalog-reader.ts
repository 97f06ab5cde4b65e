import { searchMatchCondition } from '../search/search-query';
import {
  CompiledQuery,
  PostgresAdapter,
  sql,
  SqliteAdapter,
  type Expression,
  type ExpressionBuilder,
  type Kysely,
  type SelectQueryBuilder,
  type SqlBool,
} from 'kysely';
import type { Locale, LocalizedText } from '../locale/locale';
import { isLocale } from '../locale/locale';
import type { TerroirTables } from '../db/schema';
import { sqliteHandleOf } from '../db/sqlite-handle';
import { queryShapesOf, type SlotValue } from '../db/query-shapes';
import { batchedFreshRead } from './batched-fresh-read';
import { decodeCursor, encodeCursor, type CatalogCursor, type ProductSort } from './catalog-cursor';
import { escapeLike } from './search-text';
import { monthIn, seasonStatus, type SeasonStatus } from './season';
import { parseJsonColumn } from '../db/json-column';
import { loadCooperativeBySlug } from '../cooperatives/cooperatives';
import { stockState, type StockState } from '../inventory/stock-state';
import { publicStoriesOfProducer, publicStoriesOfProduct, publicStoryCountOfProduct, publicStoryCountsByProduct } from '../stories/story-graph';
import { createStoryReader } from '../stories/story-reader';
import type { LinkedStory, StoryCard } from '../stories/story-types';
import { imageListSchema, localizedTextSchema } from './catalog-column-schemas';
import { producerFromRow, productCardColumnsFromRow, productDetailColumnsFromRow, variantFromRow } from './catalog-mappers';
import { createProductCardCache, type ProductCardCache, type ProductCardCacheOptions } from './product-card-cache';
import type {
  Certification,
  Cooperative,
  CurrencyCode,
  HarvestWindow,
  ImageRef,
  Money,
  Page,
  Producer,
  ProductCategory,
  SaleUnit,
  StoryProductRelation,
  Variant,
} from './types';

// Story types were declared here before stories became their own module.
export type { LinkedProduct, LinkedStory, StoryCard, StoryDetail, StoryListQuery } from '../stories/story-types';
export type { Money, Page } from './types';
export { LOW_STOCK_THRESHOLD, stockState, type StockState } from '../inventory/stock-state';

/*
 * The public read side of the catalog. Every query here serves shoppers, so every query
 * keeps to active products and public, published stories — including linked items.
 * Related rows for a page are fetched in batches (one query per relation, never per row).
 */

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
  /** The product's only active variant, when it has exactly one: a card can add it to a cart directly. */
  onlyVariant: { id: string; label: LocalizedText; priceMinor: number; currency: CurrencyCode; inStock: boolean } | null;
  stock: StockState;
  /** Public, published stories linked to the product. */
  storyCount: number;
  producer: ProducerRef | null;
  position: number;
  createdAt: string;
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

export interface CatalogReaderOptions {
  /** Clock used for "in season" (tests pin it). */
  now?: () => Date;
  /**
   * PostgreSQL: reuse a catalog version read for this many ms (default 0: a fresh read for every
   * request). Exact only when every write waits this long after it commits before it answers —
   * the storefront and admin API do when given the same `versionWindowMs` (see docs/operators.md).
   */
  versionWindowMs?: number;
  /**
   * Product cards reused by `listProducts` calls given a `catalogVersion`: a cache (to share or
   * inspect), its bounds, or `false` for none. Default: a cache of 10 000 cards / 16 MiB.
   */
  productCards?: ProductCardCache | ProductCardCacheOptions | false;
}

/** How a product list is read. */
export interface ListProductsOptions {
  /**
   * The catalog version read at the start of the request, before any query (see
   * `catalogVersion()`): with it, the page is read as ids and its cards are reused while the
   * version holds (see `createProductCardCache`); cached cards are frozen. Without it (or
   * `null`), every card is read from the database.
   */
  catalogVersion?: string | null;
}

type Db = Kysely<TerroirTables>;
type ProductsEb = ExpressionBuilder<TerroirTables, 'products'>;

const DEFAULT_LIMIT = 24;

// Compiled once: it runs on every storefront request (see catalogVersion).
const CATALOG_VERSION_QUERY = CompiledQuery.raw('select total_changes() as changes, data_version as version from pragma_data_version') as CompiledQuery<{
  changes: number;
  version: number;
}>;
// PostgreSQL: the transaction snapshot (xmin:xmax:in-progress xids). Two equal snapshots see
// exactly the same committed data, and a snapshot never repeats once anything has committed.
const PG_CATALOG_VERSION_QUERY = CompiledQuery.raw('select pg_current_snapshot()::text as version') as CompiledQuery<{ version: string }>;
const MAX_LIMIT = 100;

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

/** A card row of a product list, with its producer and story count read in the same query. */
interface ListedCardRow extends CardRow {
  producer_slug: string | null;
  producer_name: string | null;
  story_count: number | string | null;
}

const isListedRow = (row: CardRow): row is ListedCardRow => 'story_count' in row;

/** The producer and the public story count of a product, as columns of a query on `products`. */
function listedColumns(eb: ProductsEb) {
  return [
    eb
      .selectFrom('producers as pr')
      .select('pr.slug')
      .whereRef('pr.id', '=', 'products.producer_id')
      .whereRef('pr.cooperative_id', '=', 'products.cooperative_id')
      .as('producer_slug'),
    eb
      .selectFrom('producers as pr')
      .select('pr.name')
      .whereRef('pr.id', '=', 'products.producer_id')
      .whereRef('pr.cooperative_id', '=', 'products.cooperative_id')
      .as('producer_name'),
    publicStoryCountOfProduct(eb).as('story_count'),
  ];
}

/** The column a sort orders by (after it, `id`), read by a page of ids to make its cursor. */
const SORT_COLUMN = { featured: 'position', newest: 'created_at', 'price-asc': 'price_from_minor', 'price-desc': 'price_from_minor' } as const;

/** A row of a page read as ids: the id and the sort column its cursor is made from. */
type PageRow = Pick<CardRow, 'id'> & Partial<Pick<CardRow, 'position' | 'created_at' | 'price_from_minor'>>;

// Estimated heap bytes of a cached card with its serialised summaries (parsed columns, variant
// and producer fields, object headers, the storefront's JSON of it in two languages), from its
// stored texts. `bench/card-bytes.ts` measured ~3.4 KB of heap per card of the bench catalog
// (~330 stored characters); these constants count ~3.9 KB for it, erring high.
const CARD_BASE_BYTES = 2560;
const CARD_BYTES_PER_CHAR = 4;

function cardBytes(row: ListedCardRow): number {
  const chars =
    row.id.length +
    row.slug.length +
    row.title.length +
    row.summary.length +
    row.images.length +
    row.tags.length +
    row.harvest_windows.length +
    (row.producer_slug?.length ?? 0) +
    (row.producer_name?.length ?? 0);
  return CARD_BASE_BYTES + CARD_BYTES_PER_CHAR * chars;
}

function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  Object.freeze(value);
  for (const inner of Object.values(value)) deepFreeze(inner);
  return value;
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
  const cards: ProductCardCache | undefined =
    options.productCards === false
      ? undefined
      : options.productCards && 'get' in options.productCards
        ? options.productCards
        : createProductCardCache(options.productCards || {});

  function currentMonth(coop: Cooperative): number {
    try {
      return monthIn(now(), coop.timezone);
    } catch {
      // A mistyped zone in the data must not take the shop down; Shanghai is the default zone.
      return monthIn(now(), 'Asia/Shanghai');
    }
  }

  /**
   * Loads the related rows of a page of products: variants in one batched query; producers and
   * story counts in two more, unless the rows carry them already (a product list reads them in
   * its page query).
   */
  async function toCards(coop: Cooperative, rows: CardRow[] | ListedCardRow[], month = currentMonth(coop)): Promise<ProductCard[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const listed = (rows as CardRow[]).every(isListedRow) ? (rows as ListedCardRow[]) : undefined;
    const producerIds = listed ? [] : [...new Set(rows.map((r) => r.producer_id).filter((id): id is string => id !== null))];
    const shapes = queryShapesOf(db);
    const [variants, storyCounts, producers] = await Promise.all([
      shapes.run(`card-variants:${ids.length}`, ids, (value) =>
        db
          .selectFrom('variants')
          .select(['id', 'product_id', 'label', 'price_minor', 'currency', 'unit', 'unit_quantity', 'net_grams', 'stock_on_hand', 'position'])
          .where(
            'product_id',
            'in',
            ids.map((_, i) => value<string>(i)),
          )
          .where('status', '=', 'active'),
      ),
      listed ? new Map(listed.map((r) => [r.id, Number(r.story_count ?? 0)])) : publicStoryCountsByProduct(db, coop.id, ids),
      producerIds.length === 0
        ? Promise.resolve([])
        : shapes.run(`card-producers:${producerIds.length}`, [coop.id, ...producerIds], (value) =>
            db
              .selectFrom('producers')
              .select(['id', 'slug', 'name'])
              .where(
                'id',
                'in',
                producerIds.map((_, i) => value<string>(i + 1)),
              )
              .where('cooperative_id', '=', value<string>(0)),
          ),
    ]);
    if (listed) {
      for (const r of listed)
        if (r.producer_id && r.producer_slug !== null && r.producer_name !== null)
          producers.push({ id: r.producer_id, slug: r.producer_slug, name: r.producer_name });
    }
    const producerById = new Map(
      producers.map((p) => [
        p.id,
        { id: p.id, slug: p.slug, name: parseJsonColumn(localizedTextSchema, p.name, { table: 'producers', id: p.id, column: 'name' }) },
      ]),
    );
    const stockByProduct = new Map<string, number>();
    const cheapestByProduct = new Map<string, (typeof variants)[number]>();
    const variantCount = new Map<string, number>();
    for (const v of variants) {
      variantCount.set(v.product_id, (variantCount.get(v.product_id) ?? 0) + 1);
      stockByProduct.set(v.product_id, (stockByProduct.get(v.product_id) ?? 0) + Number(v.stock_on_hand));
      const best = cheapestByProduct.get(v.product_id);
      if (!best || v.price_minor < best.price_minor || (v.price_minor === best.price_minor && v.position < best.position)) {
        cheapestByProduct.set(v.product_id, v);
      }
    }
    return rows.map((row) => {
      const cheapest = cheapestByProduct.get(row.id);
      const { title, summary, images, tags, harvestWindows } = productCardColumnsFromRow(row);
      const preorder = Number(row.preorder) === 1;
      return {
        id: row.id,
        slug: row.slug,
        category: row.category as ProductCategory,
        title,
        summary,
        images,
        tags,
        harvestWindows,
        preorder,
        season: seasonStatus(harvestWindows, preorder, month),
        priceFrom: row.price_from_minor == null ? null : { priceMinor: Number(row.price_from_minor), currency: cheapest?.currency ?? coop.currency },
        cheapestVariant: cheapest
          ? {
              priceMinor: Number(cheapest.price_minor),
              currency: cheapest.currency,
              unit: cheapest.unit as SaleUnit,
              unitQuantity: Number(cheapest.unit_quantity),
              ...(cheapest.net_grams == null ? {} : { netGrams: Number(cheapest.net_grams) }),
            }
          : null,
        onlyVariant:
          cheapest && variantCount.get(row.id) === 1
            ? {
                id: cheapest.id,
                label: parseJsonColumn(localizedTextSchema, cheapest.label, { table: 'variants', id: cheapest.id, column: 'label' }),
                priceMinor: Number(cheapest.price_minor),
                currency: cheapest.currency,
                inStock: Number(cheapest.stock_on_hand) > 0,
              }
            : null,
        stock: stockState(stockByProduct.get(row.id) ?? 0),
        storyCount: storyCounts.get(row.id) ?? 0,
        producer: (row.producer_id && producerById.get(row.producer_id)) || null,
        position: Number(row.position),
        createdAt: row.created_at,
      };
    });
  }

  /**
   * The cards of `ids` in their order: from the card cache while `version` holds, the others in
   * one query (plus their variants), then kept. A product gone between the page's query and this
   * one (deleted by a write in between) is left out.
   */
  async function cachedCards(cache: ProductCardCache, version: string, coop: Cooperative, month: number, ids: string[]): Promise<ProductCard[]> {
    const found = ids.map((id) => cache.get(version, `${coop.id}|${month}|${id}`));
    const missing = ids.filter((_, i) => found[i] === undefined);
    if (missing.length === 0) return found as ProductCard[];
    const rows = await queryShapesOf(db).run(`card-rows:${missing.length}`, [coop.id, ...missing], (value) =>
      db
        .selectFrom('products')
        .select(CARD_COLUMNS)
        .select(listedColumns)
        .where('cooperative_id', '=', value<string>(0))
        .where(
          'id',
          'in',
          missing.map((_, i) => value<string>(i + 1)),
        ),
    );
    const made = await toCards(coop, rows, month);
    keepCards(cache, version, coop, month, rows, made);
    const built = new Map(made.map((card) => [card.id, card]));
    const items: ProductCard[] = [];
    ids.forEach((id, i) => {
      const card = found[i] ?? built.get(id);
      if (card) items.push(card);
    });
    return items;
  }

  /** Freezes the cards made from `rows` (in their order) and keeps them under `version`. */
  function keepCards(cache: ProductCardCache, version: string, coop: Cooperative, month: number, rows: ListedCardRow[], made: ProductCard[]): void {
    for (const [i, row] of rows.entries()) cache.set(version, `${coop.id}|${month}|${row.id}`, deepFreeze(made[i]!), cardBytes(row));
  }

  function activeProducts(coop: Cooperative) {
    return db.selectFrom('products').where('cooperative_id', '=', coop.id).where('status', '=', 'active');
  }

  // The story pages read products and producers through these, keeping the stories module
  // out of the catalog's tables.
  const stories = createStoryReader(db, {
    async activeProductId(coop, slugOrId) {
      const row = await activeProducts(coop)
        .select('id')
        .where((eb) => eb.or([eb('slug', '=', slugOrId), eb('id', '=', slugOrId)]))
        .executeTakeFirst();
      return row?.id;
    },
    async activeProductsByIds(coop, ids) {
      if (ids.length === 0) return [];
      const rows = await activeProducts(coop).select(['id', 'slug', 'title', 'images', 'price_from_minor', 'position']).where('id', 'in', ids).execute();
      return rows.map((p) => ({
        id: p.id,
        slug: p.slug,
        title: parseJsonColumn(localizedTextSchema, p.title, { table: 'products', id: p.id, column: 'title' }),
        images: parseJsonColumn(imageListSchema, p.images, { table: 'products', id: p.id, column: 'images' }),
        priceFrom: p.price_from_minor == null ? null : { priceMinor: Number(p.price_from_minor), currency: coop.currency },
        position: Number(p.position),
      }));
    },
    async producersByIds(coop, ids) {
      if (ids.length === 0) return [];
      const rows = await db.selectFrom('producers').selectAll().where('cooperative_id', '=', coop.id).where('id', 'in', ids).execute();
      return rows.map(producerFromRow);
    },
  });

  const isSqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  const isPostgres = db.getExecutor().adapter instanceof PostgresAdapter;
  // The version runs on every storefront request: on a handle we opened, one statement
  // prepared once and read synchronously costs ~2 µs instead of a Kysely round trip (~60 µs).
  // It only reads pragmas, so bypassing Kysely's connection mutex is harmless.
  const handle = sqliteHandleOf(db);
  const changesStatement = handle?.prepare<[], number>('select total_changes()').pluck();
  const dataVersionStatement = handle?.prepare<[], number>('pragma data_version').pluck();

  // PostgreSQL: one snapshot read per batch of concurrent requests, never an older one (or, with
  // a version window, at most one per window: writers then wait out the window before answering).
  const postgresSnapshot = batchedFreshRead(async () => `pg:${(await db.executeQuery(PG_CATALOG_VERSION_QUERY)).rows[0]?.version ?? ''}`, {
    reuseWithinMs: options.versionWindowMs ?? 0,
  });

  return {
    /**
     * A token that changes whenever the catalog may have changed, for exact response caching
     * (`null` on an engine that offers no cheap one). On SQLite it combines the rows this
     * connection has changed (`total_changes()`) with commits by other connections and
     * processes (`data_version`). On PostgreSQL it is the current snapshot
     * (`pg_current_snapshot()`: equal snapshots see the same committed rows, and any commit by
     * any process moves it), so several app processes on one database stay coherent with no
     * message between them. Read it before the queries it guards: what they read is then at
     * least as new as the token.
     *
     * @example
     * const before = await reader.catalogVersion();
     * // … any write …
     * (await reader.catalogVersion()) !== before // true
     */
    async catalogVersion(): Promise<string | null> {
      if (isPostgres) return postgresSnapshot();
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
      return loadCooperativeBySlug(db, slug);
    },

    /**
     * A page of the cooperative's active products, filtered and sorted, with a keyset cursor
     * that stays stable for every sort. Throws `InvalidCursorError` for a forged cursor.
     *
     * @example
     * const first = await reader.listProducts(coop, { sort: 'newest', limit: 10 });
     * const second = await reader.listProducts(coop, { sort: 'newest', limit: 10, cursor: first.nextCursor! });
     */
    async listProducts(coop: Cooperative, query: ProductListQuery = {}, options: ListProductsOptions = {}): Promise<Page<ProductCard>> {
      const sort = query.sort ?? 'featured';
      const limit = clampLimit(query.limit);
      const cursor = query.cursor ? decodeCursor(query.cursor, sort) : undefined;
      const month = currentMonth(coop);
      // With a catalog version whose cards are being kept, the page is read as ids (and the sort
      // column, for the cursor): an index walk that skips the JSON columns, the cards coming from
      // the card cache. Right after a write no card of the new version is held yet: the page is
      // read whole, as without a version, and its cards are kept.
      const version = cards && typeof options.catalogVersion === 'string' ? options.catalogVersion : undefined;
      const idsOnly = version !== undefined && cards!.holds(version);
      const sortColumn = SORT_COLUMN[sort];

      // Every value that varies goes through `value(i)`, and everything that changes the SQL is
      // in `shape`: each shape is compiled once (see query-shapes.ts). A text search builds its
      // own sub-query from the terms, so it is built and compiled per request.
      const values: unknown[] = [];
      const slot = (v: unknown) => values.push(v) - 1;
      const iCoop = slot(coop.id);
      const iCategory = query.category ? slot(query.category) : -1;
      const iProducer = query.producer ? slot(query.producer) : -1;
      const iTag = query.tag ? slot(`%${escapeLike(JSON.stringify(query.tag))}%`) : -1;
      const text = query.q?.trim().toLowerCase();
      const shape = text
        ? undefined
        : `${idsOnly ? 'ids' : 'list'}:${sort}:${iCategory < 0 ? '' : 'c'}${iProducer < 0 ? '' : 'p'}${iTag < 0 ? '' : 't'}${query.inSeason ? `s${month}` : ''}:${cursor ? (cursor.key[0] === null ? 'n' : 'k') : ''}`;
      const filtered = (value: SlotValue) => {
        const from = db.selectFrom('products').where('cooperative_id', '=', value<string>(iCoop)).where('status', '=', 'active');
        // Ids and the sort column; or the card columns, with the producer and the story count in
        // the page's own query (two statements fewer than reading them apart).
        let q = (idsOnly ? from.select(['id', sortColumn]) : from.select(CARD_COLUMNS).select(listedColumns)) as unknown as SelectQueryBuilder<
          TerroirTables,
          'products',
          PageRow
        >;
        if (iCategory >= 0) q = q.where('category', '=', value<ProductCategory>(iCategory));
        if (iProducer >= 0) {
          q = q.where('producer_id', 'in', (eb) =>
            eb.selectFrom('producers').select('id').where('cooperative_id', '=', value<string>(iCoop)).where('slug', '=', value<string>(iProducer)),
          );
        }
        if (iTag >= 0) q = q.where(sql<SqlBool>`tags like ${value<string>(iTag)} escape '\\'`);
        if (query.inSeason) q = q.where(sql<SqlBool>`(season_mask & ${sql.lit(1 << (month - 1))}) <> 0`);
        if (text) {
          // The old substring match, or the search index (pinyin, initials, traditional characters).
          const like = sql<SqlBool>`search_text like ${`%${escapeLike(text)}%`} escape '\\'`;
          const indexed = searchMatchCondition(db, coop.id, 'product', text);
          q = q.where(indexed ? sql<SqlBool>`(${like} or ${indexed})` : like);
        }
        return q;
      };
      const filterValues = values.length;
      const iKey0 = cursor && cursor.key[0] !== null ? slot(cursor.key[0]) : -1;
      const iKey1 = cursor ? slot(cursor.key[1]) : -1;
      const after = (eb: ProductsEb, value: SlotValue, columns: ['position' | 'created_at' | 'price_from_minor', 'id'], op: '>' | '<'): Expression<SqlBool> =>
        eb(eb.refTuple(columns[0], columns[1]), op, eb.tuple(value<never>(iKey0), value<string>(iKey1)));
      const iLimit = slot(limit + 1);
      const shapes = queryShapesOf(db);

      // Ids and the sort column, or whole card rows.
      let rows: PageRow[] | ListedCardRow[];
      switch (sort) {
        case 'featured': {
          rows = await shapes.run(shape, values, (value) => {
            let q = filtered(value);
            if (cursor) q = q.where((eb) => after(eb, value, ['position', 'id'], '>'));
            return q.orderBy('position', 'asc').orderBy('id', 'asc').limit(value<number>(iLimit));
          });
          break;
        }
        case 'newest': {
          rows = await shapes.run(shape, values, (value) => {
            let q = filtered(value);
            if (cursor) q = q.where((eb) => after(eb, value, ['created_at', 'id'], '<'));
            return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(value<number>(iLimit));
          });
          break;
        }
        case 'price-asc':
        case 'price-desc': {
          // Priced rows first, then unpriced ones ("nulls last"), as two index-ordered scans:
          // NULLS LAST in one ORDER BY would keep SQLite from walking products_price_idx.
          const dir = sort === 'price-asc' ? 'asc' : 'desc';
          const op = sort === 'price-asc' ? '>' : '<';
          let priced: PageRow[] = [];
          if (!cursor || cursor.key[0] !== null) {
            priced = await shapes.run(shape && `${shape}:priced`, values, (value) => {
              let q = filtered(value).where('price_from_minor', 'is not', null);
              if (cursor) q = q.where((eb) => after(eb, value, ['price_from_minor', 'id'], op));
              return q.orderBy('price_from_minor', dir).orderBy('id', dir).limit(value<number>(iLimit));
            });
          }
          rows = priced;
          if (priced.length < limit + 1) {
            // The filter's values, the id key of a cursor that stopped among unpriced rows, and
            // the rest of the page as the limit.
            const keyed = cursor && cursor.key[0] === null;
            const rest = [...values.slice(0, filterValues), ...(keyed ? [cursor.key[1]] : []), limit + 1 - priced.length];
            rows = priced.concat(
              await shapes.run(shape && `${shape}:unpriced`, rest, (value) => {
                let q = filtered(value).where('price_from_minor', 'is', null);
                if (keyed) q = q.where('id', op, value<string>(rest.length - 2));
                return q.orderBy('id', dir).limit(value<number>(rest.length - 1));
              }),
            );
          }
          break;
        }
      }
      const hasMore = rows.length > limit;
      const pageRows = hasMore ? rows.slice(0, limit) : rows;
      const last = pageRows[pageRows.length - 1];
      let nextCursor: string | null = null;
      if (hasMore && last) {
        const keyValue =
          sort === 'featured'
            ? Number(last.position)
            : sort === 'newest'
              ? last.created_at!
              : last.price_from_minor == null
                ? null
                : Number(last.price_from_minor);
        nextCursor = encodeCursor({ sort, key: [keyValue, last.id] });
      }
      if (idsOnly) {
        const ids = pageRows.map((row) => row.id);
        return { items: await cachedCards(cards!, version!, coop, month, ids), nextCursor };
      }
      const items = await toCards(coop, pageRows as ListedCardRow[], month);
      if (version !== undefined) keepCards(cards!, version, coop, month, pageRows as ListedCardRow[], items);
      return { items, nextCursor };
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
        publicStoriesOfProduct(db, coop.id, row.id),
      ]);
      const { producer: _ref, ...cardRest } = card!;
      return {
        ...cardRest,
        ...productDetailColumnsFromRow(row),
        variants: variantRows.map((v) => {
          const variant = { ...variantFromRow(v), status: 'active' as const };
          return { ...variant, stock: stockState(variant.stockOnHand) };
        }),
        producer: producerRow ? producerFromRow(producerRow) : null,
        stories: storyRows,
      };
    },

    listStories: stories.listStories,

    getStory: stories.getStory,

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
        publicStoriesOfProducer(db, coop.id, row.id),
      ]);
      return {
        ...producerFromRow(row),
        products: await toCards(coop, productRows),
        stories: storyRows,
      };
    },
  };
}

/** The reader {@link createCatalogReader} returns. */
export type CatalogReader = ReturnType<typeof createCatalogReader>;

function clampLimit(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit)) return DEFAULT_LIMIT;
  return Math.min(MAX_LIMIT, Math.max(1, Math.trunc(limit)));
}
