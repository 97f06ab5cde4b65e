// The cart's fulfilment step and checkout in real Chromium, against the storefront API with
// checkout mounted (paying through the local Stripe test server), on a third-party origin.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page, Request } from 'playwright-core';
import { ensureBundle, hostPage, launchChromium, startShop, startThirdPartySite } from './browser-harness';

const AXE = readFileSync(new URL(import.meta.resolve('axe-core/axe.min.js')), 'utf8');
const COOP = 'laiyang-pear';

let shop: Awaited<ReturnType<typeof startShop>>;
let site: Awaited<ReturnType<typeof startThirdPartySite>>;
let chromium: Awaited<ReturnType<typeof launchChromium>>;
let browser: Browser;

beforeAll(async () => {
  ensureBundle();
  let routes: Record<string, string> = {};
  site = await startThirdPartySite(() => routes);
  shop = await startShop([site.origin]);
  const cart = (attrs: string) => `<section><h2>购物车 · Cart</h2><terroir-cart coop="${COOP}" ${attrs}></terroir-cart></section>`;
  routes = {
    '/pay': hostPage(shop.origin, cart(`checkout pickup-point="${shop.pickupPointId}"`)),
    '/pay-en': hostPage(shop.origin, cart('checkout'), { lang: 'en' }),
    '/no-pay': hostPage(shop.origin, cart(''), { lang: 'en' }),
  };
  chromium = await launchChromium();
  browser = chromium.browser;
});

afterAll(async () => {
  await chromium?.close();
  await Promise.all([shop?.close(), site?.close()]);
});

/** The cheapest variant of a product, as the cart stores it. */
async function variantOf(slug: string) {
  const row = await shop.db
    .selectFrom('variants')
    .innerJoin('products', 'products.id', 'variants.product_id')
    .select(['variants.id', 'variants.price_minor', 'variants.label', 'products.title'])
    .where('products.slug', '=', slug)
    .orderBy('variants.price_minor')
    .executeTakeFirstOrThrow();
  return { id: row.id, priceMinor: Number(row.price_minor), label: JSON.parse(row.label)['zh-CN'] as string, title: JSON.parse(row.title)['zh-CN'] as string };
}

/** Opens a page with the cart already holding `lines` (the host page's localStorage). */
async function openWithCart(path: string, lines: { slug: string; quantity: number }[], width = 1280): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const stored = await Promise.all(
    lines.map(async ({ slug, quantity }) => {
      const v = await variantOf(slug);
      return { variantId: v.id, productSlug: slug, title: v.title, variantLabel: v.label, priceMinor: v.priceMinor, currency: 'CNY', quantity };
    }),
  );
  await context.addInitScript(
    ([coop, value]) => {
      if (!sessionStorage.getItem('seeded')) localStorage.setItem(`terroir:cart:${coop}`, value as string);
      sessionStorage.setItem('seeded', '1');
    },
    [COOP, JSON.stringify(stored)],
  );
  await page.goto(site.origin + path);
  return page;
}

const ordersCount = async () =>
  Number(
    (
      await shop.db
        .selectFrom('orders')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const checkoutRequests = (page: Page) => {
  const seen: Request[] = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && r.url().endsWith('/checkout')) seen.push(r);
  });
  return seen;
};

