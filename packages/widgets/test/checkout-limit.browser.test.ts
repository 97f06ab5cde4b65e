// Issue 14 #8 in real Chromium: when unpaid checkouts already hold as much stock as the shop
// allows, the cart tells the shopper why (the server's 429 message, in the page's language).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { ensureBundle, hostPage, launchChromium, startShop, startThirdPartySite } from './browser-harness';

const COOP = 'laiyang-pear';
let shop: Awaited<ReturnType<typeof startShop>>;
let site: Awaited<ReturnType<typeof startThirdPartySite>>;
let chromium: Awaited<ReturnType<typeof launchChromium>>;
let browser: Browser;

beforeAll(async () => {
  ensureBundle();
  let routes: Record<string, string> = {};
  site = await startThirdPartySite(() => routes);
  // One open checkout for the whole cooperative: the second attempt is over the limit. (The
  // harness's fetch handler does not pass the socket on, so the per-IP limit is tested in
  // the server's own tests.)
  shop = await startShop([site.origin], { checkoutLimits: { cooperative: { openCheckouts: 1 } } });
  const cart = `<terroir-cart coop="${COOP}" checkout pickup-point="${shop.pickupPointId}"></terroir-cart>`;
  routes = { '/pay': hostPage(shop.origin, cart), '/pay-en': hostPage(shop.origin, cart, { lang: 'en' }) };
  chromium = await launchChromium();
  browser = chromium.browser;
});

afterAll(async () => {
  await chromium?.close();
  await Promise.all([shop?.close(), site?.close()]);
});

async function cartPage(path: string) {
  const row = await shop.db
    .selectFrom('variants')
    .innerJoin('products', 'products.id', 'variants.product_id')
    .select(['variants.id', 'variants.price_minor', 'variants.label', 'products.title'])
    .where('products.slug', '=', 'laiyang-pear')
    .orderBy('variants.price_minor')
    .executeTakeFirstOrThrow();
  const line = {
    variantId: row.id,
    productSlug: 'laiyang-pear',
    title: JSON.parse(row.title)['zh-CN'],
    variantLabel: JSON.parse(row.label)['zh-CN'],
    priceMinor: Number(row.price_minor),
    currency: 'CNY',
    quantity: 1,
  };
  const context = await browser.newContext({ viewport: { width: 360, height: 800 } });
  context.setDefaultTimeout(15_000);
  await context.addInitScript(([coop, value]) => localStorage.setItem(`terroir:cart:${coop}`, value as string), [COOP, JSON.stringify([line])]);
  const page = await context.newPage();
  await page.goto(site.origin + path);
  return page;
}

describe('checkout limits in the cart widget', { timeout: 60_000 }, () => {
  it('shows why a checkout over the limit is refused, in zh-CN and en, and creates no order', async () => {
    const first = await cartPage('/pay');
    await first.locator('terroir-cart [part=total]').getByText('¥68.00').waitFor();
    await first.locator('terroir-cart').getByRole('button', { name: '去结算', exact: true }).click();
    await first.waitForURL((url) => url.href.startsWith(`${shop.stripeUrl}/pay/cs_`));
    await first.context().close();
    const orders = async () =>
      Number(
        (
          await shop.db
            .selectFrom('orders')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await orders();

    const second = await cartPage('/pay');
    const cart = second.locator('terroir-cart');
    await cart.locator('[part=total]').getByText('¥68.00').waitFor();
    await cart.getByRole('button', { name: '去结算', exact: true }).click();
    await cart
      .getByRole('alert')
      .getByText(/未付款的订单太多/)
      .waitFor();
    expect(second.url()).toBe(`${site.origin}/pay`);
    await second.context().close();

    const english = await cartPage('/pay-en');
    const enCart = english.locator('terroir-cart');
    await enCart
      .locator('[part=total]')
      .getByText(/68\.00/)
      .waitFor();
    await enCart.getByRole('button', { name: 'Check out', exact: true }).click();
    await enCart
      .getByRole('alert')
      .getByText(/Too many unpaid checkouts/)
      .waitFor();
    await english.context().close();
    expect(await orders()).toBe(before);
  });
});
