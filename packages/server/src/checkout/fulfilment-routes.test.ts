import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TEST_DIALECTS, createCheckoutTestShop, type CheckoutTestShop, type TestDatabase } from '@terroir/core/testing';
import { startStripeTestServer, type StripeTestServer } from '@terroir/stripe-test-server';
import { StripeProvider, createStripeClient } from '../payments/stripe-provider';
import { createStorefront } from '../storefront';
import { DELIVERY_REGIONS } from './delivery-regions';
import { fulfilmentRoutes } from './fulfilment-routes';

let stripeServer: StripeTestServer;
beforeAll(async () => {
  stripeServer = await startStripeTestServer();
});
afterAll(() => stripeServer.close());

type Fulfilment = {
  checkoutEnabled: boolean;
  currency: string;
  paymentMethods: string[];
  contact: Record<string, string>;
  pickupPoints: { id: string; name: string; address: string; hours: string }[];
  delivery: { id: string; name: string; regions: { code: string; name: string; feeMinor: number }[] }[];
  locale: string;
};

for (const dialect of TEST_DIALECTS) {
  describe(`GET /v1/coops/:coop/fulfilment on ${dialect.name}`, () => {
    let database: TestDatabase;
    let shop: CheckoutTestShop;
    let app: ReturnType<typeof createStorefront>;
    beforeEach(async () => {
      database = await dialect.open();
      shop = await createCheckoutTestShop(database.db, { stock: 5, paymentMethods: ['card', 'alipay'] });
      const stripe = createStripeClient({ secretKey: 'sk_test_terroir', host: '127.0.0.1', port: stripeServer.port, protocol: 'http', maxNetworkRetries: 0 });
      app = createStorefront({
        db: database.db,
        checkout: { database, payments: new StripeProvider({ stripe, webhookSecret: 'whsec_x' }), publicBaseUrl: 'https://village.example.cn/api' },
      });
    });
    afterEach(() => database.destroy());

    const read = async (lang: string) => {
      const res = await app.request(`/v1/coops/${shop.coopSlug}/fulfilment?lang=${lang}`);
      expect(res.status).toBe(200);
      return { res, body: ((await res.json()) as { fulfilment: Fulfilment }).fulfilment };
    };

    it('lists pickup points, delivery regions with fees and payment methods, localized', async () => {
      const { res, body: en } = await read('en');
      expect(res.headers.get('content-language')).toBe('en');
      expect(en.checkoutEnabled).toBe(true);
      expect(en.currency).toBe('CNY');
      expect(en.paymentMethods).toEqual(['card', 'alipay']);
      expect(en.pickupPoints).toEqual([
        { id: shop.pickupPointId, name: 'Co-op shop', address: '1 Pear Village Road, Laiyang, Shandong', hours: 'Saturdays 9:00–12:00', payOffline: false },
      ]);
      expect(en.contact).toEqual({ phone: '+86 535 000 0000' });
      expect(en.delivery).toHaveLength(1);
      const courier = en.delivery[0]!;
      expect(courier).toMatchObject({ id: shop.deliveryOptionId, name: 'Courier' });
      // Shandong at its own fee; every other region at the flat fee, in integer minor units.
      expect(courier.regions.find((r) => r.code === 'shandong')).toEqual({ code: 'shandong', name: 'Shandong', feeMinor: 800 });
      expect(courier.regions.find((r) => r.code === 'beijing')).toEqual({ code: 'beijing', name: 'Beijing', feeMinor: 1500 });
      expect(courier.regions).toHaveLength(DELIVERY_REGIONS.length);
      expect(courier.regions.every((r) => Number.isInteger(r.feeMinor))).toBe(true);

      const { body: zh } = await read('zh-CN');
      expect(zh.pickupPoints[0]).toMatchObject({ name: '合作社门市', hours: '周六 9:00–12:00' });
      expect(zh.delivery[0]!.regions.find((r) => r.code === 'shandong')?.name).toBe('山东省');
      expect(zh.locale).toBe('zh-CN');
    });

    it('answers with an ETag and Cache-Control, and 304 on If-None-Match', async () => {
      const { res } = await read('en');
      const etag = res.headers.get('etag');
      expect(etag).toMatch(/^W\/"/);
      expect(res.headers.get('cache-control')).toBe('public, max-age=60, stale-while-revalidate=300');
      const again = await app.request(`/v1/coops/${shop.coopSlug}/fulfilment?lang=en`, { headers: { 'if-none-match': etag! } });
      expect(again.status).toBe(304);
      const otherLocale = await app.request(`/v1/coops/${shop.coopSlug}/fulfilment?lang=zh-CN`, { headers: { 'if-none-match': etag! } });
      expect(otherLocale.status).toBe(200);
    });

    it('refuses a bad lang with 400 and an unknown cooperative with 404, as JSON', async () => {
      const bad = await app.request(`/v1/coops/${shop.coopSlug}/fulfilment?lang=fr%3Cscript%3E`);
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as any).error).toMatchObject({ code: 'invalid_parameter', field: 'lang' });
      const unknown = await app.request('/v1/coops/nowhere/fulfilment');
      expect(unknown.status).toBe(404);
      expect(((await unknown.json()) as any).error.code).toBe('not_found');
    });

    it('says checkout is disabled where no payment provider is mounted', async () => {
      const plain = createStorefront({ db: database.db });
      plain.route('/', fulfilmentRoutes({ db: database.db, checkoutEnabled: false }));
      const res = await plain.request(`/v1/coops/${shop.coopSlug}/fulfilment?lang=en`, { headers: { origin: 'https://evil.example' } });
      expect(res.status).toBe(200);
      const body = ((await res.json()) as { fulfilment: Fulfilment }).fulfilment;
      expect(body.checkoutEnabled).toBe(false);
      expect(body.pickupPoints).toHaveLength(1);
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
    });

    it('quotes delivery by region before the address is filled in', async () => {
      const quote = (fulfilment: unknown) =>
        app.request(`/v1/coops/${shop.coopSlug}/cart/quote?lang=en`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ lines: [{ variantId: shop.pearVariantId, quantity: 2 }], fulfilment }),
        });
      const shandong = await quote({ type: 'delivery', optionId: shop.deliveryOptionId, region: 'shandong' });
      expect(shandong.status).toBe(200);
      expect(((await shandong.json()) as any).quote).toMatchObject({ subtotalMinor: 13600, fulfilmentFeeMinor: 800, totalMinor: 14400 });
      const beijing = await quote({ type: 'delivery', region: 'beijing', address: { name: '李' } });
      expect(((await beijing.json()) as any).quote).toMatchObject({ fulfilmentFeeMinor: 1500, totalMinor: 15100 });
      const pickup = await quote({ type: 'pickup', pickupPointId: shop.pickupPointId });
      expect(((await pickup.json()) as any).quote).toMatchObject({ fulfilmentFeeMinor: 0, totalMinor: 13600 });
    });

    it('answers a checkout with an unfinished address with 422 per field, in the shopper locale, and creates nothing', async () => {
      const attempt = (locale: string, address: Record<string, unknown>) =>
        app.request(`/v1/coops/${shop.coopSlug}/checkout`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': `addr-${locale}` },
          body: JSON.stringify({
            lines: [{ variantId: shop.pearVariantId, quantity: 1 }],
            fulfilment: { type: 'delivery', region: 'shandong', address },
            locale,
          }),
        });
      const en = await attempt('en', { name: 'Li', phone: '  ', line1: 'x'.repeat(201), city: 'Laiyang' });
      expect(en.status).toBe(422);
      const error = ((await en.json()) as any).error;
      expect(error.code).toBe('invalid_fulfilment');
      expect(error.issues).toEqual([
        { field: 'fulfilment.address.phone', code: 'required', message: 'Please fill in this field.' },
        { field: 'fulfilment.address.line1', code: 'too_long', message: 'This is too long.' },
      ]);
      const noRegion = await app.request(`/v1/coops/${shop.coopSlug}/checkout`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': 'addr-region' },
        body: JSON.stringify({
          lines: [{ variantId: shop.pearVariantId, quantity: 1 }],
          fulfilment: { type: 'delivery', region: '', address: { name: 'Li', phone: '1', line1: 'x', city: 'y' } },
          locale: 'en',
        }),
      });
      expect(noRegion.status).toBe(422);
      expect(((await noRegion.json()) as any).error.issues).toEqual([{ field: 'fulfilment.region', code: 'required', message: 'Please fill in this field.' }]);
      const zh = await attempt('zh-CN', { name: '李' });
      expect(zh.status).toBe(422);
      expect(((await zh.json()) as any).error.issues.map((i: { field: string; message: string }) => `${i.field} ${i.message}`)).toEqual([
        'fulfilment.address.phone 请填写此项。',
        'fulfilment.address.line1 请填写此项。',
        'fulfilment.address.city 请填写此项。',
      ]);
      // Other shape errors stay 400.
      const noLines = await app.request(`/v1/coops/${shop.coopSlug}/checkout`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': 'addr-3' },
        body: JSON.stringify({ lines: [], fulfilment: { type: 'delivery', region: 'shandong', address: {} }, locale: 'en' }),
      });
      expect(noLines.status).toBe(400);
      expect(await database.db.selectFrom('orders').select('id').execute()).toHaveLength(0);
    });
  });
}
