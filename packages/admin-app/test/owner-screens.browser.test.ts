import { createApiToken, listMembers, listProducersForEditing, recordAudit, recordSearchMiss } from '@terroir/core';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PACKER, startWorkspace } from './admin-harness';
import { checkScreen, phonePage, signIn } from './screen-check';

type Workspace = Awaited<ReturnType<typeof startWorkspace>>;

/** Answers the next confirm() with yes or no, and records what it asked. */
function answerNextDialog(page: Page, accept: boolean): { message: string } {
  const seen = { message: '' };
  page.once('dialog', (dialog) => {
    seen.message = dialog.message();
    void (accept ? dialog.accept() : dialog.dismiss());
  });
  return seen;
}

describe('the owner’s screens in Chromium at 360 px: producers, members, allowed origins, refunds, activity log', () => {
  let w: Workspace;
  let page: Page;
  const more = async (name: RegExp) => {
    await page.getByRole('navigation').getByRole('link', { name: /更多/ }).click();
    await page.getByRole('heading', { name: '更多' }).waitFor();
    await page.getByRole('link', { name }).click();
  };

  beforeAll(async () => {
    w = await startWorkspace();
    page = await phonePage(w.browser);
    await signIn(page, w.origin);
  });
  afterAll(() => w?.close());

  it('shows why a screen could not load, and loads it on “retry”', async () => {
    // The first request for the producer list fails as an overloaded proxy would.
    let failed = 0;
    await page.route(/\/admin\/api\/coops\/[^/]+\/producers\?/, async (route) => {
      if (failed++ === 0) await route.fulfill({ status: 503, contentType: 'text/html', body: '<h1>busy</h1>' });
      else await route.continue();
    });
    await more(/生产者/);
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.textContent()).toContain('没能加载');
    await checkScreen(page, 'load-error');
    await alert.getByRole('button', { name: '重试' }).click();
    await page.locator('.cards li').first().waitFor();
    expect(await page.getByRole('alert').count()).toBe(0);
    await page.unroute(/\/admin\/api\/coops\/[^/]+\/producers\?/);
    expect(failed).toBe(2);
  });

  it('shows the same error state when an edit form’s first load fails (the product form)', async () => {
    await page.route(/\/admin\/api\/coops\/[^/]+\/products\/prd_[^/?]+$/, (route) => route.abort('connectionreset'));
    await page.getByRole('navigation').getByRole('link', { name: /商品/ }).click();
    await page.locator('.cards a.card').first().click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('网络出错');
    expect(await page.getByLabel('名称（中文）').count()).toBe(0);
    await page.unroute(/\/admin\/api\/coops\/[^/]+\/products\/prd_[^/?]+$/);
    await page.getByRole('button', { name: '重试' }).click();
    await page.getByLabel('名称（中文）').waitFor();
    expect(await page.getByLabel('名称（中文）').inputValue()).not.toBe('');
  });

  it('creates, edits and deletes a producer, with the server’s errors on their fields', async () => {
    await more(/生产者/);
    await page.getByRole('link', { name: '新增生产者' }).click();
    await page.getByLabel('名称（中文，如 王家梨园）').fill('赵家蜂场');
    await page.getByLabel('名称（英文）').fill('Zhao family apiary');
    await page.getByLabel('网址名（小写字母、数字、连字符）').fill('Zhao Bees');
    await page.getByLabel('类型').selectOption('farmer');
    await page.getByLabel('所在地（中文，如 莱阳市照旺庄镇）').fill('莱阳市谭格庄镇');
    await page.getByLabel('介绍（中文，Markdown）').fill('三代人养蜂，**槐花蜜**五月开摇。');
    await page.getByRole('button', { name: '保存' }).click();
    const slug = page.getByLabel('网址名（小写字母、数字、连字符）');
    await expect.poll(() => slug.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#field-slug-error').textContent()).toContain('网址名只能用小写字母');
    await checkScreen(page, 'producer-form');
    await slug.fill('zhao-bees');
    await page.getByRole('button', { name: '保存' }).click();
    await page.waitForURL(/#\/producers\/prod_/);
    await page.getByRole('heading', { name: '赵家蜂场' }).waitFor();
    let producer = (await listProducersForEditing(w.database.db, w.coopId, { limit: 200 })).items.find((p) => p.slug === 'zhao-bees');
    expect(producer).toMatchObject({ kind: 'farmer', name: { 'zh-CN': '赵家蜂场', en: 'Zhao family apiary' }, place: { name: { 'zh-CN': '莱阳市谭格庄镇' } } });

    await page.getByLabel('名称（中文，如 王家梨园）').fill('赵家蜂场（谭格庄）');
    await page.getByRole('button', { name: '保存' }).click();
    await expect
      .poll(async () => (await listProducersForEditing(w.database.db, w.coopId, { limit: 200 })).items.find((p) => p.slug === 'zhao-bees')?.name['zh-CN'])
      .toBe('赵家蜂场（谭格庄）');

    // Deleting asks first; saying no keeps it.
    const no = answerNextDialog(page, false);
    await page.getByRole('button', { name: '删除' }).click();
    await expect.poll(() => no.message).toContain('赵家蜂场（谭格庄）');
    producer = (await listProducersForEditing(w.database.db, w.coopId, { limit: 200 })).items.find((p) => p.slug === 'zhao-bees');
    expect(producer).toBeDefined();
    answerNextDialog(page, true);
    await page.getByRole('button', { name: '删除' }).click();
    await page.waitForURL(/#\/producers$/);
    await page.getByRole('heading', { name: '生产者' }).waitFor();
    await page.locator('.cards li').first().waitFor();
    await checkScreen(page, 'producers');
    expect((await listProducersForEditing(w.database.db, w.coopId, { limit: 200 })).items.some((p) => p.slug === 'zhao-bees')).toBe(false);
  });

  it('lists members with their roles, changes a role and removes a member after confirmation', async () => {
    await more(/成员/);
    const packer = page.locator(`[data-member="${PACKER.email}"]`);
    await packer.waitFor();
    expect(await packer.textContent()).toContain(PACKER.displayName);
    await checkScreen(page, 'members');
    await packer.getByLabel(/角色/).selectOption('editor');
    await expect.poll(async () => (await listMembers(w.database.db, w.coopId)).find((m) => m.email === PACKER.email)?.role).toBe('editor');
    await expect.poll(() => page.getByRole('status').textContent()).toContain('角色已修改');

    const no = answerNextDialog(page, false);
    await packer.getByRole('button', { name: '移出合作社' }).click();
    await expect.poll(() => no.message).toContain(PACKER.displayName);
    expect((await listMembers(w.database.db, w.coopId)).some((m) => m.email === PACKER.email)).toBe(true);
    answerNextDialog(page, true);
    await packer.getByRole('button', { name: '移出合作社' }).click();
    await packer.waitFor({ state: 'detached' });
    expect((await listMembers(w.database.db, w.coopId)).map((m) => m.email)).not.toContain(PACKER.email);
  });

  it('adds and removes allowed origins, refusing a page address with the reason and the origin to use', async () => {
    await more(/设置/);
    const field = page.getByLabel('网站地址（如 https://village.example.cn）');
    await field.fill('https://village.example.cn/shop/pears.html');
    await page.getByRole('button', { name: '添加' }).click();
    await expect.poll(() => field.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#field-origin-error').textContent()).toBe('只填网站本身，不要后面的路径、问号或 #。 应填：https://village.example.cn');
    const stored = async () =>
      (await w.database.db.selectFrom('cooperatives').select('allowed_origins').where('id', '=', w.coopId).executeTakeFirstOrThrow()).allowed_origins;
    const before = JSON.parse(await stored()) as string[];
    expect(before).not.toContain('https://village.example.cn');

    await field.fill('http://village.example.cn');
    await page.getByRole('button', { name: '添加' }).click();
    await expect.poll(() => page.locator('#field-origin-error').textContent()).toContain('只能是 https://');

    // Keyboard only: the refused entry kept focus in its field; type the right one and press Enter.
    // (Focus moves on the next animation frame after the error renders.)
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('field-origin');
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('https://village.example.cn:8443');
    await page.keyboard.press('Enter');
    await page.locator('.origins code', { hasText: 'https://village.example.cn:8443' }).waitFor();
    expect(JSON.parse(await stored())).toEqual([...before, 'https://village.example.cn:8443']);
    expect(await field.inputValue()).toBe('');
    await page.locator('.origins').scrollIntoViewIfNeeded();
    await checkScreen(page, 'allowed-origins');

    answerNextDialog(page, true);
    await page.getByRole('button', { name: '移除: https://village.example.cn:8443' }).click();
    await page.locator('.origins code', { hasText: 'https://village.example.cn:8443' }).waitFor({ state: 'detached' });
    expect(JSON.parse(await stored())).toEqual(before);
  });

  it('refunds part of a card order through Stripe after confirming the amount, and shows the status after', async () => {
    await page.getByRole('navigation').getByRole('link', { name: /订单/ }).click();
    const allOrders = page.waitForResponse((r) => r.url().includes('/orders?') && !r.url().includes('status='));
    await page.getByRole('button', { name: '全部', exact: true }).click();
    await allOrders;
    const card = page.locator(`[data-order="${w.cardOrderId}"]`);
    await card.waitFor();
    const order = async () =>
      w.database.db.selectFrom('orders').select(['status', 'total_minor', 'refunded_minor']).where('id', '=', w.cardOrderId).executeTakeFirstOrThrow();
    const total = Number((await order()).total_minor);
    await card.getByRole('button', { name: '退款' }).click();
    expect(await card.getByText(/全额退款/).textContent()).toContain(`¥${(total / 100).toFixed(2)}`);
    await card.getByText('部分退款').click();
    const amount = card.getByLabel('退款金额（元）');
    // More than was paid is refused before anything is sent.
    await amount.fill(String(total / 100 + 1));
    await card.getByRole('button', { name: '确认退款' }).click();
    await expect.poll(() => amount.getAttribute('aria-invalid')).toBe('true');
    const refundsSent = () => w.stripeServer.requests.filter((r) => r.path === '/v1/refunds').length;
    expect(refundsSent()).toBe(0);
    await checkScreen(page, 'refund');

    await amount.fill('5');
    const dismissed = answerNextDialog(page, false);
    await card.getByRole('button', { name: '确认退款' }).click();
    await expect.poll(() => dismissed.message).toContain('¥5.00');
    expect(refundsSent()).toBe(0);

    const eventsBefore = w.stripeServer.events.length;
    const asked = answerNextDialog(page, true);
    await card.getByRole('button', { name: '确认退款' }).click();
    await card.getByText(/已申请退款 ¥5.00/).waitFor();
    expect(asked.message).toContain(w.cardOrderId);
    expect(w.stripeServer.requests.filter((r) => r.path === '/v1/refunds').map((r) => r.form.amount)).toEqual(['500']);
    expect(await card.getByText(/已申请退款/).textContent()).toContain('订单状态：已付款');

    // Stripe confirms (charge.refunded): the order's state changes through the webhook path only.
    await w.deliverStripeEvents(eventsBefore);
    await expect.poll(async () => ({ ...(await order()) })).toMatchObject({ status: 'partially_refunded', refunded_minor: 500 });
    // Reading the list again (another filter, then all orders) shows the confirmed state.
    const paidOrders = page.waitForResponse((r) => r.url().includes('/orders?') && r.url().includes('status=paid'));
    await page.getByRole('button', { name: '已付款', exact: true }).click();
    await paidOrders;
    await page.getByRole('button', { name: '全部', exact: true }).click();
    await expect.poll(() => card.textContent()).toContain('部分退款');
    expect(await card.textContent()).toContain('已退 ¥5.00');
  });

  it('lists the searches that found nothing, most frequent first', async () => {
    await recordSearchMiss(w.database.db, w.coopId, '罐頭');
    await recordSearchMiss(w.database.db, w.coopId, '罐头');
    await recordSearchMiss(w.database.db, w.coopId, 'pear cider');
    await more(/没搜到的词/);
    // Wait for this screen's list: until it loads, `.cards li` may still be the More screen's links.
    await page.getByRole('heading', { name: /没搜到的词/ }).waitFor();
    const cards = page.locator('.cards li');
    await expect.poll(() => cards.allTextContents()).toEqual([expect.stringContaining('罐头'), expect.stringContaining('pear cider')]);
    expect(await cards.first().textContent()).toContain('2 次');
    await checkScreen(page, 'search-misses');
  });

  it('pages through the activity log with readable action names', async () => {
    // Enough entries for a second page (30 a page).
    const { token } = await createApiToken(w.database.db, { cooperativeId: w.coopId, role: 'editor', name: 'nightly-import' });
    for (let i = 0; i < 32; i++)
      await recordAudit(w.database.db, {
        cooperativeId: w.coopId,
        actor: { kind: 'token', tokenId: token.id, name: token.name },
        action: 'stock.adjust',
        entity: 'variant',
        entityId: `var_${i}`,
        before: { stock: i },
        after: { stock: i + 1 },
      });
    await more(/操作记录/);
    const entries = page.locator('.audit-entry');
    await entries.first().waitFor();
    expect(await entries.count()).toBe(30);
    expect(await entries.first().textContent()).toContain('调整库存');
    expect(await entries.first().textContent()).toContain('nightly-import (接口密钥)');
    await checkScreen(page, 'audit');
    await page.getByRole('button', { name: '加载更多' }).click();
    await expect.poll(() => entries.count()).toBeGreaterThan(30);
    const all = await entries.allTextContents();
    // The owner's own work from the tests above, in words.
    for (const words of ['退款', '修改合作社设置', '删除生产者', '新增生产者', '修改成员角色', '移出成员'])
      expect(
        all.some((text) => text.includes(words)),
        words,
      ).toBe(true);
    expect(all.some((text) => /\b[a-z]+\.[a-z_]+\b/.test(text.split('·')[0] ?? ''))).toBe(false);
  });

  it('names the actions in English on the English screen', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Activity log' }).waitFor();
    await expect.poll(() => page.locator('.audit-entry').first().textContent()).toContain('Adjusted stock');
    await checkScreen(page, 'audit-en');
    await page.getByRole('button', { name: '中文' }).click();
  });
});
