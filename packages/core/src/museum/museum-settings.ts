import type { Kysely } from 'kysely';
import type { TerroirTables } from '../db/schema';
import { assertOwnMedia } from './museum-records';

type Db = Kysely<TerroirTables>;

/** A cooperative's museum settings. */
export interface MuseumSettings {
  /** The village map image (a hand-drawn guide map is typical): an image of the media library. */
  mapMediaId: string | null;
}

/**
 * The museum settings of a cooperative (no map until one is set).
 *
 * @example
 * (await getMuseumSettings(db, coopId)).mapMediaId // 'med_…' or null
 */
export async function getMuseumSettings(db: Db, cooperativeId: string): Promise<MuseumSettings> {
  const row = await db.selectFrom('museum_settings').select('map_media_id').where('cooperative_id', '=', cooperativeId).executeTakeFirst();
  return { mapMediaId: row?.map_media_id ?? null };
}

/**
 * Sets (or clears, with null) the village map image; it must be an image of this cooperative.
 * Places are pinned on it by relative position, so replacing the drawing keeps the pins.
 *
 * @example
 * await setMuseumMap(db, coopId, 'med_…');
 */
export async function setMuseumMap(db: Db, cooperativeId: string, mapMediaId: string | null, at: Date = new Date()): Promise<MuseumSettings> {
  if (mapMediaId !== null) await assertOwnMedia(db, cooperativeId, [mapMediaId], 'mapMediaId', 'image');
  const updated_at = at.toISOString();
  await db
    .insertInto('museum_settings')
    .values({ cooperative_id: cooperativeId, map_media_id: mapMediaId, updated_at })
    .onConflict((oc) => oc.column('cooperative_id').doUpdateSet({ map_media_id: mapMediaId, updated_at }))
    .execute();
  return { mapMediaId };
}
