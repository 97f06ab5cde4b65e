import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorkspace } from './admin-harness';
import { checkScreen, phonePage, signIn } from './screen-check';

type Workspace = Awaited<ReturnType<typeof startWorkspace>>;

describe('a story’s date and places in the story form, in Chromium at 360 px (issue 11)', () => {
  let w: Workspace;
  let page: Page;
  let storyId: string;
  const stored = async () => {
    const row = await w.database.db
      .selectFrom('stories')
      .select(['date', 'date_sort_key', 'date_from_year', 'date_to_year'])
      .where('id', '=', storyId)
      .executeTakeFirstOrThrow();
    return { ...row, date: row.date === null ? null : JSON.parse(row.date) };
  };

  beforeAll(async () => {
    w = await startWorkspace();
    // The demo's grafting story: undated, linked from the old orchard on the museum map.
    storyId = (await w.database.db.selectFrom('stories').select('id').where('slug', '=', 'grafting-craft').executeTakeFirstOrThrow()).id;
    page = await phonePage(w.browser);
    await signIn(page, w.origin);
  });
  afterAll(() => w?.close());

  it('dates a story to the Qing, circa, saves it, reads it back after a reload, and removes it', async () => {
    expect((await stored()).date).toBeNull();
    await page.goto(`${w.origin}/admin/#/stories/${storyId}`);
    const field = page.getByRole('group', { name: '故事发生的时间（可不填）' });
    const precision = field.getByLabel('精确到');
    await precision.waitFor();
    expect(await precision.inputValue()).toBe('');
    // The place linked from the museum's place screen, as a link to it.
    const orchard = page.getByRole('link', { name: '河滩老梨园' });
    expect(await orchard.getAttribute('href')).toMatch(/^#\/museum-places\/plc_/);

    await precision.selectOption('period');
    await field.getByLabel('朝代 / 时期').selectOption('qing');
    await field.getByLabel('大约（显示“约”）').check();
    expect(await field.locator('[data-date-preview]').textContent()).toBe('显示为：约清（1644–1912年）');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await checkScreen(page, 'story-date');

    await page.getByRole('button', { name: '保存', exact: true }).click();
    await expect.poll(async () => (await stored()).date).toEqual({ precision: 'period', period: 'qing', circa: true });
    expect(await stored()).toMatchObject({ date_sort_key: 16_440_000, date_from_year: 1644, date_to_year: 1912 });

    await page.reload();
    const again = page.getByRole('group', { name: '故事发生的时间（可不填）' });
    await again.getByLabel('精确到').waitFor();
    expect(await again.getByLabel('精确到').inputValue()).toBe('period');
    expect(await again.getByLabel('朝代 / 时期').inputValue()).toBe('qing');
    expect(await again.getByLabel('大约（显示“约”）').isChecked()).toBe(true);

    // A year typed as 0 is refused beside the box, and nothing is saved.
    await again.getByLabel('精确到').selectOption('year');
    await again.getByLabel('年份（公元前用负数，如 -206）').fill('0');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    const year = again.getByLabel('年份（公元前用负数，如 -206）');
    await expect.poll(() => year.getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByText('请填写年份（整数，不能是 0）。').isVisible()).toBe(true);
    expect((await stored()).date).toEqual({ precision: 'period', period: 'qing', circa: true });

    // "Not given" removes the date.
    await again.getByLabel('精确到').selectOption('');
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await expect.poll(async () => (await stored()).date).toBeNull();
    expect(await stored()).toMatchObject({ date_sort_key: null, date_from_year: null, date_to_year: null });
  });
});
