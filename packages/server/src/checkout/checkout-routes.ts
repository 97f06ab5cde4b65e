import { OpenAPIHono, createRoute, type z } from '@hono/zod-openapi';
import {
  PaymentProviderError,
  WebhookSignatureError,
  abandonOrder,
  applyPaymentEvent,
  attachPaymentSession,
  checkoutRequestHash,
  createCatalogReader,
  getCheckoutSettings,
  listFulfilmentOptions,
  pickLocalized,
  placeOrder,
  priceCart,
  readOrderReceipt,
  DEFAULT_RESERVATION_MINUTES,
  DEFAULT_CHECKOUT_LIMITS,
  type CheckoutLimits,
  type HoldLimit,
  type Cooperative,
  type FulfilmentOption,
  type Locale,
  type OrderRecord,
  type OrderStore,
  type PaymentProvider,
  checkoutReplayOutcome,
  cartIssueMessage,
  formatPickupCode,
  offlinePaymentFor,
  loadOrderLines,
  type CartIssue,
} from '@terroir/core';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { ApiError, apiErrorHandler, apiErrorResponse } from '../http/api-error';
import { noSniff } from '../http/api-headers';
import { payloadTooLarge } from '../http/body-limit-answer';
import { jsonBody as readJsonFirst } from '../http/json-body';
import { coopCors } from '../http/coop-cors';
import { loadCooperative, type CooperativeVariables } from '../http/cooperative-context';
import { requestLocale } from '../http/locale';
import { validationHook } from '../http/validation-hook';
import { fieldPath, MAX_ISSUES } from '../http/zod-issues';
import {
  CheckoutBodySchema,
  CheckoutResponseSchema,
  CoopParamsSchema,
  ErrorBodySchema,
  LangQuerySchema,
  QuoteBodySchema,
  QuoteResponseSchema,
  ReceiptSchema,
  TokenParamsSchema,
} from './checkout-schemas';
import { fulfilmentRoutes } from './fulfilment-routes';
import { renderReceiptPage } from './receipt-page';
import type { CachePolicy } from '../http/etag';
import { logRequestError, requestTelemetry } from '../observability/telemetry';

export interface CheckoutRoutesOptions {
  /** The open database (from `openDatabase`): its Kysely instance and capabilities. */
  database: OrderStore;
  /** Online payment (Stripe). Optional: a server may take pay-at-pickup orders only. */
  payments?: PaymentProvider;
  /**
   * Pay at pickup / on delivery ({@link OfflinePaymentProvider}): orders are placed at once with
   * a pickup code, for cooperatives that switched it on (checkout settings) and options that
   * accept it. At least one of `payments` and `offlinePayments` is required.
   */
  offlinePayments?: PaymentProvider;
  /** Public URL where these routes are mounted (`https://village.example.cn/api`); return URLs are built on it. */
  publicBaseUrl: string;
  /** How long stock is held for an unpaid order (default 31 min: Stripe's 30-minute minimum plus a margin). */
  reservationMinutes?: number;
  /** Cooperative lookup; defaults to the catalog reader. */
  findCooperative?: (slug: string) => Promise<Cooperative | undefined>;
  /**
   * Load the cooperative and answer CORS for `/v1/coops/:coop/*` here (default true).
   * Pass false when the host app already does it for every cooperative route.
   */
  cooperativeMiddleware?: boolean;
  /** Clock, for tests. */
  now?: () => Date;
  /** `Cache-Control` of `GET /v1/coops/:coop/fulfilment` (default 60 s, stale-while-revalidate 300 s). */
  cache?: CachePolicy;
  /**
   * How much stock unpaid checkouts may hold, per client (IP, and `X-Cart-Token` when sent)
   * and per cooperative; over it, checkout answers 429 `checkout_limit_reached`. Default
   * {@link DEFAULT_CHECKOUT_LIMITS}; held in the database, so it holds across processes.
   */
  limits?: { client?: Partial<HoldLimit>; cooperative?: Partial<HoldLimit> };
  /** The shopper's IP for the limits. Default: the socket's address (never X-Forwarded-For, which anyone can send). */
  clientIp?: (c: Context) => string | undefined;
  /**
   * How long a retry of a checkout whose first attempt has not finished is told to wait
   * (409 `checkout_in_progress`) before it takes the checkout over, in ms (default 60 000).
   * Shorter recovers faster from a process that died mid-checkout; it must exceed the
   * payment provider's slowest answer.
   */
  inFlightMs?: number;
}

