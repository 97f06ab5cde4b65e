import Stripe from 'stripe';
import {
  PaymentProviderError,
  WebhookSignatureError,
  type CreatePaymentRequest,
  type CreatedPayment,
  type Locale,
  type PaymentEvent,
  type PaymentProvider,
  type RefundTarget,
} from '@terroir/core';

/** Stripe event types Terroir acts on. Configure the webhook endpoint with exactly these. */
export const STRIPE_WEBHOOK_EVENTS = [
  'checkout.session.completed',
  'checkout.session.async_payment_succeeded',
  'checkout.session.async_payment_failed',
  'checkout.session.expired',
  'charge.refunded',
] as const;

/** Stripe Checkout's own locale for ours. */
export const STRIPE_LOCALES: Record<Locale, 'zh' | 'en'> = { 'zh-CN': 'zh', en: 'en' };

export interface StripeProviderOptions {
  /** The official client (`new Stripe(secretKey)`). */
  stripe: Stripe;
  /** The endpoint's signing secret (`whsec_…`). */
  webhookSecret: string;
  /** Oldest signature accepted, in seconds (Stripe's default: 300). */
  toleranceSeconds?: number;
}

export interface StripeClientOptions {
  secretKey: string;
  /** For tests: a local Stripe-compatible server (`127.0.0.1`, port, `http`). */
  host?: string;
  port?: number;
  protocol?: 'http' | 'https';
  /** Retries on network errors; our idempotency key makes them safe (default 2). */
  maxNetworkRetries?: number;
  timeoutMs?: number;
}

/**
 * The official Stripe client with Terroir's defaults.
 *
 * @example
 * const stripe = createStripeClient({ secretKey: process.env.STRIPE_SECRET_KEY! });
 * const local = createStripeClient({ secretKey: 'sk_test_x', host: '127.0.0.1', port: 12111, protocol: 'http', maxNetworkRetries: 0 });
 */
export function createStripeClient(options: StripeClientOptions): Stripe {
  return new Stripe(options.secretKey, {
    maxNetworkRetries: options.maxNetworkRetries ?? 2,
    timeout: options.timeoutMs ?? 20_000,
    ...(options.host ? { host: options.host } : {}),
    ...(options.port ? { port: options.port } : {}),
    ...(options.protocol ? { protocol: options.protocol } : {}),
    appInfo: { name: 'Terroir' },
  });
}

/**
 * Where the Stripe client connects, from the environment: `STRIPE_API_HOST`, `STRIPE_API_PORT`
 * and `STRIPE_API_PROTOCOL` (`http` or `https`). Unset means api.stripe.com. The demo and the
 * reconcile CLI both read them, so one set of variables points everything at a local
 * Stripe-compatible server (the repository's `tools/stripe-test-server`) with no internet.
 * Throws a RangeError naming the variable when one is malformed.
 *
 * @example
 * // STRIPE_API_HOST=127.0.0.1 STRIPE_API_PORT=12111 STRIPE_API_PROTOCOL=http
 * const stripe = createStripeClient({ secretKey, ...stripeApiFromEnv(process.env) });
 */
export function stripeApiFromEnv(env: Record<string, string | undefined>): Pick<StripeClientOptions, 'host' | 'port' | 'protocol'> {
  const host = env.STRIPE_API_HOST?.trim();
  const portText = env.STRIPE_API_PORT?.trim();
  const protocol = env.STRIPE_API_PROTOCOL?.trim();
  const port = portText ? Number(portText) : undefined;
  if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65536))
    throw new RangeError(`STRIPE_API_PORT must be a port number, got ${JSON.stringify(portText)}`);
  if (protocol && protocol !== 'http' && protocol !== 'https')
    throw new RangeError(`STRIPE_API_PROTOCOL must be http or https, got ${JSON.stringify(protocol)}`);
  return {
    ...(host ? { host } : {}),
    ...(port !== undefined ? { port } : {}),
    ...(protocol ? { protocol: protocol as 'http' | 'https' } : {}),
  };
}

function idOf(value: string | { id: string } | null | undefined): string | undefined {
  if (!value) return undefined;
  return typeof value === 'string' ? value : value.id;
}

/**
 * Payments through Stripe Checkout: a hosted page reached by a full-page redirect (no
 * iframe, no third-party cookies), with cards and, where the cooperative enables them,
 * Alipay and WeChat Pay.
 *
 * @example
 * const payments = new StripeProvider({ stripe: createStripeClient({ secretKey }), webhookSecret: process.env.STRIPE_WEBHOOK_SECRET! });
 * app.route('/', checkoutRoutes({ database, payments, publicBaseUrl: 'https://village.example.cn/api' }));
 */
export class StripeProvider implements PaymentProvider {
  readonly name = 'stripe';
  readonly #stripe: Stripe;
  readonly #secret: string;
  readonly #tolerance: number;

  constructor(options: StripeProviderOptions) {
    this.#stripe = options.stripe;
    this.#secret = options.webhookSecret;
    this.#tolerance = options.toleranceSeconds ?? 300;
  }

