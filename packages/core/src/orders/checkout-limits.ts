import { sql, type Kysely } from 'kysely';
import type { TerroirTables } from '../db/schema';
import type { OrderStore } from './write-transaction';

/** Most open checkouts and held units one holder may have at a time. */
export interface HoldLimit {
  openCheckouts: number;
  heldUnits: number;
}

/**
 * How much stock unpaid checkouts may hold (issue 14 #8): per client — its IP address, and
 * its cart token where the client sends one, each counted on its own — and per cooperative
 * in total. Counts cover checkouts still awaiting payment and not yet expired.
 */
export interface CheckoutLimits {
  /** Per IP address and per cart token, at one cooperative. */
  client: HoldLimit;
  /** Everyone at one cooperative together: the ceiling a distributed abuser meets. */
  cooperative: HoldLimit;
}

/**
 * The defaults: a shopper (or a household behind one address) may have 5 checkouts open
 * holding 60 units; a cooperative has at most 300 open checkouts holding 3,000 units.
 */
export const DEFAULT_CHECKOUT_LIMITS: CheckoutLimits = {
  client: { openCheckouts: 5, heldUnits: 60 },
  cooperative: { openCheckouts: 300, heldUnits: 3000 },
};

/** Who is checking out, as far as the server can tell. */
export interface CheckoutClient {
  ip?: string | null;
  /** An opaque per-cart id the client sends (`X-Cart-Token`); optional. */
  cartToken?: string | null;
}

/** Why a checkout was refused and when a hold frees up. */
export interface CheckoutLimitRefusal {
  scope: 'client' | 'cooperative';
  /** Seconds until the earliest counted hold lapses (at least 1). */
  retryAfterSeconds: number;
}

/**
 * On PostgreSQL, serialises the checkouts of one cooperative for the rest of the
 * transaction (an advisory lock, held until commit), so two processes cannot both count
 * the same free room. SQLite's BEGIN IMMEDIATE already serialises every writer.
 */
export async function lockCooperativeCheckouts(trx: Kysely<TerroirTables>, store: OrderStore, cooperativeId: string): Promise<void> {
  if (store.capabilities.rowLocks) await sql`select pg_advisory_xact_lock(hashtext(${`terroir-checkout:${cooperativeId}`}))`.execute(trx);
}

async function openHolds(trx: Kysely<TerroirTables>, cooperativeId: string, at: string, holder?: { column: 'client_ip' | 'cart_token'; value: string }) {
  let query = trx
    .selectFrom('checkout_clients')
    .innerJoin('orders', 'orders.id', 'checkout_clients.order_id')
    .select((eb) => [
      eb.fn.countAll<number>().as('n'),
      eb.fn.sum<number>('checkout_clients.held_units').as('units'),
      eb.fn.min('orders.expires_at').as('first'),
    ])
    .where('checkout_clients.cooperative_id', '=', cooperativeId)
    .where('orders.status', '=', 'pending_payment')
    .where('orders.expires_at', '>', at);
  if (holder) query = query.where(`checkout_clients.${holder.column}`, '=', holder.value);
  const row = await query.executeTakeFirstOrThrow();
  return { count: Number(row.n), units: Number(row.units ?? 0), first: (row.first as string | null) ?? null };
}

/**
 * Whether a new checkout holding `units` would pass a limit. Call inside the checkout's
 * write transaction after {@link lockCooperativeCheckouts}; null means go ahead.
 *
 * @example
 * const refusal = await checkoutLimitRefusal(trx, { cooperativeId, client: { ip }, units: 3, limits: DEFAULT_CHECKOUT_LIMITS, now });
 * if (refusal) return { kind: 'limited', ...refusal };
 */
export async function checkoutLimitRefusal(
  trx: Kysely<TerroirTables>,
  input: { cooperativeId: string; client: CheckoutClient; units: number; limits: CheckoutLimits; now: Date },
): Promise<CheckoutLimitRefusal | null> {
  const at = input.now.toISOString();
  const checks: Array<{ scope: 'client' | 'cooperative'; limit: HoldLimit; holder?: { column: 'client_ip' | 'cart_token'; value: string } }> = [];
  if (input.client.ip) checks.push({ scope: 'client', limit: input.limits.client, holder: { column: 'client_ip', value: input.client.ip.slice(0, 64) } });
  if (input.client.cartToken)
    checks.push({ scope: 'client', limit: input.limits.client, holder: { column: 'cart_token', value: input.client.cartToken.slice(0, 100) } });
  checks.push({ scope: 'cooperative', limit: input.limits.cooperative });
  for (const check of checks) {
    const held = await openHolds(trx, input.cooperativeId, at, check.holder);
    if (held.count + 1 > check.limit.openCheckouts || held.units + input.units > check.limit.heldUnits) {
      const retryAfterSeconds = held.first ? Math.max(1, Math.ceil((Date.parse(held.first) - input.now.getTime()) / 1000)) : 60;
      return { scope: check.scope, retryAfterSeconds };
    }
  }
  return null;
}

/** Records who holds the stock of a new checkout, for the limits of later ones. */
export async function recordCheckoutClient(
  trx: Kysely<TerroirTables>,
  input: { orderId: string; cooperativeId: string; client: CheckoutClient; units: number; expiresAt: string },
): Promise<void> {
  await trx
    .insertInto('checkout_clients')
    .values({
      order_id: input.orderId,
      cooperative_id: input.cooperativeId,
      client_ip: input.client.ip?.slice(0, 64) ?? null,
      cart_token: input.client.cartToken?.slice(0, 100) ?? null,
      held_units: input.units,
      expires_at: input.expiresAt,
    })
    .execute();
}
