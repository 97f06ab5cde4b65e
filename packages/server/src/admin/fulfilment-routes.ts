import { z, type OpenAPIHono } from '@hono/zod-openapi';
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
import { ApiError, notFound } from '../http/api-error';
import type { AdminEnv } from './admin-auth';
import { mergePatch, parseWith } from './admin-body';
import type { AdminContext } from './admin-context';
import { adminRoute, COOP_PATH, pathParams, valid } from './admin-openapi';
import { CheckoutSettingsRecord, FulfilmentOptionRecord } from './admin-records';
import { localized } from './admin-schemas';
import { idParam } from './workspace-routes';

const named = (max: number) => localized(max).refine((text) => Boolean(text['zh-CN']?.trim() || text.en?.trim()), 'Give a name in Chinese or English.');
const feeMinor = z.number().int().min(0).max(10_000_000);
const position = z.number().int().min(0).max(10_000).optional();
// Pay at pickup / on delivery per option (when the cooperative has it on) and its pickup window.
const offline = {
  offlinePayment: z.boolean().optional(),
  offlineHoldMinutes: z
    .number()
    .int()
    .min(1)
    .max(86_400)
    .optional()
    .openapi({ description: 'How long stock is held for a pay-at-pickup order, in minutes (default 2880, two days).' }),
};

export const pickupPointSchema = z.strictObject({
  kind: z.literal('pickup'),
  name: named(200),
  address: localized(300, { multiline: true }),
  hours: localized(200, { multiline: true }),
  position,
  ...offline,
});
export const deliveryOptionSchema = z.strictObject({
  kind: z.literal('delivery'),
  name: named(200),
  flatFeeMinor: feeMinor.nullable(),
  regionFees: z
    .record(z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, 'Region codes are lower-case letters, digits and hyphens (shandong, beijing).'), feeMinor)
    .refine((fees) => Object.keys(fees).length <= 60, 'At most 60 regions.')
    .default({}),
  position,
  ...offline,
});
export const fulfilmentOptionSchema = z.discriminatedUnion('kind', [pickupPointSchema, deliveryOptionSchema]);
/** A merge patch of either kind: any field of a pickup point or a delivery option, `null` to remove. */
const fulfilmentOptionPatch = z.strictObject({
  kind: z.enum(['pickup', 'delivery']).optional(),
  name: named(200).optional(),
  address: localized(300, { multiline: true }).nullable().optional(),
  hours: localized(200, { multiline: true }).nullable().optional(),
  flatFeeMinor: feeMinor.nullable().optional(),
  regionFees: z.record(z.string().max(40), feeMinor).nullable().optional(),
  position: z.number().int().min(0).max(10_000).nullable().optional(),
  offlinePayment: z.boolean().nullable().optional(),
  offlineHoldMinutes: z.number().int().min(1).max(86_400).nullable().optional(),
});
export const checkoutSettingsSchema = z.strictObject({
  paymentMethods: z
    .array(z.enum(PAYMENT_METHODS))
    .min(1)
    .max(PAYMENT_METHODS.length)
    .refine((m) => new Set(m).size === m.length, 'List each method once.'),
  maxLineQuantity: z.number().int().min(1).max(1000),
  offlinePayment: z.boolean().optional().openapi({ description: 'Pay at pickup / on delivery (cash or a transfer at the stall). Left as it is when omitted.' }),
});

