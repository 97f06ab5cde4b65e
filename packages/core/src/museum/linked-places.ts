import type { Kysely, Transaction } from 'kysely';
import type { TerroirTables } from '../db/schema';
import { museumPlaceFromRow, type MuseumPlace } from './places';

type Db = Kysely<TerroirTables> | Transaction<TerroirTables>;

/** A story, product or producer a place can be linked to. */
export interface PlaceLinkTarget {
  kind: 'story' | 'product' | 'producer';
  id: string;
}

/**
 * The places of a cooperative linked to a story, product or producer (a place's links in
 * `museum_links`, read from the other end), in the museum's order. `publicOnly` keeps the
 * public, published ones, as visitors see them; editors see every place.
 *
 * @example
 * (await placesLinkedTo(db, coopId, { kind: 'story', id: story.id }, { publicOnly: true })).map((p) => p.slug) // ['old-pear-orchard']
 */
export async function placesLinkedTo(db: Db, cooperativeId: string, target: PlaceLinkTarget, options: { publicOnly: boolean }): Promise<MuseumPlace[]> {
  let query = db
    .selectFrom('museum_links as l')
    .innerJoin('museum_places as p', 'p.id', 'l.subject_id')
    .selectAll('p')
    .where('l.cooperative_id', '=', cooperativeId)
    .where('l.subject_kind', '=', 'place')
    .where('l.object_kind', '=', target.kind)
    .where('l.object_id', '=', target.id)
    .where('p.cooperative_id', '=', cooperativeId);
  if (options.publicOnly) query = query.where('p.status', '=', 'published').where('p.visibility', '=', 'public');
  const rows = await query.orderBy('p.position').orderBy('p.id').execute();
  return rows.map(museumPlaceFromRow);
}
