import type { PaymentMethod } from '../cart/fulfilment';
import type { CurrencyCode } from '../catalog/types';
import type { Locale } from '../locale/locale';

/**
 * What any payment provider does for Terroir. Stripe implements it today; WeChat Pay or
 * Alipay direct, or "pay at pickup", implement the same four things, and orders and stock
 * never learn which one is in use.
 */
export interface PaymentProvider {
  /** Short, stable name stored on orders and events (`stripe`, `pay_at_pickup`). */
  readonly name: string;
  /** Starts a payment for a pending order and says where to send the shopper. */
  createPayment(request: CreatePaymentRequest): Promise<CreatedPayment>;
  /**
   * Checks a webhook's signature over the raw body before anything else reads it, then
   * normalizes it. Throws {@link WebhookSignatureError} for forged, stale or unsigned calls.
   * Returns `null` for event types Terroir does not act on.
   */
  verifyWebhook(rawBody: string, headers: Headers): Promise<PaymentEvent | null>;
  /** Refunds part or all of a paid order. */
  refund(order: RefundTarget, amountMinor: number, idempotencyKey: string): Promise<{ refundRef: string; status: string }>;
  /**
   * Events the provider sent since `since`, oldest first, for reconciliation of lost
   * webhooks. Optional: a provider without an event log leaves it out.
   */
  listEventsSince?(since: Date): AsyncIterable<PaymentEvent>;
  /** Asks the provider to end an open payment session early (best effort). */
  cancelPayment?(sessionRef: string): Promise<void>;
}

export interface PaymentLine {
  /** Shown on the payment page, already in the shopper's locale. */
  name: string;
  unitAmountMinor: number;
  quantity: number;
}

export interface CreatePaymentRequest {
  orderId: string;
  /** The receipt token; return URLs carry it. */
  orderToken: string;
  cooperativeId: string;
  /** Our key for this payment; the provider must not create two payments for one key. */
  idempotencyKey: string;
  currency: CurrencyCode;
  lines: PaymentLine[];
  totalMinor: number;
  locale: Locale;
  email?: string | null;
  methods: PaymentMethod[];
  successUrl: string;
  cancelUrl: string;
  expiresAt: Date;
}

export interface CreatedPayment {
  /** Full-page redirect target (no iframe). */
  redirectUrl: string;
  /** The provider's id for this payment session (Stripe: `cs_…`). */
  providerRef: string;
  expiresAt: Date;
}

export interface RefundTarget {
  orderId: string;
  paymentRef: string | null;
  sessionRef: string | null;
  currency: CurrencyCode;
}

/** What happened, in Terroir's words. */
export type PaymentEventKind =
  /** Money is in: the only way an order becomes paid. */
  | 'payment_succeeded'
  /** The shopper finished but the money is still on its way (delayed methods). */
  | 'payment_pending'
  | 'payment_failed'
  | 'session_expired'
  /** The cumulative amount refunded changed. */
  | 'refund_updated';

export interface PaymentEvent {
  /** The provider's event id: applied at most once. */
  id: string;
  provider: string;
  /** The provider's own type name (`checkout.session.completed`). */
  type: string;
  kind: PaymentEventKind;
  orderId?: string;
  sessionRef?: string;
  paymentRef?: string;
  /** For payment_succeeded: what was paid, to check against the order. */
  amountMinor?: number;
  currency?: string;
  /** For refund_updated: the total refunded so far on this payment. */
  amountRefundedMinor?: number;
  occurredAt: Date;
}

/** A webhook whose signature is missing, wrong or stale. Answer 400 and change nothing. */
export class WebhookSignatureError extends Error {
  override readonly name = 'WebhookSignatureError';
}

/** The provider could not be reached or refused the request; the checkout answers 502. */
export class PaymentProviderError extends Error {
  override readonly name = 'PaymentProviderError';
}
