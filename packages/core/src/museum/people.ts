import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { TerroirTables } from '../db/schema';
import { parseJsonColumn, parseOptionalJsonColumn, toJsonColumn } from '../db/json-column';
import { localizedTextSchema } from '../catalog/catalog-column-schemas';
import { newId } from '../catalog/ids';
import type { LocalizedText } from '../locale/locale';
import type { HistoricalDate } from './historical-date';
import { historicalDateSchema } from './historical-date-schema';
import { museumRecordTable } from './museum-record-table';
import {
  MuseumError,
  assertOwnMedia,
  localizedInput,
  mediaIdSchema,
  mediaListSchema,
  museumSlugSchema,
  museumStatusSchema,
  museumVisibilitySchema,
  requiredLocalizedInput,
  stamp,
} from './museum-records';

type Db = Kysely<TerroirTables>;

/** A role a person holds, e.g. 县级非物质文化遗产代表性传承人 with the listing it comes from. */
export interface PersonRole {
  title: LocalizedText;
  /** The listing or body that names them (e.g. "莱阳市第三批非遗名录"), optional. */
  listing: LocalizedText;
}

/** A heritage bearer (传承人) or notable figure of the village, as stored and edited. */
export interface MuseumPerson {
  id: string;
  cooperativeId: string;
  slug: string;
  name: LocalizedText;
  born: HistoricalDate | null;
  died: HistoricalDate | null;
  roles: PersonRole[];
  /** Markdown, per locale. */
  biography: LocalizedText;
  portraitMediaId: string | null;
  /** Their voice recordings: audio media ids of this cooperative, in the order they are played. */
  recordings: string[];
  /** The producer this person is, when they sell through the cooperative. */
  producerId: string | null;
  visibility: 'public' | 'community';
  status: 'draft' | 'published';
  position: number;
  createdAt: string;
  updatedAt: string;
}

const roleSchema = z.object({ title: requiredLocalizedInput(200), listing: localizedInput(300).default({}) });
/** A person as written by an editor (admin API, seed). */
export const personInputSchema = z.object({
  slug: museumSlugSchema,
  name: requiredLocalizedInput(120),
  born: historicalDateSchema.nullable().default(null),
  died: historicalDateSchema.nullable().default(null),
  roles: z.array(roleSchema).max(20).default([]),
  biography: localizedInput(50_000).default({}),
  portraitMediaId: mediaIdSchema.nullable().default(null),
  /** Audio media ids, in order (at most 20, none twice). */
  recordings: mediaListSchema(20).default([]),
  producerId: z.string().min(1).max(100).nullable().default(null),
  visibility: museumVisibilitySchema.default('public'),
  status: museumStatusSchema.default('published'),
  position: z.number().int().min(0).max(1_000_000).default(0),
});
export type PersonInput = z.input<typeof personInputSchema>;

const TABLE = 'museum_people';
const rows = museumRecordTable(TABLE, 'person');
const mediaList = z.array(z.string());
const rolesColumn = z.array(z.object({ title: localizedTextSchema, listing: localizedTextSchema }));