function socketIp(c: Context): string | undefined {
  return (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming?.socket?.remoteAddress;
}

type Env = { Variables: CooperativeVariables };

/** How long a replay waits for the first request of its Idempotency-Key before taking over. */
const IN_FLIGHT_MS = 60_000;

const json = <T extends z.ZodType>(schema: T, description: string) => ({ content: { 'application/json': { schema } }, description });
const jsonBody = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } }, required: true });

const MESSAGES = {
  invalidCart: { 'zh-CN': '购物车有问题，请查看每一行。', en: 'Some lines of the cart have problems.' },
  soldOut: { 'zh-CN': '库存不足，已售完。', en: 'Sold out: not enough in stock.' },
  keyReused: { 'zh-CN': '该 Idempotency-Key 已用于另一个请求。', en: 'This Idempotency-Key was used for a different request.' },
  missingKey: { 'zh-CN': '缺少 Idempotency-Key 请求头。', en: 'The Idempotency-Key header is required.' },
  provider: {
    'zh-CN': '暂时无法连接支付服务，库存已释放，请稍后重试。',
    en: 'The payment service could not be reached; nothing was charged and the stock was released. Please try again.',
  },
  cancelled: { 'zh-CN': '该订单已取消。', en: 'This order was cancelled.' },
  inProgress: { 'zh-CN': '正在处理同一个结算请求，请稍后重试。', en: 'This checkout is still being processed; retry in a moment.' },
  onlineUnavailable: {
    'zh-CN': '本店未开通在线支付，请选择到店付款或电话/微信订购。',
    en: 'This shop takes no online payment; choose pay at pickup, or order by phone or WeChat.',
  },
  offlineUnavailable: { 'zh-CN': '此取货或配送方式不支持到店/货到付款。', en: 'Pay at pickup or on delivery is not available for this option.' },
  limitReached: {
    'zh-CN': '未付款的订单太多，暂时无法再次结算。请先完成或放弃之前的付款，稍后再试。',
    en: 'Too many unpaid checkouts are holding stock right now. Finish or abandon an earlier payment, then try again later.',
  },
} as const;

export const quoteRoute = createRoute({
  method: 'post',
  path: '/v1/coops/{coop}/cart/quote',
  operationId: 'quoteCart',
  // Public: no credentials (explicit, so linters and clients need not guess).
  security: [],
  tags: ['checkout'],
  summary: 'Price a cart on the server',
  request: { params: CoopParamsSchema, query: LangQuerySchema, body: jsonBody(QuoteBodySchema) },
  responses: {
    200: json(QuoteResponseSchema, 'Server prices in integer minor units.'),
    400: json(ErrorBodySchema, 'Malformed body.'),
    404: json(ErrorBodySchema, 'Unknown cooperative.'),
    422: json(ErrorBodySchema, 'Problems per line in `error.issues`.'),
  },
});

export const checkoutRoute = createRoute({
  method: 'post',
  path: '/v1/coops/{coop}/checkout',
  operationId: 'checkout',
  // Public: no credentials (explicit, so linters and clients need not guess).
  security: [],
  tags: ['checkout'],
  summary: 'Reserve stock and start payment',
  description: 'Requires an `Idempotency-Key` header: the same key and body return the same checkout; another body is refused.',
  request: { params: CoopParamsSchema, body: jsonBody(CheckoutBodySchema) },
  // Documented here, checked by the handler (its own 400 `missing_idempotency_key`): the typed
  // client then requires it, instead of letting callers find out from a 400.
  parameters: [
    {
      name: 'Idempotency-Key',
      in: 'header',
      required: true,
      description: 'One key per checkout attempt (printable ASCII, at most 255 characters); a retry sends the same key.',
      schema: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[\\x21-\\x7e]+$' },
    },
  ],
  responses: {
    201: json(CheckoutResponseSchema, 'Redirect the shopper (full page) to `redirectUrl`.'),
    400: json(ErrorBodySchema, 'Malformed body or missing Idempotency-Key.'),
    404: json(ErrorBodySchema, 'Unknown cooperative.'),
    409: json(
      ErrorBodySchema,
      'Sold out (`error.issues[].available` says what is left), or the same Idempotency-Key is still in progress (`checkout_in_progress`, retry).',
    ),
    422: json(ErrorBodySchema, 'Invalid cart or fulfilment, or Idempotency-Key reused with another body.'),
    429: json(
      ErrorBodySchema,
      '`checkout_limit_reached`: this client (IP or cart token) or the cooperative has as many unpaid checkouts holding stock as allowed; `error.retryAfter` and the `Retry-After` header say when one lapses.',
    ),
    502: json(ErrorBodySchema, 'The payment provider failed; the reservation was released.'),
  },
});

