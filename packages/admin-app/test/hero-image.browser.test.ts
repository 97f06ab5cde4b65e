import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorkspace } from './admin-harness';
import { checkScreen, phonePage, signIn } from './screen-check';

type Workspace = Awaited<ReturnType<typeof startWorkspace>>;

describe('the home page picture in the settings screen, in Chromium at 360 px (issue 13)', () => {
  let w: Workspace;
  let page: Page;
  const stored = async () =>
    (await w.database.db.selectFrom('cooperatives').select('hero_image').where('id', '=', w.coopId).executeTakeFirstOrThrow()).hero_image;

  beforeAll(async () => {
    w = await startWorkspace();
    page = await phonePage(w.browser);
    await signIn(page, w.origin);
    await page.getByRole('navigation').getByRole('link', { name: /更多/ }).click();
    await page.getByRole('link', { name: /设置/ }).click();
  });
  afterAll(() => w?.close());

  it('shows the demo’s picture, refuses a bad address on its field, saves a new one and removes it', async () => {
    const group = page.getByRole('group', { name: '首页大图' });
    const url = group.getByLabel('图片地址（如 /media/orchard.jpg 或 https://…）');
    await expect.poll(() => url.inputValue()).toBe('/media/blossom-walk.svg');
    expect(await group.getByRole('img').getAttribute('alt')).toBe('五龙河畔开满白花的老梨园');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await group.scrollIntoViewIfNeeded();
    await checkScreen(page, 'hero-image');

    // The server checks it like every other image reference: the reason shows on the field.
    await url.fill('javascript:alert(1)');
    await group.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => url.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#field-url-error').textContent()).not.toBe('');
    expect(JSON.parse((await stored())!).url).toBe('/media/blossom-walk.svg');

    await url.fill('/media/kong-rong-pears.svg');
    await group.getByLabel('照片说明（中文，必填）').fill('一大一小两只梨');
    await group.getByLabel('照片说明（英文）').fill('A large pear and a small pear');
    await group.getByRole('button', { name: '保存' }).click();
    await expect.poll(async () => JSON.parse((await stored()) ?? 'null')?.url).toBe('/media/kong-rong-pears.svg');
    expect(JSON.parse((await stored())!).alt).toEqual({ 'zh-CN': '一大一小两只梨', en: 'A large pear and a small pear' });
    expect(await url.getAttribute('aria-invalid')).toBeNull();

    await group.getByRole('button', { name: '不用首页大图' }).click();
    await expect.poll(() => stored()).toBeNull();
    await expect.poll(() => url.inputValue()).toBe('');
  });
});
