import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { TerroirTables } from '../db/schema';
import { parseJsonColumn, toJsonColumn } from '../db/json-column';
import { localizedTextSchema } from '../catalog/catalog-column-schemas';
import { newId } from '../catalog/ids';
import type { LocalizedText } from '../locale/locale';
import {
  MuseumError,
  inTransaction,
  localizedInput,
  museumSlugSchema,
  museumStatusSchema,
  museumVisibilitySchema,
  requiredLocalizedInput,
  stamp,
} from './museum-records';

type Db = Kysely<TerroirTables>;

/** What a hall can show. `media` is a single item of the media library. */
export const EXHIBIT_KINDS = ['story', 'chronicle', 'person', 'place', 'product', 'media'] as const;
export type ExhibitKind = (typeof EXHIBIT_KINDS)[number];

/** One exhibit of a hall: a record of the cooperative and the caption the curator wrote. */
export interface HallExhibit {
  kind: ExhibitKind;
  /** Id of the story, chronicle entry, person, place, product or media item. */
  targetId: string;
  caption: LocalizedText;
}

/** A curated hall (展厅): an introduction and exhibits in order. */
export interface MuseumHall {
  id: string;
  cooperativeId: string;
  slug: string;
  title: LocalizedText;
  /** Markdown, per locale. */
  intro: LocalizedText;
  exhibits: HallExhibit[];
  visibility: 'public' | 'community';
  status: 'draft' | 'published';
  position: number;
  createdAt: string;
  updatedAt: string;
}

const exhibitSchema = z.object({
  kind: z.enum(EXHIBIT_KINDS),
  targetId: z.string().min(1).max(100),
  caption: localizedInput(2_000).default({}),
});
/** A hall as written by an editor: the exhibits in the order they are shown. */
export const hallInputSchema = z.object({
  slug: museumSlugSchema,
  title: requiredLocalizedInput(120),
  intro: localizedInput(20_000).default({}),
  exhibits: z.array(exhibitSchema).max(200).default([]),
  visibility: museumVisibilitySchema.default('public'),
  status: museumStatusSchema.default('published'),
  position: z.number().int().min(0).max(1_000_000).default(0),
});
export type HallInput = z.input<typeof hallInputSchema>;

const TABLE = 'museum_halls';
/** Where each exhibit kind lives. */
const TARGET_TABLE = {
  story: 'stories',
  chronicle: 'chronicle_entries',
  person: 'museum_people',
  place: 'museum_places',
  product: 'products',
  media: 'media',
} as const;

async function assertExhibitTargets(db: Db, cooperativeId: string, exhibits: HallExhibit[]): Promise<void> {
  for (const kind of EXHIBIT_KINDS) {
    const wanted = exhibits.filter((e) => e.kind === kind).map((e) => e.targetId);
    if (wanted.length === 0) continue;
    const found = new Set(
      (
        await db
          .selectFrom(TARGET_TABLE[kind] as 'products')
          .select('id')
          .where('cooperative_id', '=', cooperativeId)
          .where('id', 'in', [...new Set(wanted)])
          .execute()
      ).map((r) => r.id),
    );
    const bad = exhibits.findIndex((e) => e.kind === kind && !found.has(e.targetId));
    if (bad >= 0)
      throw new MuseumError(422, 'unknown_reference', `${exhibits[bad]!.targetId} is not a ${kind} of this cooperative`, `exhibits.${bad}.targetId`);
  }
}

async function loadExhibits(db: Db, hallIds: string[]): Promise<Map<string, HallExhibit[]>> {
  const byHall = new Map<string, HallExhibit[]>(hallIds.map((id) => [id, []]));
  if (hallIds.length === 0) return byHall;
  const rows = await db.selectFrom('museum_hall_exhibits').selectAll().where('hall_id', 'in', hallIds).orderBy('hall_id').orderBy('position').execute();
  for (const row of rows) {
    byHall.get(row.hall_id)!.push({
      kind: row.kind as ExhibitKind,
      targetId: row.target_id,
      caption: parseJsonColumn(localizedTextSchema, row.caption, { table: 'museum_hall_exhibits', id: `${row.hall_id}#${row.position}`, column: 'caption' }),
    });
  }
  return byHall;
}