  /** The Checkout Session parameters for an order: our prices, never the client's. */
  sessionParams(request: CreatePaymentRequest): Stripe.Checkout.SessionCreateParams {
    const sum = request.lines.reduce((s, l) => s + l.unitAmountMinor * l.quantity, 0);
    if (sum !== request.totalMinor) throw new PaymentProviderError(`Line items (${sum}) do not add up to the order total (${request.totalMinor})`);
    return {
      mode: 'payment',
      line_items: request.lines.map((line) => ({
        quantity: line.quantity,
        price_data: { currency: request.currency.toLowerCase(), unit_amount: line.unitAmountMinor, product_data: { name: line.name } },
      })),
      locale: STRIPE_LOCALES[request.locale],
      // This client's API version names the list `allowed_payment_method_types`
      // (it replaced `payment_method_types` on Checkout Session creation).
      allowed_payment_method_types: request.methods,
      ...(request.methods.includes('wechat_pay') ? { payment_method_options: { wechat_pay: { client: 'web' as const } } } : {}),
      expires_at: Math.floor(request.expiresAt.getTime() / 1000),
      success_url: request.successUrl,
      cancel_url: request.cancelUrl,
      client_reference_id: request.orderId,
      metadata: { order_id: request.orderId, cooperative_id: request.cooperativeId },
      payment_intent_data: { metadata: { order_id: request.orderId } },
      ...(request.email ? { customer_email: request.email } : {}),
    };
  }

  async createPayment(request: CreatePaymentRequest): Promise<CreatedPayment> {
    const params = this.sessionParams(request);
    let session: Stripe.Checkout.Session;
    try {
      session = await this.#stripe.checkout.sessions.create(params, { idempotencyKey: request.idempotencyKey });
    } catch (error) {
      throw new PaymentProviderError(`Stripe refused the checkout session: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
    if (!session.url) throw new PaymentProviderError('Stripe returned a checkout session without a URL');
    return { redirectUrl: session.url, providerRef: session.id, expiresAt: new Date(session.expires_at * 1000) };
  }

  async verifyWebhook(rawBody: string, headers: Headers): Promise<PaymentEvent | null> {
    const signature = headers.get('stripe-signature');
    if (!signature) throw new WebhookSignatureError('Missing Stripe-Signature header');
    let event: Stripe.Event;
    try {
      event = this.#stripe.webhooks.constructEvent(rawBody, signature, this.#secret, this.#tolerance);
    } catch (error) {
      throw new WebhookSignatureError(error instanceof Error ? error.message : 'Invalid signature');
    }
    return this.normalize(event);
  }

  /** Stripe's event in Terroir's words, or null for types we do not act on. */
  normalize(event: Stripe.Event): PaymentEvent | null {
    const base = { id: event.id, provider: this.name, type: event.type, occurredAt: new Date(event.created * 1000) };
    switch (event.type) {
      case 'checkout.session.completed':
      case 'checkout.session.async_payment_succeeded':
      case 'checkout.session.async_payment_failed':
      case 'checkout.session.expired': {
        const session = event.data.object;
        const paid = session.payment_status === 'paid' || session.payment_status === 'no_payment_required';
        const kind =
          event.type === 'checkout.session.expired'
            ? 'session_expired'
            : event.type === 'checkout.session.async_payment_failed'
              ? 'payment_failed'
              : paid
                ? 'payment_succeeded'
                : 'payment_pending';
        return {
          ...base,
          kind,
          orderId: session.metadata?.order_id ?? session.client_reference_id ?? undefined,
          sessionRef: session.id,
          paymentRef: idOf(session.payment_intent),
          ...(session.amount_total === null ? {} : { amountMinor: session.amount_total }),
          ...(session.currency ? { currency: session.currency } : {}),
        };
      }
      case 'charge.refunded': {
        const charge = event.data.object;
        return {
          ...base,
          kind: 'refund_updated',
          paymentRef: idOf(charge.payment_intent),
          ...(charge.metadata?.order_id ? { orderId: charge.metadata.order_id } : {}),
          amountRefundedMinor: charge.amount_refunded,
          currency: charge.currency,
        };
      }
      default:
        return null;
    }
  }

  async refund(order: RefundTarget, amountMinor: number, idempotencyKey: string): Promise<{ refundRef: string; status: string }> {
    if (!order.paymentRef) throw new PaymentProviderError(`Order ${order.orderId} has no payment to refund`);
    if (!Number.isInteger(amountMinor) || amountMinor <= 0) throw new RangeError('Refund amounts are positive integer minor units');
    try {
      const refund = await this.#stripe.refunds.create(
        { payment_intent: order.paymentRef, amount: amountMinor, metadata: { order_id: order.orderId } },
        { idempotencyKey },
      );
      return { refundRef: refund.id, status: refund.status ?? 'pending' };
    } catch (error) {
      throw new PaymentProviderError(`Stripe refused the refund: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
  }

  async *listEventsSince(since: Date): AsyncIterable<PaymentEvent> {
    const events: Stripe.Event[] = [];
    // Stripe lists newest first; we apply oldest first so a late `completed` still follows its `expired`.
    for await (const event of this.#stripe.events.list({
      created: { gte: Math.floor(since.getTime() / 1000) },
      types: [...STRIPE_WEBHOOK_EVENTS],
      limit: 100,
    })) {
      events.push(event);
    }
    events.reverse();
    events.sort((a, b) => a.created - b.created);
    for (const event of events) {
      const normalized = this.normalize(event);
      if (normalized) yield normalized;
    }
  }

  async cancelPayment(sessionRef: string): Promise<void> {
    await this.#stripe.checkout.sessions.expire(sessionRef);
  }
}
