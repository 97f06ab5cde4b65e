import { z, type OpenAPIHono } from '@hono/zod-openapi';
import {
  createStory,
  deleteStory,
  listStoriesForEditing,
  loadProducer,
  loadProduct,
  loadStory,
  loadStoryLinks,
  putStoryProducerLink,
  putStoryProductLink,
  putStoryStoryLink,
  recordAudit,
  removeStoryProducerLink,
  removeStoryProductLink,
  removeStoryStoryLink,
  storySlugInUse,
  updateStory,
  type Story,
} from '@terroir/core';
import { ApiError, notFound } from '../http/api-error';
import { text } from '../http/text-schemas';
import type { AdminEnv } from './admin-auth';
import { mergePatch, parseWith, patchSchemaOf } from './admin-body';
import type { AdminContext } from './admin-context';
import { adminRoute, COOP_PATH, pathParams, valid } from './admin-openapi';
import { offsetPage, StoryRecord } from './admin-records';
import { listQuerySchema, newStoryDefaults, producerLinkSchema, productLinkSchema, storyFields, storyLinkSchema, storySchema } from './admin-schemas';
import { idParam } from './workspace-routes';

const STORIES = { roles: ['owner' as const, 'editor' as const] };
const tag = 'Stories';
const relationQuery = z.object({ relation: text(40).optional() });
const newStorySchema = storyFields.partial({ summary: true, body: true, media: true, visibility: true, status: true, position: true });
const storyPath = `${COOP_PATH}/stories/{id}`;
const LinksSchema = z.object({ links: z.looseObject({}) });
const StoryWithLinks = z.object({ story: StoryRecord, links: z.looseObject({}) });
const deleted = { status: 204 as const, description: 'Deleted.' };

const linkRoutes = (target: 'products' | 'producers' | 'stories', param: string, body: z.ZodObject, noun: string) => ({
  put: adminRoute({
    method: 'put',
    path: `${storyPath}/${target}/{${param}}`,
    operationId: `linkStoryTo${noun}`,
    tag,
    summary: `Link the story to a ${noun.toLowerCase()} (both in this cooperative)`,
    access: STORIES,
    params: pathParams('id', param),
    body,
    ok: { status: 200, schema: LinksSchema, description: 'The story’s links.' },
    errors: target === 'stories' ? [422] : [],
  }),
  remove: adminRoute({
    method: 'delete',
    path: `${storyPath}/${target}/{${param}}`,
    operationId: `unlinkStoryFrom${noun}`,
    tag,
    summary: `Remove the story’s links to a ${noun.toLowerCase()} (one relation, or all)`,
    access: STORIES,
    params: pathParams('id', param),
    query: relationQuery,
    ok: deleted,
  }),
});

const routes = {
  list: adminRoute({
    method: 'get',
    path: `${COOP_PATH}/stories`,
    operationId: 'listStoriesForEditing',
    tag,
    summary: 'List stories (every status)',
    access: STORIES,
    params: pathParams(),
    query: listQuerySchema,
    ok: { status: 200, schema: offsetPage(StoryRecord, 'StoryPage'), description: 'Stories.' },
  }),
  create: adminRoute({
    method: 'post',
    path: `${COOP_PATH}/stories`,
    operationId: 'createStory',
    tag,
    summary: 'Add a story',
    access: STORIES,
    params: pathParams(),
    body: newStorySchema,
    ok: { status: 201, schema: z.object({ story: StoryRecord }), description: 'Created.' },
    errors: [409],
  }),
  get: adminRoute({
    method: 'get',
    path: storyPath,
    operationId: 'getStoryForEditing',
    tag,
    summary: 'One story with its links',
    access: STORIES,
    params: pathParams('id'),
    ok: { status: 200, schema: StoryWithLinks, description: 'The story.' },
  }),
  update: adminRoute({
    method: 'patch',
    path: storyPath,
    operationId: 'updateStory',
    tag,
    summary: 'Edit a story (JSON merge patch)',
    access: STORIES,
    params: pathParams('id'),
    body: patchSchemaOf(storyFields),
    ok: { status: 200, schema: z.object({ story: StoryRecord }), description: 'The story as saved.' },
    errors: [409],
  }),
  remove: adminRoute({
    method: 'delete',
    path: storyPath,
    operationId: 'deleteStory',
    tag,
    summary: 'Delete a story',
    access: STORIES,
    params: pathParams('id'),
    ok: deleted,
  }),
  products: linkRoutes('products', 'productId', productLinkSchema, 'Product'),
  producers: linkRoutes('producers', 'producerId', producerLinkSchema, 'Producer'),
  stories: linkRoutes('stories', 'toId', storyLinkSchema, 'Story'),
};

