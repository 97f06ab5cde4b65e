import type { Kysely } from 'kysely';
import type { TerroirTables } from '../db/schema';
import { forgetMuseumRecord } from './museum-links';
import { MuseumError, inTransaction } from './museum-records';

type Db = Kysely<TerroirTables>;

/** The museum tables whose records are one row each, with the same bookkeeping columns. */
type RecordTable = 'museum_people' | 'museum_places';

/**
 * The editing reads and writes a person and a place share: one row per record, a slug unique per
 * cooperative, ordered by `position`, deleted with every link to it. Each record module keeps its
 * own schema and row mapping; this keeps the queries in one place.
 *
 * @example
 * const people = museumRecordTable('museum_people', 'person');
 * const row = await people.load(db, coopId, 'prs_…');
 */
export function museumRecordTable<T extends RecordTable>(table: T, kind: 'person' | 'place') {
  type Row = TerroirTables[T];
  // Every query below touches only the columns both tables have (id, cooperative_id, slug,
  // position, created_at); Kysely cannot prove that for a generic table name, so it sees one of them.
  const t = table as 'museum_places';
  return {
    /** Refuses a slug another record of the cooperative already has (409 `slug_taken`, field `slug`). */
    async refuseTakenSlug(db: Db, cooperativeId: string, slug: string, exceptId?: string): Promise<void> {
      let query = db.selectFrom(t).select('id').where('cooperative_id', '=', cooperativeId).where('slug', '=', slug);
      if (exceptId) query = query.where('id', '<>', exceptId);
      if (await query.executeTakeFirst()) throw new MuseumError(409, 'slug_taken', `another ${kind} is already called ${slug}`, 'slug');
    },

    /** Inserts the row, or updates it in place (never its id, cooperative or creation time). */
    async save(db: Db, row: Row, update: boolean): Promise<void> {
      if (update) {
        const { id, cooperative_id, created_at, ...changes } = row;
        await db
          .updateTable(t)
          .set(changes as Partial<TerroirTables['museum_places']>)
          .where('id', '=', id)
          .where('cooperative_id', '=', cooperative_id)
          .execute();
      } else {
        await db
          .insertInto(t)
          .values(row as TerroirTables['museum_places'])
          .execute();
      }
    },

    /** One record's row by id, any status or visibility. */
    async load(db: Db, cooperativeId: string, id: string): Promise<Row | undefined> {
      return (await db.selectFrom(t).selectAll().where('cooperative_id', '=', cooperativeId).where('id', '=', id).executeTakeFirst()) as Row | undefined;
    },

    /** Every row of the cooperative, in editing order. */
    async list(db: Db, cooperativeId: string): Promise<Row[]> {
      return (await db.selectFrom(t).selectAll().where('cooperative_id', '=', cooperativeId).orderBy('position').orderBy('id').execute()) as Row[];
    },

    /** Deletes the record with every link from or to it and the hall exhibits showing it, in one transaction. */
    async remove(db: Db, cooperativeId: string, id: string): Promise<boolean> {
      return inTransaction(db, async (trx) => {
        const found = await trx.selectFrom(t).select('id').where('cooperative_id', '=', cooperativeId).where('id', '=', id).executeTakeFirst();
        if (!found) return false;
        await forgetMuseumRecord(trx, kind, id);
        await trx.deleteFrom(t).where('id', '=', id).execute();
        return true;
      });
    },
  };
}
