import { z, type OpenAPIHono } from '@hono/zod-openapi';
import { listSearchMisses, recordAudit, reindexCooperative } from '@terroir/core';
import type { AdminEnv } from './admin-auth';
import type { AdminContext } from './admin-context';
import { adminRoute, COOP_PATH, pathParams } from './admin-openapi';

const tag = 'Search';
const EDITORS = { roles: ['owner' as const, 'editor' as const] };

const SearchMissRecord = z
  .object({
    query: z.string().openapi({ description: 'The query as searched: folded (lower case, simplified characters), punctuation dropped.' }),
    count: z.number().int(),
    lastAt: z.string().openapi({ description: 'When it last found nothing (ISO-8601 UTC).' }),
  })
  .openapi('SearchMiss');

const routes = {
  misses: adminRoute({
    method: 'get',
    path: `${COOP_PATH}/search/misses`,
    operationId: 'listSearchMisses',
    tag,
    summary: 'Searches that found nothing',
    description:
      'Normalized queries of the public search that found nothing, most frequent first (at most 500 kept per cooperative; no addresses or accounts are stored). What shoppers look for and the catalog does not say.',
    access: EDITORS,
    params: pathParams(),
    ok: { status: 200, schema: z.object({ misses: z.array(SearchMissRecord) }), description: 'Up to 200 queries.' },
  }),
  reindex: adminRoute({
    method: 'post',
    path: `${COOP_PATH}/search/reindex`,
    operationId: 'reindexSearch',
    tag,
    summary: 'Rebuild the search index of the cooperative',
    access: { roles: ['owner' as const] },
    params: pathParams(),
    ok: { status: 200, schema: z.object({ documents: z.number().int() }), description: 'How many documents the index now holds.' },
  }),
};

/** The zero-result log and the reindex button of a cooperative's search. */
export function registerSearchRoutes(app: OpenAPIHono<AdminEnv>, ctx: AdminContext): void {
  const db = ctx.db;
  app.openapi(routes.misses, async (c) => c.json({ misses: await listSearchMisses(db, c.get('coop').id, { limit: 200 }) }, 200));
  app.openapi(routes.reindex, async (c) => {
    const coop = c.get('coop');
    const documents = await db.transaction().execute(async (trx) => {
      const count = await reindexCooperative(trx, coop.id);
      await recordAudit(trx, {
        cooperativeId: coop.id,
        actor: c.get('actor'),
        action: 'search.reindex',
        entity: 'cooperative',
        entityId: coop.id,
        after: { documents: count },
      });
      return count;
    });
    return c.json({ documents }, 200);
  });
}
