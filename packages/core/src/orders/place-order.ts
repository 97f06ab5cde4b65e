import { createHash, randomBytes } from 'node:crypto';
import { newId } from '../catalog/ids';
import type { FulfilmentChoice } from '../cart/fulfilment';
import { priceCart, type CartIssue, type CartLineInput, type CartQuote } from '../cart/price-cart';
import type { Locale } from '../locale/locale';
import {
  checkoutLimitRefusal,
  lockCooperativeCheckouts,
  recordCheckoutClient,
  type CheckoutClient,
  type CheckoutLimitRefusal,
  type CheckoutLimits,
} from './checkout-limits';
import { recordOrderEvent } from './order-status';
import { extendHeldStock, holdStock, lockVariants, releaseHeldStock } from '../inventory/stock';
import { isUniqueViolation, writeTransaction, type OrderStore } from './write-transaction';
import type { OrdersTable } from '../db/schema';
import { newPickupCode } from './pickup-code';

/**
 * How long a reservation holds stock before the shopper has paid. Stripe refuses a Checkout
 * Session that expires less than 30 minutes after *its* clock reads the request, and the
 * expiry is fixed when the order is written (so a retried Stripe call sends identical
 * parameters under the same idempotency key): 30 minutes plus one of margin.
 */
export const DEFAULT_RESERVATION_MINUTES = 31;

export interface PlaceOrderInput {
  cooperativeId: string;
  lines: readonly CartLineInput[];
  fulfilment: FulfilmentChoice;
  locale: Locale;
  email?: string | null;
  /** The client's Idempotency-Key (scoped to the cooperative). */
  idempotencyKey: string;
  /** Hash of the canonical request (see {@link checkoutRequestHash}). */
  requestHash: string;
  paymentProvider: string;
  /** When the reservation lapses; the payment session gets the same expiry. */
  expiresAt: Date;
  now?: Date;
  /**
   * Abuse limits on held stock (see {@link CheckoutLimits}): who is asking and the limits.
   * Checked inside the order's transaction, so parallel requests cannot all slip under.
   */
  limits?: { client: CheckoutClient; policy: CheckoutLimits };
  /**
   * Give the order a pickup code (pay at pickup / on delivery): short, unambiguous, unique in
   * the cooperative among open orders (a partial unique index; a clash is retried).
   */
  pickupCode?: boolean;
}

/** A stored order row. */
export type OrderRecord = OrdersTable;

export type PlaceOrderResult =
  | { kind: 'placed'; order: OrderRecord; quote: CartQuote }
  /** The same Idempotency-Key and body were seen before: here is that order. */
  | { kind: 'replay'; order: OrderRecord }
  /** The Idempotency-Key was used for a different request. */
  | { kind: 'key_reused' }
  /** Not enough stock for at least one line (HTTP 409); `issues` carry what is available. */
  | { kind: 'sold_out'; issues: CartIssue[] }
  /** Anything else wrong with the cart or fulfilment (HTTP 422). */
  | { kind: 'invalid'; issues: CartIssue[] }
  /** The client or the cooperative holds as much as the limits allow (HTTP 429). */
  | ({ kind: 'limited' } & CheckoutLimitRefusal);

class SoldOut extends Error {}

/**
 * A stable hash of a checkout request, so a replayed Idempotency-Key can be told apart
 * from a reused one. Key order in objects does not matter.
 *
 * @example
 * checkoutRequestHash({ lines, fulfilment, locale }) // 'a3f1…'
 */
export function checkoutRequestHash(body: unknown): string {
  const canonical = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(canonical);
    if (value && typeof value === 'object') {
      return Object.fromEntries(
        Object.entries(value as Record<string, unknown>)
          .filter(([, v]) => v !== undefined)
          .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
          .map(([k, v]) => [k, canonical(v)]),
      );
    }
    return value;
  };
  return createHash('sha256')
    .update(JSON.stringify(canonical(body)))
    .digest('hex');
}

/**
 * A receipt token: 192 random bits, URL-safe.
 *
 * @example
 * newOrderToken() // 'q3X…' (32 characters)
 */
export function newOrderToken(): string {
  return randomBytes(24).toString('base64url');
}

async function findByKey(store: OrderStore, cooperativeId: string, key: string): Promise<OrderRecord | undefined> {
  return store.db.selectFrom('orders').selectAll().where('cooperative_id', '=', cooperativeId).where('idempotency_key', '=', key).executeTakeFirst();
}