export const receiptRoute = createRoute({
  method: 'get',
  path: '/v1/orders/{token}',
  operationId: 'getOrderReceipt',
  // Public: no credentials (explicit, so linters and clients need not guess).
  security: [],
  tags: ['checkout'],
  summary: 'Order status and receipt, by its unguessable token',
  request: { params: TokenParamsSchema, query: LangQuerySchema },
  responses: { 200: json(ReceiptSchema, 'The receipt.'), 404: json(ErrorBodySchema, 'No such order.') },
});

function localizeOption(option: FulfilmentOption, locale: Locale, fallback: Locale) {
  const text = (t: Partial<Record<Locale, string>>) => pickLocalized(t, locale, fallback)?.value ?? '';
  return option.kind === 'pickup'
    ? {
        id: option.id,
        kind: 'pickup' as const,
        name: text(option.name),
        address: text(option.address),
        hours: text(option.hours),
        feeMinor: 0 as const,
        currency: option.currency,
      }
    : {
        id: option.id,
        kind: 'delivery' as const,
        name: text(option.name),
        flatFeeMinor: option.flatFeeMinor,
        regionFees: option.regionFees,
        currency: option.currency,
      };
}

const ADDRESS_MESSAGES = {
  required: { 'zh-CN': '请填写此项。', en: 'Please fill in this field.' },
  too_long: { 'zh-CN': '内容过长。', en: 'This is too long.' },
  invalid: { 'zh-CN': '请检查取货或收货信息。', en: 'Please check the pickup or delivery details.' },
} as const;

/**
 * The checkout route's validation hook: a body whose only problems are in the fulfilment (a
 * delivery address field, the region) gets a 422 with one localized issue per field
 * (`fulfilment.address.phone`), which a form can show beside its input; anything else is the
 * usual 400.
 */
async function checkoutValidationHook(result: Parameters<typeof validationHook>[0], c: Context): Promise<Response | undefined> {
  if (result.success || result.target !== 'json') return validationHook(result, c);
  const issues = result.error.issues;
  if (!issues.every((i) => i.path[0] === 'fulfilment' && i.path.length > 1)) return validationHook(result, c);
  const body: unknown = await c.req.json().catch(() => null);
  const locale: Locale = (body as { locale?: unknown } | null)?.locale === 'en' ? 'en' : 'zh-CN';
  const listed = issues.slice(0, MAX_ISSUES).map((i) => {
    const code = i.code === 'too_big' ? 'too_long' : 'required';
    return { field: fieldPath(i.path), code, message: ADDRESS_MESSAGES[code][locale] };
  });
  return apiErrorResponse(
    c,
    new ApiError(422, { code: 'invalid_fulfilment', message: ADDRESS_MESSAGES.invalid[locale], field: listed[0]!.field, issues: listed }),
  );
}

function issuesError(status: 409 | 422, code: string, message: string, issues: CartIssue[]): ApiError {
  return new ApiError(status, { code, message, ...(issues[0] ? { field: issues[0].field } : {}), issues: issues.map((i) => ({ ...i })) });
}

/** A cart that cannot be priced: `region_not_served` when the delivery region is all that is wrong. */
function invalidCartError(locale: Locale, issues: CartIssue[]): ApiError {
  if (issues.length > 0 && issues.every((i) => i.code === 'region_not_served')) {
    return issuesError(422, 'region_not_served', cartIssueMessage('region_not_served', locale), issues);
  }
  return issuesError(422, 'invalid_cart', MESSAGES.invalidCart[locale], issues);
}

