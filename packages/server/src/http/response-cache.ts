import { prepareJson, type PreparedJson } from './etag';

export interface ResponseCacheOptions {
  /** Longest an entry is reused even when the version has not moved, in ms (default 60 000). */
  ttlMs?: number;
  /** Entries kept; the least recently used go first (default 500). */
  maxEntries?: number;
  /** Bytes of bodies kept (UTF-16 length × 2, an upper bound of the heap they hold; default 32 MiB). */
  maxBytes?: number;
  clock?: () => number;
}

/**
 * An in-process cache of rendered read responses, exact rather than time-based: an entry is
 * reused only while the catalog version it was built under is still current, so a write is
 * visible on the very next request. The version (`reader.catalogVersion()`, read once at the
 * start of a request, before any query) is `null` on engines without a cheap one: then
 * nothing is cached. Turns a hot list endpoint into one tiny version query.
 *
 * @example
 * const cache = createResponseCache();
 * const prepared = await cache.through(key, await reader.catalogVersion(), async () => ({ items }));
 */
export function createResponseCache(options: ResponseCacheOptions = {}) {
  const ttlMs = options.ttlMs ?? 60_000;
  const maxEntries = options.maxEntries ?? 500;
  const maxBytes = options.maxBytes ?? 32 * 1024 * 1024;
  const clock = options.clock ?? Date.now;
  // A Map iterates in insertion order: re-inserting on every hit keeps it in least-recently-used
  // order, so eviction takes the coldest entry and a client cycling new URLs cannot push out the
  // entries other visitors keep reading.
  const entries = new Map<string, PreparedJson & { version: string; expires: number; bytes: number }>();
  let bytes = 0;
  const remove = (key: string) => {
    const entry = entries.get(key);
    if (!entry) return;
    entries.delete(key);
    bytes -= entry.bytes;
  };
  const fresh = (key: string, version: string | null) => {
    if (version === null) return undefined;
    const hit = entries.get(key);
    if (!hit || hit.version !== version || hit.expires <= clock()) return undefined;
    entries.delete(key);
    entries.set(key, hit);
    return hit;
  };

  return {
    /** The entry for `key` when it is still valid, without building anything. */
    lookup(key: string, version: string | null): PreparedJson | undefined {
      return fresh(key, version);
    },
    /** The prepared response for `key`, from the cache when still valid, else built by `build`. */
    async through(key: string, version: string | null, build: () => Promise<unknown>): Promise<PreparedJson> {
      const hit = fresh(key, version);
      if (hit) return hit;
      // Tagged with the version read *before* the queries ran: a write landing meanwhile
      // leaves the entry stale-tagged, so the next request rebuilds it.
      const prepared = prepareJson(await build());
      const size = (prepared.body.length + key.length) * 2;
      if (version !== null && size <= maxBytes) {
        remove(key);
        while (entries.size > 0 && (entries.size >= maxEntries || bytes + size > maxBytes)) remove(entries.keys().next().value as string);
        entries.set(key, { ...prepared, version, expires: clock() + ttlMs, bytes: size });
        bytes += size;
      }
      return prepared;
    },
    /** Entries currently held (for tests and metrics). */
    get size() {
      return entries.size;
    },
    /** Bytes currently held, as counted against `maxBytes` (for tests and metrics). */
    get bytes() {
      return bytes;
    },
  };
}

/** The response cache {@link createResponseCache} returns. */
export type ResponseCache = ReturnType<typeof createResponseCache>;