const OWNER = { roles: ['owner' as const] };
const tag = 'Fulfilment';
const optionPath = `${COOP_PATH}/fulfilment/options/{id}`;
const CheckoutSettingsBody = z.object({ checkout: CheckoutSettingsRecord });
const routes = {
  get: adminRoute({
    method: 'get',
    path: `${COOP_PATH}/fulfilment`,
    operationId: 'getFulfilment',
    tag,
    summary: 'Pickup points, delivery options and checkout settings',
    access: { roles: ['owner', 'editor', 'fulfilment'] },
    params: pathParams(),
    ok: { status: 200, schema: z.object({ options: z.array(FulfilmentOptionRecord), checkout: CheckoutSettingsRecord }), description: 'Fulfilment.' },
  }),
  create: adminRoute({
    method: 'post',
    path: `${COOP_PATH}/fulfilment/options`,
    operationId: 'createFulfilmentOption',
    tag,
    summary: 'Add a pickup point or delivery option',
    access: OWNER,
    params: pathParams(),
    body: fulfilmentOptionSchema,
    ok: { status: 201, schema: z.object({ option: FulfilmentOptionRecord }), description: 'Created.' },
  }),
  update: adminRoute({
    method: 'patch',
    path: optionPath,
    operationId: 'updateFulfilmentOption',
    tag,
    summary: 'Edit a pickup point or delivery option (JSON merge patch; the kind cannot change)',
    access: OWNER,
    params: pathParams('id'),
    body: fulfilmentOptionPatch,
    ok: { status: 200, schema: z.object({ option: FulfilmentOptionRecord }), description: 'The option as saved.' },
    errors: [422],
  }),
  archive: adminRoute({
    method: 'delete',
    path: optionPath,
    operationId: 'archiveFulfilmentOption',
    tag,
    summary: 'Archive an option (orders keep their copy)',
    access: OWNER,
    params: pathParams('id'),
    ok: { status: 204, description: 'Archived.' },
  }),
  checkout: adminRoute({
    method: 'put',
    path: `${COOP_PATH}/checkout-settings`,
    operationId: 'setCheckoutSettings',
    tag,
    summary: 'Payment methods and line limits',
    access: OWNER,
    params: pathParams(),
    body: checkoutSettingsSchema,
    ok: { status: 200, schema: CheckoutSettingsBody, description: 'The settings as saved.' },
  }),
};

/** Pickup points, delivery fees per region and enabled payment methods of one cooperative. */
export function registerFulfilmentRoutes(app: OpenAPIHono<AdminEnv>, ctx: AdminContext): void {
  const db = ctx.db;

  async function ownedOption(coopId: string, id: string | undefined) {
    const option = await loadFulfilmentOption(db, coopId, idParam(id));
    if (!option) throw notFound();
    return option;
  }

  app.openapi(routes.get, async (c) => {
    const coopId = c.get('coop').id;
    return c.json({ options: await listFulfilmentOptions(db, coopId), checkout: await getCheckoutSettings(db, coopId) }, 200);
  });

  app.openapi(routes.create, async (c) => {
    const coop = c.get('coop');
    const input = valid(c, 'json', fulfilmentOptionSchema);
    const option = await db.transaction().execute(async (trx) => {
      const created = await createFulfilmentOption(trx, coop.id, input);
      await recordAudit(trx, {
        cooperativeId: coop.id,
        actor: c.get('actor'),
        action: 'fulfilment.create',
        entity: 'fulfilment_option',
        entityId: created.id,
        after: input,
      });
      return created;
    });
    return c.json({ option }, 201);
  });

  app.openapi(routes.update, async (c) => {
    const coop = c.get('coop');
    const before = await ownedOption(coop.id, c.req.param('id'));
    const { id, currency: _currency, ...fields } = before;
    const patch = valid(c, 'json', fulfilmentOptionPatch);
    if (patch.kind !== undefined && patch.kind !== before.kind) throw new ApiError(422, { code: 'kind_fixed', field: 'kind' });
    const merged = parseWith(fulfilmentOptionSchema, mergePatch(fields, patch));
    await db.transaction().execute(async (trx) => {
      if (!(await updateFulfilmentOption(trx, coop.id, id, merged))) throw notFound();
      await recordAudit(trx, {
        cooperativeId: coop.id,
        actor: c.get('actor'),
        action: 'fulfilment.update',
        entity: 'fulfilment_option',
        entityId: id,
        before: fields,
        after: merged,
      });
    });
    return c.json({ option: await ownedOption(coop.id, id) }, 200);
  });

  app.openapi(routes.archive, async (c) => {
    const coop = c.get('coop');
    const id = idParam(c.req.param('id'));
    await db.transaction().execute(async (trx) => {
      if (!(await archiveFulfilmentOption(trx, coop.id, id))) throw notFound();
      await recordAudit(trx, { cooperativeId: coop.id, actor: c.get('actor'), action: 'fulfilment.archive', entity: 'fulfilment_option', entityId: id });
    });
    return c.body(null, 204);
  });

  app.openapi(routes.checkout, async (c) => {
    const coop = c.get('coop');
    const input = valid(c, 'json', checkoutSettingsSchema);
    const before = await getCheckoutSettings(db, coop.id);
    await db.transaction().execute(async (trx) => {
      await setCheckoutSettings(trx, coop.id, input);
      await recordAudit(trx, {
        cooperativeId: coop.id,
        actor: c.get('actor'),
        action: 'checkout.update',
        entity: 'cooperative',
        entityId: coop.id,
        before,
        after: input,
      });
    });
    return c.json({ checkout: await getCheckoutSettings(db, coop.id) }, 200);
  });
}
