import type { Hono } from 'hono';
import {
  addVariant,
  adjustStock,
  createProducer,
  createProduct,
  deleteProducer,
  deleteProduct,
  deleteVariant,
  listProducersForEditing,
  listProductsForEditing,
  listStockAdjustments,
  loadProducer,
  loadProduct,
  loadVariant,
  newId,
  recordAudit,
  updateProducer,
  updateProduct,
  updateVariant,
  type Product,
  type Variant,
} from '@terroir/core';
import { requireRole, type AdminEnv } from './admin-auth';
import { parseWith, readJson, readPatch, readQuery } from './admin-body';
import type { AdminContext } from './admin-context';
import { AdminError, notFound } from './admin-errors';
import { listQuerySchema, newProductSchema, producerSchema, productSchema, stockAdjustmentSchema, variantEditSchema, variantSchema } from './admin-schemas';
import { COOP, idParam } from './workspace-routes';

const catalogRoles = requireRole('owner', 'editor');
/** Fulfilment staff read the catalog (to pack orders) but do not change it. */
const readRoles = requireRole('owner', 'editor', 'fulfilment');

/** Producers, products, variants and stock of one cooperative. */
export function registerCatalogRoutes(app: Hono<AdminEnv>, ctx: AdminContext): void {
  const db = ctx.db;

  async function slugTaken(table: 'producers' | 'products' | 'stories', coopId: string, slug: string, exceptId?: string) {
    let q = db.selectFrom(table).select('id').where('cooperative_id', '=', coopId).where('slug', '=', slug);
    if (exceptId) q = q.where('id', '<>', exceptId);
    if (await q.executeTakeFirst()) throw new AdminError(409, 'slug_taken', 'This slug is in use; choose another.', 'slug');
  }
  async function checkProducer(coopId: string, producerId: string | undefined) {
    if (producerId !== undefined && !(await loadProducer(db, coopId, producerId))) throw new AdminError(422, 'unknown_producer', 'No such producer in this cooperative.', 'producerId');
  }

  // Producers ----------------------------------------------------------------------------
  app.get(`${COOP}/producers`, readRoles, async (c) => c.json(await listProducersForEditing(db, c.get('coop').id, readQuery(c, listQuerySchema))));

  app.post(`${COOP}/producers`, catalogRoles, async (c) => {
    const coop = c.get('coop');
    const input = await readJson(c, producerSchema);
    await slugTaken('producers', coop.id, input.slug);
    const producer = await db.transaction().execute(async (trx) => {
      const created = await createProducer(trx, { ...input, cooperativeId: coop.id });
      await recordAudit(trx, { cooperativeId: coop.id, actor: c.get('actor'), action: 'producer.create', entity: 'producer', entityId: created.id, after: input });
      return created;
    });
    return c.json({ producer }, 201);
  });

  app.get(`${COOP}/producers/:id`, readRoles, async (c) => {
    const producer = await loadProducer(db, c.get('coop').id, idParam(c.req.param('id')));
    if (!producer) throw notFound();
    return c.json({ producer });
  });

  app.patch(`${COOP}/producers/:id`, catalogRoles, async (c) => {
    const coop = c.get('coop');
    const before = await loadProducer(db, coop.id, idParam(c.req.param('id')));
    if (!before) throw notFound();
    const { id, cooperativeId, ...fields } = before;
    const merged = { id, cooperativeId, ...parseWith(producerSchema, await readPatch(c, fields)) };
    await slugTaken('producers', coop.id, merged.slug, id);
    await db.transaction().execute(async (trx) => {
      await updateProducer(trx, merged);
      await recordAudit(trx, { cooperativeId: coop.id, actor: c.get('actor'), action: 'producer.update', entity: 'producer', entityId: id, before, after: merged });
    });
    return c.json({ producer: merged });
  });

  app.delete(`${COOP}/producers/:id`, catalogRoles, async (c) => {
    const coop = c.get('coop');
    const id = idParam(c.req.param('id'));
    await db.transaction().execute(async (trx) => {
      if (!(await deleteProducer(trx, coop.id, id))) throw notFound();
      await recordAudit(trx, { cooperativeId: coop.id, actor: c.get('actor'), action: 'producer.delete', entity: 'producer', entityId: id });
    });
    return c.body(null, 204);
  });

  // Products -----------------------------------------------------------------------------
  app.get(`${COOP}/products`, readRoles, async (c) => c.json(await listProductsForEditing(db, c.get('coop').id, readQuery(c, listQuerySchema))));

  app.post(`${COOP}/products`, catalogRoles, async (c) => {
    const coop = c.get('coop');
    const input = await readJson(c, newProductSchema);
    await slugTaken('products', coop.id, input.slug);
    await checkProducer(coop.id, input.producerId);
    const product = await createProduct(db, {
      summary: {},
      description: {},
      images: [],
      tags: [],
      certifications: [],
      harvestWindows: [],
      ...input,
      cooperativeId: coop.id,
      variants: input.variants.map((v) => ({ ...v, currency: coop.currency })),
    });
    await recordAudit(db, { cooperativeId: coop.id, actor: c.get('actor'), action: 'product.create', entity: 'product', entityId: product.id, after: { slug: product.slug, title: product.title, variants: product.variants.length } });
    return c.json({ product }, 201);
  });

  app.get(`${COOP}/products/:id`, readRoles, async (c) => {
    const product = await loadProduct(db, c.get('coop').id, idParam(c.req.param('id')));
    if (!product) throw notFound();
    return c.json({ product });
  });

  app.patch(`${COOP}/products/:id`, catalogRoles, async (c) => {
    const coop = c.get('coop');
    const loaded = await loadProduct(db, coop.id, idParam(c.req.param('id')));
    if (!loaded) throw notFound();
    const { variants, id, cooperativeId, createdAt, updatedAt, ...fields } = loaded;
    const merged: Product = { id, cooperativeId, createdAt, updatedAt, ...parseWith(productSchema, await readPatch(c, fields)) };
    await slugTaken('products', coop.id, merged.slug, id);
    await checkProducer(coop.id, merged.producerId);
    await db.transaction().execute(async (trx) => {
      await updateProduct(trx, merged);
      await recordAudit(trx, { cooperativeId: coop.id, actor: c.get('actor'), action: 'product.update', entity: 'product', entityId: id, before: fields, after: merged });
    });
    return c.json({ product: await loadProduct(db, coop.id, id) });
  });

  app.delete(`${COOP}/products/:id`, catalogRoles, async (c) => {
    const coop = c.get('coop');
    const id = idParam(c.req.param('id'));
    await db.transaction().execute(async (trx) => {
      if (!(await deleteProduct(trx, coop.id, id))) throw notFound();
      await recordAudit(trx, { cooperativeId: coop.id, actor: c.get('actor'), action: 'product.delete', entity: 'product', entityId: id });
    });
    return c.body(null, 204);
  });

  // Variants and stock -------------------------------------------------------------------
  async function ownedVariant(coopId: string, productId: string | undefined, variantId: string | undefined): Promise<Variant> {
    const variant = await loadVariant(db, coopId, idParam(productId), idParam(variantId));
    if (!variant) throw notFound();
    return variant;
  }

  app.post(`${COOP}/products/:id/variants`, catalogRoles, async (c) => {
    const coop = c.get('coop');
    const product = await loadProduct(db, coop.id, idParam(c.req.param('id')));
    if (!product) throw notFound();
    const input = await readJson(c, variantSchema.partial({ status: true, position: true }));
    const variant: Variant = { status: 'active', position: product.variants.length, ...input, id: newId('var'), productId: product.id, currency: coop.currency };
    await db.transaction().execute(async (trx) => {
      await addVariant(trx, variant);
      await recordAudit(trx, { cooperativeId: coop.id, actor: c.get('actor'), action: 'variant.create', entity: 'variant', entityId: variant.id, after: input });
    });
    return c.json({ variant }, 201);
  });

  app.patch(`${COOP}/products/:id/variants/:variantId`, catalogRoles, async (c) => {
    const coop = c.get('coop');
    const before = await ownedVariant(coop.id, c.req.param('id'), c.req.param('variantId'));
    const { id, productId, currency, stockOnHand, ...fields } = before;
    const merged: Variant = { id, productId, currency, stockOnHand, ...parseWith(variantEditSchema, await readPatch(c, fields)) };
    await db.transaction().execute(async (trx) => {
      await updateVariant(trx, merged);
      await recordAudit(trx, { cooperativeId: coop.id, actor: c.get('actor'), action: 'variant.update', entity: 'variant', entityId: id, before, after: merged });
    });
    return c.json({ variant: merged });
  });

  app.delete(`${COOP}/products/:id/variants/:variantId`, catalogRoles, async (c) => {
    const coop = c.get('coop');
    const variant = await ownedVariant(coop.id, c.req.param('id'), c.req.param('variantId'));
    await db.transaction().execute(async (trx) => {
      await deleteVariant(trx, variant.productId, variant.id);
      await recordAudit(trx, { cooperativeId: coop.id, actor: c.get('actor'), action: 'variant.delete', entity: 'variant', entityId: variant.id });
    });
    return c.body(null, 204);
  });

  app.get(`${COOP}/products/:id/variants/:variantId/stock`, readRoles, async (c) => {
    const coop = c.get('coop');
    const variant = await ownedVariant(coop.id, c.req.param('id'), c.req.param('variantId'));
    return c.json({ stockOnHand: variant.stockOnHand, adjustments: await listStockAdjustments(db, coop.id, variant.id) });
  });

  app.post(`${COOP}/products/:id/variants/:variantId/stock`, catalogRoles, async (c) => {
    const coop = c.get('coop');
    const variant = await ownedVariant(coop.id, c.req.param('id'), c.req.param('variantId'));
    const input = await readJson(c, stockAdjustmentSchema);
    const actor = c.get('actor');
    const result = await db.transaction().execute(async (trx) => {
      const outcome = await adjustStock(trx, { cooperativeId: coop.id, variantId: variant.id, delta: input.delta, reason: input.reason, note: input.note, userId: actor.kind === 'user' ? actor.userId : null });
      if (outcome.ok) {
        await recordAudit(trx, { cooperativeId: coop.id, actor, action: 'stock.adjust', entity: 'variant', entityId: variant.id, before: { stockOnHand: outcome.stockOnHand - input.delta }, after: { stockOnHand: outcome.stockOnHand, reason: input.reason } });
      }
      return outcome;
    });
    if (!result.ok) throw new AdminError(409, 'insufficient_stock', `Only ${result.available} in stock; stock cannot go below zero.`, 'delta');
    return c.json({ stockOnHand: result.stockOnHand, adjustmentId: result.adjustmentId });
  });
}
