// terroir-search in real Chromium against the real storefront API over the demo seed: Chinese,
// pinyin and initials find 莱阳梨, the combobox works from the keyboard, stale suggestion
// requests are aborted, results are grouped and filtered by type, highlights are text nodes,
// the empty and error states, axe-core at 360 px; and the loader's offline state with retry.
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBundle, hostPage, launchChromium, startShop, startThirdPartySite } from './browser-harness';

const COOP = 'laiyang-pear';
const AXE = readFileSync(new URL(import.meta.resolve('axe-core/axe.min.js')), 'utf8');
const MANIFEST = new URL('../dist/manifest.json', import.meta.url);
/** The runnable page of docs/widgets.md (the first html block under `<terroir-search>`), pointed at the test shop. */
function docsExample(shop: string): string {
  const docs = readFileSync(new URL('../../../docs/widgets.md', import.meta.url), 'utf8');
  const section = docs.slice(docs.indexOf('### `<terroir-search>`'));
  const block = /```html\n([\s\S]*?)\n```/.exec(section)![1]!;
  expect(block).toContain('http://localhost:8787');
  return block.replaceAll('http://localhost:8787', shop);
}

let shop: Awaited<ReturnType<typeof startShop>>;
let site: Awaited<ReturnType<typeof startThirdPartySite>>;
let chromium: Awaited<ReturnType<typeof launchChromium>>;
let browser: Browser;

beforeAll(async () => {
  ensureBundle();
  let routes: Record<string, string> = {};
  site = await startThirdPartySite(() => routes);
  shop = await startShop([site.origin]);
  routes = {
    '/search': hostPage(shop.origin, `<p>上面的文字</p><terroir-search coop="${COOP}"></terroir-search><p id="below">下面的文字</p>`),
    '/search-en': hostPage(shop.origin, `<terroir-search coop="${COOP}" pages="https://pears.example.cn/shop"></terroir-search>`, { lang: 'en' }),
    '/products': hostPage(shop.origin, `<terroir-products coop="${COOP}"></terroir-products>`),
    '/docs-example': docsExample(shop.origin),
  };
  chromium = await launchChromium();
  browser = chromium.browser;
});

afterAll(async () => {
  await chromium?.close();
  await Promise.all([shop?.close(), site?.close()]);
});

async function open(path: string, width = 1280): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 800 } });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  await page.goto(site.origin + path);
  return page;
}

const chunkOf = (module: string) => {
  const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8')) as { files: Record<string, { modules: string[] }> };
  return Object.keys(manifest.files).find((name) => manifest.files[name]!.modules.includes(module))!;
};

async function axeSeriousOrCritical(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: AXE });
  return page.evaluate(async () => {
    const result = await (window as any).axe.run(document);
    return result.violations
      .filter((v: { impact: string }) => v.impact === 'serious' || v.impact === 'critical')
      .map((v: { id: string; nodes: { target: unknown }[] }) => `${v.id}: ${JSON.stringify(v.nodes.map((n) => n.target))}`);
  });
}