/**
 * Checkout's HTTP face: cart quotes, checkout with stock reservation and a payment
 * session, the payment webhook, and the shopper's receipt (JSON and a bilingual page).
 * The flow: reserve + pending order (transaction 1) → payment provider → store the session
 * (transaction 2); no transaction is open while the provider is called.
 *
 * @example
 * const database = await openDatabase();
 * const payments = new StripeProvider({ stripe: createStripeClient({ secretKey }), webhookSecret });
 * app.route('/', checkoutRoutes({ database, payments, publicBaseUrl: 'https://village.example.cn/api' }));
 */
export function checkoutRoutes(options: CheckoutRoutesOptions): OpenAPIHono<Env> {
  const { database, payments, offlinePayments } = options;
  if (!payments && !offlinePayments) throw new TypeError('checkoutRoutes needs `payments` (online), `offlinePayments` (pay at pickup), or both.');
  const now = options.now ?? (() => new Date());
  const base = options.publicBaseUrl.replace(/\/+$/, '');
  const findCooperative = options.findCooperative ?? ((slug: string) => createCatalogReader(database.db).getCooperative(slug));
  const app = new OpenAPIHono<Env>({ defaultHook: validationHook as never });
  app.onError(apiErrorHandler);
  app.use('*', noSniff());
  const limits: CheckoutLimits = {
    client: { ...DEFAULT_CHECKOUT_LIMITS.client, ...options.limits?.client },
    cooperative: { ...DEFAULT_CHECKOUT_LIMITS.cooperative, ...options.limits?.cooperative },
  };
  const clientIp = options.clientIp ?? socketIp;
  // An opaque id of the shopper's cart, when the client sends one; anything else is ignored.
  const cartTokenOf = (c: Context) => {
    const token = c.req.header('x-cart-token')?.trim();
    return token && /^[A-Za-z0-9_-]{8,100}$/.test(token) ? token : null;
  };

  const limit = bodyLimit({
    maxSize: 64 * 1024,
    onError: (c) => payloadTooLarge(c, 'Request body is larger than 64 KB.'),
  });
  // Not JSON → 400 invalid_json, another Content-Type → 415, before the schema runs (the
  // quote routes below do the same for cart/*).
  app.use('/v1/coops/:coop/checkout', limit, readJsonFirst());
  if (options.cooperativeMiddleware !== false) {
    const cors = coopCors({ allowedOrigins: (c) => c.get('cooperative')?.allowedOrigins });
    for (const path of ['/v1/coops/:coop/cart/*', '/v1/coops/:coop/checkout', '/v1/coops/:coop/fulfilment']) {
      app.use(path, loadCooperative(findCooperative), cors);
    }
  }

  const checkoutBody = (c: Context<Env>, order: OrderRecord) => {
    const receiptUrl = `${base}/orders/${order.token}?lang=${order.locale}`;
    const offline = order.payment_provider === offlinePayments?.name;
    return c.json(
      {
        checkout: {
          orderId: order.id,
          redirectUrl: order.redirect_url ?? '',
          receiptUrl,
          expiresAt: order.expires_at,
          totalMinor: Number(order.total_minor),
          currency: order.currency,
          payment: offline ? ('offline' as const) : ('online' as const),
          pickupCode: order.pickup_code ? formatPickupCode(order.pickup_code) : null,
        },
      },
      201,
    );
  };

  /**
   * Calls the provider for a pending order (outside any transaction) and stores the session.
   * Only the request that placed the order gives its stock back on failure: a replay must not
   * cancel an order whose first request may still succeed.
   */
  const startPayment = async (c: Context<Env>, coop: Cooperative, order: OrderRecord, locale: Locale, owner: boolean) => {
    const provider = order.payment_provider === offlinePayments?.name ? offlinePayments : payments;
    if (!provider) throw new ApiError(409, { code: 'order_cancelled', message: MESSAGES.cancelled[locale] });
    const lines = await loadOrderLines(database.db, order.id);
    const settings = await getCheckoutSettings(database.db, coop.id);
    const text = (stored: Partial<Record<Locale, string>>) => pickLocalized(stored, locale, coop.defaultLocale)?.value ?? '';
    const paymentLines = lines.map((l) => ({
      name: `${text(l.title)} · ${text(l.variantLabel)}${l.preorder ? (locale === 'zh-CN' ? '（预售）' : ' (pre-order)') : ''}`.slice(0, 250),
      unitAmountMinor: l.unitPriceMinor,
      quantity: l.quantity,
    }));
    if (Number(order.fulfilment_fee_minor) > 0) {
      paymentLines.push({ name: locale === 'zh-CN' ? '配送费' : 'Delivery', unitAmountMinor: Number(order.fulfilment_fee_minor), quantity: 1 });
    }
    const receipt = `${base}/orders/${order.token}?lang=${locale}`;
    try {
      const created = await provider.createPayment({
        orderId: order.id,
        orderToken: order.token,
        cooperativeId: coop.id,
        // Derived from the order, so a retry after a crash between the provider call and
        // transaction 2 gets the same session back instead of a second one.
        idempotencyKey: `terroir-order-${order.id}`,
        currency: order.currency,
        lines: paymentLines,
        totalMinor: Number(order.total_minor),
        locale,
        email: order.email,
        methods: settings.paymentMethods,
        successUrl: `${receipt}&return=success`,
        cancelUrl: `${receipt}&return=cancel`,
        expiresAt: new Date(order.expires_at),
      });
      const stored = await attachPaymentSession(
        database,
        order.id,
        { sessionRef: created.providerRef, redirectUrl: created.redirectUrl, expiresAt: created.expiresAt },
        now(),
      );
      return checkoutBody(c, stored);
    } catch (error) {
      if (!(error instanceof PaymentProviderError)) throw error;
      logRequestError(c, error, 'payment provider failed', { event: 'order.payment_failed', orderId: order.id, cooperativeId: coop.id });
      if (owner) await abandonOrder(database, order.id, 'payment_provider_error', { message: error.message.slice(0, 500) }, now());
      return apiErrorResponse(c, new ApiError(502, { code: 'payment_provider_unavailable', message: MESSAGES.provider[locale] }));
    }
  };

  app.route(
    '/',
    fulfilmentRoutes({
      db: database.db,
      checkoutEnabled: true,
      onlinePayment: !!payments,
      offlinePayment: !!offlinePayments,
      findCooperative,
      ...(options.cache ? { cache: options.cache } : {}),
    }),
  );
  app.route('/', cartQuoteRoutes({ db: database.db, findCooperative, now, cooperativeMiddleware: false }));

  app.openapi(
    checkoutRoute,
    async (c) => {
      const coop = c.get('cooperative') ?? (await findCooperative(c.req.valid('param').coop));
      if (!coop) throw new ApiError(404, { code: 'not_found', message: 'No such cooperative.', field: 'coop' });
      const body = c.req.valid('json');
      const locale = body.locale;
      const key = c.req.header('idempotency-key')?.trim();
      if (!key || key.length > 255 || !/^[\x21-\x7e]+$/.test(key)) {
        throw new ApiError(400, { code: 'missing_idempotency_key', message: MESSAGES.missingKey[locale], field: 'Idempotency-Key' });
      }
      const wanted = body.payment ?? (payments ? 'online' : 'offline');
      let provider: PaymentProvider;
      let holdMinutes = options.reservationMinutes ?? DEFAULT_RESERVATION_MINUTES;
      if (wanted === 'offline') {
        const check = offlinePaymentFor(await getCheckoutSettings(database.db, coop.id), await listFulfilmentOptions(database.db, coop.id), body.fulfilment);
        if (!offlinePayments || !check.ok)
          throw new ApiError(422, { code: 'offline_payment_unavailable', message: MESSAGES.offlineUnavailable[locale], field: 'payment' });
        provider = offlinePayments;
        holdMinutes = check.holdMinutes;
      } else {
        if (!payments) throw new ApiError(422, { code: 'online_payment_unavailable', message: MESSAGES.onlineUnavailable[locale], field: 'payment' });
        provider = payments;
      }
      const at = now();
      const result = await placeOrder(database, {
        cooperativeId: coop.id,
        lines: body.lines,
        fulfilment: body.fulfilment,
        locale,
        email: body.email ?? null,
        idempotencyKey: key,
        requestHash: checkoutRequestHash({ coop: coop.id, ...body }),
        paymentProvider: provider.name,
        // Pay at pickup: stock is held until the pickup window of the option ends.
        expiresAt: new Date(at.getTime() + holdMinutes * 60_000),
        pickupCode: provider === offlinePayments,
        now: at,
        limits: { client: { ip: clientIp(c), cartToken: cartTokenOf(c) }, policy: limits },
      });
      switch (result.kind) {
        case 'limited': {
          const retryAfter = result.retryAfterSeconds;
          c.header('Retry-After', String(retryAfter));
          return c.json({ error: { code: 'checkout_limit_reached', message: MESSAGES.limitReached[locale], retryAfter } }, 429) as never;
        }
        case 'key_reused':
          throw new ApiError(422, { code: 'idempotency_key_reused', message: MESSAGES.keyReused[locale], field: 'Idempotency-Key' });
        case 'sold_out':
          throw issuesError(409, 'sold_out', MESSAGES.soldOut[locale], result.issues);
        case 'invalid':
          throw invalidCartError(locale, result.issues);
        case 'replay': {
          const order = result.order;
          c.header('Idempotent-Replayed', 'true');
          // Typed Response objects: the OpenAPI route documents 201 and 502 bodies.
          switch (checkoutReplayOutcome(order, at, options.inFlightMs ?? IN_FLIGHT_MS)) {
            case 'session':
              return checkoutBody(c, order) as never;
            case 'in_progress':
              // The first request is probably still talking to the provider: ask the client to
              // retry rather than race it. Past that window the first request died between its
              // two transactions; the same provider idempotency key then returns its session.
              c.header('Retry-After', '2');
              throw new ApiError(409, { code: 'checkout_in_progress', message: MESSAGES.inProgress[locale] });
            case 'resume':
              return (await startPayment(c, coop, order, locale, false)) as never;
            case 'cancelled':
              throw new ApiError(409, { code: 'order_cancelled', message: MESSAGES.cancelled[locale] });
          }
          break;
        }
        case 'placed':
          requestTelemetry(c)?.log.info(
            {
              event: 'order.placed',
              orderId: result.order.id,
              cooperativeId: coop.id,
              totalMinor: Number(result.order.total_minor),
              currency: result.order.currency,
            },
            'order placed',
          );
          return (await startPayment(c, coop, result.order, locale, true)) as never;
      }
    },
    checkoutValidationHook as never,
  );

  if (payments)
    app.post(
      `/v1/webhooks/${payments.name}`,
      bodyLimit({ maxSize: 1024 * 1024, onError: (c) => payloadTooLarge(c, 'Webhook body is larger than 1 MB.') }),
      async (c) => {
        // The raw body, exactly as signed: nothing parses it before the signature is checked.
        const rawBody = await c.req.text();
        let event: Awaited<ReturnType<typeof payments.verifyWebhook>>;
        try {
          event = await payments.verifyWebhook(rawBody, c.req.raw.headers);
        } catch (error) {
          if (error instanceof WebhookSignatureError) {
            requestTelemetry(c)?.webhookOutcome(payments.name, 'invalid_signature');
            return apiErrorResponse(c, new ApiError(400, { code: 'invalid_signature', message: 'Webhook signature verification failed.' }));
          }
          throw error;
        }
        const telemetry = requestTelemetry(c);
        if (!event) {
          telemetry?.webhookOutcome(payments.name, 'ignored');
          return c.json({ received: true, outcome: 'ignored' }, 200);
        }
        const result = await applyPaymentEvent(database, event, now());
        telemetry?.webhookOutcome(payments.name, result.outcome);
        telemetry?.log.info({ event: `payment.${event.kind}`, eventId: event.id, orderId: event.orderId, outcome: result.outcome }, 'payment webhook');
        return c.json({ received: true, outcome: result.outcome }, 200);
      },
    );

  app.openapi(receiptRoute, async (c) => {
    const { token } = c.req.valid('param');
    const lang = c.req.valid('query').lang;
    c.header('Cache-Control', 'no-store');
    c.header('Referrer-Policy', 'no-referrer');
    const receipt = await readOrderReceipt(database.db, token, lang);
    if (!receipt) throw new ApiError(404, { code: 'not_found', message: lang === 'zh-CN' ? '找不到该订单。' : 'No such order.', field: 'token' });
    c.header('Content-Language', receipt.locale);
    return c.json({ order: receipt as unknown as Record<string, unknown> }, 200);
  });

  app.get('/orders/:token', async (c) => {
    const lang = c.req.query('lang');
    const wanted: Locale | undefined = lang === 'zh-CN' || lang === 'en' ? lang : undefined;
    c.header('Cache-Control', 'no-store');
    c.header('Referrer-Policy', 'no-referrer');
    c.header('X-Content-Type-Options', 'nosniff');
    c.header(
      'Content-Security-Policy',
      "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
    const receipt = await readOrderReceipt(database.db, c.req.param('token').slice(0, 100), wanted);
    const locale = receipt?.locale ?? wanted ?? 'zh-CN';
    const returned = c.req.query('return');
    const html = renderReceiptPage(receipt, locale, {
      returnedFrom: returned === 'success' || returned === 'cancel' ? returned : undefined,
      token: c.req.param('token'),
    });
    c.header('Content-Language', locale);
    return c.html(html, receipt ? 200 : 404);
  });

  return app;
}

export interface CartQuoteRoutesOptions {
  db: OrderStore['db'];
  /** Cooperative lookup; defaults to the catalog reader. */
  findCooperative?: (slug: string) => Promise<Cooperative | undefined>;
  /** Load the cooperative and answer CORS here (default true); false when the host app does it. */
  cooperativeMiddleware?: boolean;
  /** Clock, for tests. */
  now?: () => Date;
}

/**
 * `POST /v1/coops/:coop/cart/quote`: server prices for a cart, in integer minor units. It
 * needs no payment provider, so every storefront mounts it (the cart always shows a
 * server-quoted subtotal, even where no online payment is set up).
 *
 * @example
 * storefront.route('/', cartQuoteRoutes({ db }));
 * // POST /v1/coops/laiyang-pear/cart/quote { "lines": [{ "variantId": "var_…", "quantity": 2 }] } → { quote: { subtotalMinor: 13600, … } }
 */
export function cartQuoteRoutes(options: CartQuoteRoutesOptions): OpenAPIHono<Env> {
  const database = { db: options.db };
  const now = options.now ?? (() => new Date());
  const findCooperative = options.findCooperative ?? ((slug: string) => createCatalogReader(options.db).getCooperative(slug));
  const app = new OpenAPIHono<Env>({ defaultHook: validationHook as never });
  app.onError(apiErrorHandler);
  app.use('*', noSniff());
  const limit = bodyLimit({ maxSize: 64 * 1024, onError: (c) => payloadTooLarge(c, 'Request body is larger than 64 KB.') });
  app.use('/v1/coops/:coop/cart/*', limit, readJsonFirst());
  if (options.cooperativeMiddleware !== false) {
    app.use('/v1/coops/:coop/cart/*', loadCooperative(findCooperative), coopCors({ allowedOrigins: (c) => c.get('cooperative')?.allowedOrigins }));
  }
  app.openapi(quoteRoute, async (c) => {
    const coop = c.get('cooperative') ?? (await findCooperative(c.req.valid('param').coop));
    if (!coop) throw new ApiError(404, { code: 'not_found', message: 'No such cooperative.', field: 'coop' });
    const body = c.req.valid('json');
    const locale = requestLocale(c, c.req.valid('query').lang, coop.defaultLocale);
    const result = await priceCart(database.db, {
      cooperativeId: coop.id,
      lines: body.lines,
      // A quote needs only the region; the address is checked at checkout.
      ...(body.fulfilment
        ? { fulfilment: body.fulfilment.type === 'pickup' ? body.fulfilment : { ...body.fulfilment, address: body.fulfilment.address ?? {} } }
        : {}),
      locale,
      now: now(),
    });
    if (!result.ok) throw invalidCartError(locale, result.issues);
    const options = await listFulfilmentOptions(database.db, coop.id);
    const text = (t: Partial<Record<Locale, string>>) => pickLocalized(t, locale, coop.defaultLocale)?.value ?? '';
    const { quote } = result;
    return c.json(
      {
        quote: {
          currency: quote.currency,
          lines: quote.lines.map((l) => ({
            variantId: l.variantId,
            productSlug: l.productSlug,
            title: text(l.title),
            variantLabel: text(l.variantLabel),
            unitPriceMinor: l.unitPriceMinor,
            quantity: l.quantity,
            lineTotalMinor: l.lineTotalMinor,
            available: l.available,
            preorder: l.preorder,
          })),
          subtotalMinor: quote.subtotalMinor,
          fulfilmentFeeMinor: quote.fulfilmentFeeMinor,
          totalMinor: quote.totalMinor,
        },
        fulfilmentOptions: options.map((o) => localizeOption(o, locale, coop.defaultLocale)),
        locale,
      },
      200,
    );
  });

  return app;
}
