import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { OWNER, startWorkspace } from './admin-harness';
import { checkScreen, phonePage } from './screen-check';

type Workspace = Awaited<ReturnType<typeof startWorkspace>>;

describe('the cooperative workspace in Chromium at 360 px', () => {
  let w: Workspace;
  let page: Page;
  const shot = (name: string) => checkScreen(page, name);

  beforeAll(async () => {
    w = await startWorkspace();
    page = await phonePage(w.browser);
  });
  afterAll(() => w?.close());

  it('logs in (Chinese by default), refusing a wrong password with a message', async () => {
    await page.goto(`${w.origin}/admin/`);
    await page.getByLabel('邮箱').fill(OWNER.email);
    await page.getByLabel('密码').fill('wrong-password');
    await page.getByRole('button', { name: '登录' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('邮箱或密码不对');
    await shot('login');
    await page.getByLabel('密码').fill(OWNER.password);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('navigation').getByRole('link', { name: /更多/ }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    await page.getByRole('heading', { name: '商品' }).waitFor();
    await page.locator('.cards li').first().waitFor();
    await shot('products');
  });

  it('creates a product with a variant and a photo, showing upload progress, and warns before leaving unsaved edits', async () => {
    await page.getByRole('link', { name: '新增商品' }).click();
    await page.getByLabel('名称（中文）').fill('秋月梨礼盒');
    await page.getByLabel('名称（英文）').fill('Autumn moon pear gift box');
    await page.getByLabel('网址名（小写字母、数字、连字符）').fill('autumn-moon-box');
    await page.getByLabel('规格名称（如 5斤装）').fill('8斤装');
    await page.getByLabel('价格（元）').fill('128.5');
    await page.getByLabel('数量').fill('8');
    await page.getByLabel('库存').fill('20');

    // Leaving with unsaved edits asks first; dismissing keeps the form.
    let asked = '';
    page.once('dialog', (dialog) => {
      asked = dialog.message();
      void dialog.dismiss();
    });
    await page.getByRole('navigation').getByRole('link', { name: /订单/ }).click();
    await expect.poll(() => asked).toContain('还没保存');
    expect(page.url()).toContain('#/products/new');
    expect(await page.getByLabel('名称（中文）').inputValue()).toBe('秋月梨礼盒');

    // A slow uplink, so the XHR progress bar is seen moving.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 20, downloadThroughput: -1, uploadThroughput: 256 * 1024 });
    const noise = Buffer.from(Array.from({ length: 600 * 400 * 3 }, (_, i) => (i * 7919) % 251));
    const photo = await sharp(noise, { raw: { width: 600, height: 400, channels: 3 } })
      .jpeg({ quality: 95 })
      .withExif({ IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '36/1 58/1 0/1' } })
      .toBuffer();
    await page.getByLabel('照片说明（中文，必填）').fill('礼盒里的秋月梨');
    await page.locator('#photo-file').setInputFiles({ name: '../../etc/IMG_0001.jpg', mimeType: 'image/jpeg', buffer: photo });
    const progress = page.locator('progress');
    await progress.waitFor();
    const seen = Number(await progress.getAttribute('value'));
    expect(seen).toBeLessThan(100);
    await progress.scrollIntoViewIfNeeded();
    await page.evaluate(() => window.scrollBy(0, 120));
    await shot('product-upload');
    await page.locator('.photos img').waitFor();
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    expect(await page.locator('.photos img').getAttribute('src')).toMatch(/^\/uploads\/[0-9a-f]{2}\/[0-9a-f]{64}-w600\.jpg$/);
    expect(await page.locator('.photos img').getAttribute('alt')).toBe('礼盒里的秋月梨');

    await page.getByRole('button', { name: '保存' }).click();
    await page.waitForURL(/#\/products\/prd_/);
    const product = await w.database.db.selectFrom('products').selectAll().where('slug', '=', 'autumn-moon-box').executeTakeFirstOrThrow();
    expect(JSON.parse(product.images)[0].alt['zh-CN']).toBe('礼盒里的秋月梨');
    const variant = await w.database.db.selectFrom('variants').selectAll().where('product_id', '=', product.id).executeTakeFirstOrThrow();
    expect(Number(variant.price_minor)).toBe(12850);
    await page.getByRole('heading', { name: '秋月梨礼盒' }).waitFor();
    await shot('product-form');
  });

  it('shows the server’s validation messages inline, on the field', async () => {
    await page.getByLabel('网址名（小写字母、数字、连字符）').fill('Bad Slug!');
    await page.getByLabel('价格（元）').fill('abc');
    await page.getByRole('button', { name: '保存' }).click();
    const slug = page.getByLabel('网址名（小写字母、数字、连字符）');
    await expect.poll(() => slug.getAttribute('aria-invalid')).toBe('true');
    // The server's code, worded in Chinese for a Chinese screen.
    expect(await page.locator('#field-slug-error').textContent()).toContain('网址名只能用小写字母');
    await shot('validation');
    // Put it back so the form is clean again.
    await slug.fill('autumn-moon-box');
    await page.getByLabel('价格（元）').fill('128.50');
    await page.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => slug.getAttribute('aria-invalid')).toBe(null);
  });

  it('writes a story with a Markdown preview from the server renderer, and links it to the product', async () => {
    await page.getByRole('navigation').getByRole('link', { name: /故事/ }).click();
    await page.getByRole('link', { name: '新写故事' }).click();
    await page.getByLabel('标题（中文）').fill('秋月梨的嫁接');
    await page.getByLabel('网址名（小写字母、数字、连字符）').fill('autumn-moon-grafting');
    await page.getByLabel('正文（中文，Markdown）').fill('## 嫁接\n\n春天，**王师傅**把秋月梨的枝条接到老树上。\n\n<script>alert(1)</script>');
    await page.getByRole('button', { name: '预览' }).click();
    await page.locator('.preview h2', { hasText: '嫁接' }).waitFor();
    expect(await page.locator('.preview strong').textContent()).toBe('王师傅');
    expect(await page.locator('.preview script').count()).toBe(0);
    await shot('story-preview');
    await page.getByRole('button', { name: '保存' }).click();
    await page.waitForURL(/#\/stories\/sty_/);
    await page.getByRole('checkbox', { name: /秋月梨礼盒/ }).check();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('已关联');
    const story = await w.database.db.selectFrom('stories').select('id').where('slug', '=', 'autumn-moon-grafting').executeTakeFirstOrThrow();
    const product = await w.database.db.selectFrom('products').select('id').where('slug', '=', 'autumn-moon-box').executeTakeFirstOrThrow();
    const links = await w.database.db.selectFrom('story_products').selectAll().where('story_id', '=', story.id).execute();
    expect(links.map((l) => l.product_id)).toEqual([product.id]);
    await page.getByRole('checkbox', { name: /秋月梨礼盒/ }).scrollIntoViewIfNeeded();
    await shot('story-link');
  });

  it('checks a CSV with an error row: the dry run lists the error, nothing is written, no import button', async () => {
    const before = await w.database.db.selectFrom('variants').select(['id', 'price_minor', 'stock_on_hand']).orderBy('id').execute();
    await page.getByRole('navigation').getByRole('link', { name: /导入/ }).click();
    const csv = '\ufeffproduct_slug,category,title_zh,price,unit,stock\r\nhua-jiao,processed,花椒,¥30,盒,5\r\nmi-tao,fresh,蜜桃,十二块,斤,8\r\n';
    await page.locator('#csv-file').setInputFiles({ name: 'prices.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('button', { name: '检查文件' }).click();
    const table = page.locator('table.import-errors');
    await table.waitFor();
    const rows = await table.locator('tbody tr').allTextContents();
    expect(rows.length).toBe(1);
    expect(rows[0]).toMatch(/^3/);
    expect(rows[0]).toContain('价格看不懂');
    expect(await page.getByRole('button', { name: '确认导入' }).count()).toBe(0);
    await shot('import-errors');
    const after = await w.database.db.selectFrom('variants').select(['id', 'price_minor', 'stock_on_hand']).orderBy('id').execute();
    expect(after).toEqual(before);
    expect(await w.database.db.selectFrom('products').select('id').where('slug', '=', 'hua-jiao').executeTakeFirst()).toBeUndefined();
  });

  it('imports a messy GB18030 spreadsheet through the mapping step: suggestions preselected with samples, first-row and skip chosen, exactly two rows skipped, mapping remembered', async () => {
    const bytes = readFileSync(new URL('../../core/src/csv/fixtures/messy-cooperative.gb18030.csv', import.meta.url));
    await page.locator('#csv-file').setInputFiles({ name: '合作社价目表.csv', mimeType: 'text/csv', buffer: bytes });
    const name = page.getByLabel('列“商品名称”');
    await name.waitFor({ timeout: 30_000 });
    expect(await name.inputValue()).toBe('title_zh');
    expect(await page.getByLabel('列“上市月份”').inputValue()).toBe('season');
    expect(await page.getByLabel('列“简介”').inputValue()).toBe('summary_zh');
    expect(await page.locator('#map-2-samples').textContent()).toBe('例如：¥12、12元、168元');
    // Keyboard: the selects are reachable with Tab and changed with the arrow keys.
    await name.focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('map-1');

    await page.getByRole('button', { name: '检查文件' }).click();
    const errors = page.locator('table.import-errors');
    await errors.waitFor();
    expect((await errors.locator('tbody tr').allTextContents()).map((r) => r.match(/^\d+/)?.[0])).toEqual(['3', '7', '8']);
    expect(await page.getByText('有 1 处同一商品的几行不一致。').count()).toBe(1);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await shot('import-mapping-conflicts');

    await page.getByLabel('同一商品几行不一致时，以第一行为准').check();
    await page.getByLabel('跳过看不懂的行，导入其余的行').check();
    await page.getByRole('button', { name: '检查文件' }).click();
    const skipped = page.locator('table.import-skipped');
    await skipped.waitFor();
    const skippedRows = await skipped.locator('tbody tr').allTextContents();
    expect(skippedRows.map((r) => r.match(/^\d+/)?.[0])).toEqual(['7', '8']);
    expect(skippedRows[0]).toContain('面议');
    expect(await page.locator('table.import-errors').count()).toBe(0);
    await shot('import-mapping-ready');
    await page.getByRole('button', { name: '确认导入' }).click();
    await page.getByText('导入完成').first().waitFor();
    const products = await w.database.db.selectFrom('products').select('title').execute();
    expect(products.filter((p) => /山楂酱|竹编茶具|土蜂蜜|黄花梨|红富士|晒干的枣/.test(p.title))).toHaveLength(6);
    const remembered = await w.database.db.selectFrom('import_mappings').select('columns_json').executeTakeFirstOrThrow();
    expect(JSON.parse(remembered.columns_json)['上市月份']).toBe('season');
  });

  it("teaches the import the cooperative's own words from the dry run: the unknown category and unit are added to its word table, then the file imports", async () => {
    const csv = '品名,售价,单位,类别\r\n酸枣仁,¥30,坛,山货\r\n';
    await page.locator('#csv-file').setInputFiles({ name: '山货.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByLabel('列“售价”').waitFor({ timeout: 30_000 });
    expect(await page.getByLabel('列“售价”').inputValue()).toBe('price');
    await page.getByRole('button', { name: '检查文件' }).click();
    await page.getByLabel('“山货”属于哪一类？').waitFor();
    expect(await page.getByLabel('跳过看不懂的行，导入其余的行').isChecked()).toBe(false);
    expect(await page.getByRole('button', { name: '确认导入' }).count()).toBe(0);
    await page.getByRole('group', { name: '教后台认识这些词' }).scrollIntoViewIfNeeded();
    await shot('import-words');
    await page.getByLabel('“山货”属于哪一类？').selectOption('processed');
    await page.getByLabel('“坛”按什么单位卖？').selectOption('piece');
    await page.getByRole('button', { name: '保存到词表并重新检查' }).click();
    await page.getByRole('button', { name: '确认导入' }).click();
    await page.getByText('导入完成').first().waitFor();
    const row = await w.database.db.selectFrom('import_mappings').select(['category_words_json', 'unit_words_json']).executeTakeFirstOrThrow();
    expect(JSON.parse(row.category_words_json)).toEqual({ 山货: 'processed' });
    expect(JSON.parse(row.unit_words_json)).toEqual({ 坛: 'piece' });
    const product = await w.database.db.selectFrom('products').select(['category', 'title']).where('title', 'like', '%酸枣仁%').executeTakeFirstOrThrow();
    expect(product.category).toBe('processed');
  });

  it('shows the mapping step and the problems in English too', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    const bytes = readFileSync(new URL('../../core/src/csv/fixtures/messy-cooperative.utf8-bom.csv', import.meta.url));
    await page.locator('#csv-file').setInputFiles({ name: 'prices.csv', mimeType: 'text/csv', buffer: bytes });
    const name = page.getByLabel('Column "商品名称"');
    await name.waitFor({ timeout: 30_000 });
    expect(await name.inputValue()).toBe('title_zh');
    expect(await page.locator('#map-2-samples').textContent()).toBe('e.g. ¥12, 12元, 168元');
    expect(await page.locator('#map-0 option:checked').textContent()).toBe('Name (Chinese)');
    await page.getByRole('button', { name: 'Check the file' }).click();
    const errors = page.locator('table.import-errors');
    await errors.waitFor();
    const rows = await errors.locator('tbody tr').allTextContents();
    expect(rows[1]).toContain('Cannot read "面议" as a price');
    expect(rows[2]).toContain('Use a whole number from 0');
    await shot('import-mapping-en');
    await page.getByRole('button', { name: '中文' }).click();
    await page.getByRole('heading', { name: '从表格导入价格' }).waitFor();
  });

  it('marks a paid pickup order packed, then ready for pickup', async () => {
    await page.getByRole('navigation').getByRole('link', { name: /订单/ }).click();
    const card = page.locator(`[data-order="${w.orderId}"]`);
    await card.waitFor();
    // The packer opens the order to see what goes in the box.
    await card.getByText('要打包的商品').click();
    await card.locator('.order-lines li').first().waitFor();
    expect(await card.locator('.order-lines li').first().textContent()).toMatch(/× 1$/);
    await shot('orders');
    await card.getByRole('button', { name: '标记已打包' }).click();
    await card.getByRole('button', { name: '可以取货' }).waitFor();
    await card.getByRole('button', { name: '可以取货' }).click();
    await expect
      .poll(async () => (await w.database.db.selectFrom('orders').select('status').where('id', '=', w.orderId).executeTakeFirstOrThrow()).status)
      .toBe('ready_for_pickup');
    const events = await w.database.db
      .selectFrom('order_events')
      .select(['to_status', 'actor'])
      .where('order_id', '=', w.orderId)
      .where('reason', '=', 'staff_update')
      .orderBy('created_at')
      .execute();
    expect(events.map((e) => e.to_status)).toEqual(['packed', 'ready_for_pickup']);
    expect(events.every((e) => e.actor.startsWith('staff:usr_'))).toBe(true);
    await card.getByRole('button', { name: '已完成' }).waitFor();
    await shot('order-ready');
  });

  it('lets the owner enable Alipay and add courier delivery with fees per region', async () => {
    await page.getByRole('navigation').getByRole('link', { name: /更多/ }).click();
    await page.getByRole('link', { name: /设置/ }).click();
    await page.getByRole('checkbox', { name: '支付宝', exact: true }).check();
    await expect
      .poll(
        async () =>
          (await w.database.db.selectFrom('checkout_settings').select('payment_methods').where('cooperative_id', '=', w.coopId).executeTakeFirst())
            ?.payment_methods,
      )
      .toContain('alipay');
    await page.getByLabel('名称（如 顺丰快递）').fill('顺丰快递');
    await page.getByLabel('统一运费（元，留空表示只送下面的地区）').fill('15');
    await page.getByLabel('各地区运费（如 shandong 8, beijing 18）').fill('shandong 8，beijing 18.5');
    await page.getByRole('group', { name: '新增快递方式' }).getByRole('button', { name: '保存' }).click();
    await page.getByText('shandong ¥8.00, beijing ¥18.50').waitFor();
    const option = await w.database.db
      .selectFrom('fulfilment_options')
      .selectAll()
      .where('cooperative_id', '=', w.coopId)
      .where('name', 'like', '%顺丰快递%')
      .executeTakeFirstOrThrow();
    expect([Number(option.fee_minor), JSON.parse(option.region_fees!)]).toEqual([1500, { shandong: 800, beijing: 1850 }]);
    await page.getByText('shandong ¥8.00, beijing ¥18.50').scrollIntoViewIfNeeded();
    await shot('settings');
  });

  it('switches to English', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Settings' }).waitFor();
    await page
      .getByRole('navigation')
      .getByRole('link', { name: /Orders/ })
      .click();
    await page.getByRole('button', { name: 'All', exact: true }).click();
    await page.locator(`[data-order="${w.orderId}"]`).waitFor();
    await page.getByRole('heading', { name: 'Orders' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await shot('orders-en');
  });

  it('returns to the login form when the session ends (revoked on the server)', async () => {
    await w.database.db.updateTable('sessions').set({ revoked_at: new Date().toISOString() }).execute();
    await page
      .getByRole('navigation')
      .getByRole('link', { name: /Products/ })
      .click();
    await page.getByRole('button', { name: 'Log in' }).waitFor();
  });
});
