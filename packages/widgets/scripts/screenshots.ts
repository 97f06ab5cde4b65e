// Writes the widget screenshots in docs/img (the only thing that does: tests leave no files).
// Needs Chromium and CJK fonts (fonts-noto-cjk) so the Chinese text shows. Runs under vitest
// (vitest.screenshots.config.ts) for the same module resolution as the browser tests; it is
// not part of `pnpm test`.
//   npx -y pnpm@12.4.2 --filter @terroir/widgets screenshots
import { it } from 'vitest';
import { ensureBundle, hostPage, launchChromium, startShop, startThirdPartySite } from '../test/browser-harness';

const DOCS_IMG = new URL('../../../docs/img/', import.meta.url).pathname;
const COOP = 'laiyang-pear';

it('writes docs/img/widgets-*.png and cart-*.png', { timeout: 180_000 }, async () => {
  ensureBundle();
  let routes: Record<string, string> = {};
  const site = await startThirdPartySite(() => routes);
  const shop = await startShop([site.origin]);
  const chromium = await launchChromium();
  try {
    const widgets = `
  <section><h2>应季好物 · In season</h2><terroir-products limit="4" coop="${COOP}"></terroir-products></section>
  <section><h2>一件物的故事 · A story</h2><terroir-story coop="${COOP}" story="liu-guifang-weaving"></terroir-story></section>
  <section><h2>购物车 · Cart</h2><terroir-cart coop="${COOP}"></terroir-cart></section>`;
    routes = {
      '/showcase': hostPage(shop.origin, widgets),
      '/pay': hostPage(
        shop.origin,
        `<section><h2>购物车 · Cart</h2><terroir-cart coop="${COOP}" checkout pickup-point="${shop.pickupPointId}"></terroir-cart></section>`,
      ),
    };
    // Cart lines as the widgets store them, from the live API (no database access here).
    const lines = [];
    for (const slug of ['laiyang-pear', 'straw-basket']) {
      const { product } = (await (await fetch(`${shop.origin}/api/v1/coops/${COOP}/products/${slug}?lang=zh-CN`)).json()) as {
        product: { slug: string; title: string; variants: { id: string; label: string; priceMinor: number; currency: string }[] };
      };
      const variant = [...product.variants].sort((a, b) => a.priceMinor - b.priceMinor)[0]!;
      lines.push({
        variantId: variant.id,
        productSlug: slug,
        title: product.title,
        variantLabel: variant.label,
        priceMinor: variant.priceMinor,
        currency: variant.currency,
        quantity: 1,
      });
    }

    for (const width of [360, 1280]) {
      const context = await chromium.browser.newContext({ viewport: { width, height: 900 } });
      context.setDefaultTimeout(20_000);
      const page = await context.newPage();
      await page.goto(site.origin + '/showcase');
      await page.locator('terroir-products').getByRole('heading', { name: '莱阳梨', exact: true }).waitFor();
      await page.locator('terroir-story').getByRole('heading', { name: '老编匠手里的麦秸', exact: true }).waitFor();
      await page.locator('terroir-products').getByRole('button', { name: '加入购物车: 莱阳梨', exact: true }).click();
      await page.locator('terroir-cart').getByText('5斤装').waitFor();
      await page.evaluate(() =>
        Promise.all(
          [...document.querySelectorAll('terroir-products, terroir-story')].flatMap((el) =>
            [...el.shadowRoot!.querySelectorAll('img')].map((img) => {
              img.loading = 'eager';
              return img.decode().catch(() => undefined);
            }),
          ),
        ),
      );
      await page.screenshot({ path: `${DOCS_IMG}widgets-${width}.png`, fullPage: true });
      await context.close();

      const cartContext = await chromium.browser.newContext({ viewport: { width, height: 900 } });
      cartContext.setDefaultTimeout(20_000);
      await cartContext.addInitScript(([coop, value]) => localStorage.setItem(`terroir:cart:${coop}`, value as string), [COOP, JSON.stringify(lines)]);
      const cartPage = await cartContext.newPage();
      await cartPage.goto(site.origin + '/pay');
      const cart = cartPage.locator('terroir-cart');
      await cart.locator('[part=total]').getByText(/¥/).waitFor();
      await cart.screenshot({ path: `${DOCS_IMG}cart-pickup-${width}.png` });
      await cart.locator('[part=fulfilment]').getByRole('radio', { name: '快递配送' }).check();
      await cart.locator('[part=fulfilment]').getByRole('combobox', { name: '收货地区' }).selectOption('shandong');
      await cart.locator('[part=fee]').getByText('¥10.00').waitFor();
      await cart.screenshot({ path: `${DOCS_IMG}cart-delivery-${width}.png` });
      await cartContext.close();
      console.log(`docs/img: widgets-${width}.png, cart-pickup-${width}.png, cart-delivery-${width}.png`);
    }
  } finally {
    await chromium.close();
    await Promise.all([shop.close(), site.close()]);
  }
});
