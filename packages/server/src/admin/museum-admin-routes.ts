import { z, type OpenAPIHono } from '@hono/zod-openapi';
import {
  MuseumError,
  chronicleMediaSchema,
  createChronicleEntry,
  createHall,
  createPerson,
  createPlace,
  deleteChronicleEntry,
  deleteHall,
  deletePerson,
  deletePlace,
  getMuseumLinks,
  getMuseumSettings,
  hallInputSchema,
  historicalDateSchema,
  listChronicleForEditing,
  listHallsForEditing,
  listPeopleForEditing,
  listPlacesForEditing,
  loadChronicleEntry,
  loadHall,
  loadPerson,
  loadPlace,
  museumLinksSchema,
  museumSlugSchema,
  personInputSchema,
  placeInputSchema,
  recordAudit,
  reorderHallExhibits,
  setMuseumLinks,
  setMuseumMap,
  updateChronicleEntry,
  updateHall,
  updatePerson,
  updatePlace,
  type MuseumSubjectKind,
} from '@terroir/core';
import { ApiError, notFound } from '../http/api-error';
import type { AdminEnv } from './admin-auth';
import { mergePatch, parseWith, patchSchemaOf } from './admin-body';
import type { AdminContext } from './admin-context';
import { adminRoute, COOP_PATH, PageSchema, pathParams, RecordSchema, valid } from './admin-openapi';
import { idParam } from './workspace-routes';

/*
 * The museum's admin routes (issue 11): chronicle entries, places (with their pin on the
 * village map), people, halls (with their exhibits in order) and the village map setting.
 * Owners and editors write; fulfilment staff do not see the museum. Ids of another
 * cooperative are 404; links to its records are 422 `unknown_reference` naming the field.
 */

const MUSEUM = { roles: ['owner' as const, 'editor' as const] };
const tag = 'Museum';
const M = `${COOP_PATH}/museum`;
const deleted = { status: 204 as const, description: 'Deleted.' };
const localized = z.partialRecord(z.enum(['zh-CN', 'en']), z.string().max(50_000));

/** A chronicle entry as an editor writes it. */
export const chronicleInputSchema = z.object({
  slug: museumSlugSchema,
  date: historicalDateSchema,
  title: z
    .partialRecord(z.enum(['zh-CN', 'en']), z.string().max(200))
    .refine((t) => Object.values(t).some((v) => v?.trim()), { message: 'give it in at least one language' }),
  body: localized.default({}),
  source: z.partialRecord(z.enum(['zh-CN', 'en']), z.string().max(500)).default({}),
  /** Pictures, recordings and films of this cooperative's media library, in order. */
  media: chronicleMediaSchema.default([]),
  visibility: z.enum(['public', 'community']).default('public'),
  status: z.enum(['draft', 'published']).default('published'),
});

const settingsSchema = z.object({ mapMediaId: z.string().min(1).max(100).nullable() });
const orderSchema = z.object({ order: z.array(z.number().int().min(0).max(1000)).max(200) });
const LinksBody = museumLinksSchema.partial();

/** Answers a refusal of the museum module as the API's JSON error. */
function museumRefusal(error: unknown): never {
  if (error instanceof MuseumError) {
    throw new ApiError(error.status, {
      code: error.code,
      ...(error.field ? { field: error.field } : {}),
      ...(error.code === 'unknown_reference' || error.code === 'wrong_media_kind' ? { message: error.message } : {}),
    });
  }
  throw error;
}

/** The merge-patch schema of an input schema: its defaults dropped, so a field left out stays as it is. */
function patchOf(schema: z.ZodObject) {
  const shape = Object.fromEntries(
    Object.entries(schema.shape).map(([key, field]) => [key, field instanceof z.ZodDefault ? (field.unwrap() as z.ZodType) : field]),
  );
  return patchSchemaOf(z.object(shape));
}

type Kind = 'chronicle' | 'place' | 'person' | 'hall';
const PLURAL: Record<Kind, string> = { chronicle: 'chronicle', place: 'places', person: 'people', hall: 'halls' };
const NOUN: Record<Kind, string> = { chronicle: 'ChronicleEntry', place: 'Place', person: 'Person', hall: 'Hall' };