/**
 * Prices the cart and, in one short transaction, creates the pending order, its lines and
 * its stock reservations, taking stock with one conditional statement per variant
 * (PostgreSQL: after locking the variant rows in sorted order; SQLite: under BEGIN
 * IMMEDIATE). All lines or none. No network call happens here: the payment session is
 * created afterwards and attached with {@link attachPaymentSession}.
 *
 * @example
 * const result = await placeOrder(store, { cooperativeId, lines, fulfilment: { type: 'pickup', pickupPointId }, locale: 'zh-CN',
 *   idempotencyKey, requestHash: checkoutRequestHash(body), paymentProvider: 'stripe', expiresAt: new Date(Date.now() + 30 * 60_000) });
 * if (result.kind === 'sold_out') … // 409
 */
export async function placeOrder(store: OrderStore, input: PlaceOrderInput): Promise<PlaceOrderResult> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await placeOrderOnce(store, input);
    } catch (error) {
      // Two open orders drew the same pickup code at once: draw again (rare: 85 million codes).
      if (input.pickupCode && attempt < 5 && error instanceof PickupCodeClash) continue;
      throw error;
    }
  }
}

class PickupCodeClash extends Error {}

async function placeOrderOnce(store: OrderStore, input: PlaceOrderInput): Promise<PlaceOrderResult> {
  const existing = await findByKey(store, input.cooperativeId, input.idempotencyKey);
  if (existing) return existing.request_hash === input.requestHash ? { kind: 'replay', order: existing } : { kind: 'key_reused' };

  const now = input.now ?? new Date();
  const at = now.toISOString();
  let outcome: PlaceOrderResult;
  try {
    outcome = await writeTransaction(store, async (trx): Promise<PlaceOrderResult> => {
      // The cooperative's checkout lock comes before the variant locks: one order for all.
      if (input.limits) await lockCooperativeCheckouts(trx, store, input.cooperativeId);
      const variantIds = [...new Set(input.lines.map((l) => l.variantId))].filter((id) => typeof id === 'string').sort();
      if (store.capabilities.rowLocks) await lockVariants(trx, variantIds);
      // Priced inside the transaction, after the locks: the prices and stock we charge for are the ones we reserve.
      const priced = await priceCart(trx, { cooperativeId: input.cooperativeId, lines: input.lines, fulfilment: input.fulfilment, locale: input.locale, now });
      if (!priced.ok) {
        const soldOut = priced.issues.every((i) => i.code === 'out_of_stock');
        return soldOut ? { kind: 'sold_out', issues: priced.issues } : { kind: 'invalid', issues: priced.issues };
      }
      const { quote } = priced;
      const heldUnits = quote.lines.reduce((sum, l) => sum + (l.preorder ? 0 : l.quantity), 0);
      if (input.limits) {
        const refusal = await checkoutLimitRefusal(trx, {
          cooperativeId: input.cooperativeId,
          client: input.limits.client,
          units: heldUnits,
          limits: input.limits.policy,
          now,
        });
        if (refusal) return { kind: 'limited', ...refusal };
      }
      const order: OrderRecord = {
        id: newId('ord'),
        token: newOrderToken(),
        cooperative_id: input.cooperativeId,
        status: 'pending_payment',
        currency: quote.currency,
        subtotal_minor: quote.subtotalMinor,
        fulfilment_fee_minor: quote.fulfilmentFeeMinor,
        total_minor: quote.totalMinor,
        refunded_minor: 0,
        fulfilment: JSON.stringify({ choice: input.fulfilment, option: quote.fulfilment?.option ?? null }),
        locale: input.locale,
        email: input.email ?? null,
        idempotency_key: input.idempotencyKey,
        request_hash: input.requestHash,
        payment_provider: input.paymentProvider,
        payment_session_ref: null,
        payment_ref: null,
        redirect_url: null,
        expires_at: input.expiresAt.toISOString(),
        paid_at: null,
        created_at: at,
        updated_at: at,
        ...(input.pickupCode ? { pickup_code: newPickupCode() } : {}),
      };
      await trx.insertInto('orders').values(order).execute();
      if (input.limits)
        await recordCheckoutClient(trx, {
          orderId: order.id,
          cooperativeId: input.cooperativeId,
          client: input.limits.client,
          units: heldUnits,
          expiresAt: order.expires_at,
        });

      const reserve = new Map<string, number>();
      for (const line of quote.lines) if (!line.preorder) reserve.set(line.variantId, (reserve.get(line.variantId) ?? 0) + line.quantity);
      for (const variantId of [...reserve.keys()].sort()) {
        const quantity = reserve.get(variantId)!;
        if (!(await holdStock(trx, { orderId: order.id, variantId, quantity, expiresAt: order.expires_at, at }))) throw new SoldOut();
      }
      await trx
        .insertInto('order_lines')
        .values(
          quote.lines.map((l) => ({
            order_id: order.id,
            line_no: l.lineNo,
            variant_id: l.variantId,
            product_id: l.productId,
            product_slug: l.productSlug,
            title: JSON.stringify(l.title),
            variant_label: JSON.stringify(l.variantLabel),
            unit_price_minor: l.unitPriceMinor,
            quantity: l.quantity,
            line_total_minor: l.lineTotalMinor,
            preorder: l.preorder ? 1 : 0,
          })),
        )
        .execute();
      await recordOrderEvent(trx, { orderId: order.id, from: null, to: 'pending_payment', actor: 'shopper', reason: 'checkout_started', at });
      return { kind: 'placed', order, quote };
    });
  } catch (error) {
    if (error instanceof SoldOut) {
      // Another checkout won the last units between pricing and the conditional update
      // (possible only across processes); price again to report what is left.
      const again = await priceCart(store.db, { cooperativeId: input.cooperativeId, lines: input.lines, locale: input.locale, now });
      const issues = again.ok ? [] : again.issues.filter((i) => i.code === 'out_of_stock');
      return { kind: 'sold_out', issues };
    }
    if (isUniqueViolation(error)) {
      // A concurrent request with the same Idempotency-Key committed first.
      const winner = await findByKey(store, input.cooperativeId, input.idempotencyKey);
      if (winner) return winner.request_hash === input.requestHash ? { kind: 'replay', order: winner } : { kind: 'key_reused' };
      if (input.pickupCode) throw new PickupCodeClash();
    }
    throw error;
  }
  return outcome;
}

