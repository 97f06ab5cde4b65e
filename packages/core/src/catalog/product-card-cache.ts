import type { ProductCard } from './catalog-reader';

/*
 * Collection caching for product lists: a list answer is a page of ids (one cheap, index-ordered
 * query) plus a card per id, and the cards are what costs (their JSON columns, variants, producer
 * and story count). Cards are kept per catalog version — the same change token the storefront's
 * response cache is checked against — so a card is reused only while nothing in the database has
 * changed, and the first write makes every card a miss again.
 */

export interface ProductCardCacheOptions {
  /** Cards kept; the least recently used go first (default 10 000; 0 keeps none). */
  maxEntries?: number;
  /** Heap bytes of the cards kept, as the reader estimates them (a card and its serialised summaries, see bench/card-bytes.ts; default 16 MiB). */
  maxBytes?: number;
}

/** A bounded cache of product cards for one catalog version at a time; see {@link createProductCardCache}. */
export interface ProductCardCache {
  /** The card stored under `key` for this catalog version, or undefined. */
  get(version: string, key: string): ProductCard | undefined;
  /** Whether any card of this catalog version is held (none right after a write). */
  holds(version: string): boolean;
  /**
   * Stores a (frozen) card built from reads made after `version` was read. A version other than
   * the one held drops every card first: cards of two versions are never mixed.
   */
  set(version: string, key: string, card: ProductCard, bytes: number): void;
  /** Cards currently held (for tests and metrics). */
  readonly size: number;
  /** Estimated bytes currently held, as counted against `maxBytes` (for tests and metrics). */
  readonly bytes: number;
}

/**
 * A least-recently-used cache of product cards, bounded by count and by estimated bytes, valid
 * for one catalog version: `get` with any other version misses, and `set` with another version
 * empties it first. Exact as long as the version is read before the queries a card is built
 * from (a write landing in between leaves the card tagged with a version that is already gone).
 * Keys are chosen by the reader (cooperative, month, product id): nothing a client sends becomes
 * a key, so a client cycling URLs cannot grow it past the products that exist.
 *
 * @example
 * const cards = createProductCardCache({ maxBytes: 8 * 1024 * 1024 });
 * const reader = createCatalogReader(db, { productCards: cards });
 * await reader.listProducts(coop, { category: 'fresh' }, { catalogVersion: await reader.catalogVersion() });
 */
export function createProductCardCache(options: ProductCardCacheOptions = {}): ProductCardCache {
  const maxEntries = options.maxEntries ?? 10_000;
  const maxBytes = options.maxBytes ?? 16 * 1024 * 1024;
  // Map order is insertion order: re-inserting on every hit keeps it least-recently-used first.
  const entries = new Map<string, { card: ProductCard; bytes: number }>();
  let held: string | undefined;
  let bytes = 0;

  return {
    get(version, key) {
      if (version !== held) return undefined;
      const entry = entries.get(key);
      if (!entry) return undefined;
      entries.delete(key);
      entries.set(key, entry);
      return entry.card;
    },
    holds(version) {
      return version === held && entries.size > 0;
    },
    set(version, key, card, size) {
      if (version !== held) {
        entries.clear();
        bytes = 0;
        held = version;
      }
      const old = entries.get(key);
      if (old) {
        entries.delete(key);
        bytes -= old.bytes;
      }
      if (maxEntries <= 0 || size > maxBytes) return;
      while (entries.size > 0 && (entries.size >= maxEntries || bytes + size > maxBytes)) {
        const coldest = entries.keys().next().value as string;
        bytes -= entries.get(coldest)!.bytes;
        entries.delete(coldest);
      }
      entries.set(key, { card, bytes: size });
      bytes += size;
    },
    get size() {
      return entries.size;
    },
    get bytes() {
      return bytes;
    },
  };
}