function crudRoutes(kind: Kind, body: z.ZodObject, extra: { links?: boolean } = {}) {
  const base = `${M}/${PLURAL[kind]}`;
  const noun = NOUN[kind];
  const item = z.object({ [kind === 'chronicle' ? 'entry' : kind]: RecordSchema });
  return {
    list: adminRoute({
      method: 'get',
      path: base,
      operationId: `list${noun === 'Person' ? 'People' : `${noun}s`}ForEditing`.replace('Entrys', 'Entries'),
      tag,
      summary: `List ${PLURAL[kind]} (every status and visibility)`,
      access: MUSEUM,
      params: pathParams(),
      ok: { status: 200, schema: PageSchema, description: 'All of them, in order.' },
    }),
    create: adminRoute({
      method: 'post',
      path: base,
      operationId: `create${noun}`,
      tag,
      summary: `Add a ${kind === 'chronicle' ? 'chronicle entry' : kind}`,
      access: MUSEUM,
      params: pathParams(),
      body,
      ok: { status: 201, schema: item, description: 'Created.' },
      errors: [409, 422],
    }),
    get: adminRoute({
      method: 'get',
      path: `${base}/{id}`,
      operationId: `get${noun}ForEditing`,
      tag,
      summary: `One ${kind === 'chronicle' ? 'chronicle entry' : kind}${extra.links ? ' with its links' : ''}`,
      access: MUSEUM,
      params: pathParams('id'),
      ok: { status: 200, schema: z.looseObject({}), description: 'The record.' },
    }),
    update: adminRoute({
      method: 'patch',
      path: `${base}/{id}`,
      operationId: `update${noun}`,
      tag,
      summary: `Edit a ${kind === 'chronicle' ? 'chronicle entry' : kind} (JSON merge patch)`,
      access: MUSEUM,
      params: pathParams('id'),
      body: patchOf(body),
      ok: { status: 200, schema: item, description: 'As saved.' },
      errors: [409, 422],
    }),
    remove: adminRoute({
      method: 'delete',
      path: `${base}/{id}`,
      operationId: `delete${noun}`,
      tag,
      summary: `Delete a ${kind === 'chronicle' ? 'chronicle entry' : kind} with its links`,
      access: MUSEUM,
      params: pathParams('id'),
      ok: deleted,
    }),
    links: extra.links
      ? adminRoute({
          method: 'put',
          path: `${base}/{id}/links`,
          operationId: `set${noun}Links`,
          tag,
          summary: 'Replace its links to stories, products, producers, places and people (same cooperative)',
          access: MUSEUM,
          params: pathParams('id'),
          body: LinksBody,
          ok: { status: 200, schema: z.object({ links: z.looseObject({}) }), description: 'The links as saved.' },
          errors: [422],
        })
      : undefined,
  };
}

const routes = {
  settings: {
    get: adminRoute({
      method: 'get',
      path: `${M}/settings`,
      operationId: 'getMuseumSettings',
      tag,
      summary: 'Museum settings (the village map image)',
      access: MUSEUM,
      params: pathParams(),
      ok: { status: 200, schema: z.object({ settings: z.object({ mapMediaId: z.string().nullable() }) }), description: 'The settings.' },
    }),
    put: adminRoute({
      method: 'put',
      path: `${M}/settings`,
      operationId: 'setMuseumSettings',
      tag,
      summary: 'Set the village map image (an image of the media library) or clear it with null',
      access: MUSEUM,
      params: pathParams(),
      body: settingsSchema,
      ok: { status: 200, schema: z.object({ settings: z.object({ mapMediaId: z.string().nullable() }) }), description: 'As saved.' },
      errors: [422],
    }),
  },
  chronicle: crudRoutes('chronicle', chronicleInputSchema, { links: true }),
  place: crudRoutes('place', placeInputSchema, { links: true }),
  person: crudRoutes('person', personInputSchema, { links: true }),
  hall: crudRoutes('hall', hallInputSchema),
  hallOrder: adminRoute({
    method: 'put',
    path: `${M}/halls/{id}/order`,
    operationId: 'reorderHallExhibits',
    tag,
    summary: 'Put the exhibits in a new order: the current positions (0-based) in the order wanted',
    access: MUSEUM,
    params: pathParams('id'),
    body: orderSchema,
    ok: { status: 200, schema: z.object({ hall: RecordSchema }), description: 'The hall as saved.' },
    errors: [422],
  }),
};