describe('cart fulfilment and checkout in Chromium', { timeout: 60_000 }, () => {
  it('picks up at a chosen point: shows its address and hours, the server total, and goes to the Stripe session', async () => {
    const page = await openWithCart('/pay', [{ slug: 'laiyang-pear', quantity: 1 }]);
    const cart = page.locator('terroir-cart');
    const step = cart.locator('[part=fulfilment]');
    await step.getByRole('group', { name: '取货方式' }).getByRole('radio', { name: '到店自提' }).waitFor();
    expect(await step.getByRole('radio', { name: '到店自提' }).isChecked()).toBe(true);
    // The pickup-point attribute chose the first point; the seeded market stall is offered too, with address and hours.
    expect(await step.getByRole('radio', { name: /^合作社门市/ }).isChecked()).toBe(true);
    const stall = step.getByRole('radio', { name: /莱阳城区周六集市摊位/ });
    await step.getByText('莱阳城区农贸市场（示例地址） · 周六 7:00–11:00').waitFor();
    await stall.check();
    await cart.locator('[part=total]').getByText('¥68.00').waitFor();
    await cart.locator('[part=fee]').getByText('¥0.00').waitFor();
    expect(await cart.locator('[part=total]').getAttribute('aria-live')).toBe('polite');

    const details: unknown[] = [];
    await page.exposeFunction('recordCheckout', (detail: unknown) => details.push(detail));
    await page.evaluate(() => window.addEventListener('terroir:checkout', (e) => (window as any).recordCheckout(e.detail)));
    const before = await ordersCount();
    await cart.getByRole('button', { name: '去结算', exact: true }).click();
    await page.waitForURL((url) => url.href.startsWith(`${shop.stripeUrl}/pay/cs_`));
    expect(details).toEqual([
      { coop: COOP, lines: [{ variantId: expect.any(String), quantity: 1 }], fulfilment: { type: 'pickup', pickupPointId: expect.stringMatching(/^ful_/) } },
    ]);
    expect((details[0] as { fulfilment: { pickupPointId: string } }).fulfilment.pickupPointId).not.toBe(shop.pickupPointId);
    expect(await ordersCount()).toBe(before + 1);
    // The key is forgotten once checkout succeeded.
    await page.goBack();
    expect(await page.evaluate((coop) => localStorage.getItem(`terroir:cart:${coop}:ck`), COOP)).toBe('');
    await page.context().close();
  });

  it('delivers: the region prices the fee on the server; a missing address field gets an inline error and creates nothing', async () => {
    const page = await openWithCart('/pay', [{ slug: 'laiyang-pear', quantity: 1 }]);
    const cart = page.locator('terroir-cart');
    const step = cart.locator('[part=fulfilment]');
    await step.getByRole('radio', { name: '快递配送' }).check();
    await step.getByRole('combobox', { name: '收货地区' }).selectOption('shandong');
    await cart.locator('[part=fee]').getByText('¥10.00').waitFor();
    await cart.locator('[part=total]').getByText('¥78.00').waitFor();
    await step.getByRole('combobox', { name: '收货地区' }).selectOption('beijing');
    await cart.locator('[part=total]').getByText('¥86.00').waitFor();

    await step.getByRole('textbox', { name: '收货人' }).fill('李梨花');
    await step.getByRole('textbox', { name: '详细地址' }).fill('朝阳区梨园路 8 号');
    await step.getByRole('textbox', { name: '城市' }).fill('北京');
    const before = await ordersCount();
    await cart.getByRole('button', { name: '去结算', exact: true }).click();
    const phone = step.getByRole('textbox', { name: '手机号码' });
    await expect.poll(() => phone.getAttribute('aria-invalid')).toBe('true');
    await step.getByText('请填写此项。').waitFor();
    expect(
      await phone.evaluate(
        (el) =>
          el.getAttribute('aria-describedby') &&
          el.getRootNode() instanceof ShadowRoot &&
          (el.getRootNode() as ShadowRoot).getElementById(el.getAttribute('aria-describedby')!)?.textContent,
      ),
    ).toBe('请填写此项。');
    await expect.poll(() => phone.evaluate((el) => (el.getRootNode() as ShadowRoot).activeElement === el)).toBe(true);
    await cart.getByRole('alert').getByText('请检查取货或收货信息。').waitFor();
    expect(await ordersCount()).toBe(before);

    await phone.fill('13800000000');
    await cart.getByRole('button', { name: '去结算', exact: true }).click();
    await page.waitForURL((url) => url.href.startsWith(`${shop.stripeUrl}/pay/cs_`));
    expect(await ordersCount()).toBe(before + 1);
    await page.context().close();
  });

  it('makes exactly one order from a double click, and from a retry after the response was lost', async () => {
    const page = await openWithCart('/pay', [{ slug: 'qixia-apple', quantity: 1 }]);
    const cart = page.locator('terroir-cart');
    await cart.locator('[part=total]').getByText(/¥/).waitFor();
    const requests = checkoutRequests(page);
    const before = await ordersCount();
    await cart.getByRole('button', { name: '去结算', exact: true }).dblclick();
    await page.waitForURL((url) => url.href.startsWith(`${shop.stripeUrl}/pay/cs_`));
    expect(await ordersCount()).toBe(before + 1);
    expect(new Set(requests.map((r) => r.headers()['idempotency-key'])).size).toBe(1);
    await page.context().close();

    // The server places the order, but the answer never reaches the browser; the retry replays the same key.
    const again = await openWithCart('/pay', [{ slug: 'laiyang-pear', quantity: 2 }]);
    const cart2 = again.locator('terroir-cart');
    await cart2.locator('[part=total]').getByText(/¥/).waitFor();
    const retried = checkoutRequests(again);
    let dropped = 0;
    await again.route('**/api/v1/coops/*/checkout', async (route) => {
      if (dropped++ > 0) return route.continue();
      await route.fetch(); // reaches the server, which places the order…
      await route.abort('connectionreset'); // …and the browser sees a network error
    });
    await cart2.getByRole('button', { name: '去结算', exact: true }).click();
    await cart2.getByRole('alert').getByText('结算失败，请重试。').waitFor();
    expect(await ordersCount()).toBe(before + 2);
    await cart2.getByRole('button', { name: '去结算', exact: true }).click();
    await again.waitForURL((url) => url.href.startsWith(`${shop.stripeUrl}/pay/cs_`));
    expect(await ordersCount()).toBe(before + 2);
    expect(retried).toHaveLength(2);
    expect(retried[0]!.headers()['idempotency-key']).toBe(retried[1]!.headers()['idempotency-key']);
    await again.context().close();
  });

  it('shows which line is sold out and how many are left, and lets the shopper take what is left', async () => {
    const basket = await variantOf('straw-basket');
    await shop.db.updateTable('variants').set({ stock_on_hand: 2 }).where('id', '=', basket.id).execute();
    const page = await openWithCart('/pay', [{ slug: 'straw-basket', quantity: 5 }]);
    const cart = page.locator('terroir-cart');
    const line = cart.locator('[part=line]').filter({ hasText: '草编提篮' });
    await line.getByRole('alert').getByText('仅剩 2 件。').waitFor();
    await line.getByRole('button', { name: '改为 2 件' }).click();
    await line.getByRole('alert').waitFor({ state: 'detached' });
    expect(await line.locator('output').textContent()).toBe('2');
    await cart.locator('[part=total]').getByText(/¥/).waitFor();
    await page.context().close();
  });

  it('explains that online payment is not set up when the cart has no checkout', async () => {
    const page = await openWithCart('/no-pay', [{ slug: 'laiyang-pear', quantity: 1 }]);
    const cart = page.locator('terroir-cart');
    await cart.locator('[part=subtotal]').getByText('CN¥68.00').waitFor();
    expect(await cart.locator('[part=fulfilment]').count()).toBe(0);
    await cart.getByRole('button', { name: 'Check out', exact: true }).click();
    await cart.getByRole('alert').getByText('Online payment is not set up on this site.').waitFor();
    await page.context().close();
  });

  it('shows the receipt as paid, in zh-CN and en, after the signed checkout.session.completed webhook', async () => {
    const page = await openWithCart('/pay-en', [{ slug: 'laiyang-pear', quantity: 1 }]);
    const cart = page.locator('terroir-cart');
    await cart.locator('[part=total]').getByText('CN¥68.00').waitFor();
    await cart.getByRole('button', { name: 'Check out', exact: true }).click();
    await page.waitForURL((url) => url.href.startsWith(`${shop.stripeUrl}/pay/cs_`));
    const order = await shop.db
      .selectFrom('orders')
      .select(['id', 'token', 'status'])
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(order.status).toBe('pending_payment');
    expect((await shop.pay(order.id)).status).toBe(200);
    const receipt = new URL(`${shop.origin}/api/orders/${order.token}`);
    await page.goto(`${receipt.origin}${receipt.pathname}?lang=en&return=success`);
    await page.getByRole('heading', { level: 1 }).getByText('Paid').waitFor();
    await page.goto(`${receipt.origin}${receipt.pathname}?lang=zh-CN`);
    await page.getByRole('heading', { level: 1 }).getByText('已付款').waitFor();
    await page.context().close();
  });

  it('has no serious or critical axe-core violations in the fulfilment step (pickup, delivery, errors; zh-CN and en)', async () => {
    const page = await openWithCart('/pay', [{ slug: 'laiyang-pear', quantity: 1 }]);
    const cart = page.locator('terroir-cart');
    await cart.locator('[part=total]').getByText('¥68.00').waitFor();
    await page.addScriptTag({ content: AXE });
    const run = () =>
      page.evaluate(async () => {
        const result = await (window as any).axe.run(document);
        return result.violations
          .filter((v: { impact: string }) => v.impact === 'serious' || v.impact === 'critical')
          .map((v: { id: string; nodes: { target: unknown }[] }) => `${v.id}: ${JSON.stringify(v.nodes.map((n) => n.target))}`);
      });
    expect(await run()).toEqual([]);
    const step = cart.locator('[part=fulfilment]');
    await step.getByRole('radio', { name: '快递配送' }).check();
    await step.getByRole('combobox', { name: '收货地区' }).selectOption('shandong');
    await cart.getByRole('button', { name: '去结算', exact: true }).click();
    await step.getByText('请填写此项。').first().waitFor();
    expect(await run()).toEqual([]);
    await cart.evaluate((el) => el.setAttribute('lang', 'en'));
    await step.getByRole('combobox', { name: 'Region' }).waitFor();
    expect(await run()).toEqual([]);
    await page.context().close();
  });

  it('fits 360 px with the fulfilment step open (pickup and delivery)', async () => {
    for (const width of [360, 1280]) {
      const page = await openWithCart(
        '/pay',
        [
          { slug: 'laiyang-pear', quantity: 1 },
          { slug: 'straw-basket', quantity: 1 },
        ],
        width,
      );
      const cart = page.locator('terroir-cart');
      await cart.locator('[part=total]').getByText(/¥/).waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      await cart.locator('[part=fulfilment]').getByRole('radio', { name: '快递配送' }).check();
      await cart.locator('[part=fulfilment]').getByRole('combobox', { name: '收货地区' }).selectOption('shandong');
      await cart.locator('[part=fee]').getByText('¥10.00').waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      await page.context().close();
    }
  });
});
