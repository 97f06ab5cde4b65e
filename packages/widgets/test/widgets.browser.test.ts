// The widgets in real Chromium, embedded in a third-party page on another origin than the API.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ensureBundle, hostPage, launchChromium, startShop, startThirdPartySite } from './browser-harness';

const AXE = readFileSync(new URL(import.meta.resolve('axe-core/axe.min.js')), 'utf8');
const COOP = 'laiyang-pear';

let shop: Awaited<ReturnType<typeof startShop>>;
let site: Awaited<ReturnType<typeof startThirdPartySite>>;
let stranger: Awaited<ReturnType<typeof startThirdPartySite>>;
let chromium: Awaited<ReturnType<typeof launchChromium>>;
let browser: Browser;

const pages = (body: string, options?: Parameters<typeof hostPage>[2]) => () => hostPage(shop.origin, body, options);
const allWidgets = `
<section><h2>应季好物 · In season</h2><terroir-products coop="${COOP}"></terroir-products></section>
<section><h2>一件物的故事 · A story</h2><terroir-story coop="${COOP}" story="liu-guifang-weaving"></terroir-story></section>
<section><h2>购物车 · Cart</h2><terroir-cart coop="${COOP}"></terroir-cart></section>`;

async function open(path: string, options: { width?: number; origin?: string } = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: options.width ?? 1280, height: 900 } });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  (page as Page & { errors: string[] }).errors = errors;
  await page.goto((options.origin ?? site.origin) + path);
  return page;
}
const errorsOf = (page: Page) => (page as Page & { errors: string[] }).errors;

beforeAll(async () => {
  ensureBundle();
  // The site's origin must exist before the coop is seeded with it as an allowed origin.
  let siteRoutes: Record<string, string> = {};
  site = await startThirdPartySite(() => siteRoutes);
  stranger = await startThirdPartySite(() => ({ '/': hostPage(shop.origin, allWidgets) }));
  shop = await startShop([site.origin]);
  siteRoutes = {
    '/': pages(allWidgets)(),
    '/twice': pages(`<terroir-products coop="${COOP}" category="craft"></terroir-products>`, { scripts: 2 })(),
    '/product': pages(`<terroir-product coop="${COOP}" product="laiyang-pear"></terroir-product><terroir-cart coop="${COOP}" mode="drawer"></terroir-cart>`)(),
    '/showcase': pages(allWidgets.replace('<terroir-products coop', '<terroir-products limit="4" coop'))(),
    '/checkout': pages(
      `<terroir-products coop="${COOP}" category="fresh" nofilters></terroir-products><terroir-cart coop="${COOP}" checkout pickup-point="${shop.pickupPointId}"></terroir-cart>`,
    )(),
    '/slow': pages(`<terroir-products coop="${COOP}" lang="en"></terroir-products>`, { lang: 'en' })(),
    '/stories': pages(`<terroir-stories coop="${COOP}" kind="craft-technique"></terroir-stories>`, { lang: 'en' })(),
  };
  chromium = await launchChromium();
  browser = chromium.browser;
});

afterAll(async () => {
  await chromium?.close();
  await Promise.all([shop?.close(), site?.close(), stranger?.close()]);
});