/** Heritage stories and their links to products, producers and other stories. */
export function registerStoryRoutes(app: OpenAPIHono<AdminEnv>, ctx: AdminContext): void {
  const db = ctx.db;

  async function ownedStory(coopId: string, id: string | undefined): Promise<Story> {
    const story = await loadStory(db, coopId, idParam(id));
    if (!story) throw notFound();
    return story;
  }
  async function refuseTakenSlug(coopId: string, slug: string, exceptId?: string) {
    if (await storySlugInUse(db, coopId, slug, exceptId)) throw new ApiError(409, { code: 'slug_taken', field: 'slug' });
  }

  app.openapi(routes.list, async (c) => c.json(await listStoriesForEditing(db, c.get('coop').id, valid(c, 'query', listQuerySchema)), 200));

  app.openapi(routes.create, async (c) => {
    const coop = c.get('coop');
    const input = parseWith(storySchema, { ...newStoryDefaults, ...valid(c, 'json', newStorySchema) });
    await refuseTakenSlug(coop.id, input.slug);
    const story = await db.transaction().execute(async (trx) => {
      const created = await createStory(trx, { ...input, cooperativeId: coop.id });
      await recordAudit(trx, {
        cooperativeId: coop.id,
        actor: c.get('actor'),
        action: 'story.create',
        entity: 'story',
        entityId: created.id,
        after: { slug: input.slug, title: input.title, status: input.status, visibility: input.visibility },
      });
      return created;
    });
    return c.json({ story }, 201);
  });

  app.openapi(routes.get, async (c) => {
    const story = await ownedStory(c.get('coop').id, c.req.param('id'));
    return c.json({ story, links: await loadStoryLinks(db, story.id) }, 200);
  });

  app.openapi(routes.update, async (c) => {
    const coop = c.get('coop');
    const before = await ownedStory(coop.id, c.req.param('id'));
    const { id, cooperativeId, createdAt, updatedAt, ...fields } = before;
    const merged: Story = {
      id,
      cooperativeId,
      createdAt,
      updatedAt,
      ...parseWith(storySchema, mergePatch(fields, valid(c, 'json', patchSchemaOf(storyFields)))),
    };
    await refuseTakenSlug(coop.id, merged.slug, id);
    await db.transaction().execute(async (trx) => {
      await updateStory(trx, merged);
      await recordAudit(trx, {
        cooperativeId: coop.id,
        actor: c.get('actor'),
        action: 'story.update',
        entity: 'story',
        entityId: id,
        before: fields,
        after: merged,
      });
    });
    return c.json({ story: merged }, 200);
  });

  app.openapi(routes.remove, async (c) => {
    const coop = c.get('coop');
    const id = idParam(c.req.param('id'));
    await db.transaction().execute(async (trx) => {
      if (!(await deleteStory(trx, coop.id, id))) throw notFound();
      await recordAudit(trx, { cooperativeId: coop.id, actor: c.get('actor'), action: 'story.delete', entity: 'story', entityId: id });
    });
    return c.body(null, 204);
  });

  // Links: both ends must belong to the cooperative in the path, else 404.
  app.openapi(routes.products.put, async (c) => {
    const coop = c.get('coop');
    const story = await ownedStory(coop.id, c.req.param('id'));
    const product = await loadProduct(db, coop.id, idParam(c.req.param('productId')));
    if (!product) throw notFound();
    const { relation, position } = valid(c, 'json', productLinkSchema);
    await putStoryProductLink(db, story.id, product.id, relation, position);
    await recordAudit(db, {
      cooperativeId: coop.id,
      actor: c.get('actor'),
      action: 'link.put',
      entity: 'story_product',
      entityId: `${story.id}:${product.id}`,
      after: { relation, position },
    });
    return c.json({ links: await loadStoryLinks(db, story.id) }, 200);
  });

  app.openapi(routes.products.remove, async (c) => {
    const coop = c.get('coop');
    const story = await ownedStory(coop.id, c.req.param('id'));
    const productId = idParam(c.req.param('productId'));
    const { relation } = valid(c, 'query', relationQuery);
    if (!(await removeStoryProductLink(db, story.id, productId, relation))) throw notFound();
    await recordAudit(db, {
      cooperativeId: coop.id,
      actor: c.get('actor'),
      action: 'link.remove',
      entity: 'story_product',
      entityId: `${story.id}:${productId}`,
      before: { relation: relation ?? 'all' },
    });
    return c.body(null, 204);
  });

  app.openapi(routes.producers.put, async (c) => {
    const coop = c.get('coop');
    const story = await ownedStory(coop.id, c.req.param('id'));
    const producer = await loadProducer(db, coop.id, idParam(c.req.param('producerId')));
    if (!producer) throw notFound();
    const { relation, position } = valid(c, 'json', producerLinkSchema);
    await putStoryProducerLink(db, story.id, producer.id, relation, position);
    await recordAudit(db, {
      cooperativeId: coop.id,
      actor: c.get('actor'),
      action: 'link.put',
      entity: 'story_producer',
      entityId: `${story.id}:${producer.id}`,
      after: { relation, position },
    });
    return c.json({ links: await loadStoryLinks(db, story.id) }, 200);
  });

  app.openapi(routes.producers.remove, async (c) => {
    const coop = c.get('coop');
    const story = await ownedStory(coop.id, c.req.param('id'));
    const producerId = idParam(c.req.param('producerId'));
    const { relation } = valid(c, 'query', relationQuery);
    if (!(await removeStoryProducerLink(db, story.id, producerId, relation))) throw notFound();
    await recordAudit(db, {
      cooperativeId: coop.id,
      actor: c.get('actor'),
      action: 'link.remove',
      entity: 'story_producer',
      entityId: `${story.id}:${producerId}`,
      before: { relation: relation ?? 'all' },
    });
    return c.body(null, 204);
  });

  app.openapi(routes.stories.put, async (c) => {
    const coop = c.get('coop');
    const story = await ownedStory(coop.id, c.req.param('id'));
    const target = await ownedStory(coop.id, c.req.param('toId'));
    if (target.id === story.id) throw new ApiError(422, { code: 'self_link', field: 'toId' });
    const { relation, position } = valid(c, 'json', storyLinkSchema);
    await putStoryStoryLink(db, story.id, target.id, relation, position);
    await recordAudit(db, {
      cooperativeId: coop.id,
      actor: c.get('actor'),
      action: 'link.put',
      entity: 'story_link',
      entityId: `${story.id}:${target.id}`,
      after: { relation, position },
    });
    return c.json({ links: await loadStoryLinks(db, story.id) }, 200);
  });

  app.openapi(routes.stories.remove, async (c) => {
    const coop = c.get('coop');
    const story = await ownedStory(coop.id, c.req.param('id'));
    const toId = idParam(c.req.param('toId'));
    const { relation } = valid(c, 'query', relationQuery);
    if (!(await removeStoryStoryLink(db, story.id, toId, relation))) throw notFound();
    await recordAudit(db, {
      cooperativeId: coop.id,
      actor: c.get('actor'),
      action: 'link.remove',
      entity: 'story_link',
      entityId: `${story.id}:${toId}`,
      before: { relation: relation ?? 'all' },
    });
    return c.body(null, 204);
  });
}
