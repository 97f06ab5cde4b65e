import { z, type OpenAPIHono } from '@hono/zod-openapi';
import {
  abandonOrder,
  advanceOrder,
  collectPickupOrder,
  OfflinePaymentProvider,
  OFFLINE_PROVIDER,
  listOrdersForStaff,
  loadOrderForStaff,
  ORDER_STATUSES,
  PaymentProviderError,
  recordAudit,
  type OrderActor,
  type OrderStatus,
} from '@terroir/core';
import { refundOrder } from '../checkout/refund-order';
import { ApiError, notFound } from '../http/api-error';
import { errorMessage } from '../http/error-messages';
import { text } from '../http/text-schemas';
import type { AdminEnv } from './admin-auth';
import type { AdminContext } from './admin-context';
import { adminRoute, COOP_PATH, pathParams, valid } from './admin-openapi';
import { OrderPage, OrderRecord } from './admin-records';
import { idParam } from './workspace-routes';

const ORDERS = { roles: ['owner' as const, 'fulfilment' as const] };
const tag = 'Orders';
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use YYYY-MM-DD.');

const listOrdersQuery = z.strictObject({
  status: z
    .string()
    .max(200)
    .transform((value, zc) => {
      const list = value.split(',').filter(Boolean);
      for (const s of list)
        if (!(ORDER_STATUSES as readonly string[]).includes(s)) zc.addIssue({ code: 'custom', message: `Unknown status ${s.slice(0, 40)}.` });
      return list as OrderStatus[];
    })
    .optional()
    .openapi({ type: 'string', description: `Comma-separated statuses: ${ORDER_STATUSES.join(', ')}.` }),
  from: isoDate.optional(),
  to: isoDate.optional(),
  q: text(100).optional().openapi({ description: 'Part of an order number, an email or a phone number.' }),
  limit: z.coerce.number().int().min(1).max(200).optional().openapi({ type: 'integer', minimum: 1, maximum: 200 }),
  cursor: text(300).optional().openapi({ description: '`nextCursor` of the previous page.' }),
});

const transitionSchema = z.strictObject({
  to: z.enum(['packed', 'shipped', 'ready_for_pickup', 'completed']),
  note: text(500, { multiline: true }).optional(),
});
const refundSchema = z.strictObject({ amountMinor: z.number().int().min(1).max(100_000_000), reason: text(500, { multiline: true }).optional() });
const cancelSchema = z.strictObject({ reason: text(500, { multiline: true }).optional() });
// Loose on purpose: case, spaces and dashes are normalized in core; anything else is a 422 naming `code`.
const collectSchema = z.strictObject({ code: z.string().min(1).max(40).openapi({ example: 'K7M-4PX', description: 'The pickup code as typed or scanned.' }) });