/**
 * The museum's admin routes: chronicle, places, people, halls and the village map.
 *
 * @example
 * registerMuseumAdminRoutes(app, ctx); // inside createAdminApi
 */
export function registerMuseumAdminRoutes(app: OpenAPIHono<AdminEnv>, ctx: AdminContext): void {
  const db = ctx.db;
  const audit = (c: Parameters<Parameters<typeof app.openapi>[1]>[0], trx: typeof db, action: string, entity: string, entityId: string, after?: unknown) =>
    recordAudit(trx, { cooperativeId: c.get('coop').id, actor: c.get('actor'), action, entity, entityId, ...(after === undefined ? {} : { after }) });

  app.openapi(routes.settings.get, async (c) => c.json({ settings: await getMuseumSettings(db, c.get('coop').id) }, 200));
  app.openapi(routes.settings.put, async (c) => {
    const { mapMediaId } = valid(c, 'json', settingsSchema);
    const settings = await db
      .transaction()
      .execute(async (trx) => {
        const saved = await setMuseumMap(trx, c.get('coop').id, mapMediaId);
        await audit(c, trx, 'museum.settings', 'museum_settings', c.get('coop').id, saved);
        return saved;
      })
      .catch(museumRefusal);
    return c.json({ settings }, 200);
  });

  // One pattern for the four record types: load within the cooperative (else 404), validate
  // the whole merged record (400 naming the field), write and audit in one transaction.
  type Store<T extends { id: string }> = {
    kind: Kind;
    entity: string;
    schema: z.ZodObject;
    key: string;
    list: (coopId: string) => Promise<T[]>;
    load: (coopId: string, id: string) => Promise<T | undefined>;
    create: (trx: typeof db, coopId: string, input: never) => Promise<T>;
    update: (trx: typeof db, coopId: string, id: string, input: never) => Promise<T | undefined>;
    remove: (trx: typeof db, coopId: string, id: string) => Promise<boolean>;
    editable: (record: T) => Record<string, unknown>;
    subject?: MuseumSubjectKind;
  };
  const editableOf = (record: Record<string, unknown>) => {
    const { id: _id, cooperativeId: _c, createdAt: _a, updatedAt: _u, ...fields } = record;
    return fields;
  };

  function register<T extends { id: string }>(r: ReturnType<typeof crudRoutes>, store: Store<T>) {
    app.openapi(r.list, async (c) => c.json({ items: await store.list(c.get('coop').id) }, 200));
    app.openapi(r.create, async (c) => {
      const coopId = c.get('coop').id;
      const input = parseWith(store.schema, valid(c, 'json', store.schema));
      const created = await db
        .transaction()
        .execute(async (trx) => {
          const record = await store.create(trx, coopId, input as never);
          await audit(c, trx, `${store.entity}.create`, store.entity, record.id, input);
          return record;
        })
        .catch(museumRefusal);
      return c.json({ [store.key]: created }, 201);
    });
    app.openapi(r.get, async (c) => {
      const coopId = c.get('coop').id;
      const record = await store.load(coopId, idParam(c.req.param('id')));
      if (!record) throw notFound();
      const links = store.subject ? await getMuseumLinks(db, coopId, { kind: store.subject, id: record.id }) : undefined;
      return c.json({ [store.key]: record, ...(links ? { links } : {}) }, 200);
    });
    app.openapi(r.update, async (c) => {
      const coopId = c.get('coop').id;
      const before = await store.load(coopId, idParam(c.req.param('id')));
      if (!before) throw notFound();
      const merged = parseWith(store.schema, mergePatch(store.editable(before), valid(c, 'json', patchOf(store.schema)) as Record<string, unknown>));
      const saved = await db
        .transaction()
        .execute(async (trx) => {
          const record = await store.update(trx, coopId, before.id, merged as never);
          if (!record) throw notFound();
          await audit(c, trx, `${store.entity}.update`, store.entity, before.id, merged);
          return record;
        })
        .catch(museumRefusal);
      return c.json({ [store.key]: saved }, 200);
    });
    app.openapi(r.remove, async (c) => {
      const coopId = c.get('coop').id;
      const id = idParam(c.req.param('id'));
      await db.transaction().execute(async (trx) => {
        if (!(await store.remove(trx, coopId, id))) throw notFound();
        await audit(c, trx, `${store.entity}.delete`, store.entity, id);
      });
      return c.body(null, 204);
    });
    if (r.links && store.subject) {
      const subject = store.subject;
      app.openapi(r.links, async (c) => {
        const coopId = c.get('coop').id;
        const record = await store.load(coopId, idParam(c.req.param('id')));
        if (!record) throw notFound();
        const body = valid(c, 'json', LinksBody);
        const links = await db
          .transaction()
          .execute(async (trx) => {
            const saved = await setMuseumLinks(trx, coopId, { kind: subject, id: record.id }, body);
            await audit(c, trx, 'museum.links', store.entity, record.id, saved);
            return saved;
          })
          .catch(museumRefusal);
        return c.json({ links }, 200);
      });
    }
  }

  register(routes.chronicle, {
    kind: 'chronicle',
    entity: 'chronicle_entry',
    key: 'entry',
    schema: chronicleInputSchema,
    subject: 'chronicle',
    list: (coopId) => listChronicleForEditing(db, coopId),
    load: (coopId, id) => loadChronicleEntry(db, coopId, id),
    create: async (trx, coopId, input) => {
      const fields = input as z.output<typeof chronicleInputSchema>;
      const taken = (await listChronicleForEditing(trx, coopId)).some((e) => e.slug === fields.slug);
      if (taken) throw new MuseumError(409, 'slug_taken', 'slug in use', 'slug');
      return createChronicleEntry(trx, { ...fields, cooperativeId: coopId });
    },
    update: async (trx, coopId, id, input) => {
      const fields = input as z.output<typeof chronicleInputSchema>;
      const taken = (await listChronicleForEditing(trx, coopId)).some((e) => e.slug === fields.slug && e.id !== id);
      if (taken) throw new MuseumError(409, 'slug_taken', 'slug in use', 'slug');
      return updateChronicleEntry(trx, coopId, id, fields);
    },
    remove: (trx, coopId, id) => deleteChronicleEntry(trx, coopId, id),
    editable: (e) => {
      const { visibility, status, slug, date, title, body, source, media } = e;
      return { visibility, status, slug, date, title, body, source, media };
    },
  });
  register(routes.place, {
    kind: 'place',
    entity: 'museum_place',
    key: 'place',
    schema: placeInputSchema,
    subject: 'place',
    list: (coopId) => listPlacesForEditing(db, coopId),
    load: (coopId, id) => loadPlace(db, coopId, id),
    create: (trx, coopId, input) => createPlace(trx, coopId, input),
    update: (trx, coopId, id, input) => updatePlace(trx, coopId, id, input),
    remove: (trx, coopId, id) => deletePlace(trx, coopId, id),
    editable: (p) => editableOf(p as unknown as Record<string, unknown>),
  });
  register(routes.person, {
    kind: 'person',
    entity: 'museum_person',
    key: 'person',
    schema: personInputSchema,
    subject: 'person',
    list: (coopId) => listPeopleForEditing(db, coopId),
    load: (coopId, id) => loadPerson(db, coopId, id),
    create: (trx, coopId, input) => createPerson(trx, coopId, input),
    update: (trx, coopId, id, input) => updatePerson(trx, coopId, id, input),
    remove: (trx, coopId, id) => deletePerson(trx, coopId, id),
    editable: (p) => editableOf(p as unknown as Record<string, unknown>),
  });
  register(routes.hall, {
    kind: 'hall',
    entity: 'museum_hall',
    key: 'hall',
    schema: hallInputSchema,
    list: (coopId) => listHallsForEditing(db, coopId),
    load: (coopId, id) => loadHall(db, coopId, id),
    create: (trx, coopId, input) => createHall(trx, coopId, input),
    update: (trx, coopId, id, input) => updateHall(trx, coopId, id, input),
    remove: (trx, coopId, id) => deleteHall(trx, coopId, id),
    editable: (h) => editableOf(h as unknown as Record<string, unknown>),
  });

  app.openapi(routes.hallOrder, async (c) => {
    const coopId = c.get('coop').id;
    const id = idParam(c.req.param('id'));
    const { order } = valid(c, 'json', orderSchema);
    const hall = await db
      .transaction()
      .execute(async (trx) => {
        const saved = await reorderHallExhibits(trx, coopId, id, order);
        if (!saved) throw notFound();
        await audit(c, trx, 'museum_hall.reorder', 'museum_hall', id, { order });
        return saved;
      })
      .catch(museumRefusal);
    return c.json({ hall }, 200);
  });
}
