import { prepareJson, type PreparedJson } from './etag';

export interface ResponseCacheOptions {
  /** Longest an entry is reused even when the version has not moved, in ms (default 60 000). */
  ttlMs?: number;
  /** Entries kept; the oldest go first (default 500). */
  maxEntries?: number;
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
  const clock = options.clock ?? Date.now;
  const entries = new Map<string, PreparedJson & { version: string; expires: number }>();

  return {
    /** The entry for `key` when it is still valid, without building anything. */
    lookup(key: string, version: string | null): PreparedJson | undefined {
      if (version === null) return undefined;
      const hit = entries.get(key);
      return hit && hit.version === version && hit.expires > clock() ? hit : undefined;
    },
    /** The prepared response for `key`, from the cache when still valid, else built by `build`. */
    async through(key: string, version: string | null, build: () => Promise<unknown>): Promise<PreparedJson> {
      if (version !== null) {
        const hit = entries.get(key);
        if (hit && hit.version === version && hit.expires > clock()) return hit;
      }
      // Tagged with the version read *before* the queries ran: a write landing meanwhile
      // leaves the entry stale-tagged, so the next request rebuilds it.
      const prepared = prepareJson(await build());
      if (version !== null) {
        if (entries.size >= maxEntries) entries.delete(entries.keys().next().value as string);
        entries.delete(key);
        entries.set(key, { ...prepared, version, expires: clock() + ttlMs });
      }
      return prepared;
    },
    /** Entries currently held (for tests and metrics). */
    get size() {
      return entries.size;
    },
  };
}

/** The response cache {@link createResponseCache} returns. */
export type ResponseCache = ReturnType<typeof createResponseCache>;