const orderPath = `${COOP_PATH}/orders/{id}`;
const OrderBody = z.object({ order: OrderRecord });
const routes = {
  list: adminRoute({
    method: 'get',
    path: `${COOP_PATH}/orders`,
    operationId: 'listOrders',
    tag,
    summary: 'List orders, newest first, with filters',
    access: ORDERS,
    params: pathParams(),
    query: listOrdersQuery,
    ok: { status: 200, schema: OrderPage, description: 'A page of orders; `nextCursor` for the next.' },
  }),
  get: adminRoute({
    method: 'get',
    path: orderPath,
    operationId: 'getOrder',
    tag,
    summary: 'One order with lines and history',
    access: ORDERS,
    params: pathParams('id'),
    ok: { status: 200, schema: OrderBody, description: 'The order.' },
  }),
  status: adminRoute({
    method: 'post',
    path: `${orderPath}/status`,
    operationId: 'advanceOrder',
    tag,
    summary: 'Move an order along its lifecycle',
    access: ORDERS,
    params: pathParams('id'),
    body: transitionSchema,
    ok: { status: 200, schema: OrderBody, description: 'The order after the move.' },
    errors: [409],
  }),
  cancel: adminRoute({
    method: 'post',
    path: `${orderPath}/cancel`,
    operationId: 'cancelOrder',
    tag,
    summary: 'Cancel an order waiting for payment',
    access: ORDERS,
    params: pathParams('id'),
    body: cancelSchema,
    ok: { status: 200, schema: OrderBody, description: 'The cancelled order.' },
    errors: [409],
  }),
  collect: adminRoute({
    method: 'post',
    path: `${COOP_PATH}/orders/collect`,
    operationId: 'collectPickupOrder',
    tag,
    summary: 'Pay at pickup: mark the order with this pickup code "paid and collected"',
    access: ORDERS,
    params: pathParams(),
    body: collectSchema,
    ok: { status: 200, schema: OrderBody, description: 'The completed order.' },
    errors: [404, 409, 422],
  }),
  refund: adminRoute({
    method: 'post',
    path: `${orderPath}/refund`,
    operationId: 'refundOrder',
    tag,
    summary: 'Refund part or all of a paid order',
    access: { roles: ['owner'] },
    params: pathParams('id'),
    body: refundSchema,
    ok: { status: 202, schema: z.object({ refund: z.looseObject({}), order: OrderRecord }), description: 'Refund requested; the provider confirms it.' },
    errors: [409, 422],
  }),
};

/** `staff:<user id>` or `staff:<token id>`: the order history names who acted. */
function staffActor(actor: AdminEnv['Variables']['actor']): OrderActor {
  return `staff:${actor.kind === 'user' ? actor.userId : actor.kind === 'token' ? actor.tokenId : actor.name}`;
}

/**
 * Orders for fulfilment staff and owners: the list with filters, the detail with lines and
 * history, and the moves along the lifecycle (paid → packed → shipped | ready_for_pickup →
 * completed), cancelling an unpaid order, and refunds through the payment provider.
 */