function personFromRow(row: TerroirTables['museum_people']): MuseumPerson {
  const ref = (column: string) => ({ table: TABLE, id: row.id, column });
  return {
    id: row.id,
    cooperativeId: row.cooperative_id,
    slug: row.slug,
    name: parseJsonColumn(localizedTextSchema, row.name, ref('name')),
    born: parseOptionalJsonColumn(historicalDateSchema, row.born, ref('born')) ?? null,
    died: parseOptionalJsonColumn(historicalDateSchema, row.died, ref('died')) ?? null,
    roles: parseJsonColumn(rolesColumn, row.roles, ref('roles')),
    biography: parseJsonColumn(localizedTextSchema, row.biography, ref('biography')),
    portraitMediaId: row.portrait_media_id,
    recordings: parseJsonColumn(mediaList, row.recordings, ref('recordings')),
    producerId: row.producer_id,
    visibility: row.visibility as MuseumPerson['visibility'],
    status: row.status as MuseumPerson['status'],
    position: row.position,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** @internal Reads a person row (the public reads reuse it). */
export const museumPersonFromRow = personFromRow;

async function write(db: Db, cooperativeId: string, input: PersonInput, existing: MuseumPerson | undefined, at: Date): Promise<MuseumPerson> {
  const person = personInputSchema.parse(input);
  await rows.refuseTakenSlug(db, cooperativeId, person.slug, existing?.id);
  if (person.portraitMediaId) await assertOwnMedia(db, cooperativeId, [person.portraitMediaId], 'portraitMediaId', 'image');
  await assertOwnMedia(db, cooperativeId, person.recordings, (i) => `recordings.${i}`, 'audio');
  if (person.producerId) {
    const producer = await db
      .selectFrom('producers')
      .select('id')
      .where('cooperative_id', '=', cooperativeId)
      .where('id', '=', person.producerId)
      .executeTakeFirst();
    if (!producer) throw new MuseumError(422, 'unknown_reference', `${person.producerId} is not a producer of this cooperative`, 'producerId');
  }
  const now = stamp(at);
  const row: TerroirTables['museum_people'] = {
    id: existing?.id ?? newId('prs'),
    cooperative_id: cooperativeId,
    slug: person.slug,
    name: toJsonColumn(person.name),
    born: person.born ? toJsonColumn(person.born) : null,
    died: person.died ? toJsonColumn(person.died) : null,
    roles: toJsonColumn(person.roles),
    biography: toJsonColumn(person.biography),
    portrait_media_id: person.portraitMediaId,
    recordings: toJsonColumn(person.recordings),
    producer_id: person.producerId,
    visibility: person.visibility,
    status: person.status,
    position: person.position,
    created_at: existing?.createdAt ?? now,
    updated_at: now,
  };
  await rows.save(db, row, existing !== undefined);
  return personFromRow(row);
}

/**
 * Adds a person (a heritage bearer, a notable figure) to a cooperative's museum. Life years are
 * historical dates with precision. Throws a zod error for invalid input and a
 * {@link MuseumError} for a slug in use, a portrait, recording or producer of another
 * cooperative, or a recording that is not audio.
 *
 * @example
 * await createPerson(db, coopId, { slug: 'wang-basket', name: { 'zh-CN': '王师傅' },
 *   born: { precision: 'year', year: 1948 },
 *   roles: [{ title: { 'zh-CN': '县级非物质文化遗产代表性传承人' }, listing: {} }],
 *   recordings: [voice.id] }); // an audio item of the media library
 */
export async function createPerson(db: Db, cooperativeId: string, input: PersonInput, at: Date = new Date()): Promise<MuseumPerson> {
  return write(db, cooperativeId, input, undefined, at);
}

/**
 * Replaces a person's fields; `undefined` when the cooperative has no person with that id.
 *
 * @example
 * await updatePerson(db, coopId, id, { ...person, status: 'published' });
 */
export async function updatePerson(db: Db, cooperativeId: string, id: string, input: PersonInput, at: Date = new Date()): Promise<MuseumPerson | undefined> {
  const existing = await loadPerson(db, cooperativeId, id);
  if (!existing) return undefined;
  return write(db, cooperativeId, input, existing, at);
}

/**
 * One person of a cooperative by id, any status or visibility (for editing).
 *
 * @example
 * await loadPerson(db, coopId, 'prs_…')
 */
export async function loadPerson(db: Db, cooperativeId: string, id: string): Promise<MuseumPerson | undefined> {
  const row = await rows.load(db, cooperativeId, id);
  return row ? personFromRow(row) : undefined;
}

/**
 * Every person of a cooperative for editing, in order.
 *
 * @example
 * (await listPeopleForEditing(db, coopId)).length
 */
export async function listPeopleForEditing(db: Db, cooperativeId: string): Promise<MuseumPerson[]> {
  return (await rows.list(db, cooperativeId)).map(personFromRow);
}

/**
 * Deletes a person with their links and hall exhibits, in one transaction.
 *
 * @example
 * await deletePerson(db, coopId, 'prs_…') // true
 */
export async function deletePerson(db: Db, cooperativeId: string, id: string): Promise<boolean> {
  return rows.remove(db, cooperativeId, id);
}
