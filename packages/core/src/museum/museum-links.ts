import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { TerroirTables } from '../db/schema';
import { MuseumError, inTransaction } from './museum-records';

type Db = Kysely<TerroirTables>;

/** Museum records that carry links: a place, a person, a chronicle entry, an approved memory. */
export type MuseumSubjectKind = 'place' | 'person' | 'chronicle' | 'memory';
/** What a museum record can link to. */
export type MuseumObjectKind = 'story' | 'product' | 'producer' | 'place' | 'person';

/** The links of one museum record, as ids of the same cooperative. */
export interface MuseumLinks {
  stories: string[];
  products: string[];
  producers: string[];
  places: string[];
  people: string[];
}

const ids = z.array(z.string().min(1).max(100)).max(100).default([]);
/** Links as an API receives them: every list optional, at most 100 ids each. */
export const museumLinksSchema = z.object({ stories: ids, products: ids, producers: ids, places: ids, people: ids });

const LIST_OF: Record<keyof MuseumLinks, { kind: MuseumObjectKind; table: 'stories' | 'products' | 'producers' | 'museum_places' | 'museum_people' }> = {
  stories: { kind: 'story', table: 'stories' },
  products: { kind: 'product', table: 'products' },
  producers: { kind: 'producer', table: 'producers' },
  places: { kind: 'place', table: 'museum_places' },
  people: { kind: 'person', table: 'museum_people' },
};
const KEYS = Object.keys(LIST_OF) as Array<keyof MuseumLinks>;

/** No links. */
export const emptyMuseumLinks = (): MuseumLinks => ({ stories: [], products: [], producers: [], places: [], people: [] });

/**
 * Replaces every link of a museum record with `links`, in one transaction. Every id must be a
 * record of the same cooperative, else nothing is written and a {@link MuseumError} names the
 * field (`products.1`). Duplicates are dropped; a record never links to itself.
 *
 * @example
 * await setMuseumLinks(db, coopId, { kind: 'place', id: place.id }, { products: [pearId], stories: [storyId] });
 */
export async function setMuseumLinks(
  db: Db,
  cooperativeId: string,
  subject: { kind: MuseumSubjectKind; id: string },
  links: Partial<MuseumLinks>,
): Promise<MuseumLinks> {
  const wanted = museumLinksSchema.parse(links);
  const clean = emptyMuseumLinks();
  for (const key of KEYS) {
    const unique = [...new Set(wanted[key])].filter((id) => id !== subject.id);
    if (unique.length > 0) {
      const { table } = LIST_OF[key];
      const found = new Set(
        (
          await db
            .selectFrom(table as 'products')
            .select('id')
            .where('cooperative_id', '=', cooperativeId)
            .where('id', 'in', unique)
            .execute()
        ).map((r) => r.id),
      );
      const missing = wanted[key].findIndex((id) => id !== subject.id && !found.has(id));
      if (missing >= 0)
        throw new MuseumError(422, 'unknown_reference', `${wanted[key][missing]} is not a ${LIST_OF[key].kind} of this cooperative`, `${key}.${missing}`);
    }
    clean[key] = unique;
  }
  const write = async (trx: Db) => {
    await trx.deleteFrom('museum_links').where('subject_kind', '=', subject.kind).where('subject_id', '=', subject.id).execute();
    const rows = KEYS.flatMap((key) =>
      clean[key].map((objectId) => ({
        cooperative_id: cooperativeId,
        subject_kind: subject.kind,
        subject_id: subject.id,
        object_kind: LIST_OF[key].kind,
        object_id: objectId,
      })),
    );
    if (rows.length > 0) await trx.insertInto('museum_links').values(rows).execute();
  };
  await inTransaction(db, write);
  return clean;
}

/**
 * The links of one museum record, by kind.
 *
 * @example
 * (await getMuseumLinks(db, coopId, { kind: 'person', id })).products // ['prd_…']
 */
export async function getMuseumLinks(db: Db, cooperativeId: string, subject: { kind: MuseumSubjectKind; id: string }): Promise<MuseumLinks> {
  const rows = await db
    .selectFrom('museum_links')
    .select(['object_kind', 'object_id'])
    .where('cooperative_id', '=', cooperativeId)
    .where('subject_kind', '=', subject.kind)
    .where('subject_id', '=', subject.id)
    .orderBy('object_kind')
    .orderBy('object_id')
    .execute();
  const links = emptyMuseumLinks();
  for (const row of rows) {
    const key = KEYS.find((k) => LIST_OF[k].kind === row.object_kind);
    if (key) links[key].push(row.object_id);
  }
  return links;
}

/**
 * Removes every link from or to a record and every hall exhibit showing it. Call inside the
 * transaction that deletes the record (a deleted place leaves no link behind).
 *
 * @example
 * await db.transaction().execute(async (trx) => { await forgetMuseumRecord(trx, 'place', id); await trx.deleteFrom('museum_places')… });
 */
export async function forgetMuseumRecord(trx: Db, kind: MuseumSubjectKind | MuseumObjectKind, id: string): Promise<void> {
  if (kind === 'place' || kind === 'person' || kind === 'chronicle' || kind === 'memory') {
    await trx.deleteFrom('museum_links').where('subject_kind', '=', kind).where('subject_id', '=', id).execute();
  }
  if (kind !== 'chronicle' && kind !== 'memory') await trx.deleteFrom('museum_links').where('object_kind', '=', kind).where('object_id', '=', id).execute();
  await trx.deleteFrom('museum_hall_exhibits').where('kind', '=', kind).where('target_id', '=', id).execute();
}
