import { z, type OpenAPIHono } from '@hono/zod-openapi';
import {
  addVariant,
  adjustStock,
  catalogSlugInUse,
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
import { ApiError, notFound } from '../http/api-error';
import type { AdminEnv } from './admin-auth';
import { mergePatch, parseWith, patchSchemaOf } from './admin-body';
import type { AdminContext } from './admin-context';
import { adminRoute, COOP_PATH, pathParams, valid } from './admin-openapi';
import { offsetPage, ProducerRecord, ProductListItem, ProductRecord, VariantRecord } from './admin-records';
import { listQuerySchema, newProductSchema, newVariantSchema, producerSchema, productSchema, stockAdjustmentSchema, variantEditSchema } from './admin-schemas';
import { idParam } from './workspace-routes';

const CATALOG = { roles: ['owner' as const, 'editor' as const] };
/** Fulfilment staff read the catalog (to pack orders) but do not change it. */
const READ = { roles: ['owner' as const, 'editor' as const, 'fulfilment' as const] };
const tag = 'Catalog';

const producerPath = `${COOP_PATH}/producers/{id}`;
const productPath = `${COOP_PATH}/products/{id}`;
const variantPath = `${productPath}/variants/{variantId}`;
const deleted = { status: 204 as const, description: 'Deleted.' };
const StockSchema = z.object({ stockOnHand: z.number().int(), adjustments: z.array(z.looseObject({})) });

const routes = {
  listProducers: adminRoute({
    method: 'get',
    path: `${COOP_PATH}/producers`,
    operationId: 'listProducers',
    tag,
    summary: 'List producers',
    access: READ,
    params: pathParams(),
    query: listQuerySchema,
    ok: { status: 200, schema: offsetPage(ProducerRecord, 'ProducerPage'), description: 'Producers.' },
  }),
  createProducer: adminRoute({
    method: 'post',
    path: `${COOP_PATH}/producers`,
    operationId: 'createProducer',
    tag,
    summary: 'Add a producer',
    access: CATALOG,
    params: pathParams(),
    body: producerSchema,
    ok: { status: 201, schema: z.object({ producer: ProducerRecord }), description: 'Created.' },
    errors: [409],
  }),
  getProducer: adminRoute({
    method: 'get',
    path: producerPath,
    operationId: 'getProducer',
    tag,
    summary: 'One producer',
    access: READ,
    params: pathParams('id'),
    ok: { status: 200, schema: z.object({ producer: ProducerRecord }), description: 'The producer.' },
  }),
  updateProducer: adminRoute({
    method: 'patch',
    path: producerPath,
    operationId: 'updateProducer',
    tag,
    summary: 'Edit a producer (JSON merge patch)',
    access: CATALOG,
    params: pathParams('id'),
    body: patchSchemaOf(producerSchema),
    ok: { status: 200, schema: z.object({ producer: ProducerRecord }), description: 'The producer as saved.' },
    errors: [409],
  }),
  deleteProducer: adminRoute({
    method: 'delete',
    path: producerPath,
    operationId: 'deleteProducer',
    tag,
    summary: 'Delete a producer',
    access: CATALOG,
    params: pathParams('id'),
    ok: deleted,
    errors: [409],
  }),
  listProducts: adminRoute({
    method: 'get',
    path: `${COOP_PATH}/products`,
    operationId: 'listProductsForEditing',
    tag,
    summary: 'List products (every status)',
    access: READ,
    params: pathParams(),
    query: listQuerySchema,
    ok: { status: 200, schema: offsetPage(ProductListItem, 'ProductPage'), description: 'Products.' },
  }),
  createProduct: adminRoute({
    method: 'post',
    path: `${COOP_PATH}/products`,
    operationId: 'createProduct',
    tag,
    summary: 'Add a product with its variants',
    access: CATALOG,
    params: pathParams(),
    body: newProductSchema,
    ok: { status: 201, schema: z.object({ product: ProductRecord }), description: 'Created.' },
    errors: [409, 422],
  }),
  getProduct: adminRoute({
    method: 'get',
    path: productPath,
    operationId: 'getProductForEditing',
    tag,
    summary: 'One product with its variants',
    access: READ,
    params: pathParams('id'),
    ok: { status: 200, schema: z.object({ product: ProductRecord }), description: 'The product.' },
  }),
  updateProduct: adminRoute({
    method: 'patch',
    path: productPath,
    operationId: 'updateProduct',
    tag,
    summary: 'Edit a product (JSON merge patch; variants have their own routes)',
    access: CATALOG,
    params: pathParams('id'),
    body: patchSchemaOf(productSchema),
    ok: { status: 200, schema: z.object({ product: ProductRecord }), description: 'The product as saved.' },
    errors: [409, 422],
  }),
  deleteProduct: adminRoute({
    method: 'delete',
    path: productPath,
    operationId: 'deleteProduct',
    tag,
    summary: 'Delete a product',
    access: CATALOG,
    params: pathParams('id'),
    ok: deleted,
    errors: [409],
  }),
  createVariant: adminRoute({
    method: 'post',
    path: `${productPath}/variants`,
    operationId: 'createVariant',
    tag,
    summary: 'Add a variant',
    access: CATALOG,
    params: pathParams('id'),
    body: newVariantSchema,
    ok: { status: 201, schema: z.object({ variant: VariantRecord }), description: 'Created.' },
    errors: [409],
  }),
  updateVariant: adminRoute({
    method: 'patch',
    path: variantPath,
    operationId: 'updateVariant',
    tag,
    summary: 'Edit a variant (stock moves only through adjustments)',
    access: CATALOG,
    params: pathParams('id', 'variantId'),
    body: patchSchemaOf(variantEditSchema),
    ok: { status: 200, schema: z.object({ variant: VariantRecord }), description: 'The variant as saved.' },
  }),
  deleteVariant: adminRoute({
    method: 'delete',
    path: variantPath,
    operationId: 'deleteVariant',
    tag,
    summary: 'Delete a variant',
    access: CATALOG,
    params: pathParams('id', 'variantId'),
    ok: deleted,
    errors: [409],
  }),
  getStock: adminRoute({
    method: 'get',
    path: `${variantPath}/stock`,
    operationId: 'getStock',
    tag,
    summary: 'Stock on hand and its adjustments',
    access: READ,
    params: pathParams('id', 'variantId'),
    ok: { status: 200, schema: StockSchema, description: 'Stock.' },
  }),
  adjustStock: adminRoute({
    method: 'post',
    path: `${variantPath}/stock`,
    operationId: 'adjustStock',
    tag,
    summary: 'Adjust stock by a signed delta with a reason',
    access: CATALOG,
    params: pathParams('id', 'variantId'),
    body: stockAdjustmentSchema,
    ok: { status: 200, schema: z.object({ stockOnHand: z.number().int(), adjustmentId: z.string() }), description: 'The new stock.' },
    errors: [409],
  }),
};

/** Producers, products, variants and stock of one cooperative. */
export function registerCatalogRoutes(app: OpenAPIHono<AdminEnv>, ctx: AdminContext): void {
  const db = ctx.db;

  async function refuseTakenSlug(kind: 'producers' | 'products', coopId: string, slug: string, exceptId?: string) {
    if (await catalogSlugInUse(db, kind, coopId, slug, exceptId)) throw new ApiError(409, { code: 'slug_taken', field: 'slug' });
  }
  async function checkProducer(coopId: string, producerId: string | undefined) {
    if (producerId !== undefined && !(await loadProducer(db, coopId, producerId))) throw new ApiError(422, { code: 'unknown_producer', field: 'producerId' });
  }

  // Producers ----------------------------------------------------------------------------
  app.openapi(routes.listProducers, async (c) => c.json(await listProducersForEditing(db, c.get('coop').id, valid(c, 'query', listQuerySchema)), 200));

  app.openapi(routes.createProducer, async (c) => {
    const coop = c.get('coop');
    const input = valid(c, 'json', producerSchema);
    await refuseTakenSlug('producers', coop.id, input.slug);
    const producer = await db.transaction().execute(async (trx) => {
      const created = await createProducer(trx, { ...input, cooperativeId: coop.id });
      await recordAudit(trx, {
        cooperativeId: coop.id,
        actor: c.get('actor'),
        action: 'producer.create',
        entity: 'producer',
        entityId: created.id,
        after: input,
      });
      return created;
    });
    return c.json({ producer }, 201);
  });

  app.openapi(routes.getProducer, async (c) => {
    const producer = await loadProducer(db, c.get('coop').id, idParam(c.req.param('id')));
    if (!producer) throw notFound();
    return c.json({ producer }, 200);
  });

  app.openapi(routes.updateProducer, async (c) => {
    const coop = c.get('coop');
    const before = await loadProducer(db, coop.id, idParam(c.req.param('id')));
    if (!before) throw notFound();
    const { id, cooperativeId, ...fields } = before;
    const merged = { id, cooperativeId, ...parseWith(producerSchema, mergePatch(fields, valid(c, 'json', patchSchemaOf(producerSchema)))) };
    await refuseTakenSlug('producers', coop.id, merged.slug, id);
    await db.transaction().execute(async (trx) => {
      await updateProducer(trx, merged);
      await recordAudit(trx, {
        cooperativeId: coop.id,
        actor: c.get('actor'),
        action: 'producer.update',
        entity: 'producer',
        entityId: id,
        before,
        after: merged,
      });
    });
    return c.json({ producer: merged }, 200);
  });

  app.openapi(routes.deleteProducer, async (c) => {
    const coop = c.get('coop');
    const id = idParam(c.req.param('id'));
    await db.transaction().execute(async (trx) => {
      if (!(await deleteProducer(trx, coop.id, id))) throw notFound();
      await recordAudit(trx, { cooperativeId: coop.id, actor: c.get('actor'), action: 'producer.delete', entity: 'producer', entityId: id });
    });
    return c.body(null, 204);
  });

  // Products -----------------------------------------------------------------------------
  app.openapi(routes.listProducts, async (c) => c.json(await listProductsForEditing(db, c.get('coop').id, valid(c, 'query', listQuerySchema)), 200));

  app.openapi(routes.createProduct, async (c) => {
    const coop = c.get('coop');
    const input = valid(c, 'json', newProductSchema);
    await refuseTakenSlug('products', coop.id, input.slug);
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
    await recordAudit(db, {
      cooperativeId: coop.id,
      actor: c.get('actor'),
      action: 'product.create',
      entity: 'product',
      entityId: product.id,
      after: { slug: product.slug, title: product.title, variants: product.variants.length },
    });
    return c.json({ product }, 201);
  });

  app.openapi(routes.getProduct, async (c) => {
    const product = await loadProduct(db, c.get('coop').id, idParam(c.req.param('id')));
    if (!product) throw notFound();
    return c.json({ product }, 200);
  });

  app.openapi(routes.updateProduct, async (c) => {
    const coop = c.get('coop');
    const loaded = await loadProduct(db, coop.id, idParam(c.req.param('id')));
    if (!loaded) throw notFound();
    const { variants, id, cooperativeId, createdAt, updatedAt, ...fields } = loaded;
    const merged: Product = {
      id,
      cooperativeId,
      createdAt,
      updatedAt,
      ...parseWith(productSchema, mergePatch(fields, valid(c, 'json', patchSchemaOf(productSchema)))),
    };
    await refuseTakenSlug('products', coop.id, merged.slug, id);
    await checkProducer(coop.id, merged.producerId);
    await db.transaction().execute(async (trx) => {
      await updateProduct(trx, merged);
      await recordAudit(trx, {
        cooperativeId: coop.id,
        actor: c.get('actor'),
        action: 'product.update',
        entity: 'product',
        entityId: id,
        before: fields,
        after: merged,
      });
    });
    return c.json({ product: await loadProduct(db, coop.id, id) }, 200);
  });

  app.openapi(routes.deleteProduct, async (c) => {
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

  app.openapi(routes.createVariant, async (c) => {
    const coop = c.get('coop');
    const product = await loadProduct(db, coop.id, idParam(c.req.param('id')));
    if (!product) throw notFound();
    const input = valid(c, 'json', newVariantSchema);
    const variant: Variant = {
      status: 'active',
      position: product.variants.length,
      ...input,
      id: newId('var'),
      productId: product.id,
      currency: coop.currency,
    };
    await db.transaction().execute(async (trx) => {
      await addVariant(trx, variant);
      await recordAudit(trx, {
        cooperativeId: coop.id,
        actor: c.get('actor'),
        action: 'variant.create',
        entity: 'variant',
        entityId: variant.id,
        after: input,
      });
    });
    return c.json({ variant }, 201);
  });

  app.openapi(routes.updateVariant, async (c) => {
    const coop = c.get('coop');
    const before = await ownedVariant(coop.id, c.req.param('id'), c.req.param('variantId'));
    const { id, productId, currency, stockOnHand, ...fields } = before;
    const merged: Variant = {
      id,
      productId,
      currency,
      stockOnHand,
      ...parseWith(variantEditSchema, mergePatch(fields, valid(c, 'json', patchSchemaOf(variantEditSchema)))),
    };
    await db.transaction().execute(async (trx) => {
      await updateVariant(trx, merged);
      await recordAudit(trx, {
        cooperativeId: coop.id,
        actor: c.get('actor'),
        action: 'variant.update',
        entity: 'variant',
        entityId: id,
        before,
        after: merged,
      });
    });
    return c.json({ variant: merged }, 200);
  });

  app.openapi(routes.deleteVariant, async (c) => {
    const coop = c.get('coop');
    const variant = await ownedVariant(coop.id, c.req.param('id'), c.req.param('variantId'));
    await db.transaction().execute(async (trx) => {
      await deleteVariant(trx, variant.productId, variant.id);
      await recordAudit(trx, { cooperativeId: coop.id, actor: c.get('actor'), action: 'variant.delete', entity: 'variant', entityId: variant.id });
    });
    return c.body(null, 204);
  });

  app.openapi(routes.getStock, async (c) => {
    const coop = c.get('coop');
    const variant = await ownedVariant(coop.id, c.req.param('id'), c.req.param('variantId'));
    return c.json({ stockOnHand: variant.stockOnHand, adjustments: await listStockAdjustments(db, coop.id, variant.id) }, 200);
  });

  app.openapi(routes.adjustStock, async (c) => {
    const coop = c.get('coop');
    const variant = await ownedVariant(coop.id, c.req.param('id'), c.req.param('variantId'));
    const input = valid(c, 'json', stockAdjustmentSchema);
    const actor = c.get('actor');
    const result = await db.transaction().execute(async (trx) => {
      const outcome = await adjustStock(trx, {
        cooperativeId: coop.id,
        variantId: variant.id,
        delta: input.delta,
        reason: input.reason,
        note: input.note,
        userId: actor.kind === 'user' ? actor.userId : null,
      });
      if (outcome.ok) {
        await recordAudit(trx, {
          cooperativeId: coop.id,
          actor,
          action: 'stock.adjust',
          entity: 'variant',
          entityId: variant.id,
          before: { stockOnHand: outcome.stockOnHand - input.delta },
          after: { stockOnHand: outcome.stockOnHand, reason: input.reason },
        });
      }
      return outcome;
    });
    if (!result.ok)
      throw new ApiError(409, { code: 'insufficient_stock', message: `Only ${result.available} in stock; stock cannot go below zero.`, field: 'delta' });
    return c.json({ stockOnHand: result.stockOnHand, adjustmentId: result.adjustmentId }, 200);
  });
}