export function registerOrderRoutes(app: OpenAPIHono<AdminEnv>, ctx: AdminContext): void {
  const db = ctx.db;
  const store = { db, capabilities: ctx.capabilities };

  async function ownedOrder(coopId: string, id: string | undefined) {
    const order = await loadOrderForStaff(db, coopId, idParam(id));
    if (!order) throw notFound();
    return order;
  }

  app.openapi(routes.list, async (c) => {
    const page = await listOrdersForStaff(db, c.get('coop').id, valid(c, 'query', listOrdersQuery));
    if (!page) throw new ApiError(400, { code: 'invalid_parameter', message: `cursor: ${errorMessage('invalid_cursor')}`, field: 'cursor' });
    return c.json(page, 200);
  });

  app.openapi(routes.get, async (c) => c.json({ order: await ownedOrder(c.get('coop').id, c.req.param('id')) }, 200));

  app.openapi(routes.status, async (c) => {
    const coop = c.get('coop');
    const order = await ownedOrder(coop.id, c.req.param('id'));
    const { to, note } = valid(c, 'json', transitionSchema);
    if (!order.nextStatuses.includes(to)) {
      throw new ApiError(409, {
        code: 'invalid_transition',
        message: `An order that is ${order.status} (${order.fulfilment.type}) cannot become ${to}.`,
        field: 'to',
      });
    }
    const result = await advanceOrder(store, order.id, to, staffActor(c.get('actor')));
    // Someone else moved it between our read and the conditional update.
    if (!result.ok) throw new ApiError(409, { code: 'invalid_transition', message: `The order is now ${result.status ?? 'gone'}; reload it.`, field: 'to' });
    await recordAudit(db, {
      cooperativeId: coop.id,
      actor: c.get('actor'),
      action: 'order.status',
      entity: 'order',
      entityId: order.id,
      before: { status: result.from },
      after: { status: result.to, ...(note ? { note } : {}) },
    });
    return c.json({ order: await ownedOrder(coop.id, order.id) }, 200);
  });

  app.openapi(routes.cancel, async (c) => {
    const coop = c.get('coop');
    const order = await ownedOrder(coop.id, c.req.param('id'));
    const { reason } = valid(c, 'json', cancelSchema);
    // Paid orders are undone by a refund, which the payment provider confirms.
    if (order.status !== 'pending_payment') throw new ApiError(409, { code: 'not_cancellable' });
    await abandonOrder(store, order.id, 'staff_cancelled', { by: staffActor(c.get('actor')), ...(reason ? { reason } : {}) });
    const after = await ownedOrder(coop.id, order.id);
    if (after.status !== 'cancelled') throw new ApiError(409, { code: 'not_cancellable', message: `The order is now ${after.status}; reload it.` });
    await recordAudit(db, {
      cooperativeId: coop.id,
      actor: c.get('actor'),
      action: 'order.cancel',
      entity: 'order',
      entityId: order.id,
      before: { status: order.status },
      after: { status: 'cancelled' },
    });
    return c.json({ order: after }, 200);
  });

  app.openapi(routes.collect, async (c) => {
    const coop = c.get('coop');
    const { code } = valid(c, 'json', collectSchema);
    const result = await collectPickupOrder(store, { cooperativeId: coop.id, code, actor: staffActor(c.get('actor')) });
    if (!result.ok) {
      switch (result.code) {
        case 'invalid_code':
          throw new ApiError(422, { code: 'pickup_code_invalid', message: errorMessage('pickup_code_invalid'), field: 'code' });
        case 'not_found':
          // `not_found`, like every other miss in the admin API: another cooperative's code looks like nothing.
          throw new ApiError(404, { code: 'not_found', message: errorMessage('pickup_code_not_found'), field: 'code' });
        case 'expired':
          throw new ApiError(409, { code: 'pickup_expired', message: errorMessage('pickup_expired'), field: 'code' });
        case 'already_collected':
          throw new ApiError(409, { code: 'already_collected', message: errorMessage('already_collected'), field: 'code' });
        case 'not_collectable':
          throw new ApiError(409, { code: 'not_collectable', message: errorMessage('not_collectable'), field: 'code' });
      }
    }
    await recordAudit(db, {
      cooperativeId: coop.id,
      actor: c.get('actor'),
      action: 'order.collect',
      entity: 'order',
      entityId: result.orderId,
      before: { status: 'pending_payment' },
      after: { status: 'completed' },
    });
    return c.json({ order: await ownedOrder(coop.id, result.orderId) }, 200);
  });

  app.openapi(routes.refund, async (c) => {
    const coop = c.get('coop');
    const order = await ownedOrder(coop.id, c.req.param('id'));
    const { amountMinor, reason } = valid(c, 'json', refundSchema);
    // A pay-at-pickup order is refunded in cash, with no payment account needed.
    const payments = order.paymentProvider === OFFLINE_PROVIDER ? new OfflinePaymentProvider() : ctx.payments;
    if (!payments) throw new ApiError(409, { code: 'payments_not_configured' });
    let result: Awaited<ReturnType<typeof refundOrder>>;
    try {
      result = await refundOrder({ database: store, payments }, order.id, amountMinor, staffActor(c.get('actor')));
    } catch (error) {
      if (error instanceof PaymentProviderError) throw new ApiError(409, { code: 'provider_refused' });
      throw error;
    }
    if (!result.ok) {
      if (result.code === 'invalid_amount')
        throw new ApiError(422, { code: 'invalid_amount', message: `Refund at most ${result.maxMinor ?? 0} (minor units).`, field: 'amountMinor' });
      throw new ApiError(409, { code: result.code, message: errorMessage('not_refundable') });
    }
    await recordAudit(db, {
      cooperativeId: coop.id,
      actor: c.get('actor'),
      action: 'order.refund',
      entity: 'order',
      entityId: order.id,
      after: { amountMinor, refundRef: result.refundRef, ...(reason ? { reason } : {}) },
    });
    return c.json({ refund: result, order: await ownedOrder(coop.id, order.id) }, 202);
  });
}
