import type { Hono } from 'hono';
import { abandonOrder, advanceOrder, ORDER_STATUSES, PaymentProviderError, recordAudit, type OrderActor, type OrderStatus } from '@terroir/core';
import { z } from 'zod';
import { refundOrder } from '../checkout/refund-order';
import { requireRole, type AdminEnv } from './admin-auth';
import { readJson, readQuery } from './admin-body';
import type { AdminContext } from './admin-context';
import { AdminError, notFound } from './admin-errors';
import { listOrdersForStaff, loadOrderForStaff } from './order-queries';
import { COOP, idParam } from './workspace-routes';

const orderRoles = requireRole('owner', 'fulfilment');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use YYYY-MM-DD.');

const listOrdersQuery = z.strictObject({
  status: z
    .string()
    .max(200)
    .transform((value, zc) => {
      const list = value.split(',').filter(Boolean);
      for (const s of list) if (!(ORDER_STATUSES as readonly string[]).includes(s)) zc.addIssue({ code: 'custom', message: `Unknown status ${s.slice(0, 40)}.` });
      return list as OrderStatus[];
    })
    .optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  q: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
  cursor: z.string().max(300).optional(),
});

const transitionSchema = z.strictObject({ to: z.enum(['packed', 'shipped', 'ready_for_pickup', 'completed']), note: z.string().max(500).optional() });
const refundSchema = z.strictObject({ amountMinor: z.number().int().min(1).max(100_000_000), reason: z.string().max(500).optional() });
const cancelSchema = z.strictObject({ reason: z.string().max(500).optional() });

/** `staff:<user id>` or `staff:<token id>`: the order history names who acted. */
function staffActor(actor: AdminEnv['Variables']['actor']): OrderActor {
  return `staff:${actor.kind === 'user' ? actor.userId : actor.kind === 'token' ? actor.tokenId : actor.name}`;
}

/**
 * Orders for fulfilment staff and owners: the list with filters, the detail with lines and
 * history, and the moves along the lifecycle (paid → packed → shipped | ready_for_pickup →
 * completed), cancelling an unpaid order, and refunds through the payment provider.
 */
export function registerOrderRoutes(app: Hono<AdminEnv>, ctx: AdminContext): void {
  const db = ctx.db;
  const store = { db, capabilities: ctx.capabilities };

  async function ownedOrder(coopId: string, id: string | undefined) {
    const order = await loadOrderForStaff(db, coopId, idParam(id));
    if (!order) throw notFound();
    return order;
  }

  app.get(`${COOP}/orders`, orderRoles, async (c) => {
    const page = await listOrdersForStaff(db, c.get('coop').id, readQuery(c, listOrdersQuery));
    if (!page) throw new AdminError(422, 'invalid_input', 'cursor: not a cursor from this list.', 'cursor');
    return c.json(page);
  });

  app.get(`${COOP}/orders/:id`, orderRoles, async (c) => c.json({ order: await ownedOrder(c.get('coop').id, c.req.param('id')) }));

  app.post(`${COOP}/orders/:id/status`, orderRoles, async (c) => {
    const coop = c.get('coop');
    const order = await ownedOrder(coop.id, c.req.param('id'));
    const { to, note } = await readJson(c, transitionSchema);
    if (!order.nextStatuses.includes(to)) {
      throw new AdminError(409, 'invalid_transition', `An order that is ${order.status} (${order.fulfilment.type}) cannot become ${to}.`, 'to');
    }
    const result = await advanceOrder(store, order.id, to, staffActor(c.get('actor')));
    // Someone else moved it between our read and the conditional update.
    if (!result.ok) throw new AdminError(409, 'invalid_transition', `The order is now ${result.status ?? 'gone'}; reload it.`, 'to');
    await recordAudit(db, { cooperativeId: coop.id, actor: c.get('actor'), action: 'order.status', entity: 'order', entityId: order.id, before: { status: result.from }, after: { status: result.to, ...(note ? { note } : {}) } });
    return c.json({ order: await ownedOrder(coop.id, order.id) });
  });

  app.post(`${COOP}/orders/:id/cancel`, orderRoles, async (c) => {
    const coop = c.get('coop');
    const order = await ownedOrder(coop.id, c.req.param('id'));
    const { reason } = await readJson(c, cancelSchema);
    // Paid orders are undone by a refund, which the payment provider confirms.
    if (order.status !== 'pending_payment') throw new AdminError(409, 'not_cancellable', 'Only orders waiting for payment can be cancelled; refund a paid order instead.');
    await abandonOrder(store, order.id, 'staff_cancelled', { by: staffActor(c.get('actor')), ...(reason ? { reason } : {}) });
    const after = await ownedOrder(coop.id, order.id);
    if (after.status !== 'cancelled') throw new AdminError(409, 'not_cancellable', `The order is now ${after.status}; reload it.`);
    await recordAudit(db, { cooperativeId: coop.id, actor: c.get('actor'), action: 'order.cancel', entity: 'order', entityId: order.id, before: { status: order.status }, after: { status: 'cancelled' } });
    return c.json({ order: after });
  });

  app.post(`${COOP}/orders/:id/refund`, requireRole('owner'), async (c) => {
    const coop = c.get('coop');
    const order = await ownedOrder(coop.id, c.req.param('id'));
    const { amountMinor, reason } = await readJson(c, refundSchema);
    if (!ctx.payments) throw new AdminError(409, 'payments_not_configured', 'This server has no payment provider configured; refund in the provider dashboard.');
    let result;
    try {
      result = await refundOrder({ database: store, payments: ctx.payments }, order.id, amountMinor, staffActor(c.get('actor')));
    } catch (error) {
      if (error instanceof PaymentProviderError) throw new AdminError(409, 'provider_refused', 'The payment provider refused the refund; try again later.');
      throw error;
    }
    if (!result.ok) {
      if (result.code === 'invalid_amount') throw new AdminError(422, 'invalid_amount', `Refund at most ${result.maxMinor ?? 0} (minor units).`, 'amountMinor');
      throw new AdminError(409, result.code, 'This order cannot be refunded in its current state.');
    }
    await recordAudit(db, { cooperativeId: coop.id, actor: c.get('actor'), action: 'order.refund', entity: 'order', entityId: order.id, after: { amountMinor, refundRef: result.refundRef, ...(reason ? { reason } : {}) } });
    return c.json({ refund: result, order: await ownedOrder(coop.id, order.id) }, 202);
  });
}
