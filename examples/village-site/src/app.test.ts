import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DIALECTS, type TestDatabase } from '@terroir/core/testing';
import { seedDemoVillage } from '@terroir/core/seed';
import { createTelemetry } from '@terroir/server';
import { StripeProvider, createStripeClient } from '@terroir/server/stripe';
import { createVillageSite } from './app';
import { startStripeTestServer } from '@terroir/stripe-test-server';

for (const dialect of TEST_DIALECTS) {
  describe(`village site on ${dialect.name}`, () => {
    let database: TestDatabase;
    let app: ReturnType<typeof createVillageSite>;
    let widgetsDir: string;

    beforeAll(async () => {
      database = await dialect.open();
      await seedDemoVillage(database.db);
      widgetsDir = mkdtempSync(join(tmpdir(), 'terroir-widgets-'));
      writeFileSync(join(widgetsDir, 'terroir.js'), 'export const built = true;\n');
      app = createVillageSite({ db: database.db, widgetsDir });
    });
    afterAll(async () => {
      await database.destroy();
      rmSync(widgetsDir, { recursive: true, force: true });
    });

    it('renders the English homepage with products, public stories and the audio transcript', async () => {
      const res = await app.request('/?lang=en');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/text\/html/);
      expect(res.headers.get('content-language')).toBe('en');
      const page = await res.text();
      expect(page).toContain('<html lang="en">');
      expect(page).toContain('Laiyang Pear Village Cooperative');
      for (const title of ['Laiyang Pear', 'Straw-woven Basket', 'Pear-blossom Orchard Walk', 'Jiaodong Blessing Bun (Hua Bobo)']) {
        expect(page).toContain(title);
      }
      expect(page).toContain('Grafting: How a Pear Tree Keeps Its Name');
      expect(page).toMatch(/<audio controls preload="none" src="\/media\/liu-weaver-voice\.wav">/);
      expect(page).toContain('I started weaving with my mother');
      expect(page).toContain('TERROIR WIDGETS SPOT');
      // Prices come from the API in fen: the 5 jin box at 6800 is ¥13.60 a jin.
      const card = (slug: string) => page.slice(page.indexOf(`data-product="${slug}"`), page.indexOf('</li>', page.indexOf(`data-product="${slug}"`)));
      expect(card('laiyang-pear')).toContain('from CN¥68.00');
      expect(card('laiyang-pear')).toContain('¥13.60/jin');
      expect(card('straw-basket')).toContain('from CN¥98.00');
      expect(card('straw-basket')).not.toContain('/jin');
      // Community-only and draft stories never reach the page.
      expect(page).not.toContain('Weaving Rhymes');
      expect(page).not.toContain('When the Pear Trees Flower');
      // Text from the data is escaped, never injected as markup.
      expect(page).toContain('Liu Guifang on straw weaving');
    });

    it('negotiates Chinese from Accept-Language and offers a switch to English', async () => {
      const res = await app.request('/', { headers: { 'Accept-Language': 'zh-TW,zh;q=0.9,en;q=0.5' } });
      expect(res.status).toBe(200);
      const page = await res.text();
      expect(page).toContain('<html lang="zh-CN">');
      expect(page).toContain('莱阳梨乡合作社');
      expect(page).toContain('老编匠手里的麦秸');
      expect(page).toContain('href="/?lang=en"');
      expect(res.headers.get('vary')).toMatch(/Accept-Language/);
      // Absolute canonical and hreflang links, and an icon (no /favicon.ico 404) — issue 13.
      expect(page).toMatch(/<link rel="canonical" href="https?:\/\/[^"]+\/\?lang=zh-CN">/);
      expect(page).toMatch(/<link rel="alternate" hreflang="en" href="https?:\/\/[^"]+\/\?lang=en">/);
      expect(page).toContain('<link rel="icon" href="data:image/svg+xml,');
    });

    it('answers the health and readiness probes', async () => {
      expect((await app.request('/healthz')).status).toBe(200);
      const ready = await app.request('/readyz');
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({ status: 'ready', pendingMigrations: [] });
    });

    it('serves /metrics only when given a token, and answers every request with a request id', async () => {
      expect((await app.request('/metrics')).status).toBe(404);
      const telemetry = createTelemetry({ logger: false, processMetrics: false });
      const observed = createVillageSite({ db: database.db, widgetsDir, telemetry, metricsToken: 'village-metrics-token-1' });
      const page = await observed.request('/api/v1/coops/laiyang-pear/products?lang=en');
      expect(page.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
      expect((await observed.request('/metrics')).status).toBe(401);
      const metrics = await observed.request('/metrics', { headers: { authorization: 'Bearer village-metrics-token-1' } });
      expect(metrics.status).toBe(200);
      expect(await metrics.text()).toContain('terroir_http_requests_total{method="GET",route="/api/v1/coops/:coop/products",status="200"} 1');
    });

    it('proxies the storefront API under /api', async () => {
      const res = await app.request('/api/v1/coops/laiyang-pear/products?category=craft&lang=en', {
        headers: { Origin: 'http://localhost:8788' },
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:8788');
      const body = (await res.json()) as { items: Array<{ slug: string; category: string }>; locale: string };
      expect(body.locale).toBe('en');
      expect(body.items.map((p) => p.slug).sort()).toEqual(['paper-cut', 'straw-basket', 'straw-coasters']);
      expect(body.items.every((p) => p.category === 'craft')).toBe(true);

      const hidden = await app.request('/api/v1/coops/laiyang-pear/stories/liu-family-weaving-rhymes');
      expect(hidden.status).toBe(404);
      expect(await hidden.json()).toMatchObject({ error: { code: 'not_found' } });
    });

    it('serves media with caching headers and refuses paths outside the media folder', async () => {
      const svg = await app.request('/media/laiyang-pear.svg');
      expect(svg.status).toBe(200);
      expect(svg.headers.get('content-type')).toMatch(/image\/svg\+xml/);
      expect(svg.headers.get('cache-control')).toBe('public, max-age=86400');
      expect(svg.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
      expect(await svg.text()).toMatch(/^<svg[^>]+width="320" height="240"/);

      const audio = await app.request('/media/liu-weaver-voice.wav', { headers: { Range: 'bytes=0-3' } });
      expect(audio.status).toBe(206);
      expect(audio.headers.get('content-type')).toMatch(/audio\/(x-)?wav/);
      expect(await audio.text()).toBe('RIFF');

      for (const path of ['/media/../package.json', '/media/%2e%2e/package.json', '/media/..%2fpackage.json', '/media/nope.svg']) {
        const res = await app.request(path);
        expect(res.status, path).toBe(404);
      }
    });

    it('serves the widgets bundle when it is built, and 404s otherwise', async () => {
      const bundle = await app.request('/widgets/terroir.js');
      expect(bundle.status).toBe(200);
      expect(bundle.headers.get('cache-control')).toBe('public, max-age=300');
      expect(await bundle.text()).toContain('built = true');

      const unbuilt = createVillageSite({ db: database.db, widgetsDir: join(widgetsDir, 'missing') });
      expect((await unbuilt.request('/widgets/terroir.js')).status).toBe(404);
    });
  });
}

for (const dialect of TEST_DIALECTS) {
  describe(`village site checkout switch on ${dialect.name}`, () => {
    let database: TestDatabase;
    beforeAll(async () => {
      database = await dialect.open();
      await seedDemoVillage(database.db);
    });
    afterAll(() => database.destroy());
    const fulfilment = async (app: ReturnType<typeof createVillageSite>) => {
      const res = await app.request('/api/v1/coops/laiyang-pear/fulfilment?lang=en');
      expect(res.status).toBe(200);
      return ((await res.json()) as { fulfilment: { checkoutEnabled: boolean; pickupPoints: unknown[] } }).fulfilment;
    };

    it('without Stripe keys: the API says checkout is disabled, the cart has no checkout, and checkout is a JSON 404, not a 500', async () => {
      const app = createVillageSite({ db: database.db });
      const info = await fulfilment(app);
      expect(info.checkoutEnabled).toBe(false);
      expect(info.pickupPoints.length).toBeGreaterThan(0);
      const home = await (await app.request('/?lang=zh-CN')).text();
      expect(home).toMatch(/<terroir-cart coop="laiyang-pear" lang="zh-CN" api="\/api" mode="drawer"><\/terroir-cart>/);
      const post = await app.request('/api/v1/coops/laiyang-pear/checkout', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': 'k' },
        body: '{}',
      });
      expect(post.status).toBe(404);
      expect(((await post.json()) as { error: { code: string } }).error.code).toBe('not_found');
    });

    it('with Stripe: checkout is enabled, the home cart gets `checkout`, and a checkout reaches the Stripe session', async () => {
      const stripeServer = await startStripeTestServer();
      try {
        const stripe = createStripeClient({ secretKey: 'sk_test_demo', host: '127.0.0.1', port: stripeServer.port, protocol: 'http', maxNetworkRetries: 0 });
        const payments = new StripeProvider({ stripe, webhookSecret: 'whsec_demo' });
        const app = createVillageSite({ db: database.db, checkout: { database, payments, publicBaseUrl: 'http://localhost:8787/api' } });
        expect((await fulfilment(app)).checkoutEnabled).toBe(true);
        const home = await (await app.request('/?lang=en')).text();
        expect(home).toContain('<terroir-cart coop="laiyang-pear" lang="en" api="/api" mode="drawer" checkout></terroir-cart>');
        const variant = await database.db.selectFrom('variants').select('id').orderBy('price_minor').where('stock_on_hand', '>', 0).executeTakeFirstOrThrow();
        const options = await database.db.selectFrom('fulfilment_options').select('id').where('kind', '=', 'pickup').executeTakeFirstOrThrow();
        const res = await app.request('/api/v1/coops/laiyang-pear/checkout', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': 'demo-1' },
          body: JSON.stringify({ lines: [{ variantId: variant.id, quantity: 1 }], fulfilment: { type: 'pickup', pickupPointId: options.id }, locale: 'en' }),
        });
        expect(res.status).toBe(201);
        const { checkout } = (await res.json()) as { checkout: { redirectUrl: string; receiptUrl: string } };
        expect(checkout.redirectUrl).toMatch(new RegExp(`^${stripeServer.url}/pay/cs_`));
        expect(checkout.receiptUrl).toMatch(/^http:\/\/localhost:8787\/api\/orders\//);
      } finally {
        await stripeServer.close();
      }
    });
  });
}
