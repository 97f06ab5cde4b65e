// The embed as a site owner lives with it, in real Chromium: the example page on another
// origin (layout shift while widgets load), a page with only products and cart (which chunks
// it downloads), a hostile host stylesheet (the reset), and an origin the cooperative has not
// allowed (the error state and the console hint).
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBundle, hostPage, launchChromium, startShop, startThirdPartySite } from './browser-harness';

const COOP = 'laiyang-pear';
const AXE = readFileSync(new URL(import.meta.resolve('axe-core/axe.min.js')), 'utf8');
const EXAMPLE = new URL('../../../examples/embed-anywhere/index.html', import.meta.url);
const MANIFEST = new URL('../dist/manifest.json', import.meta.url);
const HOSTILE = '<style>* { font-size: 40px; color: red; line-height: 3; font-family: monospace; letter-spacing: 4px; text-align: right }</style>';

let shop: Awaited<ReturnType<typeof startShop>>;
let site: Awaited<ReturnType<typeof startThirdPartySite>>;
let stranger: Awaited<ReturnType<typeof startThirdPartySite>>;
let chromium: Awaited<ReturnType<typeof launchChromium>>;
let browser: Browser;

beforeAll(async () => {
  ensureBundle();
  let routes: Record<string, string> = {};
  site = await startThirdPartySite(() => routes);
  stranger = await startThirdPartySite(() => ({ '/': hostPage(shop.origin, `<terroir-products coop="${COOP}"></terroir-products>`) }));
  shop = await startShop([site.origin]);
  // A fixed column, so both pages give the widget the same width whatever the host's fonts do.
  const product = `<div style="width:40rem;max-width:640px"><terroir-product coop="${COOP}" product="laiyang-pear"></terroir-product></div>`;
  routes = {
    '/': readFileSync(EXAMPLE, 'utf8'),
    '/products-cart': hostPage(shop.origin, `<terroir-products coop="${COOP}"></terroir-products><terroir-cart coop="${COOP}"></terroir-cart>`),
    '/products-drawer-en': hostPage(
      shop.origin,
      `<terroir-cart coop="${COOP}" mode="drawer"></terroir-cart><terroir-products coop="${COOP}"></terroir-products>`,
      {
        lang: 'en',
      },
    ),
    '/cart-above': hostPage(
      shop.origin,
      `<terroir-cart coop="${COOP}"></terroir-cart><p id="below">下方的内容 · Below the cart</p><terroir-products coop="${COOP}" limit="1" nofilters></terroir-products>`,
    ),
    '/product': hostPage(shop.origin, product),
    '/product-hostile': hostPage(shop.origin, product).replace('</head>', `${HOSTILE}</head>`),
  };
  chromium = await launchChromium();
  browser = chromium.browser;
});

afterAll(async () => {
  await chromium?.close();
  await Promise.all([shop?.close(), site?.close(), stranger?.close()]);
});

