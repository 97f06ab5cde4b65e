import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, startPagesServer } from './pages-test-server';

const AXE_SOURCE = (createRequire(import.meta.url)('axe-core') as { source: string }).source;
const PHONE = { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

/** axe-core's serious and critical findings on the page, one line each. */
async function seriousAxeViolations(page: Page): Promise<string[]> {
  // Through the DevTools protocol: the page's CSP rightly refuses an injected inline script.
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    type Violation = { id: string; impact: string | null; nodes: Array<{ target: string[] }> };
    const axe = (window as unknown as { axe: { run: (d: Document, o: object) => Promise<{ violations: Violation[] }> } }).axe;
    const { violations } = await axe.run(document, { resultTypes: ['violations'] });
    return violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}) at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

/** Which thumbnail says it shows the picture in view (1-based), or 0. */
const currentThumb = (page: Page) =>
  page.evaluate(() => [...document.querySelectorAll('.thumbs a')].findIndex((a) => a.getAttribute('aria-current') === 'true') + 1);

/** How far the strip is from showing picture `n` exactly (px). */
const offSnap = (page: Page, n: number) =>
  page.evaluate((index) => {
    const strip = document.querySelector<HTMLElement>('.slides')!;
    const slide = strip.children[index - 1] as HTMLElement;
    return Math.abs(strip.scrollLeft - (slide.offsetLeft - strip.offsetLeft));
  }, n);

