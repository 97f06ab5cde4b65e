import type { Hono } from 'hono';
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
  updateStory,
  type Story,
} from '@terroir/core';
import { z } from 'zod';
import { requireRole, type AdminEnv } from './admin-auth';
import { parseWith, readJson, readPatch, readQuery } from './admin-body';
import type { AdminContext } from './admin-context';
import { AdminError, notFound } from './admin-errors';
import { listQuerySchema, newStoryDefaults, producerLinkSchema, productLinkSchema, storyLinkSchema, storySchema } from './admin-schemas';
import { COOP, idParam } from './workspace-routes';

const storyRoles = requireRole('owner', 'editor');
const relationQuery = z.object({ relation: z.string().max(40).optional() });

/** Heritage stories and their links to products, producers and other stories. */
export function registerStoryRoutes(app: Hono<AdminEnv>, ctx: AdminContext): void {
  const db = ctx.db;

  async function ownedStory(coopId: string, id: string | undefined): Promise<Story> {
    const story = await loadStory(db, coopId, idParam(id));
    if (!story) throw notFound();
    return story;
  }
  async function slugTaken(coopId: string, slug: string, exceptId?: string) {
    let q = db.selectFrom('stories').select('id').where('cooperative_id', '=', coopId).where('slug', '=', slug);
    if (exceptId) q = q.where('id', '<>', exceptId);
    if (await q.executeTakeFirst()) throw new AdminError(409, 'slug_taken', 'This slug is in use; choose another.', 'slug');
  }

  app.get(`${COOP}/stories`, storyRoles, async (c) => c.json(await listStoriesForEditing(db, c.get('coop').id, readQuery(c, listQuerySchema))));

  app.post(`${COOP}/stories`, storyRoles, async (c) => {
    const coop = c.get('coop');
    const raw = await readJson(c, z.record(z.string(), z.unknown()));
    const input = parseWith(storySchema, { ...newStoryDefaults, ...raw });
    await slugTaken(coop.id, input.slug);
    const story = await db.transaction().execute(async (trx) => {
      const created = await createStory(trx, { ...input, cooperativeId: coop.id });
      await recordAudit(trx, { cooperativeId: coop.id, actor: c.get('actor'), action: 'story.create', entity: 'story', entityId: created.id, after: { slug: input.slug, title: input.title, status: input.status, visibility: input.visibility } });
      return created;
    });
    return c.json({ story }, 201);
  });

  app.get(`${COOP}/stories/:id`, storyRoles, async (c) => {
    const story = await ownedStory(c.get('coop').id, c.req.param('id'));
    return c.json({ story, links: await loadStoryLinks(db, story.id) });
  });

  app.patch(`${COOP}/stories/:id`, storyRoles, async (c) => {
    const coop = c.get('coop');
    const before = await ownedStory(coop.id, c.req.param('id'));
    const { id, cooperativeId, createdAt, updatedAt, ...fields } = before;
    const merged: Story = { id, cooperativeId, createdAt, updatedAt, ...parseWith(storySchema, await readPatch(c, fields)) };
    await slugTaken(coop.id, merged.slug, id);
    await db.transaction().execute(async (trx) => {
      await updateStory(trx, merged);
      await recordAudit(trx, { cooperativeId: coop.id, actor: c.get('actor'), action: 'story.update', entity: 'story', entityId: id, before: fields, after: merged });
    });
    return c.json({ story: merged });
  });

  app.delete(`${COOP}/stories/:id`, storyRoles, async (c) => {
    const coop = c.get('coop');
    const id = idParam(c.req.param('id'));
    await db.transaction().execute(async (trx) => {
      if (!(await deleteStory(trx, coop.id, id))) throw notFound();
      await recordAudit(trx, { cooperativeId: coop.id, actor: c.get('actor'), action: 'story.delete', entity: 'story', entityId: id });
    });
    return c.body(null, 204);
  });

  // Links: both ends must belong to the cooperative in the path, else 404.
  app.put(`${COOP}/stories/:id/products/:productId`, storyRoles, async (c) => {
    const coop = c.get('coop');
    const story = await ownedStory(coop.id, c.req.param('id'));
    const product = await loadProduct(db, coop.id, idParam(c.req.param('productId')));
    if (!product) throw notFound();
    const { relation, position } = await readJson(c, productLinkSchema);
    await putStoryProductLink(db, story.id, product.id, relation, position);
    await recordAudit(db, { cooperativeId: coop.id, actor: c.get('actor'), action: 'link.put', entity: 'story_product', entityId: `${story.id}:${product.id}`, after: { relation, position } });
    return c.json({ links: await loadStoryLinks(db, story.id) });
  });

  app.delete(`${COOP}/stories/:id/products/:productId`, storyRoles, async (c) => {
    const coop = c.get('coop');
    const story = await ownedStory(coop.id, c.req.param('id'));
    const productId = idParam(c.req.param('productId'));
    const { relation } = readQuery(c, relationQuery);
    if (!(await removeStoryProductLink(db, story.id, productId, relation))) throw notFound();
    await recordAudit(db, { cooperativeId: coop.id, actor: c.get('actor'), action: 'link.remove', entity: 'story_product', entityId: `${story.id}:${productId}`, before: { relation: relation ?? 'all' } });
    return c.body(null, 204);
  });

  app.put(`${COOP}/stories/:id/producers/:producerId`, storyRoles, async (c) => {
    const coop = c.get('coop');
    const story = await ownedStory(coop.id, c.req.param('id'));
    const producer = await loadProducer(db, coop.id, idParam(c.req.param('producerId')));
    if (!producer) throw notFound();
    const { relation, position } = await readJson(c, producerLinkSchema);
    await putStoryProducerLink(db, story.id, producer.id, relation, position);
    await recordAudit(db, { cooperativeId: coop.id, actor: c.get('actor'), action: 'link.put', entity: 'story_producer', entityId: `${story.id}:${producer.id}`, after: { relation, position } });
    return c.json({ links: await loadStoryLinks(db, story.id) });
  });

  app.delete(`${COOP}/stories/:id/producers/:producerId`, storyRoles, async (c) => {
    const coop = c.get('coop');
    const story = await ownedStory(coop.id, c.req.param('id'));
    const producerId = idParam(c.req.param('producerId'));
    const { relation } = readQuery(c, relationQuery);
    if (!(await removeStoryProducerLink(db, story.id, producerId, relation))) throw notFound();
    await recordAudit(db, { cooperativeId: coop.id, actor: c.get('actor'), action: 'link.remove', entity: 'story_producer', entityId: `${story.id}:${producerId}`, before: { relation: relation ?? 'all' } });
    return c.body(null, 204);
  });

  app.put(`${COOP}/stories/:id/stories/:toId`, storyRoles, async (c) => {
    const coop = c.get('coop');
    const story = await ownedStory(coop.id, c.req.param('id'));
    const target = await ownedStory(coop.id, c.req.param('toId'));
    if (target.id === story.id) throw new AdminError(422, 'self_link', 'A story cannot link to itself.', 'toId');
    const { relation, position } = await readJson(c, storyLinkSchema);
    await putStoryStoryLink(db, story.id, target.id, relation, position);
    await recordAudit(db, { cooperativeId: coop.id, actor: c.get('actor'), action: 'link.put', entity: 'story_link', entityId: `${story.id}:${target.id}`, after: { relation, position } });
    return c.json({ links: await loadStoryLinks(db, story.id) });
  });

  app.delete(`${COOP}/stories/:id/stories/:toId`, storyRoles, async (c) => {
    const coop = c.get('coop');
    const story = await ownedStory(coop.id, c.req.param('id'));
    const toId = idParam(c.req.param('toId'));
    const { relation } = readQuery(c, relationQuery);
    if (!(await removeStoryStoryLink(db, story.id, toId, relation))) throw notFound();
    await recordAudit(db, { cooperativeId: coop.id, actor: c.get('actor'), action: 'link.remove', entity: 'story_link', entityId: `${story.id}:${toId}`, before: { relation: relation ?? 'all' } });
    return c.body(null, 204);
  });
}