/**
 * Stores the payment session created for a pending order (transaction 2 of checkout).
 * Conditional: an order already attached keeps its first session.
 *
 * @example
 * await attachPaymentSession(store, order.id, { sessionRef: created.providerRef, redirectUrl: created.redirectUrl, expiresAt: created.expiresAt });
 */
export async function attachPaymentSession(
  store: OrderStore,
  orderId: string,
  session: { sessionRef: string; redirectUrl: string; expiresAt: Date },
  now = new Date(),
): Promise<OrderRecord> {
  return writeTransaction(store, async (trx) => {
    await trx
      .updateTable('orders')
      .set({
        payment_session_ref: session.sessionRef,
        redirect_url: session.redirectUrl,
        expires_at: session.expiresAt.toISOString(),
        updated_at: now.toISOString(),
      })
      .where('id', '=', orderId)
      .where('payment_session_ref', 'is', null)
      .execute();
    await extendHeldStock(trx, orderId, session.expiresAt);
    return trx.selectFrom('orders').selectAll().where('id', '=', orderId).executeTakeFirstOrThrow();
  });
}

/**
 * Cancels a pending order whose payment could not be started (the provider failed) and
 * gives its stock back, exactly once.
 *
 * @example
 * await abandonOrder(store, order.id, 'payment_provider_error', { message });
 */
export async function abandonOrder(store: OrderStore, orderId: string, reason: string, detail?: unknown, now = new Date()): Promise<void> {
  await writeTransaction(store, async (trx) => {
    const at = now.toISOString();
    const updated = await trx
      .updateTable('orders')
      .set({ status: 'cancelled', updated_at: at })
      .where('id', '=', orderId)
      .where('status', '=', 'pending_payment')
      .executeTakeFirst();
    if (updated.numUpdatedRows !== 1n) return;
    await releaseHeldStock(trx, orderId, at);
    await recordOrderEvent(trx, { orderId, from: 'pending_payment', to: 'cancelled', actor: 'system', reason, detail, at });
  });
}

/** What a replayed checkout request (same Idempotency-Key, same body) should answer. */
export type CheckoutReplayOutcome =
  /** The payment session exists and can still be paid: answer it again. */
  | 'session'
  /** The first request is still talking to the provider: ask the client to retry. */
  | 'in_progress'
  /** The first request died before storing a session: start the payment again. */
  | 'resume'
  /** The checkout was cancelled or has expired: its session is dead; start again with a new key. */
  | 'cancelled';

/**
 * Decides how to answer a replayed checkout. An order that was cancelled, or whose hold
 * has expired (even before the sweep has run), never hands out its dead session URL again.
 *
 * @example
 * checkoutReplayOutcome(order, new Date(), 60_000) // 'cancelled' once order.expires_at has passed
 */
export function checkoutReplayOutcome(
  order: Pick<OrderRecord, 'status' | 'redirect_url' | 'expires_at' | 'created_at'>,
  now: Date,
  inFlightMs: number,
): CheckoutReplayOutcome {
  if (order.status === 'cancelled') return 'cancelled';
  if (order.status === 'pending_payment') {
    if (Date.parse(order.expires_at) <= now.getTime()) return 'cancelled';
    if (order.redirect_url) return 'session';
    return now.getTime() - Date.parse(order.created_at) < inFlightMs ? 'in_progress' : 'resume';
  }
  return order.redirect_url ? 'session' : 'cancelled';
}