// The product page of issue 13 on a phone: gallery, buy bar, accessibility. Runs once, on the
// demo site as it ships (the data paths are tested in-process on both databases).
describe('product page in Chromium at 360 px', () => {
  let site: Awaited<ReturnType<typeof startPagesServer>>;
  let browser: Browser;
  let phone: BrowserContext;

  beforeAll(async () => {
    site = await startPagesServer();
    browser = await launchChromium();
    phone = await browser.newContext(PHONE);
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  const open = async (path: string, context: BrowserContext = phone) => {
    const page = await context.newPage();
    await page.goto(`${site.origin}${path}`);
    await page.waitForFunction(() => customElements.get('terroir-cart') !== undefined);
    return page;
  };

  it('swipes the gallery to the 2nd picture, which snaps into place and the thumbnails follow', async () => {
    const page = await open('/zh-CN/products/laiyang-pear');
    expect(await currentThumb(page)).toBe(1);
    const box = (await page.locator('.slides').boundingBox())!;
    // A sideways scroll gesture of 60 % of a picture: scroll snap finishes it. (Headless
    // Chromium does not synthesize touch gestures, so the gesture's source is the mouse/trackpad.)
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Input.synthesizeScrollGesture', {
      x: Math.round(box.x + box.width / 2),
      y: Math.round(box.y + box.height / 2),
      xDistance: -Math.round(box.width * 0.6),
      yDistance: 0,
      gestureSourceType: 'mouse',
      speed: 600,
    });
    await expect.poll(() => offSnap(page, 2)).toBeLessThan(1);
    await expect.poll(() => currentThumb(page)).toBe(2);
    // Every picture has alt text; only the first loads eagerly.
    const images = await page.$$eval('.slides img', (list) => list.map((img) => [img.getAttribute('alt'), img.getAttribute('loading')]));
    expect(images).toEqual([
      [expect.stringMatching(/\S/), 'eager'],
      [expect.stringMatching(/\S/), 'lazy'],
      [expect.stringMatching(/\S/), 'lazy'],
    ]);
    await page.close();
  });

  it('reaches every thumbnail with the keyboard, and Enter on one shows its picture without moving the page', async () => {
    const page = await open('/en/products/laiyang-pear');
    await page.locator('.slides').focus();
    const reached: string[] = [];
    for (let i = 0; i < 3; i++) {
      await page.keyboard.press('Tab');
      reached.push(await page.evaluate(() => `${document.activeElement?.getAttribute('href')} ${document.activeElement?.getAttribute('aria-label')}`));
    }
    expect(reached).toEqual(['#photo-1 Photo 1 of 3', '#photo-2 Photo 2 of 3', '#photo-3 Photo 3 of 3']);
    const scrollY = await page.evaluate(() => window.scrollY);
    await page.keyboard.press('Enter');
    await expect.poll(() => offSnap(page, 3)).toBeLessThan(1);
    expect(await currentThumb(page)).toBe(3);
    expect(await page.evaluate(() => window.scrollY)).toBe(scrollY);
    await page.close();
  });

  it('shows the buy bar at the bottom of a phone, never over the page’s end, and not at 1280 px', async () => {
    const page = await open('/zh-CN/products/laiyang-pear');
    const bar = page.getByRole('complementary', { name: '购买' });
    await expect.poll(() => bar.isVisible()).toBe(true);
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight / 2));
    const mid = (await bar.boundingBox())!;
    expect(Math.round(mid.y + mid.height)).toBe(740);
    expect(await bar.textContent()).toMatch(/¥68\.00/);
    // At the very end the bar sits in its own space: the content before it is not covered.
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    const covered = await page.evaluate(() => {
      const barBox = document.querySelector('.buy-bar')!.getBoundingClientRect();
      const before = document.querySelector('.buy-bar')!.previousElementSibling!.getBoundingClientRect();
      return before.bottom - barBox.top;
    });
    expect(covered).toBeLessThanOrEqual(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.close();

    const desktop = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const wide = await open('/zh-CN/products/laiyang-pear', desktop);
    expect(await wide.locator('.buy-bar').isVisible()).toBe(false);
    // The buy box sits beside the gallery there.
    const [gallery, form] = [(await wide.locator('.gallery').boundingBox())!, (await wide.locator('form.buy').boundingBox())!];
    expect(form.x).toBeGreaterThan(gallery.x + gallery.width);
    await desktop.close();
  });

  it('takes the shopper to the buy form, or adds a product’s only variant to the cart, from the bar', async () => {
    const page = await open('/zh-CN/products/laiyang-pear');
    await page.getByRole('complementary', { name: '购买' }).getByRole('link', { name: '选规格' }).click();
    expect(new URL(page.url()).hash).toBe('#buy');
    await expect.poll(() => page.locator('form.buy legend').isVisible()).toBe(true);
    const legend = (await page.locator('form.buy legend').boundingBox())!;
    expect(legend.y).toBeGreaterThanOrEqual(0);
    expect(legend.y).toBeLessThan(740);
    await page.close();

    const coasters = await open('/zh-CN/products/straw-coasters');
    await coasters.evaluate(() => localStorage.removeItem('terroir:cart:laiyang-pear'));
    await coasters.reload();
    await coasters.waitForSelector('.buy-bar form[data-enhanced]');
    await coasters
      .getByRole('complementary', { name: '购买' })
      .getByRole('button', { name: /^加入购物车：/ })
      .click();
    await coasters.waitForFunction(() => document.querySelector('terroir-cart')?.shadowRoot?.textContent?.includes('(1)'));
    const stored = await coasters.evaluate(() => JSON.parse(localStorage.getItem('terroir:cart:laiyang-pear') ?? '[]'));
    expect(stored).toEqual([expect.objectContaining({ productSlug: 'straw-coasters', quantity: 1 })]);
    expect(new URL(coasters.url()).pathname).toBe('/zh-CN/products/straw-coasters');
    await coasters.close();
  });

  it('has no serious or critical axe findings on the home and product pages, and nothing shifts as they load', async () => {
    const problems: string[] = [];
    for (const path of ['/zh-CN/', '/en/', '/zh-CN/products/laiyang-pear', '/en/products/laiyang-pear', '/zh-CN/products/straw-coasters']) {
      const page = await open(path);
      problems.push(...(await seriousAxeViolations(page)).map((v) => `${path}: ${v}`));
      const shift = await page.evaluate(
        () =>
          new Promise<number>((resolve) => {
            let total = 0;
            new PerformanceObserver((list) => {
              for (const entry of list.getEntries() as Array<PerformanceEntry & { value: number; hadRecentInput: boolean }>) {
                if (!entry.hadRecentInput) total += entry.value;
              }
            }).observe({ type: 'layout-shift', buffered: true });
            requestAnimationFrame(() => requestAnimationFrame(() => resolve(total)));
          }),
      );
      if (shift > 0.01) problems.push(`${path}: layout shift ${shift}`);
      await page.close();
    }
    expect(problems).toEqual([]);
  });
});
