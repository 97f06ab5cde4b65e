import type { Hono } from 'hono';
import {
  archiveFulfilmentOption,
  createFulfilmentOption,
  getCheckoutSettings,
  listFulfilmentOptions,
  loadFulfilmentOption,
  PAYMENT_METHODS,
  recordAudit,
  setCheckoutSettings,
  updateFulfilmentOption,
} from '@terroir/core';
import { z } from 'zod';
import { requireRole, type AdminEnv } from './admin-auth';
import { parseWith, readJson, readPatch } from './admin-body';
import type { AdminContext } from './admin-context';
import { AdminError, notFound } from './admin-errors';
import { localized } from './admin-schemas';
import { COOP, idParam } from './workspace-routes';

const named = (max: number) => localized(max).refine((text) => Boolean(text['zh-CN']?.trim() || text.en?.trim()), 'Give a name in Chinese or English.');
const feeMinor = z.number().int().min(0).max(10_000_000);
const position = z.number().int().min(0).max(10_000).optional();

export const pickupPointSchema = z.strictObject({ kind: z.literal('pickup'), name: named(200), address: localized(300), hours: localized(200), position });
export const deliveryOptionSchema = z.strictObject({
  kind: z.literal('delivery'),
  name: named(200),
  flatFeeMinor: feeMinor.nullable(),
  regionFees: z
    .record(z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, 'Region codes are lower-case letters, digits and hyphens (shandong, beijing).'), feeMinor)
    .refine((fees) => Object.keys(fees).length <= 60, 'At most 60 regions.')
    .default({}),
  position,
});
export const fulfilmentOptionSchema = z.discriminatedUnion('kind', [pickupPointSchema, deliveryOptionSchema]);
export const checkoutSettingsSchema = z.strictObject({
  paymentMethods: z.array(z.enum(PAYMENT_METHODS)).min(1).max(PAYMENT_METHODS.length).refine((m) => new Set(m).size === m.length, 'List each method once.'),
  maxLineQuantity: z.number().int().min(1).max(1000),
});

/** Pickup points, delivery fees per region and enabled payment methods of one cooperative. */
export function registerFulfilmentRoutes(app: Hono<AdminEnv>, ctx: AdminContext): void {
  const db = ctx.db;
  const owner = requireRole('owner');

  async function ownedOption(coopId: string, id: string | undefined) {
    const option = await loadFulfilmentOption(db, coopId, idParam(id));
    if (!option) throw notFound();
    return option;
  }

  app.get(`${COOP}/fulfilment`, requireRole('owner', 'editor', 'fulfilment'), async (c) => {
    const coopId = c.get('coop').id;
    return c.json({ options: await listFulfilmentOptions(db, coopId), checkout: await getCheckoutSettings(db, coopId) });
  });

  app.post(`${COOP}/fulfilment/options`, owner, async (c) => {
    const coop = c.get('coop');
    const input = await readJson(c, fulfilmentOptionSchema);
    const option = await db.transaction().execute(async (trx) => {
      const created = await createFulfilmentOption(trx, coop.id, input);
      await recordAudit(trx, { cooperativeId: coop.id, actor: c.get('actor'), action: 'fulfilment.create', entity: 'fulfilment_option', entityId: created.id, after: input });
      return created;
    });
    return c.json({ option }, 201);
  });

  app.patch(`${COOP}/fulfilment/options/:id`, owner, async (c) => {
    const coop = c.get('coop');
    const before = await ownedOption(coop.id, c.req.param('id'));
    const { id, currency: _currency, ...fields } = before;
    const merged = parseWith(fulfilmentOptionSchema, await readPatch(c, fields));
    if (merged.kind !== before.kind) throw new AdminError(422, 'invalid_input', 'kind: a pickup point cannot become a delivery option; add a new one.', 'kind');
    await db.transaction().execute(async (trx) => {
      if (!(await updateFulfilmentOption(trx, coop.id, id, merged))) throw notFound();
      await recordAudit(trx, { cooperativeId: coop.id, actor: c.get('actor'), action: 'fulfilment.update', entity: 'fulfilment_option', entityId: id, before: fields, after: merged });
    });
    return c.json({ option: await ownedOption(coop.id, id) });
  });

  app.delete(`${COOP}/fulfilment/options/:id`, owner, async (c) => {
    const coop = c.get('coop');
    const id = idParam(c.req.param('id'));
    await db.transaction().execute(async (trx) => {
      if (!(await archiveFulfilmentOption(trx, coop.id, id))) throw notFound();
      await recordAudit(trx, { cooperativeId: coop.id, actor: c.get('actor'), action: 'fulfilment.archive', entity: 'fulfilment_option', entityId: id });
    });
    return c.body(null, 204);
  });

  app.put(`${COOP}/checkout-settings`, owner, async (c) => {
    const coop = c.get('coop');
    const input = await readJson(c, checkoutSettingsSchema);
    const before = await getCheckoutSettings(db, coop.id);
    await db.transaction().execute(async (trx) => {
      await setCheckoutSettings(trx, coop.id, input);
      await recordAudit(trx, { cooperativeId: coop.id, actor: c.get('actor'), action: 'checkout.update', entity: 'cooperative', entityId: coop.id, before, after: input });
    });
    return c.json({ checkout: input });
  });
}