// Generous per-test time: the whole suite may share two cores with the other packages' tests.
describe('widgets in Chromium on a third-party origin', { timeout: 60_000 }, () => {
  it('renders products from the live API, filters by category (control and attribute) and switches language', async () => {
    const page = await open('/');
    const products = page.locator('terroir-products');
    await expect(products.getByRole('heading', { name: '莱阳梨', exact: true }).waitFor()).resolves.toBeUndefined();
    await products.getByText('¥68.00').first().waitFor();
    await products.getByText('¥13.60/斤').first().waitFor(); // 6800 fen for 5 jin
    expect(await products.getByRole('heading', { name: '草编提篮', exact: true }).count()).toBe(1);

    await products.getByRole('combobox', { name: '品类', exact: true }).selectOption('craft');
    await products.getByRole('heading', { name: '草编提篮', exact: true }).waitFor();
    await products.getByRole('heading', { name: '莱阳梨', exact: true }).waitFor({ state: 'detached' });

    await products.evaluate((el) => el.setAttribute('category', 'fresh'));
    await products.getByRole('heading', { name: '莱阳梨', exact: true }).waitFor();
    expect(await products.getByRole('heading', { name: '草编提篮', exact: true }).count()).toBe(0);
    expect(await products.getByRole('combobox', { name: '品类', exact: true }).inputValue()).toBe('fresh');

    await products.evaluate((el) => el.setAttribute('lang', 'en'));
    await products.getByRole('heading', { name: 'Laiyang Pear', exact: true }).waitFor();
    await products.getByRole('combobox', { name: 'Category', exact: true }).waitFor();
    await products.getByRole('button', { name: 'Add to cart: Laiyang Pear', exact: true }).waitFor();
    expect(errorsOf(page)).toEqual([]);
    await page.context().close();
  });

  it('adds to the cart, announces it, and the cart survives a reload', async () => {
    const page = await open('/');
    const events: unknown[] = [];
    await page.exposeFunction('recordAdd', (detail: unknown) => events.push(detail));
    await page.evaluate(() => window.addEventListener('terroir:add-to-cart', (e) => (window as any).recordAdd(e.detail)));
    const products = page.locator('terroir-products');
    await products.getByRole('button', { name: '加入购物车: 莱阳梨', exact: true }).click();
    const cart = page.locator('terroir-cart');
    await cart.getByText('5斤装').waitFor();
    await cart.getByRole('status').filter({ hasText: '购物车共 1 件' }).waitFor();
    await products.getByRole('status').filter({ hasText: '已加入购物车：莱阳梨 · 5斤装' }).waitFor();
    expect(events).toEqual([{ coop: COOP, productSlug: 'laiyang-pear', variantId: expect.any(String), quantity: 1, priceMinor: 6800, currency: 'CNY' }]);

    await cart.locator('[part=subtotal]').getByText('¥68.00').waitFor();
    await cart.getByRole('button', { name: '增加: 莱阳梨 · 5斤装', exact: true }).click();
    await cart.getByRole('status').filter({ hasText: '购物车共 2 件' }).waitFor();
    // The subtotal is the server's quote, not browser arithmetic.
    await cart.locator('[part=subtotal]').getByText('¥136.00').waitFor();

    await page.reload();
    await page.locator('terroir-cart').getByText('5斤装').waitFor();
    expect(await page.locator('terroir-cart output').textContent()).toBe('2');
    const stored = await page.evaluate((coop) => JSON.parse(localStorage.getItem(`terroir:cart:${coop}`) ?? '[]'), COOP);
    expect(stored).toEqual([expect.objectContaining({ productSlug: 'laiyang-pear', quantity: 2, priceMinor: 6800 })]);
    expect(await page.context().cookies()).toEqual([]);

    await page.locator('terroir-cart').getByRole('button', { name: '移除: 莱阳梨 · 5斤装', exact: true }).click();
    await page.locator('terroir-cart').getByText('购物车是空的。').waitFor();
    await page.context().close();
  });

  it('shows what the server says about a line it cannot sell, and no subtotal', async () => {
    const page = await open('/');
    await page.evaluate((coop) => {
      const line = {
        variantId: 'var_gone',
        productSlug: 'laiyang-pear',
        title: '莱阳梨',
        variantLabel: '旧规格',
        priceMinor: 100,
        currency: 'CNY',
        quantity: 1,
      };
      localStorage.setItem(`terroir:cart:${coop}`, JSON.stringify([line]));
    }, COOP);
    await page.reload();
    const cart = page.locator('terroir-cart');
    await cart.locator('[part=line]').getByRole('alert').waitFor();
    await cart.locator('[part=subtotal]').getByText('待确认', { exact: true }).waitFor();
    await page.context().close();
  });

  it('checks out: POST /checkout with the cart, then a full-page redirect to the payment page', async () => {
    const page = await open('/checkout');
    await page.locator('terroir-products').getByRole('button', { name: '加入购物车: 莱阳梨', exact: true }).click();
    const cart = page.locator('terroir-cart');
    await cart.locator('[part=subtotal]').getByText('¥68.00').waitFor();
    await cart.getByRole('button', { name: '去结算', exact: true }).click();
    await page.waitForURL((url) => url.href.startsWith(`${shop.stripeUrl}/pay/cs_`));
    await page.context().close();
  });

  it('shows skeletons on a slow network, an error with retry when a request fails, and recovers on retry', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let failNext = false;
    await page.route('**/api/v1/coops/*/products?*', async (route) => {
      if (failNext) return route.abort('connectionreset');
      await held;
      return route.continue();
    });
    await page.goto(site.origin + '/slow');
    const products = page.locator('terroir-products');
    // Held response: the skeleton is there, announced as loading, and no products yet.
    await products.locator('[part=skeleton][aria-busy=true]').getByText('Loading…').waitFor({ state: 'attached' });
    expect(await products.getByRole('heading', { name: 'Laiyang Pear', exact: true }).count()).toBe(0);
    release();
    await products.getByRole('heading', { name: 'Laiyang Pear', exact: true }).waitFor();

    failNext = true;
    await products.getByRole('combobox', { name: 'Category', exact: true }).selectOption('craft');
    await products.getByRole('alert').getByText('We could not load this. Check your connection and try again.').waitFor();
    failNext = false;
    await products.getByRole('button', { name: 'Try again', exact: true }).click();
    await products.getByRole('heading', { name: 'Straw-woven Basket', exact: true }).waitFor();
    await context.close();
  });

  it('shows a story with its audio, transcript and the products to take home', async () => {
    const page = await open('/');
    const story = page.locator('terroir-story');
    await story.getByRole('heading', { name: '老编匠手里的麦秸', exact: true }).waitFor();
    // Its era text (it has no date) and its museum place, not the old copied place.
    await story.getByText('当代传承 · 草编作坊', { exact: true }).waitFor();
    const audio = story.locator('audio');
    expect(await audio.getAttribute('controls')).not.toBeNull();
    expect(await audio.evaluate((a: HTMLAudioElement) => a.src)).toBe(`${shop.origin}/media/liu-weaver-voice.wav`);
    await story.getByText('文字稿', { exact: true }).click();
    await story.getByText(/我七八岁就跟着我娘编/).waitFor({ state: 'visible' });
    const takeHome = story.getByRole('region', { name: '把故事带回家', exact: true });
    await takeHome.getByText('草编提篮').waitFor();
    await takeHome.getByText('草编杯垫').waitFor();
    await takeHome.getByRole('button', { name: '加入购物车: 草编提篮', exact: true }).click();
    await page.locator('terroir-cart').getByText('草编提篮').waitFor();
    await page.context().close();
  });

  it('lists stories in English and opens one inline', async () => {
    const page = await open('/stories');
    const stories = page.locator('terroir-stories');
    const card = stories.getByRole('listitem').filter({ hasText: 'Wheat Straw in the Old Weaver’s Hands' }).first();
    await card.getByText('Read the story', { exact: true }).click();
    await card.getByRole('heading', { name: 'Wheat Straw in the Old Weaver’s Hands', exact: true }).waitFor();
    await card.getByText('Transcript', { exact: true }).waitFor();
    await page.context().close();
  });

  it('shows a product with variants, quantity, producer and linked stories', async () => {
    const page = await open('/product');
    const product = page.locator('terroir-product');
    await product.getByRole('heading', { name: '莱阳梨', exact: true }).waitFor();
    await product.getByRole('radio', { name: /10斤装/ }).check();
    await product.getByRole('button', { name: '增加', exact: true }).click();
    await product.getByRole('button', { name: '加入购物车', exact: true }).click();
    await product.getByRole('region', { name: '生产者', exact: true }).getByText('王家梨园').first().waitFor();
    const drawerToggle = page.locator('terroir-cart').getByRole('button', { name: '购物车 (2)', exact: true });
    await drawerToggle.click();
    await page.locator('terroir-cart').getByRole('dialog').getByText('10斤装').waitFor();
    await page.context().close();
  });

  it('gives a page on an origin the cooperative does not allow no data, only the error state', async () => {
    const page = await open('/', { origin: stranger.origin });
    const products = page.locator('terroir-products');
    await products.getByRole('alert').getByText('本网站暂未开通此合作社的商品展示。').waitFor();
    await products.getByRole('button', { name: '重试', exact: true }).waitFor();
    await page.locator('terroir-story').getByRole('alert').waitFor();
    expect(await products.getByRole('heading', { name: '莱阳梨', exact: true }).count()).toBe(0);
    await page.context().close();
  });

  it('is keyboard operable: Tab and Space add to cart, Tab and Enter reach checkout and fire terroir:checkout', async () => {
    const page = await open('/');
    await page.locator('terroir-products').getByRole('button', { name: '加入购物车: 莱阳梨', exact: true }).waitFor();
    const checkouts: unknown[] = [];
    await page.exposeFunction('recordCheckout', (detail: unknown) => checkouts.push(detail));
    await page.evaluate(() =>
      window.addEventListener('terroir:checkout', (e) => {
        e.preventDefault();
        (window as any).recordCheckout({ ...e.detail, cancelable: e.cancelable });
      }),
    );
    const focused = () =>
      page.evaluate(() => {
        let el: Element | null = document.activeElement;
        while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
        return el ? `${el.tagName}:${el.getAttribute('aria-label') ?? el.textContent}` : '';
      });
    const tabTo = async (target: string) => {
      for (let i = 0; i < 120; i++) {
        await page.keyboard.press('Tab');
        if ((await focused()) === target) return;
      }
      throw new Error(`Tab never reached ${target}; stuck at ${await focused()}`);
    };
    await tabTo('BUTTON:加入购物车: 莱阳梨');
    // A visible focus ring: the outline the widgets draw on :focus-visible.
    const outline = await page.evaluate(() => {
      let el: Element | null = document.activeElement;
      while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
      return getComputedStyle(el!).outlineStyle;
    });
    expect(outline).toBe('solid');
    await page.keyboard.press('Space');
    await page.locator('terroir-cart').getByText('5斤装').waitFor();
    await tabTo('BUTTON:去结算');
    await page.keyboard.press('Enter');
    await expect.poll(() => checkouts.length).toBe(1);
    expect(checkouts[0]).toEqual({ coop: COOP, lines: [{ variantId: expect.any(String), quantity: 1 }], cancelable: true });
    await page.context().close();
  });

  it('has no serious or critical axe-core violations, in zh-CN and en', async () => {
    const page = await open('/');
    await page.locator('terroir-products').getByRole('heading', { name: '莱阳梨', exact: true }).waitFor();
    await page.locator('terroir-story').getByRole('heading', { name: '老编匠手里的麦秸', exact: true }).waitFor();
    await page.locator('terroir-products').getByRole('button', { name: '加入购物车: 莱阳梨', exact: true }).click();
    await page.locator('terroir-cart').getByText('5斤装').waitFor();
    await page.addScriptTag({ content: AXE });
    const run = () =>
      page.evaluate(async () => {
        const result = await (window as any).axe.run(document);
        return result.violations
          .filter((v: { impact: string }) => v.impact === 'serious' || v.impact === 'critical')
          .map((v: { id: string; nodes: { target: unknown }[] }) => `${v.id}: ${JSON.stringify(v.nodes.map((n) => n.target))}`);
      });
    expect(await run()).toEqual([]);
    await page.evaluate(() => {
      for (const el of document.querySelectorAll('terroir-products, terroir-story, terroir-cart')) el.setAttribute('lang', 'en');
    });
    await page.locator('terroir-products').getByRole('heading', { name: 'Laiyang Pear', exact: true }).waitFor();
    await page.locator('terroir-story').getByRole('heading', { name: 'Wheat Straw in the Old Weaver’s Hands', exact: true }).waitFor();
    expect(await run()).toEqual([]);
    await page.context().close();
  });

  it('does not throw when the script is loaded twice', async () => {
    const page = await open('/twice');
    await page.locator('terroir-products').getByRole('heading', { name: '草编提篮', exact: true }).waitFor();
    await page.waitForFunction(() => (window as { terroirLoaded?: boolean }).terroirLoaded === true);
    expect(await page.evaluate(() => performance.getEntriesByType('resource').filter((r) => r.name.includes('/terroir.js')).length)).toBe(2);
    expect(errorsOf(page)).toEqual([]);
    expect(await page.evaluate(() => !!customElements.get('terroir-cart'))).toBe(true);
    await page.context().close();
  });

  it('is usable at 360 px and 1280 px (no horizontal scroll)', async () => {
    for (const width of [360, 1280]) {
      const page = await open('/showcase', { width });
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
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      await page.context().close();
    }
  });
});