async function open(url: string, width = 1280, height = 900): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height } });
  context.setDefaultTimeout(15_000);
  // Cumulative layout shift as Chromium reports it (shifts right after input do not count).
  await context.addInitScript(() => {
    const w = window as unknown as { cls: number };
    w.cls = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as unknown as {
        value: number;
        hadRecentInput: boolean;
        startTime: number;
        sources: { node?: Node; previousRect: DOMRect; currentRect: DOMRect }[];
      }[]) {
        if (entry.hadRecentInput) continue;
        w.cls += entry.value;
        // Which boxes moved, for tuning reserved heights (CLS_DEBUG=1).
        ((w as unknown as { shifts: unknown[] }).shifts ??= []).push({
          value: entry.value,
          at: Math.round(entry.startTime),
          sources: entry.sources.map((s) => ({
            node: s.node?.nodeName + ' ' + ((s.node as Element)?.className ?? '') + ' ' + (s.node?.textContent ?? '').slice(0, 20),
            from: [s.previousRect.y, s.previousRect.height],
            to: [s.currentRect.y, s.currentRect.height],
          })),
        });
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
  const page = await context.newPage();
  await page.goto(url);
  return page;
}

describe('embedding the widgets', { timeout: 90_000 }, () => {
  for (const [width, height] of [
    [1280, 900],
    [360, 740],
  ] as const) {
    it(`loads the embed example with a layout shift of at most 0.02 at ${width} px`, async () => {
      const page = await open(`${site.origin}/?shop=${encodeURIComponent(shop.origin)}`, width, height);
      await page.locator('terroir-products').getByRole('heading', { name: '莱阳梨', exact: true }).waitFor();
      await page.locator('terroir-product').getByRole('heading', { name: '莱阳梨', exact: true }).waitFor();
      await page.locator('terroir-story').getByRole('heading', { name: '老编匠手里的麦秸', exact: true }).waitFor();
      await page.locator('terroir-stories').getByRole('listitem').first().waitFor();
      await page.locator('terroir-cart').last().getByText('购物车是空的。').waitFor();
      for (const [museum, part] of [
        ['terroir-map', 'pin'],
        ['terroir-timeline', 'entry'],
        ['terroir-hall', 'exhibit'],
        ['terroir-person', 'person'],
      ] as const)
        await page.locator(museum).locator(`[part=${part}]`).first().waitFor();
      // Let the last frames (images decoding) land before reading the score.
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      await page.waitForLoadState('networkidle');
      const cls = await page.evaluate(() => (window as unknown as { cls: number }).cls);
      console.log(`embed example CLS at ${width}px: ${cls.toFixed(4)}`);
      if (process.env.CLS_DEBUG) console.log(JSON.stringify(await page.evaluate(() => (window as unknown as { shifts: unknown }).shifts), null, 1));
      expect(cls).toBeLessThanOrEqual(0.02);
      await page.context().close();
    });
  }

  it('downloads only the loader, the shared chunk, the page language’s strings and the chunks of the widgets on the page', async () => {
    const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8')) as { entry: string; files: Record<string, { modules: string[] }> };
    const chunk = (module: string) => Object.keys(manifest.files).find((name) => manifest.files[name]!.modules.includes(module))!;
    const shared = Object.keys(manifest.files).find((name) => name.includes('.shared.'))!;
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    const fetched: string[] = [];
    page.on('request', (request) => {
      const path = new URL(request.url()).pathname;
      if (path.startsWith('/widgets/v1/')) fetched.push(path.slice('/widgets/v1/'.length));
    });
    await page.goto(site.origin + '/products-cart');
    await page.locator('terroir-products').getByRole('heading', { name: '莱阳梨', exact: true }).waitFor();
    await page.locator('terroir-cart').getByText('购物车是空的。').waitFor();
    // The zh-CN page's strings only; an empty cart does not fetch what it shows once it has lines.
    expect(fetched.sort()).toEqual(['terroir.js', shared, chunk('messages.zh-CN'), chunk('products.component'), chunk('cart.component')].sort());
    expect(chunk('messages.en')).toMatch(/^terroir\.messages\.en\.[\w-]+\.js$/);
    expect(chunk('cart-lines.component')).toMatch(/^terroir\.cart-lines\.[\w-]+\.js$/);
    // A page without a search box (and without the museum) never fetches the search chunk.
    expect(chunk('search.component')).toMatch(/^terroir\.search\.[\w-]+\.js$/);
    // Said outright, since the museum group is the largest: none of its chunks is fetched.
    const museum = ['timeline.component', 'map.component', 'hall.component', 'person.component'].map(chunk);
    museum.push(Object.keys(manifest.files).find((name) => name.includes('.museum-common.'))!);
    expect(museum.every(Boolean)).toBe(true);
    expect(fetched.filter((name) => museum.includes(name))).toEqual([]);
    // The stories behind a product are fetched when a shopper opens them, not before.
    await page
      .locator('terroir-products')
      .getByText(/^背后的故事/)
      .first()
      .click();
    await page.locator('terroir-products').getByText('阅读全文').first().waitFor();
    expect(fetched).toContain(chunk('stories.component'));
    expect(fetched).not.toContain(chunk('product.component'));
    expect(fetched).not.toContain(chunk('cart-lines.component'));
    // The first line in the inline cart brings the cart's content: the line, its stepper, checkout.
    await page.locator('terroir-products').getByRole('button', { name: '加入购物车: 莱阳梨', exact: true }).click();
    await page.locator('terroir-cart').getByRole('group', { name: '数量: 莱阳梨 · 5斤装', exact: true }).waitFor();
    await page.locator('terroir-cart').getByRole('button', { name: '去结算', exact: true }).waitFor();
    expect(fetched).toContain(chunk('cart-lines.component'));
    expect(fetched).not.toContain(chunk('cart-fulfilment.component'));
    expect(fetched).not.toContain(chunk('search.component'));
    expect(fetched).not.toContain(chunk('messages.en'));
    await context.close();
  });

  it('keeps an inline cart’s box while its content loads: what is below does not move up', async () => {
    const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8')) as { entry: string; files: Record<string, { modules: string[] }> };
    const chunk = (module: string) => Object.keys(manifest.files).find((name) => manifest.files[name]!.modules.includes(module))!;
    const context = await browser.newContext({ viewport: { width: 360, height: 800 } });
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    // A returning shopper: the cart holds a line when the page loads.
    await page.goto(site.origin + '/cart-above');
    await page.locator('terroir-products').getByRole('button', { name: '加入购物车: 莱阳梨', exact: true }).click();
    await page.locator('terroir-cart').getByRole('group', { name: '数量: 莱阳梨 · 5斤装', exact: true }).waitFor();
    // The cart's chunks answer only when the test lets them: each state can be measured.
    const hold = async (module: string) => {
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      await page.route(`**/widgets/v1/${chunk(module)}`, async (route) => {
        await held;
        await route.continue();
      });
      return release;
    };
    const releaseCart = await hold('cart.component');
    const releaseLines = await hold('cart-lines.component');
    await page.reload();
    const cart = page.locator('terroir-cart');
    const below = page.locator('#below');
    await page.locator('terroir-products').getByRole('heading', { name: '莱阳梨', exact: true }).waitFor();
    // The loader's placeholder, then the cart's own loading line: the paragraph below stays put.
    const placeholder = (await below.boundingBox())!.y;
    releaseCart();
    await cart.getByText('正在加载…', { exact: true }).waitFor();
    expect((await below.boundingBox())!.y).toBe(placeholder);
    releaseLines();
    await cart.getByRole('group', { name: '数量: 莱阳梨 · 5斤装', exact: true }).waitFor();
    await context.close();
  });

  it('fetches a drawer cart’s content when the shopper opens it, shows that it is loading, and keeps focus in the drawer', async () => {
    const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8')) as { entry: string; files: Record<string, { modules: string[] }> };
    const chunk = (module: string) => Object.keys(manifest.files).find((name) => manifest.files[name]!.modules.includes(module))!;
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    const fetched: string[] = [];
    // The cart's content answers only when the test lets it: the loading state can be seen.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(`**/widgets/v1/${chunk('cart-lines.component')}`, async (route) => {
      await held;
      await route.continue();
    });
    page.on('request', (request) => {
      const path = new URL(request.url()).pathname;
      if (path.startsWith('/widgets/v1/')) fetched.push(path.slice('/widgets/v1/'.length));
    });
    await page.goto(site.origin + '/products-drawer-en');
    const products = page.locator('terroir-products');
    const cart = page.locator('terroir-cart');
    await products.getByRole('button', { name: 'Add to cart: Laiyang Pear', exact: true }).click();
    await cart.getByRole('button', { name: 'Cart (1)', exact: true }).waitFor();
    // An English page: the English strings only; a drawer not opened: not its content.
    expect(fetched).toContain(chunk('messages.en'));
    expect(fetched).not.toContain(chunk('messages.zh-CN'));
    expect(fetched).not.toContain(chunk('cart-lines.component'));
    // Keyboard: Tab to the toggle (focus starts the fetch early), Enter opens the drawer.
    await cart.getByRole('button', { name: 'Cart (1)', exact: true }).focus();
    await page.keyboard.press('Enter');
    const drawer = cart.getByRole('dialog', { name: 'Cart', exact: true });
    await drawer.waitFor();
    await drawer.getByText('Loading…', { exact: true }).waitFor();
    expect(fetched).toContain(chunk('cart-lines.component'));
    const focused = () => cart.evaluate((el) => el.shadowRoot!.activeElement?.textContent);
    expect(await focused()).toBe('Close');
    release();
    await drawer.getByRole('group', { name: 'Quantity: Laiyang Pear · 5 jin (2.5 kg)', exact: true }).waitFor();
    // The content arrived below the drawer's header: focus stayed where the shopper had it.
    expect(await focused()).toBe('Close');
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('−');
    await context.close();
  });

  it('keeps the producer card’s layout under a host stylesheet of * { font-size: 40px; color: red; line-height: 3 }', async () => {
    const measure = async (path: string) => {
      const page = await open(site.origin + path);
      const producer = page.locator('terroir-product').locator('[part=producer]');
      await producer.getByText('王家梨园').first().waitFor();
      const box = await producer.boundingBox();
      const style = await producer
        .locator('strong')
        .first()
        .evaluate((el) => {
          const s = getComputedStyle(el);
          return {
            fontSize: s.fontSize,
            color: s.color,
            lineHeight: s.lineHeight,
            fontFamily: s.fontFamily,
            letterSpacing: s.letterSpacing,
            textAlign: s.textAlign,
          };
        });
      await page.context().close();
      return { box: box!, style };
    };
    const plain = await measure('/product');
    const hostile = await measure('/product-hostile');
    expect(hostile.style).toEqual(plain.style);
    expect(hostile.style.fontSize).toBe('16px');
    expect(hostile.style.color).not.toBe('rgb(255, 0, 0)');
    expect(hostile.style.fontFamily).not.toContain('monospace');
    expect(Math.abs(hostile.box.width - plain.box.width)).toBeLessThanOrEqual(1);
    expect(Math.abs(hostile.box.height - plain.box.height)).toBeLessThanOrEqual(1);
  });

  it('tells a page on an origin the cooperative has not allowed that the site is not allowed yet, and the developer which origin to add', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    const consoleErrors: string[] = [];
    page.on('console', (message) => message.type() === 'error' && consoleErrors.push(message.text()));
    await page.goto(stranger.origin + '/');
    const products = page.locator('terroir-products');
    await products.getByRole('alert').getByText('本网站暂未开通此合作社的商品展示。').waitFor();
    expect(consoleErrors.some((text) => text.includes(`Add exactly "${stranger.origin}"`))).toBe(true);
    expect(await products.getByRole('heading', { name: '莱阳梨', exact: true }).count()).toBe(0);
    await products.evaluate((el) => el.setAttribute('lang', 'en'));
    await products.getByRole('alert').getByText('This site cannot show this shop yet.').waitFor();
    await page.addScriptTag({ content: AXE });
    const serious = await page.evaluate(async () => {
      const result = await (window as unknown as { axe: { run: (el: Document) => Promise<{ violations: { id: string; impact: string }[] }> } }).axe.run(
        document,
      );
      return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
    });
    expect(serious).toEqual([]);
    await context.close();
  });
});
