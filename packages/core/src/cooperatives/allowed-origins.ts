// The origins a cooperative's widgets may be embedded on (CORS for the storefront). One parser
// for every way in: the admin settings route, the `terroir origins` CLI.
import type { Kysely } from 'kysely';
import type { TerroirTables } from '../db/schema';
import { toJsonColumn as json } from '../catalog/catalog-rows';
import { loadCooperativeById } from './cooperatives';

/** At most this many allowed origins per cooperative. */
export const MAX_ALLOWED_ORIGINS = 20;

/** An origin as browsers send it (`https://village.example.cn`), or why the text is not one. */
export type ParsedOrigin = { ok: true; origin: string } | { ok: false; reason: string };

/**
 * Parses an exact origin `scheme://host[:port]` (http or https, no path, query, fragment or
 * credentials) and normalises it the way browsers send it in the `Origin` header.
 *
 * @example
 * parseOrigin('HTTPS://Village.example.cn:443') // { ok: true, origin: 'https://village.example.cn' }
 * parseOrigin('https://village.example.cn/shop') // { ok: false, reason: 'Give only scheme, host and port, e.g. https://village.example.cn.' }
 */
export function parseOrigin(value: string): ParsedOrigin {
  if (value.length > 300) return { ok: false, reason: 'An origin is at most 300 characters.' };
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { ok: false, reason: 'Not a URL origin such as https://village.example.cn.' };
  }
  const bare =
    (url.pathname === '/' || url.pathname === '') && !url.search && !url.hash && !url.username && !url.password && !value.endsWith('?') && !value.endsWith('#');
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || !bare) {
    return { ok: false, reason: 'Give only scheme, host and port, e.g. https://village.example.cn.' };
  }
  return { ok: true, origin: url.origin };
}

/** What {@link changeAllowedOrigin} did. */
export type AllowedOriginChange = { ok: true; origins: string[]; changed: boolean } | { ok: false; reason: string };

/**
 * Adds or removes one allowed origin of a cooperative (validated by {@link parseOrigin}) and
 * answers the resulting list. Adding one already there, or removing one not there, changes nothing.
 *
 * @example
 * await changeAllowedOrigin(db, coop.id, 'add', 'https://village.example.cn');
 */
export async function changeAllowedOrigin(
  db: Kysely<TerroirTables>,
  cooperativeId: string,
  action: 'add' | 'remove',
  value: string,
): Promise<AllowedOriginChange> {
  const parsed = parseOrigin(value);
  if (!parsed.ok) return parsed;
  // One transaction: the read and the write of the list cannot interleave with another change.
  return db.transaction().execute(async (trx) => {
    const coop = await loadCooperativeById(trx, cooperativeId);
    if (!coop) return { ok: false, reason: `No cooperative ${cooperativeId}.` };
    const has = coop.allowedOrigins.includes(parsed.origin);
    if (action === 'add' ? has : !has) return { ok: true, origins: coop.allowedOrigins, changed: false };
    const origins = action === 'add' ? [...coop.allowedOrigins, parsed.origin] : coop.allowedOrigins.filter((origin) => origin !== parsed.origin);
    if (origins.length > MAX_ALLOWED_ORIGINS) return { ok: false, reason: `A cooperative has at most ${MAX_ALLOWED_ORIGINS} allowed origins.` };
    await trx
      .updateTable('cooperatives')
      .set({ allowed_origins: json(origins), updated_at: new Date().toISOString() })
      .where('id', '=', cooperativeId)
      .execute();
    return { ok: true, origins, changed: true };
  });
}
