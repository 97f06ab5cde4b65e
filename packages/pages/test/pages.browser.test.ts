import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import jsQR from 'jsqr';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, startPagesServer } from './pages-test-server';

const AXE_SOURCE = (createRequire(import.meta.url)('axe-core') as { source: string }).source;
const MOBILE = { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[] }>;
}

async function axeViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol: the page's CSP (script-src 'self') rightly refuses an
  // injected inline <script>, and the test must not weaken the policy it runs under.
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: AxeViolation[] }> } }).axe;
    return (await axe.run(document, { resultTypes: ['violations'] })).violations;
  });
  return violations.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

// The SQLite/PostgreSQL data paths are covered in-process by the other tests; this one is about
// what a browser does with the HTML, so it runs once, on the demo site as it ships.
describe('pages in Chromium', () => {
  let site: Awaited<ReturnType<typeof startPagesServer>>;
  let browser: Browser;
  let withJs: BrowserContext;
  let noJs: BrowserContext;

  beforeAll(async () => {
    site = await startPagesServer();
    browser = await launchChromium();
    withJs = await browser.newContext(MOBILE);
    noJs = await browser.newContext({ ...MOBILE, javaScriptEnabled: false });
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  it('passes axe-core on home, product, story, producer and 404 in both languages, with widgets running', async () => {
    const page = await withJs.newPage();
    const problems: string[] = [];
    for (const locale of ['zh-CN', 'en']) {
      for (const path of ['/', '/products/laiyang-pear', '/stories/liu-guifang-weaving', '/producers/liu-guifang-weaver', '/products/no-such-pear']) {
        await page.goto(`${site.origin}/${locale}${path}`);
        await page.waitForFunction(() => customElements.get('terroir-cart') !== undefined);
        problems.push(...(await axeViolations(page)).map((v) => `${locale}${path}: ${v}`));
      }
    }
    expect(problems).toEqual([]);
    await page.close();
  });

  it('passes axe-core on the museum pages at 360 px, with every map pin a named link reached by keyboard (issue 11)', async () => {
    const page = await withJs.newPage();
    const problems: string[] = [];
    for (const locale of ['zh-CN', 'en']) {
      for (const path of [
        '/museum',
        '/museum/places/old-pear-orchard',
        '/museum/people/liu-guifang',
        '/museum/halls/craft-hall',
        '/museum/timeline',
        '/museum/memories',
        '/museum/memories/new',
        '/museum/memories/new?sent=1',
      ]) {
        await page.goto(`${site.origin}/${locale}${path}`);
        await page.waitForFunction(() => customElements.get('terroir-cart') !== undefined);
        problems.push(...(await axeViolations(page)).map((v) => `${locale}${path}: ${v}`));
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        if (overflow > 0) problems.push(`${locale}${path}: ${overflow}px wider than 360`);
      }
    }
    expect(problems).toEqual([]);
    await page.goto(`${site.origin}/en/museum`);
    const pins = await page.locator('.map a').evaluateAll((links) => links.map((a) => a.getAttribute('aria-label')));
    expect(pins.length).toBeGreaterThanOrEqual(5);
    expect(pins).toContain('The old riverside orchard (Orchard)');
    // Tab from the map's first pin reaches the next one: pins are ordinary links in reading order.
    await page.locator('.map a').first().focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.closest('.map') !== null)).toBe(true);
    await page.close();
  });

  it('sends a memory with JavaScript off, with the honeypot out of reach of people and screen readers (issue 11)', async () => {
    const page = await noJs.newPage();
    await page.goto(`${site.origin}/en/museum/memories/new`);
    expect(await page.getByRole('textbox', { name: 'Website (leave empty)' }).count()).toBe(0);
    await page.getByLabel('Your memory').fill('We drew water at the old well. <script>alert(1)</script>');
    await page.getByLabel('This is my own memory', { exact: false }).check();
    await page.getByRole('button', { name: 'Send to the museum' }).click();
    await page.waitForURL(/\/en\/museum\/memories\/new\?sent=1$/);
    expect(await page.getByRole('status').innerText()).toContain('your memory was received');
    await page.close();
  });

  it('shows the title, price, stories and a working order path with JavaScript off', async () => {
    const page = await noJs.newPage();
    await page.goto(`${site.origin}/en/products/laiyang-pear`);
    await expect(page.locator('h1').innerText()).resolves.toBe('Laiyang Pear');
    expect(await page.locator('.price').first().isVisible()).toBe(true);
    expect(await page.locator('.price').first().innerText()).toContain('¥68.00');
    expect(await page.getByRole('link', { name: 'Grafting: How a Pear Tree Keeps Its Name' }).isVisible()).toBe(true);
    expect(await page.getByText('how to order from the cooperative directly', { exact: false }).isVisible()).toBe(true);
    // The cart widget is not there; its fallback link is.
    expect(await page.getByRole('link', { name: 'How to order' }).isVisible()).toBe(true);
    await page.getByLabel('10 jin (5 kg)').check();
    await page.getByLabel('Quantity').fill('2');
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await page.waitForURL(/\/en\/order\?/);
    expect(await page.locator('dd strong').innerText()).toBe('CN¥256.00');
    expect(await page.locator('main').getByRole('link', { name: 'hello@laiyang-pear.example' }).getAttribute('href')).toContain('PEAR-10JIN');

    await page.goto(`${site.origin}/zh-CN/stories/liu-guifang-weaving`);
    expect(await page.locator('.transcript').first().isVisible()).toBe(true);
    expect((await page.locator('.transcript').first().innerText()).length).toBeGreaterThan(40);
    expect(await page.locator('h1').innerText()).toBeTruthy();
    await page.close();
  });

  it('adds to the widgets cart with JavaScript on, without moving the page', async () => {
    const page = await withJs.newPage();
    await page.addInitScript(() => {
      (window as unknown as { __shift: number }).__shift = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as Array<PerformanceEntry & { value: number; hadRecentInput: boolean }>) {
          if (!entry.hadRecentInput) (window as unknown as { __shift: number }).__shift += entry.value;
        }
      }).observe({ type: 'layout-shift', buffered: true });
    });
    const cspViolations: string[] = [];
    page.on('console', (message) => {
      if (message.text().includes('Content Security Policy')) cspViolations.push(message.text());
    });
    await page.goto(`${site.origin}/en/products/laiyang-pear`);
    await page.waitForSelector('form[data-terroir-add][data-enhanced]');
    const toggle = page.locator('terroir-cart').getByRole('button', { name: /Cart/ });
    await expect(toggle.innerText()).resolves.toBe('Cart (0)');
    // The header is dark green with white links; the widget's button must not inherit white on white.
    const colours = await toggle.evaluate((button) => [getComputedStyle(button).color, getComputedStyle(button).backgroundColor]);
    expect(colours).toEqual(['rgb(31, 42, 28)', 'rgb(255, 255, 255)']);
    await page.getByLabel('Quantity').fill('2');
    await page.getByRole('button', { name: 'Add to cart' }).click();
    await page.waitForFunction(() => document.querySelector('.buy [role="status"]')?.textContent?.includes('Added to cart'));
    expect(page.url()).toBe(`${site.origin}/en/products/laiyang-pear`);
    await page.waitForFunction(() => document.querySelector('terroir-cart')?.shadowRoot?.textContent?.includes('Cart (2)'));
    const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('terroir:cart:laiyang-pear') ?? '[]'));
    expect(stored).toEqual([
      expect.objectContaining({
        productSlug: 'laiyang-pear',
        title: 'Laiyang Pear',
        variantLabel: '5 jin (2.5 kg)',
        priceMinor: 6800,
        currency: 'CNY',
        quantity: 2,
      }),
    ]);
    // Cumulative layout shift while the widgets start and the cart fills: Google calls < 0.1 good.
    expect(await page.evaluate(() => (window as unknown as { __shift: number }).__shift)).toBeLessThan(0.1);
    // The page's Content-Security-Policy lets the widget loader, its lazy chunks and the API through.
    expect(cspViolations).toEqual([]);
    await page.close();
  });

  it('lets a shopper add to the cart from a card on the home page at 360 px (issue 13)', async () => {
    const page = await withJs.newPage();
    await page.setViewportSize({ width: 360, height: 780 });
    await page.goto(`${site.origin}/zh-CN/`);
    // The context is shared with the product-page test: start from an empty cart.
    await page.evaluate(() => localStorage.removeItem('terroir:cart:laiyang-pear'));
    await page.reload();
    await page.waitForSelector('form.quick-add[data-enhanced]');
    // Hero, category navigation, featured goods: all within a phone's width.
    await expect(page.getByRole('navigation', { name: '物产分类' }).getByRole('link').count()).resolves.toBeGreaterThanOrEqual(3);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    const button = page.locator('form.quick-add').first().getByRole('button');
    const name = (await button.getAttribute('aria-label'))!;
    expect(name).toMatch(/^加入购物车：/);
    await button.click();
    await page.waitForFunction(() => document.querySelector('form.quick-add [role="status"]')?.textContent?.includes('已加入购物车'));
    await page.waitForFunction(() => document.querySelector('terroir-cart')?.shadowRoot?.textContent?.includes('(1)'));
    const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('terroir:cart:laiyang-pear') ?? '[]'));
    expect(stored).toEqual([expect.objectContaining({ quantity: 1, title: name.replace(/^加入购物车：/, '') })]);
    expect(page.url()).toBe(`${site.origin}/zh-CN/`);
    await page.close();
  });

  it('draws QR codes that a decoder reads back as the page URL', async () => {
    const page = await withJs.newPage();
    for (const [path, expected] of [
      ['/qr/product/laiyang-pear.svg', `${site.origin}/zh-CN/products/laiyang-pear`],
      ['/qr/story/grafting-craft.svg?lang=en', `${site.origin}/en/stories/grafting-craft`],
    ] as const) {
      await page.goto(`${site.origin}/robots.txt`);
      const pixels = await page.evaluate(async (src) => {
        const image = new Image();
        image.src = src;
        await image.decode();
        const canvas = document.createElement('canvas');
        canvas.width = canvas.height = 240;
        const context = canvas.getContext('2d')!;
        context.drawImage(image, 0, 0, 240, 240);
        return Array.from(context.getImageData(0, 0, 240, 240).data);
      }, `${site.origin}${path}`);
      const decoded = jsQR(Uint8ClampedArray.from(pixels), 240, 240, { inversionAttempts: 'dontInvert' });
      expect(decoded?.data).toBe(expected);
    }
    await page.close();
  });
});
