import { z, type OpenAPIHono } from '@hono/zod-openapi';
import {
  MEMORY_STATUSES,
  MEMORY_TEXT_MAX,
  MemoryError,
  approveMemory,
  deleteMemory,
  listMemoriesForModeration,
  loadMemoryForModeration,
  museumLinksSchema,
  recordAudit,
  rejectMemory,
} from '@terroir/core';
import { ApiError, notFound } from '../http/api-error';
import type { AdminEnv } from './admin-auth';
import type { AdminContext } from './admin-context';
import { adminRoute, COOP_PATH, pathParams, RecordSchema, valid } from './admin-openapi';
import { idParam } from './workspace-routes';

/*
 * The moderation queue of memories sent in by villagers (issue 11): owners and editors see
 * every memory with the sender's contact, approve (editing the text, choosing public or
 * community-only, linking it to museum records), reject with a note, or delete. Every write
 * is audited in its own transaction; another cooperative's ids are 404.
 */

const MUSEUM = { roles: ['owner' as const, 'editor' as const] };
const tag = 'Museum';
const BASE = `${COOP_PATH}/museum/memories`;

const queueQuery = z.strictObject({ status: z.enum(MEMORY_STATUSES).optional(), limit: z.coerce.number().int().min(1).max(500).optional() });
const approveBody = z.strictObject({
  text: z.string().min(1).max(MEMORY_TEXT_MAX).optional().openapi({ description: 'The text as published; leave out to publish it as sent in.' }),
  visibility: z.enum(['public', 'community']).default('public'),
  links: museumLinksSchema.partial().default({}),
});
const rejectBody = z.strictObject({
  note: z.string().max(1000).nullable().optional().openapi({ description: 'Why, for the other editors; never shown to the sender.' }),
});
const MemoryBody = z.object({ memory: RecordSchema });
const Counts = z.object({ pending: z.number().int(), approved: z.number().int(), rejected: z.number().int() });

const routes = {
  list: adminRoute({
    method: 'get',
    path: BASE,
    operationId: 'listMemoriesForModeration',
    tag,
    summary: 'The moderation queue: memories sent in, pending first, with counts by status',
    description: 'Includes the contact the sender left (never shown publicly).',
    access: MUSEUM,
    params: pathParams(),
    query: queueQuery,
    ok: { status: 200, schema: z.object({ items: z.array(RecordSchema), counts: Counts }), description: 'The queue.' },
  }),
  get: adminRoute({
    method: 'get',
    path: `${BASE}/{id}`,
    operationId: 'getMemoryForModeration',
    tag,
    summary: 'One memory sent in, with its photos, audio and links',
    access: MUSEUM,
    params: pathParams('id'),
    ok: { status: 200, schema: MemoryBody, description: 'The memory.' },
  }),
  approve: adminRoute({
    method: 'post',
    path: `${BASE}/{id}/approve`,
    operationId: 'approveMemory',
    tag,
    summary: 'Approve a memory: optionally edit its text, choose public or community-only, link it to museum records',
    description: 'Also edits an approved memory, or approves a rejected one. Links must be records of the same cooperative (422 `unknown_reference`).',
    access: MUSEUM,
    params: pathParams('id'),
    body: approveBody,
    ok: { status: 200, schema: MemoryBody, description: 'As saved.' },
    errors: [422],
  }),
  reject: adminRoute({
    method: 'post',
    path: `${BASE}/{id}/reject`,
    operationId: 'rejectMemory',
    tag,
    summary: 'Reject a memory (with a note for the editors); takes an approved one down',
    access: MUSEUM,
    params: pathParams('id'),
    body: rejectBody,
    ok: { status: 200, schema: MemoryBody, description: 'As saved.' },
  }),
  remove: adminRoute({
    method: 'delete',
    path: `${BASE}/{id}`,
    operationId: 'deleteMemory',
    tag,
    summary: 'Delete a memory with its links and the photos and audio it brought',
    access: MUSEUM,
    params: pathParams('id'),
    ok: { status: 204, description: 'Deleted.' },
  }),
};

/** Answers a refusal of the memories module as the API's JSON error. */
function memoryRefusal(error: unknown): never {
  if (error instanceof MemoryError)
    throw new ApiError(error.status, { code: error.code, message: error.message, ...(error.field ? { field: error.field } : {}) });
  throw error;
}

/**
 * The moderation queue's admin routes (`…/museum/memories`).
 *
 * @example
 * registerMemoryAdminRoutes(app, ctx); // inside createAdminApi
 */
export function registerMemoryAdminRoutes(app: OpenAPIHono<AdminEnv>, ctx: AdminContext): void {
  const db = ctx.db;
  const storage = ctx.media.storage;
  const moderator = (c: { get(key: 'actor'): AdminEnv['Variables']['actor'] }) => {
    const actor = c.get('actor');
    return actor.kind === 'user' ? actor.userId : null;
  };

  app.openapi(routes.list, async (c) => {
    const query = valid(c, 'query', queueQuery);
    return c.json(await listMemoriesForModeration(db, storage, c.get('coop').id, query), 200);
  });

  app.openapi(routes.get, async (c) => {
    const memory = await loadMemoryForModeration(db, storage, c.get('coop').id, idParam(c.req.param('id')));
    if (!memory) throw notFound();
    return c.json({ memory }, 200);
  });

  app.openapi(routes.approve, async (c) => {
    const coopId = c.get('coop').id;
    const id = idParam(c.req.param('id'));
    const body = valid(c, 'json', approveBody);
    const memory = await db
      .transaction()
      .execute(async (trx) => {
        const saved = await approveMemory(trx, storage, coopId, id, body, { moderatorId: moderator(c) });
        if (!saved) throw notFound();
        await recordAudit(trx, {
          cooperativeId: coopId,
          actor: c.get('actor'),
          action: 'memory.approve',
          entity: 'museum_memory',
          entityId: id,
          after: { visibility: saved.visibility, edited: saved.publishedText !== null, links: saved.links },
        });
        return saved;
      })
      .catch(memoryRefusal);
    return c.json({ memory }, 200);
  });

  app.openapi(routes.reject, async (c) => {
    const coopId = c.get('coop').id;
    const id = idParam(c.req.param('id'));
    const { note } = valid(c, 'json', rejectBody);
    const memory = await db
      .transaction()
      .execute(async (trx) => {
        const saved = await rejectMemory(trx, storage, coopId, id, { note: note ?? null }, { moderatorId: moderator(c) });
        if (!saved) throw notFound();
        await recordAudit(trx, { cooperativeId: coopId, actor: c.get('actor'), action: 'memory.reject', entity: 'museum_memory', entityId: id });
        return saved;
      })
      .catch(memoryRefusal);
    return c.json({ memory }, 200);
  });

  app.openapi(routes.remove, async (c) => {
    const coopId = c.get('coop').id;
    const id = idParam(c.req.param('id'));
    const deleted = await deleteMemory(db, storage, coopId, id, {
      inTransaction: async (trx) => {
        await recordAudit(trx, { cooperativeId: coopId, actor: c.get('actor'), action: 'memory.delete', entity: 'museum_memory', entityId: id });
      },
    });
    if (!deleted) throw notFound();
    return c.body(null, 204);
  });
}