function hallFromRow(row: TerroirTables['museum_halls'], exhibits: HallExhibit[]): MuseumHall {
  const ref = (column: string) => ({ table: TABLE, id: row.id, column });
  return {
    id: row.id,
    cooperativeId: row.cooperative_id,
    slug: row.slug,
    title: parseJsonColumn(localizedTextSchema, row.title, ref('title')),
    intro: parseJsonColumn(localizedTextSchema, row.intro, ref('intro')),
    exhibits,
    visibility: row.visibility as MuseumHall['visibility'],
    status: row.status as MuseumHall['status'],
    position: row.position,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** @internal Reads halls with their exhibits (the public reads reuse it). */
export async function hallsFromRows(db: Db, rows: TerroirTables['museum_halls'][]): Promise<MuseumHall[]> {
  const exhibits = await loadExhibits(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((row) => hallFromRow(row, exhibits.get(row.id) ?? []));
}

async function write(db: Db, cooperativeId: string, input: HallInput, existing: MuseumHall | undefined, at: Date): Promise<MuseumHall> {
  const hall = hallInputSchema.parse(input);
  let q = db.selectFrom(TABLE).select('id').where('cooperative_id', '=', cooperativeId).where('slug', '=', hall.slug);
  if (existing) q = q.where('id', '<>', existing.id);
  if (await q.executeTakeFirst()) throw new MuseumError(409, 'slug_taken', `another hall is already called ${hall.slug}`, 'slug');
  await assertExhibitTargets(db, cooperativeId, hall.exhibits);
  const now = stamp(at);
  const row: TerroirTables['museum_halls'] = {
    id: existing?.id ?? newId('hal'),
    cooperative_id: cooperativeId,
    slug: hall.slug,
    title: toJsonColumn(hall.title),
    intro: toJsonColumn(hall.intro),
    visibility: hall.visibility,
    status: hall.status,
    position: hall.position,
    created_at: existing?.createdAt ?? now,
    updated_at: now,
  };
  // The hall and its ordered exhibits are written together or not at all.
  await inTransaction(db, async (trx) => {
    if (existing) {
      const { id, cooperative_id, created_at, ...changes } = row;
      await trx.updateTable(TABLE).set(changes).where('id', '=', id).where('cooperative_id', '=', cooperative_id).execute();
      await trx.deleteFrom('museum_hall_exhibits').where('hall_id', '=', id).execute();
    } else {
      await trx.insertInto(TABLE).values(row).execute();
    }
    if (hall.exhibits.length > 0) {
      await trx
        .insertInto('museum_hall_exhibits')
        .values(hall.exhibits.map((e, position) => ({ hall_id: row.id, position, kind: e.kind, target_id: e.targetId, caption: toJsonColumn(e.caption) })))
        .execute();
    }
  });
  return hallFromRow(row, hall.exhibits);
}

/**
 * Adds a curated hall with its exhibits in order. Every exhibit must be a record of the same
 * cooperative; else nothing is written and a {@link MuseumError} names `exhibits.N.targetId`.
 *
 * @example
 * await createHall(db, coopId, { slug: 'pear-hall', title: { 'zh-CN': '梨乡馆' },
 *   exhibits: [{ kind: 'place', targetId: orchard.id, caption: { 'zh-CN': '百年梨园' } }] });
 */
export async function createHall(db: Db, cooperativeId: string, input: HallInput, at: Date = new Date()): Promise<MuseumHall> {
  return write(db, cooperativeId, input, undefined, at);
}

/**
 * Replaces a hall and its exhibits (reordering is writing them in the new order).
 *
 * @example
 * await updateHall(db, coopId, hall.id, { ...hall, exhibits: [...hall.exhibits].reverse() });
 */
export async function updateHall(db: Db, cooperativeId: string, id: string, input: HallInput, at: Date = new Date()): Promise<MuseumHall | undefined> {
  const existing = await loadHall(db, cooperativeId, id);
  if (!existing) return undefined;
  return write(db, cooperativeId, input, existing, at);
}

/**
 * Puts a hall's exhibits in a new order, given as the current positions (0-based) in the order
 * wanted: `[2, 0, 1]` moves the third exhibit first. Refuses anything that is not a permutation.
 *
 * @example
 * await reorderHallExhibits(db, coopId, hall.id, [1, 0]);
 */
export async function reorderHallExhibits(db: Db, cooperativeId: string, id: string, order: number[], at: Date = new Date()): Promise<MuseumHall | undefined> {
  const hall = await loadHall(db, cooperativeId, id);
  if (!hall) return undefined;
  const sorted = [...order].sort((a, b) => a - b);
  if (sorted.length !== hall.exhibits.length || sorted.some((n, i) => n !== i)) {
    throw new MuseumError(422, 'unknown_reference', `order must list each of the ${hall.exhibits.length} exhibit positions once`, 'order');
  }
  return write(db, cooperativeId, { ...hall, exhibits: order.map((n) => hall.exhibits[n]!) }, hall, at);
}

/**
 * One hall of a cooperative by id with its exhibits, any status (for editing).
 *
 * @example
 * await loadHall(db, coopId, 'hal_…')
 */
export async function loadHall(db: Db, cooperativeId: string, id: string): Promise<MuseumHall | undefined> {
  const row = await db.selectFrom(TABLE).selectAll().where('cooperative_id', '=', cooperativeId).where('id', '=', id).executeTakeFirst();
  return row ? (await hallsFromRows(db, [row]))[0] : undefined;
}

/**
 * Every hall of a cooperative for editing, in order, with exhibits.
 *
 * @example
 * (await listHallsForEditing(db, coopId)).map((h) => h.slug)
 */
export async function listHallsForEditing(db: Db, cooperativeId: string): Promise<MuseumHall[]> {
  const rows = await db.selectFrom(TABLE).selectAll().where('cooperative_id', '=', cooperativeId).orderBy('position').orderBy('id').execute();
  return hallsFromRows(db, rows);
}

/**
 * Deletes a hall and its exhibits (the exhibited records stay).
 *
 * @example
 * await deleteHall(db, coopId, 'hal_…') // true
 */
export async function deleteHall(db: Db, cooperativeId: string, id: string): Promise<boolean> {
  const result = await db.deleteFrom(TABLE).where('cooperative_id', '=', cooperativeId).where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
