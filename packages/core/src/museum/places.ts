import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { TerroirTables } from '../db/schema';
import { parseJsonColumn, toJsonColumn } from '../db/json-column';
import { localizedTextSchema } from '../catalog/catalog-column-schemas';
import { newId } from '../catalog/ids';
import type { LocalizedText } from '../locale/locale';
import { museumRecordTable } from './museum-record-table';
import {
  MuseumError,
  assertOwnMedia,
  localizedInput,
  mediaIdSchema,
  museumSlugSchema,
  museumStatusSchema,
  museumVisibilitySchema,
  requiredLocalizedInput,
  stamp,
} from './museum-records';

type Db = Kysely<TerroirTables>;

/** Kinds of place a village museum shows. */
export const PLACE_KINDS = ['orchard', 'river', 'temple', 'well', 'ancestral-hall', 'workshop', 'market', 'scenic-spot', 'other'] as const;
export type PlaceKind = (typeof PLACE_KINDS)[number];

/** A pin on the village map image, relative to its size: (0, 0) top left, (1, 1) bottom right. */
export interface MapPin {
  x: number;
  y: number;
}

/** A place of the village (an orchard, the old well, the ancestral hall) as stored and edited. */
export interface MuseumPlace {
  id: string;
  cooperativeId: string;
  slug: string;
  kind: PlaceKind;
  name: LocalizedText;
  /** Markdown, per locale. */
  description: LocalizedText;
  coordinates: { latitude: number; longitude: number } | null;
  pin: MapPin | null;
  /** Media ids of this cooperative. */
  media: string[];
  visibility: 'public' | 'community';
  status: 'draft' | 'published';
  position: number;
  createdAt: string;
  updatedAt: string;
}

const unit = z.number().min(0).max(1);
/** A place as written by an editor (admin API, seed). */
export const placeInputSchema = z.object({
  slug: museumSlugSchema,
  kind: z.enum(PLACE_KINDS),
  name: requiredLocalizedInput(120),
  description: localizedInput(20_000).default({}),
  coordinates: z
    .object({ latitude: z.number().min(-90).max(90), longitude: z.number().min(-180).max(180) })
    .nullable()
    .default(null),
  pin: z.object({ x: unit, y: unit }).nullable().default(null),
  media: z.array(mediaIdSchema).max(20).default([]),
  visibility: museumVisibilitySchema.default('public'),
  status: museumStatusSchema.default('published'),
  position: z.number().int().min(0).max(1_000_000).default(0),
});
export type PlaceInput = z.input<typeof placeInputSchema>;

const TABLE = 'museum_places';
const rows = museumRecordTable(TABLE, 'place');
const mediaList = z.array(z.string());

function placeFromRow(row: TerroirTables['museum_places']): MuseumPlace {
  const ref = (column: string) => ({ table: TABLE, id: row.id, column });
  return {
    id: row.id,
    cooperativeId: row.cooperative_id,
    slug: row.slug,
    kind: row.kind as PlaceKind,
    name: parseJsonColumn(localizedTextSchema, row.name, ref('name')),
    description: parseJsonColumn(localizedTextSchema, row.description, ref('description')),
    coordinates: row.latitude !== null && row.longitude !== null ? { latitude: Number(row.latitude), longitude: Number(row.longitude) } : null,
    pin: row.pin_x !== null && row.pin_y !== null ? { x: Number(row.pin_x), y: Number(row.pin_y) } : null,
    media: parseJsonColumn(mediaList, row.media, ref('media')),
    visibility: row.visibility as MuseumPlace['visibility'],
    status: row.status as MuseumPlace['status'],
    position: row.position,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** @internal Reads a place row (the public reads reuse it). */
export const museumPlaceFromRow = placeFromRow;

async function write(db: Db, cooperativeId: string, input: PlaceInput, existing: MuseumPlace | undefined, at: Date): Promise<MuseumPlace> {
  const place = placeInputSchema.parse(input);
  await rows.refuseTakenSlug(db, cooperativeId, place.slug, existing?.id);
  await assertOwnMedia(db, cooperativeId, place.media, (i) => `media.${i}`);
  const now = stamp(at);
  const row: TerroirTables['museum_places'] = {
    id: existing?.id ?? newId('plc'),
    cooperative_id: cooperativeId,
    slug: place.slug,
    kind: place.kind,
    name: toJsonColumn(place.name),
    description: toJsonColumn(place.description),
    latitude: place.coordinates?.latitude ?? null,
    longitude: place.coordinates?.longitude ?? null,
    pin_x: place.pin?.x ?? null,
    pin_y: place.pin?.y ?? null,
    media: toJsonColumn(place.media),
    visibility: place.visibility,
    status: place.status,
    position: place.position,
    created_at: existing?.createdAt ?? now,
    updated_at: now,
  };
  await rows.save(db, row, existing !== undefined);
  return placeFromRow(row);
}

/**
 * Adds a place to a cooperative's museum. Throws a zod error for invalid input and a
 * {@link MuseumError} for a slug in use or media of another cooperative.
 *
 * @example
 * await createPlace(db, coopId, { slug: 'old-well', kind: 'well', name: { 'zh-CN': '老井', en: 'The old well' }, pin: { x: 0.42, y: 0.61 } });
 */
export async function createPlace(db: Db, cooperativeId: string, input: PlaceInput, at: Date = new Date()): Promise<MuseumPlace> {
  return write(db, cooperativeId, input, undefined, at);
}

/**
 * Replaces a place's fields with `input` (merge a patch onto {@link loadPlace} first);
 * `undefined` when the cooperative has no place with that id.
 *
 * @example
 * const place = await loadPlace(db, coopId, id);
 * await updatePlace(db, coopId, id, { ...place!, pin: { x: 0.5, y: 0.5 } });
 */
export async function updatePlace(db: Db, cooperativeId: string, id: string, input: PlaceInput, at: Date = new Date()): Promise<MuseumPlace | undefined> {
  const existing = await loadPlace(db, cooperativeId, id);
  if (!existing) return undefined;
  return write(db, cooperativeId, input, existing, at);
}

/**
 * One place of a cooperative by id, any status or visibility (for editing).
 *
 * @example
 * await loadPlace(db, coopId, 'plc_…')
 */
export async function loadPlace(db: Db, cooperativeId: string, id: string): Promise<MuseumPlace | undefined> {
  const row = await rows.load(db, cooperativeId, id);
  return row ? placeFromRow(row) : undefined;
}

/**
 * Every place of a cooperative for editing (drafts and community-only included), in order.
 *
 * @example
 * (await listPlacesForEditing(db, coopId)).map((p) => p.slug)
 */
export async function listPlacesForEditing(db: Db, cooperativeId: string): Promise<MuseumPlace[]> {
  return (await rows.list(db, cooperativeId)).map(placeFromRow);
}

/**
 * Deletes a place with every link from or to it and the hall exhibits showing it, in one
 * transaction; false when the cooperative has no place with that id.
 *
 * @example
 * await deletePlace(db, coopId, 'plc_…') // true
 */
export async function deletePlace(db: Db, cooperativeId: string, id: string): Promise<boolean> {
  return rows.remove(db, cooperativeId, id);
}
