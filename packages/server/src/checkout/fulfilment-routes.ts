import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { createCatalogReader, getCheckoutSettings, listFulfilmentOptions, pickLocalized, type Cooperative, type Locale, type OrderStore } from '@terroir/core';
import { ApiError, apiErrorHandler } from '../http/api-error';
import type { CooperativeVariables } from '../http/cooperative-context';
import { cachedJson, DEFAULT_CACHE_POLICY, type CachePolicy } from '../http/etag';
import { requestLocale } from '../http/locale';
import { validationHook } from '../http/validation-hook';
import { CoopParamsSchema, ErrorBodySchema, LangQuerySchema } from './checkout-schemas';
import { deliveryRegions } from './delivery-regions';

export interface FulfilmentRoutesOptions {
  db: OrderStore['db'];
  /** Whether checkout routes with a payment provider are mounted beside these. */
  checkoutEnabled: boolean;
  /** An online provider (Stripe) is mounted: list the cooperative's card/Alipay/WeChat Pay methods. Default: `checkoutEnabled`. */
  onlinePayment?: boolean;
  /** Pay at pickup / on delivery is mounted: list `offline` where the cooperative has it on. Default false. */
  offlinePayment?: boolean;
  /** `Cache-Control` of the answer (default 60 s, stale-while-revalidate 300 s). */
  cache?: CachePolicy;
  /** Cooperative lookup when no middleware loaded it; defaults to the catalog reader. */
  findCooperative?: (slug: string) => Promise<Cooperative | undefined>;
}

export const FulfilmentResponseSchema = z
  .object({
    fulfilment: z.object({
      checkoutEnabled: z.boolean().openapi({
        description:
          'False when there is no way to pay here (no online payment and no pay at pickup): show `contact` ("order by phone/WeChat") instead of a checkout.',
      }),
      currency: z.string(),
      paymentMethods: z.array(z.enum(['card', 'alipay', 'wechat_pay', 'offline'])).openapi({
        description:
          'The payment choices that exist: online methods only when online payment is set up, `offline` (pay at pickup / on delivery) when the cooperative takes it. Empty: show `contact`.',
      }),
      contact: z
        .object({ phone: z.string().optional(), wechat: z.string().optional() })
        .nullable()
        .openapi({ description: 'How to order by phone or WeChat; null when the cooperative has neither.' }),
      pickupPoints: z.array(
        z.object({
          id: z.string(),
          name: z.string(),
          address: z.string(),
          hours: z.string(),
          payOffline: z.boolean().openapi({ description: 'Pay at pickup is possible here.' }),
        }),
      ),
      delivery: z.array(
        z.object({
          id: z.string(),
          name: z.string(),
          payOffline: z.boolean().openapi({ description: 'Pay on delivery is possible with this option.' }),
          regions: z
            .array(z.object({ code: z.string(), name: z.string(), feeMinor: z.number().int() }))
            .openapi({ description: 'Every region served, with its fee in integer minor units; send `code` as `fulfilment.region`.' }),
        }),
      ),
      locale: z.enum(['zh-CN', 'en']),
    }),
  })
  .openapi('Fulfilment');

export const fulfilmentRoute = createRoute({
  method: 'get',
  path: '/v1/coops/{coop}/fulfilment',
  operationId: 'getFulfilment',
  // Public: no credentials (explicit, so linters and clients need not guess).
  security: [],
  tags: ['checkout'],
  summary: 'Pickup points, delivery regions and fees, payment methods',
  request: { params: CoopParamsSchema, query: LangQuerySchema },
  responses: {
    200: { content: { 'application/json': { schema: FulfilmentResponseSchema } }, description: 'How a shopper can receive and pay for an order, localized.' },
    304: { description: 'Not modified: the If-None-Match ETag still matches.' },
    400: { content: { 'application/json': { schema: ErrorBodySchema } }, description: 'Bad `lang`.' },
    404: { content: { 'application/json': { schema: ErrorBodySchema } }, description: 'Unknown cooperative.' },
  },
});

/**
 * `GET /v1/coops/:coop/fulfilment`: what the cart widget shows before checkout. Mounted by
 * {@link checkoutRoutes} (checkout enabled); a server without payments can mount it with
 * `checkoutEnabled: false` so widgets explain that instead of failing.
 *
 * @example
 * storefront.route('/', fulfilmentRoutes({ db, checkoutEnabled: false }));
 * // GET /v1/coops/laiyang-pear/fulfilment?lang=en → { fulfilment: { checkoutEnabled: false, pickupPoints: [...], ... } }
 */
export function fulfilmentRoutes(options: FulfilmentRoutesOptions): OpenAPIHono<{ Variables: CooperativeVariables }> {
  const findCooperative = options.findCooperative ?? ((slug: string) => createCatalogReader(options.db).getCooperative(slug));
  const app = new OpenAPIHono<{ Variables: CooperativeVariables }>({ defaultHook: validationHook as never });
  app.onError(apiErrorHandler);
  app.openapi(fulfilmentRoute, async (c) => {
    const coop = c.get('cooperative') ?? (await findCooperative(c.req.valid('param').coop));
    if (!coop) throw new ApiError(404, { code: 'not_found', message: 'No such cooperative.', field: 'coop' });
    const locale: Locale = requestLocale(c, c.req.valid('query').lang, coop.defaultLocale);
    const [all, settings] = await Promise.all([listFulfilmentOptions(options.db, coop.id), getCheckoutSettings(options.db, coop.id)]);
    const text = (t: Partial<Record<Locale, string>>) => pickLocalized(t, locale, coop.defaultLocale)?.value ?? '';
    const offlineOn = options.offlinePayment === true && settings.offlinePayment === true;
    const payOffline = (o: { offlinePayment?: boolean }) => offlineOn && o.offlinePayment !== false;
    const pickupPoints = all.flatMap((o) =>
      o.kind === 'pickup' ? [{ id: o.id, name: text(o.name), address: text(o.address), hours: text(o.hours), payOffline: payOffline(o) }] : [],
    );
    const delivery = all.flatMap((o) =>
      o.kind === 'delivery' ? [{ id: o.id, name: text(o.name), payOffline: payOffline(o), regions: deliveryRegions(o, locale) }] : [],
    );
    const online = (options.onlinePayment ?? options.checkoutEnabled) ? settings.paymentMethods : [];
    const paymentMethods = [...online, ...(pickupPoints.some((p) => p.payOffline) || delivery.some((d) => d.payOffline) ? (['offline'] as const) : [])];
    const { phone, wechat } = coop.contact;
    const fulfilment = {
      checkoutEnabled: options.checkoutEnabled && paymentMethods.length > 0 && pickupPoints.length + delivery.length > 0,
      currency: coop.currency,
      paymentMethods,
      contact: phone || wechat ? { ...(phone ? { phone } : {}), ...(wechat ? { wechat } : {}) } : null,
      pickupPoints,
      delivery,
      locale,
    };
    // Typed as never: cachedJson answers 200 or 304, both documented above.
    return cachedJson(c, { fulfilment }, options.cache ?? DEFAULT_CACHE_POLICY) as never;
  });
  return app;
}
