// A village's first ten minutes, literally: the demo started the way `pnpm start` starts it
// (src/main.ts in its own process, no Stripe keys, no configuration; only a temporary database
// file and a free port so the test leaves the developer's demo data alone), then
// docs/widgets.md's "Embed on your own site, step by step" followed on a page of another origin:
// the top snippet is pasted as written, the widget says the site is not allowed, the console
// names the exact origin, the owner adds it in the admin app's settings, the widget's retry
// button brings the shop, a shopper places a pay-at-pickup order, and the owner types the pickup
// code under Orders: the order is completed and the stock taken once.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase, type TerroirDatabase } from '@terroir/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBundle, launchChromium, startThirdPartySite } from '../../../packages/widgets/test/browser-harness';
import { DEMO_OWNER } from './demo-owner';

const SITE = fileURLToPath(new URL('..', import.meta.url));
const ADMIN_PACKAGE = fileURLToPath(new URL('../../../packages/admin-app/', import.meta.url));
const WIDGETS_DOC = fileURLToPath(new URL('../../../docs/widgets.md', import.meta.url));

let dir: string;
let child: ChildProcess | undefined;
let output = '';
let origin: string;
let chromium: Awaited<ReturnType<typeof launchChromium>>;

/** `pnpm start` builds the admin app into its dist/ before starting; do the same when it is missing or older than a source. */
function ensureAdminApp(): void {
  const built = join(ADMIN_PACKAGE, 'dist', 'index.html');
  const sources = readdirSync(join(ADMIN_PACKAGE, 'src'), { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
  const newest = Math.max(...sources.map((entry) => statSync(join(entry.parentPath, entry.name)).mtimeMs));
  if (existsSync(built) && statSync(built).mtimeMs > newest) return;
  const build = spawnSync(join(ADMIN_PACKAGE, 'node_modules', '.bin', 'vite'), ['build', '--logLevel', 'warn'], { cwd: ADMIN_PACKAGE, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`admin app build failed:\n${build.stdout}\n${build.stderr}`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** The first HTML block of docs/widgets.md, as a reader would paste it, pointed at this demo. */
function snippetFromDocs(shop: string): string {
  const doc = readFileSync(WIDGETS_DOC, 'utf8');
  const block = /```html\n([\s\S]*?)```/.exec(doc)?.[1];
  if (!block) throw new Error('docs/widgets.md has no html block at the top');
  return block.replaceAll('https://shop.example.cn', shop);
}

const page = (body: string) =>
  `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>我们村</title></head><body><h1>我们村</h1>${body}</body></html>`;

beforeAll(async () => {
  ensureBundle();
  ensureAdminApp();
  dir = mkdtempSync(join(tmpdir(), 'terroir-first-minutes-'));
  const port = await freePort();
  origin = `http://localhost:${port}`;
  // Nothing from this process's environment but PATH and HOME: no Stripe keys, no PUBLIC_URL.
  child = spawn(join(SITE, 'node_modules', '.bin', 'tsx'), ['src/main.ts'], {
    cwd: SITE,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? dir, DATABASE_URL: `file:${join(dir, 'village.sqlite')}`, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the demo did not start within 90 s:\n${output}`)), 90_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(`Terroir demo village: ${origin}/`)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child!.stdout!.on('data', read);
    child!.stderr!.on('data', read);
    child!.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the demo exited with ${code}:\n${output}`));
    });
  });
  chromium = await launchChromium();
}, 240_000);

afterAll(async () => {
  await chromium?.close();
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child!.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the first ten minutes from `pnpm start`', () => {
  it('says what it offers on start: pay at pickup on, online checkout off, the workspace login', () => {
    expect(output).toContain('Seeded the demo village (laiyang-pear).');
    expect(output).toContain('Pay at pickup: on');
    expect(output).toContain('Online checkout is off');
    expect(output).toContain(`Workspace: ${origin}/admin/  demo login (demo only): ${DEMO_OWNER.email} / ${DEMO_OWNER.password}`);
  });

  it('shows the museum with its drawn village map, uploaded once to the media library', async () => {
    const html = await (await fetch(`${origin}/zh-CN/museum`)).text();
    const src = /<img src="(\/uploads\/[^"]+)"/.exec(html)?.[1];
    expect(src).toBeDefined();
    const image = await fetch(`${origin}${src}`);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toMatch(/^image\/(png|webp)$/);
    expect((await image.arrayBuffer()).byteLength).toBeGreaterThan(1000);
  });

  it('plays Liu Guifang’s voice recording on her page and serves it in the public API', async () => {
    const html = await (await fetch(`${origin}/en/museum/people/liu-guifang`)).text();
    const src = /<audio controls preload="none" src="(\/uploads\/[^"]+\.wav)">/.exec(html)?.[1];
    expect(src).toBeDefined();
    expect(html).toContain('Liu Guifang on straw weaving (demo: a tone stands in for the recording)');
    const audio = await fetch(`${origin}${src}`);
    expect([audio.status, audio.headers.get('content-type')]).toEqual([200, 'audio/wav']);
    const api = (await (await fetch(`${origin}/api/v1/coops/laiyang-pear/museum/people/liu-guifang?lang=zh-CN`)).json()) as {
      person: { recordings: Array<{ url: string; caption: string; durationSeconds: number }> };
    };
    expect(api.person.recordings.map((r) => [r.url, r.caption, r.durationSeconds])).toEqual([[src, '刘桂芳讲草编（示例：以一段音调代替录音）', 5]]);
  });

  it('embeds on another site by the docs, takes a pay-at-pickup order there, and the owner collects it once', async () => {
    const snippet = snippetFromDocs(origin);
    // The snippet as documented: a product list, a story and a cart with checkout; one product element to buy from.
    expect(snippet).toContain(`<script type="module" src="${origin}/widgets/v1/terroir.js"></script>`);
    expect(snippet).toMatch(/<terroir-cart coop="laiyang-pear" checkout><\/terroir-cart>/);
    const site = await startThirdPartySite(() => ({
      '/': page(`${snippet}<terroir-product coop="laiyang-pear" product="straw-basket"></terroir-product>`),
    }));
    const database: TerroirDatabase = await openDatabase({ url: `file:${join(dir, 'village.sqlite')}` });
    try {
      // Step 1: open the page. The site is not allowed yet, and the widgets say so in words.
      const shopperContext = await chromium.browser.newContext({ viewport: { width: 360, height: 780 } });
      shopperContext.setDefaultTimeout(30_000);
      const shopper = await shopperContext.newPage();
      const consoleErrors: string[] = [];
      shopper.on('console', (message) => {
        if (message.type() === 'error') consoleErrors.push(message.text());
      });
      await shopper.goto(`${site.origin}/`);
      const products = shopper.locator('terroir-products');
      await products.getByText('本网站暂未开通此合作社的商品展示。').waitFor();

      // Step 2: the console names the exact origin to add.
      await expect.poll(() => consoleErrors.find((text) => text.startsWith('Terroir widgets:')) ?? '').toContain(`"${site.origin}"`);
      const named = /Add exactly "([^"]+)"/.exec(consoleErrors.find((text) => text.startsWith('Terroir widgets:')) ?? '')?.[1];
      expect(named).toBe(site.origin);

      // Step 3: the owner adds it in the admin app's settings; the widget's retry brings the shop.
      const ownerContext = await chromium.browser.newContext({ viewport: { width: 360, height: 780 } });
      ownerContext.setDefaultTimeout(30_000);
      const owner = await ownerContext.newPage();
      await owner.goto(`${origin}/admin/`);
      await owner.getByLabel('邮箱').fill(DEMO_OWNER.email);
      await owner.getByLabel('密码').fill(DEMO_OWNER.password);
      await owner.getByRole('button', { name: '登录', exact: true }).click();
      await owner.getByRole('navigation').getByRole('link', { name: /更多/ }).click();
      await owner.getByRole('link', { name: /设置/ }).click();
      await owner.getByLabel('网站地址（如 https://village.example.cn）').fill(named!);
      await owner.getByRole('button', { name: '添加' }).click();
      await owner.locator('.origins code', { hasText: site.origin }).waitFor();

      await products.getByRole('button', { name: '重试' }).click();
      await products
        .getByRole('button', { name: /加入购物车/ })
        .first()
        .waitFor();
      // The other widgets on the page each have their own retry button; a reload retries them all.
      await shopper.reload();

      // A shopper buys two straw baskets and chooses pay at pickup.
      const basket = (await database.db
        .selectFrom('variants')
        .innerJoin('products', 'products.id', 'variants.product_id')
        .select(['variants.id', 'variants.price_minor', 'variants.stock_on_hand'])
        .where('products.slug', '=', 'straw-basket')
        .orderBy('variants.price_minor')
        .executeTakeFirstOrThrow()) as { id: string; price_minor: number | string; stock_on_hand: number | string };
      const stockBefore = Number(basket.stock_on_hand);
      const product = shopper.locator('terroir-product');
      await product.getByRole('button', { name: /加入购物车/ }).waitFor();
      await product.getByRole('button', { name: '增加' }).click();
      await product.getByRole('button', { name: /加入购物车/ }).click();
      const cart = shopper.locator('terroir-cart');
      await cart
        .locator('[part=subtotal]')
        .getByText(`¥${((Number(basket.price_minor) * 2) / 100).toFixed(2)}`)
        .waitFor();
      expect(await cart.getByRole('button', { name: '去结算' }).count()).toBe(0);
      await cart.getByRole('button', { name: '下单，到店/货到付款' }).click();
      await shopper.waitForURL((url) => url.href.startsWith(`${origin}/api/orders/`));
      const code = (await shopper.locator('[data-pickup-code]').textContent())?.trim() ?? '';
      expect(code).toMatch(/^[34679ACEFGHJKMNPRTWXY]{3}-[34679ACEFGHJKMNPRTWXY]{3}$/);

      // The owner (the demo's only account; fulfilment staff see the same screen) collects it.
      await owner.getByRole('navigation').getByRole('link', { name: /订单/ }).click();
      await owner.getByLabel('取货码').fill(code);
      await owner.getByRole('button', { name: '已付款并取货' }).click();
      await owner.locator('[data-collect] [role=status]').waitFor();
      const order = await database.db.selectFrom('orders').select(['id', 'status']).where('pickup_code', '=', code.replace('-', '')).executeTakeFirstOrThrow();
      expect(order.status).toBe('completed');
      const stockAfter = await database.db.selectFrom('variants').select('stock_on_hand').where('id', '=', basket.id).executeTakeFirstOrThrow();
      expect(Number(stockAfter.stock_on_hand)).toBe(stockBefore - 2);
      const moves = await database.db.selectFrom('order_events').select('to_status').where('order_id', '=', order.id).execute();
      expect(moves.filter((m) => m.to_status === 'completed')).toHaveLength(1);
      await Promise.all([shopperContext.close(), ownerContext.close()]);
    } finally {
      await database.close();
      await site.close();
    }
  }, 240_000);
});