describe('terroir-search', { timeout: 90_000 }, () => {
  it('suggests 莱阳梨 for `lyl` from the keyboard: arrow keys, Enter searches it, Escape closes and clears', async () => {
    const page = await open('/search', 360);
    const search = page.locator('terroir-search');
    const box = search.getByRole('combobox', { name: '搜索本合作社的商品、故事和村史' });
    await box.click();
    await page.keyboard.type('lyl');
    const listbox = search.getByRole('listbox', { name: '搜索建议' });
    await listbox
      .getByRole('option', { name: /莱阳梨/ })
      .first()
      .waitFor();
    await expect.poll(() => box.getAttribute('aria-expanded')).toBe('true');
    expect(await box.getAttribute('aria-activedescendant')).toBeNull();

    await page.keyboard.press('ArrowDown');
    const first = listbox.getByRole('option').first();
    expect(await first.getAttribute('aria-selected')).toBe('true');
    expect(await box.getAttribute('aria-activedescendant')).toBe(await first.getAttribute('id'));
    // Focus never leaves the input (aria-activedescendant, not roving focus).
    expect(await page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.getAttribute('role'))).toBe('combobox');
    const title = (await first.locator('span').first().textContent())!;
    expect(title).toContain('莱阳梨');

    await page.keyboard.press('Enter');
    expect(await box.inputValue()).toBe(title);
    expect(await box.getAttribute('aria-expanded')).toBe('false');
    const link = search.getByRole('link', { name: title, exact: true });
    await link.waitFor();
    expect(await link.getAttribute('href')).toBe(`${shop.origin}/zh-CN/products/laiyang-pear`);
    await expect.poll(() => search.getByRole('status').textContent()).toMatch(/^找到 \d+ 条结果$/);
    expect(await axeSeriousOrCritical(page)).toEqual([]);

    // Enter and arrows that a Chinese input method is composing with are left to it.
    await box.fill('');
    await page.keyboard.type('lyl');
    await listbox.getByRole('option').first().waitFor();
    await page.keyboard.press('ArrowDown');
    const composing = (key: string) =>
      box.evaluate((input, key) => input.dispatchEvent(new KeyboardEvent('keydown', { key, isComposing: true, bubbles: true, cancelable: true })), key);
    expect(await composing('ArrowDown')).toBe(true); // not prevented
    expect(await composing('Enter')).toBe(true);
    expect(await box.getAttribute('aria-expanded')).toBe('true');
    expect(await listbox.getByRole('option').first().getAttribute('aria-selected')).toBe('true');
    expect(await box.inputValue()).toBe('lyl');

    await box.fill('');
    await page.keyboard.type('ly');
    await listbox.getByRole('option').first().waitFor();
    await page.keyboard.press('Escape');
    expect(await box.getAttribute('aria-expanded')).toBe('false');
    expect(await box.inputValue()).toBe('ly');
    await page.keyboard.press('Escape');
    expect(await box.inputValue()).toBe('');
    // Nothing scrolls sideways at 360 px.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.context().close();
  });

  it('finds 莱阳梨 from `laiyang` in the results, grouped by type with counts, and filters by type', async () => {
    const page = await open('/search');
    const search = page.locator('terroir-search');
    const searches: URL[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.pathname.endsWith('/search')) searches.push(url);
    });
    await search.getByRole('combobox').fill('laiyang');
    await search.getByRole('button', { name: '搜索', exact: true }).click();
    const products = search.getByRole('region', { name: '商品' });
    await products.getByRole('link', { name: '莱阳梨', exact: true }).waitFor();
    expect(searches.at(-1)!.searchParams.get('q')).toBe('laiyang');

    const filters = search.getByRole('group', { name: '按类型筛选' });
    const all = filters.getByRole('button', { name: /^全部 \(\d+\)$/ });
    expect(await all.getAttribute('aria-pressed')).toBe('true');
    const counts = Object.fromEntries(
      (await filters.getByRole('button').allTextContents()).map((text) => {
        const [, name, n] = /^(.+) \((\d+)\)$/.exec(text)!;
        return [name, Number(n)];
      }),
    );
    expect(counts['商品']).toBeGreaterThanOrEqual(1);
    expect(counts['全部']).toBe(counts['商品'] + counts['故事'] + counts['村史']);
    const groups = await search.getByRole('region').count();
    expect(groups).toBeGreaterThanOrEqual(1);

    await filters.getByRole('button', { name: /^商品 / }).click();
    await expect.poll(() => searches.at(-1)!.searchParams.get('types')).toBe('product');
    await expect.poll(() => search.getByRole('region').count()).toBe(1);
    await products.getByRole('link', { name: '莱阳梨', exact: true }).waitFor();
    expect(await filters.getByRole('button', { name: /^商品 / }).getAttribute('aria-pressed')).toBe('true');
    await page.context().close();
  });

  it('marks what matched as <mark> text nodes, never as parsed server HTML', async () => {
    const page = await open('/search');
    const search = page.locator('terroir-search');
    await search.getByRole('combobox').fill('莱阳');
    await page.keyboard.press('Enter');
    await search.getByRole('region', { name: '商品' }).getByRole('link').first().waitFor();
    const marks = await search.locator('mark').allTextContents();
    expect(marks.length).toBeGreaterThan(0);
    expect(marks.every((text) => text === '莱阳')).toBe(true);
    // Every element under a result is one the widget made itself.
    const tags = await search.locator('.res li *').evaluateAll((nodes) => [...new Set(nodes.map((n) => n.tagName.toLowerCase()))].sort());
    expect(tags.every((tag) => ['a', 'mark', 'p', 'span'].includes(tag))).toBe(true);
    await page.context().close();
  });

  it('pages on with nextCursor: “更多结果” asks for the next page and adds it under the first', async () => {
    const page = await open('/search');
    const search = page.locator('terroir-search');
    const cursors: (string | null)[] = [];
    // The demo's results fit one page: the first answer is made to say there is another.
    await page.route('**/v1/coops/*/search?*', async (route) => {
      const cursor = new URL(route.request().url()).searchParams.get('cursor');
      cursors.push(cursor);
      if (cursor) return route.continue();
      const response = await route.fetch();
      await route.fulfill({ response, json: { ...(await response.json()), nextCursor: 'o1' } });
    });
    await search.getByRole('combobox').fill('莱阳');
    await page.keyboard.press('Enter');
    await search.getByRole('link').first().waitFor();
    const first = await search.getByRole('link').count();
    await search.getByRole('button', { name: '更多结果' }).click();
    await expect.poll(() => search.getByRole('link').count()).toBeGreaterThan(first);
    expect(cursors).toEqual([null, 'o1']);
    await page.context().close();
  });

  it('aborts a suggestion request that a newer keystroke made stale', async () => {
    const page = await open('/search');
    const search = page.locator('terroir-search');
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const aborted: string[] = [];
    page.on('requestfailed', (request) => {
      if (request.url().includes('/search/suggest')) aborted.push(new URL(request.url()).searchParams.get('q')!);
    });
    let first = true;
    await page.route('**/search/suggest?*', async (route) => {
      if (!first) return route.continue();
      first = false;
      await held; // the first answer hangs until the test lets it go
      await route.continue().catch(() => {});
    });
    const box = search.getByRole('combobox');
    await box.click();
    await page.keyboard.type('l');
    await page.waitForRequest((request) => request.url().includes('/search/suggest'));
    await page.keyboard.type('yl');
    await search
      .getByRole('option', { name: /莱阳梨/ })
      .first()
      .waitFor();
    await expect.poll(() => aborted).toEqual(['l']);
    release();
    await page.context().close();
  });

  it('says when nothing matches, and offers a retry when the search fails', async () => {
    const page = await open('/search');
    const search = page.locator('terroir-search');
    await search.getByRole('combobox').fill('zzqqxx');
    await page.keyboard.press('Enter');
    await search.getByText('没有找到与“zzqqxx”相关的内容。').first().waitFor();

    await page.route('**/v1/coops/*/search?*', (route) => route.abort());
    await search.getByRole('combobox').fill('莱阳梨');
    await page.keyboard.press('Enter');
    const error = search.getByRole('alert');
    await error.getByText('暂时无法加载，请检查网络后重试。').waitFor();
    await page.unroute('**/v1/coops/*/search?*');
    await error.getByRole('button', { name: '重试' }).click();
    await search.getByRole('link', { name: '莱阳梨', exact: true }).waitFor();
    await page.context().close();
  });

  it('speaks English on an English page, links under `pages`, and has no serious or critical axe-core violations at 360 px', async () => {
    const page = await open('/search-en', 360);
    const search = page.locator('terroir-search');
    const box = search.getByRole('combobox', { name: 'Search this cooperative’s products, stories and chronicle' });
    await box.click();
    await page.keyboard.type('lyl');
    await search.getByRole('listbox', { name: 'Suggestions' }).getByRole('option').first().waitFor();
    expect(await axeSeriousOrCritical(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Enter');
    const link = search.getByRole('region', { name: 'Products' }).getByRole('link').first();
    await link.waitFor();
    expect(await link.getAttribute('href')).toBe('https://pears.example.cn/shop/en/products/laiyang-pear');
    await expect.poll(() => search.getByRole('status').textContent()).toMatch(/^\d+ results$/);
    expect(await search.getByRole('group', { name: 'Filter by type' }).getByRole('button').first().textContent()).toMatch(/^All \(\d+\)$/);
    expect(await axeSeriousOrCritical(page)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.context().close();
  });

  it('runs the example page of docs/widgets.md: ?q=lyl searches at once and links 莱阳梨 to its product page', async () => {
    const page = await open('/docs-example?q=lyl', 360);
    const link = page.locator('terroir-search').getByRole('region', { name: '商品' }).getByRole('link', { name: '莱阳梨', exact: true });
    await link.waitFor();
    expect(await link.getAttribute('href')).toBe(`${shop.origin}/zh-CN/products/laiyang-pear`);
    expect(await page.locator('terroir-search').getByRole('combobox').inputValue()).toBe('lyl');
    await page.context().close();
  });

  it('reserves the search row before its chunk arrives: the text below does not move', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(`**/${chunkOf('search.component')}`, async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(site.origin + '/search');
    await page.waitForFunction(() => (window as { terroirLoaded?: boolean }).terroirLoaded === true);
    const before = await page.locator('#below').boundingBox();
    release();
    await page.locator('terroir-search').getByRole('combobox').waitFor();
    const after = await page.locator('#below').boundingBox();
    expect(after!.y).toBe(before!.y);
    await context.close();
  });
});

describe('the loader when a chunk cannot be fetched (offline)', { timeout: 90_000 }, () => {
  it('shows an error with a retry in the reserved box, and the retry loads the widget', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 800 } });
    context.setDefaultTimeout(15_000);
    const offline = await context.newPage();
    const chunk = chunkOf('products.component');
    await offline.route(`**/${chunk}`, (route) => route.abort('internetdisconnected'));
    await offline.goto(site.origin + '/products');
    const products = offline.locator('terroir-products');
    const alert = products.getByRole('alert');
    await alert.getByText('加载失败，请检查网络后重试。').waitFor();
    // The box keeps the placeholder's height (three skeleton cards), so nothing below jumps.
    expect((await products.boundingBox())!.height).toBeGreaterThan(300);
    await offline.unroute(`**/${chunk}`);
    await alert.getByRole('button', { name: '重试' }).click();
    await products.getByRole('heading', { name: '莱阳梨', exact: true }).waitFor();
    expect(await products.getByRole('alert').count()).toBe(0);
    await context.close();
  });

  it('says it in English on an English page', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    await page.route(`**/${chunkOf('search.component')}`, (route) => route.abort('internetdisconnected'));
    await page.goto(site.origin + '/search-en');
    await page.locator('terroir-search').getByRole('alert').getByText('Could not load. Check your connection and try again.').waitFor();
    expect(await page.locator('terroir-search').getByRole('button', { name: 'Try again' }).count()).toBe(1);
    await context.close();
  });
});
